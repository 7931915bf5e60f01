import Foundation
import Testing
@testable import GalleyIngest
@testable import GalleyJSON
@testable import GalleyModel

/// The BBC development set from ../shared: every record becomes an article, and the human-
/// checked reference sentences are found among Galley's sentences.
@Suite struct BBCCorpusTests {
    static let file = Paths.shared.appendingPathComponent("data/bbc/dev.ndjson")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: file.path)))
    func everyRecordBecomesAnArticleAndReferenceSentencesMatch() throws {
        var articles = 0, references = 0, matched = 0
        let walker = InputWalker()
        try walker.walk([Self.file.path]) { item in
            guard case .article(let a) = item else { Issue.record("not an article: \(item)"); return }
            articles += 1
            let sentences = Set(a.sentences.map(\.text))
            for r in a.extra["reference_sentences"]?.arrayValue ?? [] {
                references += 1
                if let s = r.stringValue, sentences.contains(s) { matched += 1 }
            }
        }
        #expect(articles == 1_117)
        let share = Double(matched) / Double(references)
        #expect(share >= 0.98, "reference sentences matched: \(matched)/\(references)")
    }
}
