/// Renders report.md: the same findings as report.html, readable in a terminal or a forge.
public enum MarkdownReport {
    /// Article text in a table cell or a line: pipes escaped, one line, and no raw HTML (a
    /// title "<script>" from a hostile page would run in renderers that pass HTML through).
    /// Markdown's emphasis, code and link characters are escaped too: a title is text, not markup.
    static func cell(_ s: String) -> String {
        var out = ""
        for c in ReportText.visible(ReportText.oneLine(s)).unicodeScalars {
            switch c {
            case "|", "\\", "*", "_", "`", "[", "]": out += "\\" + String(c)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    public static func head(title: String, counts: [(String, String)]) -> String {
        var s = "# \(title)\n\n"
        s += counts.map { "**\($0.1)** \($0.0)" }.joined(separator: " · ") + "\n\n"
        return s
    }

    public static func reconciliation(_ groups: [FactGroup]) -> String {
        var s = "## Where the articles agree and disagree\n\n"
        guard !groups.isEmpty else { return s + "No fact about the same subject, entity and period appears in more than one article.\n\n" }
        for g in groups {
            s += "### \(g.title): \(g.verdict.rawValue)\n\n\(g.explanation)\n\n"
            for f in g.facts {
                s += "- **\(cell(f.text))** (\(cell(f.articleTitle)))"
                if !f.sentence.isEmpty { s += ": \"\(cell(ReportText.quote(f.sentence)))\"" }
                s += "\n"
            }
            s += "\n"
        }
        return s
    }

    public static func timeline(_ facts: [Fact], total: Int) -> String {
        let dated = facts.filter { $0.date != nil }.sorted { ($0.date ?? "") < ($1.date ?? "") }
        var s = "## Timeline of dated facts\n\n"
        guard !dated.isEmpty else { return s + "No dated facts.\n\n" }
        let shown = ReportSampling.evenly(dated, limit: 400)
        if shown.count < max(total, dated.count) {
            s += "\(shown.count) of \(max(total, dated.count)) dated facts, spread evenly over the dates; every one is in metrics.csv.\n\n"
        }
        s += "| date | fact | article |\n|---|---|---|\n"
        for f in shown { s += "| \(f.date ?? "") | \(cell(f.text)) | \(cell(f.articleTitle)) |\n" }
        return s + "\n"
    }

    public static let articlesClose = ""
    public static let articlesOpen = "## Articles\n\n| article | site | date | summary | top scenario |\n|---|---|---|---|---|\n"

    public static func articleRow(_ r: ArticleRow) -> String {
        let scenario = r.judgements.compactMap { j -> String? in
            guard let top = j.scores.first else { return nil }
            var s = "\(top.name) (\(Int((top.score * 100).rounded()))%)"
            if j.verdict == "undetermined" { s += " undetermined" }
            return r.judgements.count > 1 && !j.pack.isEmpty ? "\(j.pack): \(s)" : s
        }.joined(separator: "; ")
        var title = cell(r.title)
        if let d = r.duplicateOf { title += " (duplicate of \(d))" }
        if !r.errors.isEmpty { title += " ⚠ " + cell(r.errors.joined(separator: "; ")) }
        return "| \(title) | \(cell(r.site)) | \(r.published) | \(cell(r.summary)) | \(cell(scenario)) |\n"
    }
}

import Foundation
