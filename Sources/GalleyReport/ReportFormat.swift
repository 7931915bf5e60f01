/// The parts every report file is written from, in order: report.md and report.html say the
/// same things in their own markup.
public protocol ReportFormat {
    static func head(title: String, counts: [(String, String)]) -> String
    static func reconciliation(_ groups: [FactGroup]) -> String
    /// `facts` are a sample of `total` dated facts (all of them when the counts agree).
    static func timeline(_ facts: [Fact], total: Int) -> String
    static var articlesOpen: String { get }
    static func articleRow(_ r: ArticleRow) -> String
    /// Closes the articles table and the document.
    static var articlesClose: String { get }
}

extension MarkdownReport: ReportFormat {}
extension HTMLReport: ReportFormat {}
