import Foundation
import Testing
@testable import GalleyIngest
@testable import GalleyJSON
@testable import GalleyModel

@Suite struct RecordIngestTests {
    /// NewsAPI's shapes: "content": null falls back to the description as the body (it was an
    /// error), the " … [+1200 chars]" cut marker is dropped, and a whole response on one line
    /// says how to split it.
    @Test func newsAPIRecordsReadAsArticles() throws {
        let nullContent = try Ingester.article(fromRecord: try JSONParser.parse(#"{"title":"Meta cuts jobs","description":"Meta will cut 5% of staff, the company said on Tuesday.","content":null}"#), name: "r")
        #expect(nullContent.text == "Meta will cut 5% of staff, the company said on Tuesday." && nullContent.deck == nil)
        let cut = try Ingester.article(fromRecord: try JSONParser.parse(#"{"title":"T","content":"Meta will cut 5% of its staff. The cuts follow heavy AI spending… [+1200 chars]"}"#), name: "r")
        #expect(cut.text == "Meta will cut 5% of its staff. The cuts follow heavy AI spending")
        #expect {
            try Ingester.article(fromRecord: try JSONParser.parse(#"{"status":"ok","articles":[{"title":"T","content":"Body text here."}]}"#), name: "r")
        } throws: { ($0 as? IngestError)?.reason.contains("jq -c '.articles[]'") == true }
    }

    /// A text of one line is the body, not a title over nothing: a record's `text` is never
    /// emptied (its figures were lost to every analysis), nor is a headline piped alone.
    @Test(arguments: [#"{"id":"x","text":"BREAKING: Meta lays off 11,000 employees"}"#, #"{"id":"a","text":"Hello world. Bye."}"#])
    func aOneLineTextStaysTheBody(_ line: String) throws {
        let record = try JSONParser.parse(line)
        let a = try Ingester.article(fromRecord: record, name: "r")
        #expect(a.text == record["text"]?.stringValue && a.title == nil, "\(String(describing: a.title)) / \(a.text)")
        let plain = try Ingester.article(fromTextBytes: Array("Meta lays off 11,000 employees\n".utf8), name: "t")
        #expect(plain.text == "Meta lays off 11,000 employees" && plain.sentences.count == 1)
        // With a body after it, a headline is still the title.
        let headed = try Ingester.article(fromTextBytes: Array("Sony PSP\n\nThe console sold well. It was cheap.\n".utf8), name: "t")
        #expect(headed.title == "Sony PSP" && headed.text == "The console sold well. It was cheap.")
    }

    @Test func keepsTheRecordIdAndCarriesOtherFieldsThrough() throws {
        let record = try JSONParser.parse(#"{"id":"business-001","topic":"business","title":"Ad sales boost Time Warner profit","text":"Quarterly profits rose 76%.\n\nThe firm said so.","url":"http://x/y","budget":{"sentences":2},"reference_n":1.50}"#)
        let a = try Ingester.article(fromRecord: record, name: "dev.ndjson:1")
        #expect(a.id == "business-001")
        #expect(a.title == "Ad sales boost Time Warner profit")
        #expect(a.source.url == "http://x/y" && a.source.format == "json")
        #expect(a.extra.keys == ["topic", "budget", "reference_n"])
        let line = JSONWriter.string(a.json)
        #expect(line.contains(#""budget":{"sentences":2}"#) && line.contains(#""reference_n":1.50"#))
        #expect(a.sentences.map(\.text) == ["Quarterly profits rose 76%.", "The firm said so."])
    }

    @Test func numericIdsAndAliases() throws {
        let a = try Ingester.article(fromRecord: try JSONParser.parse(#"{"id":7,"headline":"H","body":"Text here.","author":"Jane Doe","date":"2025-01-02"}"#), name: "r")
        #expect(a.id == "7" && a.title == "H" && a.authors == ["Jane Doe"] && a.published == "2025-01-02")
    }

    @Test func galleyArticlesPassThroughUnchanged() throws {
        let first = try Ingester.article(fromRecord: try JSONParser.parse(#"{"id":"a","text":"One. Two."}"#), name: "r")
        let again = try Ingester.article(fromRecord: first.json, name: "r")
        #expect(again == first)
    }

    @Test func missingTextIsAClearError() {
        do {
            _ = try Ingester.article(fromRecord: try JSONParser.parse(#"{"id":"x9","title":"T"}"#), name: "in.ndjson:3")
            Issue.record("should fail")
        } catch let e as IngestError {
            #expect(e.description == "in.ndjson:3 (id x9): record has no 'text' field (keys: id, title)")
        } catch { Issue.record("\(error)") }
        #expect(throws: IngestError.self) { try Ingester.article(fromRecord: try JSONParser.parse(#"{"id":"x","text":5}"#), name: "r") }
        #expect(throws: IngestError.self) { try Ingester.article(fromRecord: try JSONParser.parse(#"[1]"#), name: "r") }
    }

    @Test func failedRecordsKeepTheirFields() {
        let e = IngestError(input: "f:2", reason: "bad")
        let a = Ingester.failed(e, id: "x", record: JSONObject([("id", "x"), ("topic", "t"), ("title", "T")]))
        #expect(a.id == "x" && a.errors.first?.code == GalleyErrorCode.invalidInput && a.extra.keys == ["topic"])
    }
}

@Suite struct PlainTextEdgeTests {
    func ingest(_ text: String) throws -> Article { try Ingester.article(fromTextBytes: Array(text.utf8), name: "t") }

    @Test func emptyAndBinaryInputsAreRefusedWithTheirName() {
        #expect(throws: IngestError.self) { try ingest("") }
        do { _ = try Ingester.article(fromTextBytes: [0, 1, 2, 3, 0x89], name: "photo.jpg"); Issue.record("should fail") }
        catch { #expect(error.description.hasPrefix("photo.jpg: looks like a binary file")) }
    }

    @Test func oversizedInputIsRefused() {
        #expect(throws: IngestError.self) {
            try Ingester.article(fromTextBytes: Array(repeating: 0x61, count: 2_000), name: "big", maximumBytes: 1_000)
        }
    }

    @Test func windows1252TextGetsAWarning() throws {
        let a = try Ingester.article(fromTextBytes: Array("Caf".utf8) + [0xE9, 0x20] + Array("opens today.".utf8), name: "t")
        #expect(a.text == "Café opens today." && a.source.encoding == "windows-1252" && a.warnings.count == 1)
    }

    @Test func aSingleHugeLineIsOneParagraph() throws {
        let text = String(repeating: "The market rose again today. ", count: 20_000)
        let a = try ingest(text)
        #expect(a.paragraphs.count == 1 && a.sentences.count == 20_000)
    }

    @Test func hardWrappedProseIsRejoined() throws {
        let a = try ingest("A headline that is long enough here\n\nThe company said on Monday that it would cut\njobs across several divisions this year.\n\nAnother paragraph follows here.")
        #expect(a.title == "A headline that is long enough here")
        #expect(a.paragraphs.first?.text == "The company said on Monday that it would cut jobs across several divisions this year.")
    }

    /// Line ends as old Mac files and some exports write them ("\r"), and as converting
    /// Windows line ends twice leaves them ("\r\r\n"), break lines like "\n" and "\r\n".
    @Test(arguments: ["\n", "\r\n", "\r", "\r\r\n"])
    func everyKindOfLineEndBreaksLines(_ end: String) throws {
        let text = ["A Headline For The Story", "", "The company said on Monday that it would cut", "jobs across several divisions this year.",
                    "", "A second paragraph follows here."].joined(separator: end)
        let a = try ingest(text)
        #expect(a.title == "A Headline For The Story")
        #expect(a.paragraphs.map(\.text) == ["The company said on Monday that it would cut jobs across several divisions this year.",
                                              "A second paragraph follows here."])
        #expect(!a.text.contains("\r"))
    }

    /// Text converted out of PDF: page numbers are furniture, and a word hyphenated at a
    /// line's end is joined without a space.
    @Test func pdfTextLosesPageNumbersAndKeepsHyphenatedWords() throws {
        let page = "The company announced on Monday that it would reduce its work-\nforce by about 12 percent over the next two quarters.\n\n"
        let a = try ingest("A Headline For The Story\n\n" + page + "Page 1 of 2\n\u{0C}" + page.replacingOccurrences(of: "Monday", with: "Friday") + "- 12 -\n\n2024/25\n\nSeite 3\n")
        #expect(a.paragraphs.first?.text == "The company announced on Monday that it would reduce its work-force by about 12 percent over the next two quarters.")
        #expect(Set(a.removed.filter { $0.reason == "chrome" }.map(\.text)) == ["Page 1 of 2", "12 -", "Seite 3"])  // "- 12 -" reads as a bullet
        #expect(a.text.contains("2024/25"))
    }

    @Test func wrappedLinesJoinOnlyAfterALongLine() {
        // 40 or more characters before the break (not just bytes): "é" is two bytes.
        let short = String(repeating: "é", count: 12) + " " + String(repeating: "é", count: 12)
        #expect(TextStructurer.readLines(short + "\nand the rest of it follows.").map(\.text) == [short, "and the rest of it follows."])
        let long = String(repeating: "é", count: 20) + " " + String(repeating: "é", count: 20)
        #expect(TextStructurer.readLines(long + "\nand the rest of it follows.").map(\.text) == [long + " and the rest of it follows."])
        // A line ending a sentence is not continued.
        let ended = "The company said on Monday that it would cut jobs."
        #expect(TextStructurer.readLines(ended + "\nand more text here.").count == 2)
    }

    /// Joining wrapped lines once made a new string per line: 40,000 lines took 4.5 s in a
    /// release build, 200,000 would take minutes. Appending in place keeps it linear.
    @Test(.timeLimit(.minutes(1))) func aLongWrappedParagraphIsJoinedInLinearTime() throws {
        let line = "the figures for the quarter were revised upward by"
        let text = Array(repeating: line, count: 200_000).joined(separator: "\n") + " analysts."
        let lines = TextStructurer.readLines(text)
        #expect(lines.count == 1)
        #expect(lines.first?.text.utf8.count == text.utf8.count)
    }

    /// A news page copied as text: the byline after the deck is read (a job title after its
    /// comma is no author), share buttons and the list of other stories go, and furniture
    /// inside the story ("Advertisement", "Read more: ...") is no end of it, so its last
    /// paragraphs stay.
    @Test func aCopiedNewsPage() throws {
        let a = try ingest("Skip to main content\nMenu\nSearch\nBusiness | Technology | Markets\nTech giant to cut 10,000 jobs as AI spending soars\nThe company says the cuts will fund its push into artificial intelligence\nBy Sarah Miller, Technology Reporter\nPublished 3 hours ago\nShare\nSave\nAdvertisement\nA major technology company will cut 10,000 jobs, about 6% of its workforce, as it redirects spending towards artificial intelligence, it said on Tuesday.\nThe cuts will fall mostly on its sales and recruiting teams, chief executive John Park wrote in a memo to staff.\n\"These are difficult decisions, but they position us to lead in AI,\" he wrote.\nRead more: Why tech firms keep cutting jobs\nThe company's shares rose 3% in early trading in New York.\nAnalysts at Morgan Stanley said the savings could reach $2bn a year.\nAdvertisement\nSign up for our Tech newsletter\nGet the latest news delivered to your inbox every week.\nSubscribe\nMore on this story\nChipmaker shares slide on weak forecast\nWhy AI is reshaping the jobs market\nRelated Topics\nArtificial intelligence\nJobs\n© 2025 The Ledger. All rights reserved.\nCookie settings\n")
        #expect(a.title == "Tech giant to cut 10,000 jobs as AI spending soars")
        #expect(a.deck == "The company says the cuts will fund its push into artificial intelligence")
        #expect(a.authors == ["Sarah Miller"])
        #expect(a.paragraphs.prefix(5).map { String($0.text.prefix(24)) } == ["A major technology compa", "The cuts will fall mostl",
                                                                          "\"These are difficult dec", "The company's shares ros", "Analysts at Morgan Stanl"])
        #expect(!a.paragraphs.contains { $0.kind == .heading })
        #expect(a.removed.contains { $0.text.hasPrefix("Chipmaker shares slide") })
    }

    @Test func bylinesBecomeAuthors() throws {
        let a = try ingest("Markets Slide on Rate Fears Again\nBy Jane Doe and John Roe\nPublished March 3, 2025\n\nStocks fell sharply on Tuesday as investors worried about rates. The index lost 2%.")
        #expect(a.authors == ["Jane Doe", "John Roe"])
        #expect(a.published == "2025-03-03")
        #expect(a.paragraphs.count == 1)
    }
}

/// Time stamps, read times, view counters and source credits are told from prose by their words.
@Suite struct StampAndCreditTests {
    func ingest(_ text: String) throws -> Article { try Ingester.article(fromTextBytes: Array(text.utf8), name: "t") }
    static let prose = "The council approved the new budget on Monday after a long debate. Members said the plan would fund schools and roads for the next decade."

    @Test(arguments: ["3 hours ago", "marsbit9 h fa", "5 min read", "1.2K views", "12 comments", "340 Shares", "2 giorni fa",
                      "3 HOURS AGO", "5 Min Read", "1.2K VIEWS"])
    func stampsAreMetadata(_ stamp: String) throws {
        let a = try ingest("A Headline For The Story Today\n\n\(stamp)\n\n\(Self.prose)\n")
        #expect(a.removed.contains { $0.reason == "metadata" && $0.text == stamp }, "\(stamp): \(a.removed)")
        #expect(!a.text.contains(stamp))
    }

    @Test(arguments: ["3 hours of talks ended", "5 min drive away", "The 12 comments he made", "Views of 12 experts"])
    func proseWithTheSameWordsIsNot(_ line: String) throws {
        let a = try ingest("A Headline For The Story Today\n\n\(Self.prose)\n\n\(line).\n")
        #expect(!a.removed.contains { $0.text.hasPrefix(line) }, "\(line): \(a.removed)")
    }

    @Test(arguments: ["Page 3 of 10", "PAGE 3", "p. 12", "Seite 4", "Página 2 de 9", "- 12 -", "12 –", "3 / 10", "1 OF 5"])
    func pageNumbersAreChrome(_ counter: String) throws {
        #expect(TextStructurer.mayBePageNumber(counter), "the quick check must not turn away \(counter)")
        let a = try ingest("A Headline For The Story Today\n\n\(Self.prose)\n\n\(counter)\n\n\(Self.prose)\n")
        #expect(a.removed.contains { $0.reason == "chrome" }, "\(counter): \(a.removed)")
    }

    @Test(arguments: ["2024 budget", "Arsenal 3 Chelsea 1", "£12m deal"])
    func shortLinesWithDigitsAreNotPageNumbers(_ line: String) {
        #expect(!TextStructurer.mayBePageNumber(line))
    }

    @Test func sourceCreditsAreRead() throws {
        let a = try ingest("A Headline For The Story Today\n\n\(Self.prose)\n\nSource: Reuters\n")
        #expect(a.sources == ["Reuters"], "\(a.sources)")
        let b = try ingest("A Headline For The Story Today\n\n\(Self.prose)\n\nSourcing: local\n")
        #expect(b.sources.isEmpty)
    }
}
