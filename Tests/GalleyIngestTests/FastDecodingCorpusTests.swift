import Foundation
import Testing
@testable import GalleyIngest
@testable import GalleyJSON
@testable import GalleyModel

/// The fast Article reader (`Article.fastDecoded`) against the general one on real articles:
/// every ingested seed, BBC article and saved web page reads back to the very same Article.
@Suite struct FastDecodingCorpusTests {
    static func articles(_ paths: [String]) throws -> [Article] {
        var out: [Article] = []
        try InputWalker().walk(paths) { item in if case .article(let a) = item { out.append(a) } }
        return out
    }

    static func check(_ articles: [Article]) throws {
        for a in articles {
            let line = a.jsonLine
            let general = try Article(json: try JSONParser.parse(line))
            guard let fast = Article.fastDecoded(line[...]) else {
                Issue.record("fast path declined \(a.id)")
                continue
            }
            // Byte equality of the re-written lines also checks the order of carried fields.
            #expect(fast.jsonLine == general.jsonLine, "\(a.id)")
            #expect(fast == a, "\(a.id)")
        }
    }

    @Test func seedsReadBackIdentically() throws {
        let articles = try Self.articles([Paths.seeds.path])
        #expect(articles.count == 5)
        try Self.check(articles)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: BBCCorpusTests.file.path)))
    func bbcArticlesReadBackIdentically() throws {
        let articles = try Self.articles([BBCCorpusTests.file.path])
        #expect(articles.count == 1_117)
        try Self.check(articles)
    }

    static let pages = Paths.shared.appendingPathComponent("data/aeb/html")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: pages.path)))
    func webPagesReadBackIdentically() throws {
        let articles = try Self.articles([Self.pages.path])
        #expect(articles.count > 50)
        try Self.check(articles)
    }
}
