import Testing
import GalleyJSON
@testable import GalleyIngest
import GalleyModel

/// The line clean-up pieces, including the stretches their 8-byte fast paths skip.
@Suite struct LineCleanerTests {
    /// Control characters (a NUL in a scraped text) go, like invisible ones: "budget.\0 Spending"
    /// was one sentence, with the NUL in a summary. A tab stays (it separates table cells).
    @Test func controlCharactersGo() {
        #expect(LineCleaner.clean("The budget.\u{0} Spending will rise.\u{1B}\u{7F}") == "The budget. Spending will rise.")
        #expect(LineCleaner.clean("Town\tRain") == "Town\tRain")
        #expect(LineCleaner.needsCleaning("plain ascii text long enough\u{0}") && !LineCleaner.needsCleaning("plain\ttext of eight+ bytes"))
        // A record's title and names lose them too.
        let a = try? Ingester.article(fromRecord: .object(JSONObject([("id", "a"), ("title", "Bad\u{0} title\u{1B}"), ("text", "Fine text.")])), name: "r")
        #expect(a?.title == "Bad title")
    }

    @Test func explicitCellsAtEveryOffset() {
        #expect(LineCleaner.explicitCells("Revenue rose to a record level this year") == nil)
        #expect(LineCleaner.explicitCells("two  spaces are not a column separator") == nil)
        #expect(LineCleaner.explicitCells("Name\tRole\tSince") == ["Name", "Role", "Since"])
        #expect(LineCleaner.explicitCells("| Company | Cuts |") == ["Company", "Cuts"])
        // A run of three spaces at every position across the 8-byte blocks, and at the end.
        for k in 0..<20 {
            let left = String(repeating: "x", count: k + 1)
            #expect(LineCleaner.explicitCells(left + "   " + "right side") == [left, "right side"], "offset \(k)")
            #expect(LineCleaner.explicitCells(left + "  " + "right side") == nil, "offset \(k)")
            #expect(LineCleaner.explicitCells(left + "\t" + "right") == [left, "right"], "offset \(k)")
        }
    }

    /// Text converted to markdown: links keep their words, pictures inside a line go, autolinks
    /// and code spans lose their marks; a blockquote's ">" goes when words follow it. The
    /// markers sit at every offset of the 8-byte blocks the fast check skips.
    @Test func markdownInlineSyntax() {
        let cases: [(String, String)] = [
            ("after [the Federal Reserve](https://fed.gov/x) signalled", "after the Federal Reserve signalled"),
            ("see [the article][3] for more", "see the article for more"),
            ("a [page](https://en.wikipedia.org/wiki/Meta_(company)) about it", "a page about it"),
            ("growth ![chart](https://x.example/c.png) slowed", "growth  slowed"),
            ("read <https://example.com/full-story> today", "read https://example.com/full-story today"),
            ("analysts at `Goldman` agree", "analysts at Goldman agree"),
            ("brackets [like these] and a < b stay", "brackets [like these] and a < b stay"),
            ("a lone ` backtick stays", "a lone ` backtick stays"),
        ]
        for (raw, clean) in cases {
            for k in 0..<9 {
                let pad = String(repeating: "x", count: k) + " "
                #expect(LineCleaner.clean(pad + raw) == pad + clean, "offset \(k): \(raw)")
            }
        }
        #expect(LineCleaner.markdownImageAlt("![A trader on the floor](https://img.example.com/a.jpg)") == "A trader on the floor")
        #expect(LineCleaner.markdownImageAlt("![A trader](a.jpg) and more") == nil)
        #expect(LineCleaner.stripBlockquote("> \"We are not done,\" the chair said.") == "\"We are not done,\" the chair said.")
        #expect(LineCleaner.stripBlockquote(">> Nested quote here") == "Nested quote here")
        #expect(LineCleaner.stripBlockquote("> 50% of staff") == "> 50% of staff")  // "more than": kept
    }

    /// Links whose brackets nest, stay open or sit inside words: pinned as the first, quadratic
    /// version of the link search read them (the linear one must read them the same).
    @Test func trickyMarkdownLinks() {
        let cases: [(String, String)] = [
            ("see [the [inner] words](https://x.example/a) now", "see [the [inner] words](https://x.example/a) now"),
            ("[outer [inner](https://a.example/b) text]", "outer [inner text]"),
            ("an [open bracket and a [link](u) after", "an open bracket and a [link after"),
            ("a [b](c(d)e) f", "a b f"),
            ("a [b](c(d) f", "a [b](c(d) f"),
            ("a [b](c)) f", "a b) f"),
            ("text[a](b)text", "textatext"),
            ("[x][1] and [y][ and [z]", "x and y"),
            ("[x][1] and [y][ open", "x and [y][ open"),
            ("![img](u)[a](b) ![c](d", "a ![c](d"),
            ("[[[x](y)]]", "[[x]]"),
            ("<https://a.example/x y> and <https://b.example/z>", "<https://a.example/x y> and https://b.example/z"),
            ("<ht <https://a.example/z>", "<ht https://a.example/z"),
        ]
        for (raw, clean) in cases {
            #expect(LineCleaner.clean(raw) == clean, "\(raw)")
        }
    }

    /// Each "[" and "<" once searched to the end of the line for its "]", ")" or ">": a line of
    /// "[a](" repeated 100,000 times (400 KB) took 9 s in a release build. Each line here took
    /// 20-40 s in a debug build (the one `swift test` makes); now each takes milliseconds.
    @Test(.timeLimit(.minutes(1))) func markdownInlineIsLinearInTheLine() {
        let n = 40_000
        let lines = [
            String(repeating: "[a](", count: n),                                     // no ")" closes a link
            String(repeating: "[", count: n) + "x" + String(repeating: "]", count: n) + String(repeating: "(", count: n),
            String(repeating: "<ht", count: 25_000),                                 // no ">" closes an autolink
            String(repeating: "<https://x", count: 8_000) + " >",                    // a space before the ">"
        ]
        for line in lines {
            var cleaned = ""
            let took = ContinuousClock().measure { cleaned = LineCleaner.clean(line) }
            #expect(took < .seconds(5), "\(line.prefix(12))...: \(took)")
            #expect(cleaned.utf8.count == line.utf8.count, "\(line.prefix(12))...")  // no link: kept
        }
    }

    /// Emphasis markers that pair, nest, stay open or sit inside words: pinned as the first,
    /// quadratic version read them.
    @Test func trickyEmphasis() {
        let cases: [(String, String)] = [
            ("a **bold** and *it* word", "a bold and it word"),
            ("2*3*4 = 24", "2*3*4 = 24"),
            ("*open and never closed", "*open and never closed"),
            ("**a *b* c**", "a b c"),
            ("snake_case_name and __init__ here", "snake_case_name and init here"),
            ("*a* *b", "a *b"),
            ("* not emphasis *", "* not emphasis *"),
            ("x *y*z* w", "x y*z w"),
            ("**a**a**a", "*aa*a"),  // no "**" closes before a letter; single stars then pair
        ]
        for (raw, clean) in cases {
            #expect(LineCleaner.stripEmphasis(raw) == clean, "\(raw)")
        }
    }

    /// Each opening "*" once searched the rest of the line for its close: "*a" repeated 50,000
    /// times (100 KB) took 107 s in a release build.
    @Test(.timeLimit(.minutes(1))) func emphasisIsLinearInTheLine() {
        for (line, kept) in [(String(repeating: "*a", count: 30_000), true), (String(repeating: "__a", count: 20_000), true),
                             (String(repeating: "**a", count: 20_000), false)] {
            var cleaned = ""
            let took = ContinuousClock().measure { cleaned = LineCleaner.stripEmphasis(line) }
            #expect(took < .seconds(5), "\(line.prefix(6))...: \(took)")
            #expect((cleaned == line) == kept, "\(line.prefix(6))...")  // nothing closes, or single stars pair
        }
    }

    @Test func markdownPicturesAreCaptionsAndLinksKeepTheirWords() throws {
        let text = "# Markets Slide On Rate Fears\n\nStocks fell on Tuesday after [the Federal Reserve](https://fed.gov/x) signalled more hikes, investors said.\n\n![A trader on the floor](https://img.example.com/a.jpg)\n\n> Analysts expect the central bank to raise rates again in March, a survey showed.\n"
        let a = try Ingester.article(fromTextBytes: Array(text.utf8), name: "t")
        #expect(a.paragraphs.map(\.text) == ["Stocks fell on Tuesday after the Federal Reserve signalled more hikes, investors said.",
                                              "Analysts expect the central bank to raise rates again in March, a survey showed."])
        #expect(a.removed.map(\.reason) == ["caption"] && a.removed.first?.text == "A trader on the floor")
    }

    /// A markdown table: the rule under the header row is markup, so the header and the rows
    /// make one table, with its header.
    @Test func aMarkdownTableKeepsItsHeaderRow() throws {
        let text = "Cuts By Region\n\nThe company gave the figures on Monday, region by region.\n\n| Region | Jobs cut | Share |\n|:---|---:|:---:|\n| Europe | 1,200 | 12% |\n| Asia | 800 | 8% |\n"
        let a = try Ingester.article(fromTextBytes: Array(text.utf8), name: "t")
        #expect(a.tables.count == 1)
        #expect(a.tables.first?.rows == [["Region", "Jobs cut", "Share"], ["Europe", "1,200", "12%"], ["Asia", "800", "8%"]])
        #expect(a.tables.first?.header == true)
        #expect(!a.removed.contains { $0.text.contains("---") })
        var rule = Array("| --- | :-: |".utf8), prose = Array("| not - a rule |".utf8)
        #expect(rule.withUnsafeMutableBufferPointer { TextStructurer.isMarkdownTableRule(UnsafeBufferPointer($0)) })
        #expect(!prose.withUnsafeMutableBufferPointer { TextStructurer.isMarkdownTableRule(UnsafeBufferPointer($0)) })
    }

    @Test func bulletsAndItemNumbers() {
        #expect(LineCleaner.splitBullet("• First point") == (.unordered, "First point"))
        #expect(LineCleaner.splitBullet("12) Twelfth item of a long list of things") == (.ordered("12"), "Twelfth item of a long list of things"))
        #expect(LineCleaner.splitBullet("(3) Third") == (.ordered("3"), "Third"))
        #expect(LineCleaner.splitBullet("a) An item") == (.ordered("a"), "An item"))
        #expect(LineCleaner.splitBullet("2024. The year the cuts came") == (nil, "2024. The year the cuts came"))
        #expect(LineCleaner.splitBullet("\"Quoted opening,\" he said.") == (nil, "\"Quoted opening,\" he said."))
        #expect(LineCleaner.splitBullet("1.") == (nil, "1."))
    }

    /// The one-pass spacing check agrees with what the cell split and the space collapsing do,
    /// for tabs, pipes, double spaces and end spaces at every offset across the 8-byte blocks.
    @Test func spacingPredictsCellsAndCollapsing() {
        var lines = ["", " ", "plain words here", "a  b", " lead", "trail ", "x|y", "a\tb", "a   b   c"]
        for k in 0..<20 {
            let left = String(repeating: "w", count: k)
            lines += [left + "  x", left + "\t", left + "|", left + " ", " " + left, left + " " + left]
        }
        for t in lines {
            let spacing = LineCleaner.Spacing(t)
            #expect(spacing.isCollapsed == (LineCleaner.collapseSpaces(t) == t), "\(t.debugDescription)")
            if !spacing.mayHaveCells { #expect(LineCleaner.explicitCells(t) == nil, "\(t.debugDescription)") }
        }
    }

    @Test func cleaningIsNeededOnlyForWhatItChanges() {
        #expect(!LineCleaner.needsCleaning("Plain ASCII text with no markup, longer than a block."))
        #expect(LineCleaner.needsCleaning("Plain text then an escaped \\* star"))
        #expect(LineCleaner.needsCleaning("Plain text then a non\u{00A0}breaking space"))
        #expect(!LineCleaner.needsCleaning("Plain text then café and “quotes”"))
        for k in 0..<12 {
            #expect(LineCleaner.needsCleaning(String(repeating: "a", count: k) + "\u{200B}zero-width"), "offset \(k)")
        }
        // Every character `clean` replaces or drops is seen (the word joiner was missed once).
        for c in ["\u{00A0}", "\u{00AD}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{200D}", "\u{202F}", "\u{205F}", "\u{2060}", "\u{FEFF}", "\u{3000}"] {
            let line = "Plain text long enough" + c + "to span blocks"
            #expect(LineCleaner.needsCleaning(line), "U+\(String(c.unicodeScalars.first!.value, radix: 16))")
            #expect(LineCleaner.clean(line) != line)
        }
    }
}
