import Foundation
import XCTest
import GalleyTestSupport
@testable import GalleyHTML

/// Random and truncated markup: the parser and the extractor must always finish, quickly,
/// whatever they are fed.
final class FuzzTests: XCTestCase {
    static let fragments: [String] = [
        "<", ">", "</", "/>", "<!--", "-->", "--!>", "<!", "<?", "&", "&amp", "&amp;", "&#", "&#x", "&#x1F600;", "&#99999999;",
        "&notin", ";", "\"", "'", "=", " ", "\n", "\t", "p", "div", "script", "style", "title", "textarea", "svg", "math",
        "template", "table", "tr", "td", "th", "li", "ul", "ol", "a", "b", "i", "h1", "option", "select", "br", "img",
        "plaintext", "noscript", "iframe", "body", "head", "html", "class=", "id=", "href=", "x", "word ", "é", "😀",
        "\u{0}", "<![CDATA[", "]]>", "<p>", "</p>", "<div class='content'>", "</div>", "<script>", "</script>",
        "<table><tr><td>", "<li>", "<b><i>", "</b>", "<svg><path/>", "</svg>", "<template>", "</template>",
        "<meta charset=windows-1252>", "<title>", "</title>", "The council approved the plan on Monday, officials said. ",
    ]

    private func randomPage(_ rng: inout SplitMix) -> [UInt8] {
        var bytes: [UInt8] = []
        let n = rng.below(300)
        for _ in 0..<n {
            if rng.below(20) == 0 {
                bytes.append(UInt8(truncatingIfNeeded: rng.next()))  // raw bytes, often invalid UTF-8
            } else {
                bytes.append(contentsOf: Array(Self.fragments[rng.below(Self.fragments.count)].utf8))
            }
        }
        return bytes
    }

    /// Parses and extracts, failing when one page takes unreasonably long (a loop or a blow-up).
    private func survive(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        let start = Date()
        let page = HTMLExtractor.extract(bytes: bytes)
        _ = page.bodyText
        let d = HTMLParser.parse(utf8: Array(HTMLEncoding.decode(bytes).utf8))
        XCTAssertGreaterThanOrEqual(d.nodes.count, 1)
        for (i, node) in d.nodes.enumerated().dropFirst() {
            // Every node hangs below an earlier one: the tree has no cycles.
            XCTAssertLessThan(Int(node.parent), i, label())
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 2.0, "slow on \(label())")
    }

    func testRandomMarkupSoup() {
        var rng = SplitMix(seed: 20_251_125)
        for k in 0..<1500 {
            let page = randomPage(&rng)
            survive(page, "random page \(k): \(String(decoding: page.prefix(200), as: UTF8.self))")
        }
    }

    func testRandomBytes() {
        var rng = SplitMix(seed: 99)
        for k in 0..<300 {
            let page = (0..<rng.below(2000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            survive(page, "random bytes \(k)")
        }
    }

    func testTokenizerAlwaysAdvances() {
        var rng = SplitMix(seed: 5)
        for _ in 0..<500 {
            let page = randomPage(&rng)
            page.withUnsafeBufferPointer { buffer in
                var t = HTMLTokenizer(buffer)
                var count = 0
                var last = -1
                while t.next() != .endOfFile {
                    count += 1
                    XCTAssertGreaterThanOrEqual(t.position, last)
                    last = t.position
                    if t.tag.isRawText || t.tag.isEscapableRawText { t.pendingRawText = t.tag }
                    if count > page.count + 2 { XCTFail("more tokens than bytes: the tokenizer is not advancing"); return }
                }
            }
        }
    }

    static let samplePage = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Storm hits coast | Daily</title>
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm hits coast","datePublished":"2024-05-01"}</script>
        <style>.a{color:red}</style></head><body><nav><a href=/>Home</a><a href=/world>World</a></nav>
        <article class="story"><h1>Storm hits coast</h1><p class="byline">By Jane Doe</p>
        <p>The storm reached the coast early on Monday, bringing winds of more than 100 km/h &amp; heavy rain.</p>
        <p>Officials said about 3,000 homes lost power, and schools in the region stayed closed.</p>
        <ul><li>Roads closed: 12</li><li>Flights cancelled: 40</li></ul>
        <table><tr><th>Town<th>Rain<tr><td>Bay<td>80 mm</table><!-- a comment -->
        <figure><img src=x.jpg><figcaption>Waves at the harbour.</figcaption></figure>
        <script>var x = "<p>not text</p>";</script></article><footer>© Daily</footer></body></html>
        """

    func testEveryTruncationOfAPage() {
        let bytes = Array(Self.samplePage.utf8)
        for n in 0...bytes.count {
            survive(Array(bytes.prefix(n)), "sample page cut at \(n)")
        }
    }

    func testTruncatedSharedPages() throws {
        let folder = "../shared/data/aeb/html"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw XCTSkip("shared benchmark data not found at \(folder)")
        }
        var rng = SplitMix(seed: 11)
        for name in names.sorted().prefix(6) where name.hasSuffix(".html.gz") {
            let html = try Gzip.decompress([UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
            for _ in 0..<8 {
                let cut = rng.below(html.count)
                survive(Array(html.prefix(cut)), "\(name) cut at \(cut)")
                // Damage a few bytes in the middle as well.
                var damaged = html
                for _ in 0..<20 { damaged[rng.below(damaged.count)] = UInt8(truncatingIfNeeded: rng.next()) }
                survive(damaged, "\(name) damaged")
            }
        }
    }
}

/// Large and degenerate pages: everything stays roughly linear in the page size.
final class ScaleTests: XCTestCase {
    private func timed(_ label: String, _ html: String, limit: Double) {
        let start = Date()
        let page = HTMLExtractor.extract(html: html)
        _ = page.bodyText
        let seconds = Date().timeIntervalSince(start)
        XCTAssertLessThan(seconds, limit, "\(label) took \(seconds)s")
    }

    func testManyShortLines() {
        timed("50k short lines", String(repeating: "<p>Short line</p>", count: 50_000), limit: 20)
    }

    func testManyLinksAndHeadings() {
        timed("20k links", "<ul>" + String(repeating: "<li><a href=/x>Some link text</a></li>", count: 20_000) + "</ul>", limit: 20)
        timed("20k headings", String(repeating: "<h2>Section</h2><p><a href=/>x</a></p>", count: 20_000), limit: 20)
    }

    /// Each attribute's name was compared with every earlier one of its tag, to drop duplicates:
    /// one `<div>` with 200,000 attributes (2.2 MB) took 29 s in a release build, and the
    /// 30,000 here about a minute in a debug build (the one `swift test` makes).
    func testATagWithVeryManyAttributes() {
        let names = (0..<30_000).map { "a\($0)=x" }.joined(separator: " ")
        timed("30k attributes", "<div " + names + "><p>The council approved the plan on Monday, officials said.</p></div>", limit: 5)
        var html = "<div " + names + " A7=dup>"
        let count = html.withUTF8 { buffer in
            var t = HTMLTokenizer(buffer)
            _ = t.next()
            return t.attributes.count
        }
        XCTAssertEqual(count, 30_000)
    }

    func testDeepInlineNestingAndUnclosedTags() {
        timed("deep spans", String(repeating: "<span class=a>", count: 30_000) + "text" , limit: 20)
        timed("unclosed formatting", String(repeating: "<b><i><p>word ", count: 10_000), limit: 20)
        timed("unclosed tables", String(repeating: "<table><tr><td>cell ", count: 5_000), limit: 20)
    }
}
