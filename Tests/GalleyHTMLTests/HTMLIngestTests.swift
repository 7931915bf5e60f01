import Foundation
import XCTest
import GalleyJSON
import GalleyModel
@testable import GalleyIngest

/// HTML through the ingest entry points: files, folders, gzip, records with an `html`
/// field. Every path yields the same Article model as plain text.
final class HTMLIngestTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("galley-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func articles(_ paths: [String]) throws -> [Article] {
        var out: [Article] = []
        try InputWalker().walk(paths) { item in
            switch item {
            case .article(let a), .failed(let a, _): out.append(a)
            case .problem(let e): XCTFail("\(e)")
            case .skipped, .ignored: break
            }
        }
        return out
    }

    /// Random bytes named .html, or gzipped, are no page: an error record, not an article of
    /// garbled text whose "facts" reach the reports. A stray NUL in a real page is tolerated.
    func testBinaryBytesNamedAsAPageAreRefused() throws {
        var generator = SystemRandomNumberGenerator()
        var noise = (0..<5_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        noise[0] = UInt8(ascii: "<")  // never a UTF-16 byte order mark
        try Data(noise).write(to: folder.appendingPathComponent("noise.html"))
        try Data("<html><body><h1>A Real Title Here</h1><p>Text with a stray \u{0} byte. Another sentence here.</p></body></html>".utf8)
            .write(to: folder.appendingPathComponent("page.html"))
        let got = try articles([folder.path])
        XCTAssertEqual(got.count, 2)
        XCTAssertEqual(got.first?.errors.first?.message.contains("looks like a binary file"), true, "\(got.first?.errors ?? [])")
        XCTAssertEqual(got.last?.errors, [])
        XCTAssertEqual(got.last?.title, "A Real Title Here")
    }

    func testArticleFromHTML() throws {
        let a = Ingester.article(fromHTML: GalleyHTMLTestPages.news, known: KnownFields(id: "storm-1"))
        XCTAssertEqual(a.id, "storm-1")
        XCTAssertEqual(a.title, "Storm hits coast")
        XCTAssertEqual(a.published, "2019-11-19T08:00:00Z")
        XCTAssertEqual(a.authors, ["Jane Doe"])
        XCTAssertEqual(a.source.format, "html")
        XCTAssertEqual(a.source.site, "The Courier")
        XCTAssertEqual(a.language, "en")
        XCTAssertEqual(a.paragraphs.map(\.kind), [.paragraph, .paragraph, .heading, .paragraph, .listItem, .listItem, .tableRow, .tableRow])
        XCTAssertEqual(a.lists.first?.items, ["Coastal roads remain closed until further notice.", "Ferries to the islands are cancelled on Tuesday."])
        XCTAssertEqual(a.tables.first?.rows, [["Town", "Rain"], ["Bayport", "80 mm"]])
        XCTAssertEqual(a.sections.map(\.heading), [nil, "What happens next"])
        XCTAssertTrue(a.removed.contains { $0.reason == "navigation" && $0.line == nil })
        XCTAssertTrue(a.removed.contains { $0.reason == "caption" })
        // Offsets point into the body text.
        for p in a.paragraphs {
            let scalars = Array(a.text.unicodeScalars)
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[p.start..<p.end])), p.text)
        }
        XCTAssertFalse(a.sentences.isEmpty)
        // The wire form reads back as the same article.
        XCTAssertEqual(try Article(json: a.json), a)
    }

    func testDeclaredLanguageYieldsToClearEvidence() {
        let italian = "<html lang=en><body><p>Il consiglio comunale ha approvato il bilancio della città dopo un lungo dibattito, e la decisione è stata accolta con favore dai cittadini che lo chiedevano da anni.</p></body></html>"
        XCTAssertEqual(Ingester.article(fromHTML: italian).language, "it")
        XCTAssertEqual(Ingester.article(fromHTML: "<html lang=de><p>Kurz.</p>").language, "de")
    }

    /// A column or a list may say the same thing twice: no cell or item is taken out as a
    /// duplicate (the cells after it shifted into the wrong columns).
    func testRepeatedCellsAndItemsStay() {
        let prose = "<p>The city council voted on Tuesday to approve a new budget that increases spending on public transit by twelve percent over the next fiscal year.</p><p>Officials said the plan would add bus routes in the northern districts and extend service hours on weekends, citing rising ridership.</p>"
        let html = "<html><body><article><h1>Council approves transit budget</h1>\(prose)<table><tr><th>Line</th><th>Note</th></tr><tr><td>Route 1</td><td>No change to weekend service.</td></tr><tr><td>Route 2</td><td>No change to weekend service.</td></tr></table><ul><li>Adds three new bus routes north</li><li>Adds three new bus routes north</li></ul></article></body></html>"
        let a = Ingester.article(fromHTML: html)
        XCTAssertEqual(a.tables.first?.rows, [["Line", "Note"], ["Route 1", "No change to weekend service."], ["Route 2", "No change to weekend service."]])
        XCTAssertEqual(a.lists.first?.items.count, 2)
        XCTAssertFalse(a.removed.contains { $0.reason == "duplicate" })
    }

    /// A page that shows its date but declares none (no JSON-LD, no meta) gets it from the
    /// dated line taken out as metadata, not from an "Updated" line.
    func testAVisibleDateLineIsThePublicationDate() {
        let prose = "<p>The city council voted on Tuesday to approve a new budget that increases spending on public transit by twelve percent over the next fiscal year.</p><p>Officials said the plan would add bus routes in the northern districts and extend service hours on weekends, citing rising ridership.</p>"
        let html = "<html><body><article><h1>Council approves transit budget</h1><p class=\"date\">Updated: March 9, 2024</p><p class=\"date\">Published: March 5, 2024</p>\(prose)</article></body></html>"
        let a = Ingester.article(fromHTML: html)
        XCTAssertEqual(a.published, "2024-03-05", "\(a.removed)")
    }

    /// A byline's names end at its line break: what follows is an agency, a job or a date.
    func testBylineNamesEndAtALineBreak() {
        let prose = "<p>The storm hit the coast on Monday and thousands of homes lost power across the region, officials said in a statement.</p><p>Crews worked through the night to restore power to hospitals and schools, and most homes had it back by Tuesday.</p>"
        func authors(_ byline: String) -> [String] {
            Ingester.article(fromHTML: "<html><body><article><h1>Storm hits the coast</h1><div class=\"byline\">\(byline)</div>\(prose)</article></body></html>").authors
        }
        XCTAssertEqual(authors("By Jane Doe<br>Associated Press"), ["Jane Doe"])
        XCTAssertEqual(authors("By Jane Doe and John Roe<br>Monday, March 4, 2024"), ["Jane Doe", "John Roe"])
        XCTAssertEqual(authors("By Jane Doe<br>Transport correspondent"), ["Jane Doe"])
    }

    /// An FAQ section on a page reads as FAQ pairs, as it does in text (it read as headings and
    /// paragraphs, so summaries could quote its questions).
    func testAnFAQSectionOnAPageIsRead() {
        let prose = "<p>The city council voted on Tuesday to approve a new budget that increases spending on public transit by twelve percent over the next fiscal year.</p><p>Officials said the plan would add bus routes in the northern districts and extend service hours on weekends, citing rising ridership.</p>"
        let faq = "<h2>FAQs</h2><h3>When does the budget take effect?</h3><p>The budget takes effect on July 1, after a final vote.</p><details><summary>Will fares go up?</summary><p>No. Fares stay the same for the whole year.</p></details><h2>What comes next</h2><p>The council meets again in June to set the parks budget for the coming year, officials said.</p>"
        let a = Ingester.article(fromHTML: "<html><body><article><h1>Council approves transit budget</h1>\(prose)\(faq)</article></body></html>")
        XCTAssertEqual(a.faq.map(\.question), ["When does the budget take effect?", "Will fares go up?"])
        XCTAssertEqual(a.faq.first?.answer, "The budget takes effect on July 1, after a final vote.")
        XCTAssertTrue(a.sentences.contains { $0.text.hasPrefix("The council meets again") && $0.kind == .paragraph })
        // A related-links block taken out after the FAQ ends it: the paragraph after is no answer.
        let related = "<div class=\"related-articles\"><h3>Related stories</h3><ul><li><a href=\"/a\">Parks budget delayed again</a></li><li><a href=\"/b\">Bus fares frozen for a year</a></li><li><a href=\"/c\">New mayor sworn in</a></li></ul></div>"
        let tail = "<p>The council meets again in June to set the parks budget for the coming year, officials said.</p>"
        let b = Ingester.article(fromHTML: "<html><body><article><h1>Council approves transit budget</h1>\(prose)<h2>FAQs</h2><h3>Will fares go up?</h3><p>No. Fares stay the same for the whole year.</p>\(related)\(tail)</article></body></html>")
        XCTAssertEqual(b.faq.map(\.answer), ["No. Fares stay the same for the whole year."])
        XCTAssertTrue(b.removed.contains { $0.reason == "related" }, "\(b.removed)")
        XCTAssertTrue(b.sentences.contains { $0.text.hasPrefix("The council meets again") && $0.kind == .paragraph })
    }

    /// What a page hides (display:none, hidden, visibility:hidden) is not content, and is kept
    /// in `removed` as "hidden" like every other span taken out (it vanished without a trace).
    func testHiddenTextIsRemovedWithItsReason() {
        let prose = "<p>The city council voted on Tuesday to approve a new budget that increases spending on public transit by twelve percent over the next fiscal year.</p><p>Officials said the plan would add bus routes in the northern districts and extend service hours on weekends, citing rising ridership.</p>"
        let html = "<html><body><article><h1>Council approves transit budget</h1>\(prose)<div style=\"display: none\"><p>Secret draft paragraph one.</p></div><p hidden>Secret draft paragraph two.</p></article></body></html>"
        let a = Ingester.article(fromHTML: html)
        XCTAssertFalse(a.text.contains("Secret"))
        XCTAssertEqual(a.removed.filter { $0.reason == "hidden" }.map(\.text), ["Secret draft paragraph one.\nSecret draft paragraph two."])
        // A visible paragraph between two hidden ones stays: hidden text says nothing about its neighbours.
        let sandwich = "<html><body><article><h1>Council approves transit budget</h1>\(prose)<p style=\"display:none\">Alpha hidden.</p><p>Visible middle paragraph.</p><p hidden>Beta hidden.</p><p>The rules will be debated in parliament in the spring, officials said on Tuesday.</p></article></body></html>"
        let b = Ingester.article(fromHTML: sandwich)
        XCTAssertTrue(b.text.contains("Visible middle paragraph."), b.text)
        XCTAssertEqual(b.removed.filter { $0.reason == "hidden" }.map(\.text), ["Alpha hidden.", "Beta hidden."])
    }

    /// Every value stays under its column: an empty cell is a cell, a colspan takes its width,
    /// a rowspan's text repeats below (values had shifted left into the wrong columns).
    func testTableCellsKeepTheirColumns() {
        let prose = "<p>The city council voted on Tuesday to approve a new budget that increases spending on public transit by twelve percent over the next fiscal year.</p><p>Officials said the plan would add bus routes in the northern districts and extend service hours on weekends, citing rising ridership.</p>"
        let table = "<table><tr><th>Region</th><th>Route</th><th>Buses</th></tr><tr><td rowspan=\"2\">North</td><td>Route 1</td><td>12</td></tr><tr><td>Route 2</td><td>8</td></tr><tr><td>South</td><td></td><td>5</td></tr><tr><td colspan=\"2\">Total</td><td>25</td></tr></table>"
        let a = Ingester.article(fromHTML: "<html><body><article><h1>Council approves transit budget</h1>\(prose)\(table)</article></body></html>")
        XCTAssertEqual(a.tables.first?.rows, [["Region", "Route", "Buses"], ["North", "Route 1", "12"], ["North", "Route 2", "8"], ["South", "", "5"], ["Total", "", "25"]])
    }

    /// A <tfoot> written before the body is read after it, as browsers show it ("Total" came
    /// second); a footer repeating the header row is a duplicate, kept in removed.
    func testATableFooterComesLast() {
        let prose = "<p>The city council voted on Tuesday to approve a new budget that increases spending on public transit by twelve percent over the next fiscal year.</p><p>Officials said the plan would add bus routes in the northern districts and extend service hours on weekends, citing rising ridership.</p>"
        let total = "<table><thead><tr><th>Department</th><th>Budget</th></tr></thead><tfoot><tr><td>Total</td><td>$30m</td></tr></tfoot><tbody><tr><td>Transit</td><td>$20m</td></tr><tr><td>Parks</td><td>$10m</td></tr></tbody></table>"
        let a = Ingester.article(fromHTML: "<html><body><article><h1>Council approves transit budget</h1>\(prose)\(total)</article></body></html>")
        XCTAssertEqual(a.tables.first?.rows, [["Department", "Budget"], ["Transit", "$20m"], ["Parks", "$10m"], ["Total", "$30m"]])
        let repeated = "<table><thead><tr><th>Department</th><th>Budget</th></tr></thead><tfoot><tr><th>Department</th><th>Budget</th></tr></tfoot><tbody><tr><td>Transit</td><td>$20m</td></tr></tbody></table>"
        let b = Ingester.article(fromHTML: "<html><body><article><h1>Council approves transit budget</h1>\(prose)\(repeated)</article></body></html>")
        XCTAssertEqual(b.tables.first?.rows, [["Department", "Budget"], ["Transit", "$20m"]])
        XCTAssertTrue(b.removed.contains { $0.reason == "duplicate" && $0.text.hasPrefix("Department") }, "\(b.removed)")
    }

    /// A headline wrapped in a <div> inside its <h1> is still the headline, not the body's first
    /// paragraph.
    func testAHeadlineWrappedInsideItsH1IsTheTitle() {
        let prose = "<p>The city council voted on Tuesday to approve a new budget that increases spending on public transit by twelve percent over the next fiscal year.</p><p>Officials said the plan would add bus routes in the northern districts and extend service hours on weekends, citing rising ridership.</p>"
        let a = Ingester.article(fromHTML: "<html><head><meta property=\"og:title\" content=\"Council approves transit budget\"></head><body><article><h1><div><span>Council approves transit budget</span></div></h1>\(prose)</article></body></html>")
        XCTAssertEqual(a.title, "Council approves transit budget")
        XCTAssertTrue(a.text.hasPrefix("The city council voted"), a.text)
    }

    /// A hover card inside a sentence (a politician's pop-up with links to other stories) is
    /// left out of the sentence and kept as hidden; the sentence stays whole and is not taken
    /// for a link list (a lead paragraph was lost as "links").
    func testAHoverCardDoesNotTakeItsSentenceAway() {
        let card = "<span class=\"rollover-people-block\"><a href=\"/p\">Ilhan Omar</a><a href=\"/a\">Hillicon Valley: Progressives oppose funding bill over surveillance authority</a><a href=\"/b\">Senators call for 5G security coordinator and more</a></span>"
        let lead = "<p>A New York man pleaded guilty to charges he threatened to kill Rep. <a href=\"/people/omar\">Ilhan Omar</a>\(card) (D-Minn.), the U.S. Attorney's Office announced Monday.</p>"
        let rest = "<p>Patrick Carlineo Jr., 55, could face up to 10 years in prison after pleading guilty to threatening to assault and murder a member of Congress.</p>"
        let a = Ingester.article(fromHTML: "<html><body><article><h1>New York man pleads guilty</h1>\(lead)\(rest)</article></body></html>")
        XCTAssertTrue(a.text.hasPrefix("A New York man pleaded guilty to charges he threatened to kill Rep. Ilhan Omar (D-Minn.), the U.S. Attorney's Office announced Monday."), a.text)
        XCTAssertTrue(a.removed.contains { $0.reason == "hidden" && $0.text.contains("Hillicon Valley") })
    }

    /// An unlabelled related-stories block after the article ("More Great WIRED Stories" and
    /// its list of links) is related, not article text; the same words early on are left alone.
    func testAnUnlabelledRelatedBlockAfterTheArticleIsRelated() {
        let prose = (1...4).map { "<p>Paragraph \($0) of the story says what happened to the city council budget on Tuesday, with enough words to be prose.</p>" }.joined()
        let related = "<p>More Great WIRED Stories</p><ul><li>What Google's Fitbit buy means for wearables</li><li>A safer way to protect your data, plus the latest news on AI</li></ul>"
        let after = "<p>The council will meet again in June to set the budget for parks and libraries, officials said on Tuesday evening.</p>"
        let a = Ingester.article(fromHTML: "<html><body><article><h1>Council budget</h1>\(prose)\(related)\(after)</article></body></html>")
        XCTAssertFalse(a.text.contains("WIRED") || a.text.contains("Fitbit"), a.text)
        XCTAssertTrue(a.text.contains("The council will meet again in June"), "prose after the block stays")
        XCTAssertTrue(a.removed.contains { $0.reason == "related" && $0.text.hasPrefix("More Great WIRED Stories") }, "\(a.removed)")
    }

    func testRecordWithHTMLField() throws {
        let record: JSONValue = .object(JSONObject([
            ("id", .string("r1")), ("url", .string("https://courier.example/storm")), ("html", .string(GalleyHTMLTestPages.news)),
            ("topic", .string("weather")),
        ]))
        let a = try Ingester.article(fromRecord: record, name: "stdin:1")
        XCTAssertEqual(a.id, "r1")
        XCTAssertEqual(a.source.url, "https://courier.example/storm")
        XCTAssertEqual(a.extra["topic"], .string("weather"), "unknown fields are carried through")
        XCTAssertNil(a.extra["html"], "the page itself is not carried")
        XCTAssertTrue(a.text.hasPrefix("The storm reached the coast"))
        // A record's own title wins over the page's.
        let titled: JSONValue = .object(JSONObject([("title", .string("Given")), ("html", .string(GalleyHTMLTestPages.news))]))
        XCTAssertEqual(try Ingester.article(fromRecord: titled, name: "x").title, "Given")
        // A text field still means text.
        let both: JSONValue = .object(JSONObject([("text", .string("Plain words here.")), ("html", .string("<p>x</p>"))]))
        XCTAssertEqual(try Ingester.article(fromRecord: both, name: "x").source.format, "json")
        XCTAssertThrowsError(try Ingester.article(fromRecord: .object(JSONObject([("html", .number("3"))])), name: "x"))
    }

    func testFilesFoldersAndGzip() throws {
        let page = Array(GalleyHTMLTestPages.news.utf8)
        try Data(page).write(to: folder.appendingPathComponent("a.html"))
        try Data(page).write(to: folder.appendingPathComponent("b.htm"))
        try Data(InflateTests.helloFixed).write(to: folder.appendingPathComponent("c.html.gz"))
        try Data(InflateTests.helloFixed).write(to: folder.appendingPathComponent("d.tar.gz"))  // not a page: skipped in folders
        try Data("notes".utf8).write(to: folder.appendingPathComponent("e.css"))
        let all = try articles([folder.path])
        XCTAssertEqual(all.map { ($0.source.path! as NSString).lastPathComponent }, ["a.html", "b.htm", "c.html.gz"])
        XCTAssertTrue(all.allSatisfy { $0.source.format == "html" })
        XCTAssertEqual(all[2].text, "Hello, gzip!")
        XCTAssertEqual(all[0].text, all[1].text)
        // An explicit file is read whatever its extension; markup at the start means HTML.
        try Data(page).write(to: folder.appendingPathComponent("saved.page"))
        XCTAssertEqual(try articles([folder.appendingPathComponent("saved.page").path]).first?.source.format, "html")
    }

    func testWindows1252PageFile() throws {
        let bytes = Array("<meta charset=windows-1252><p>".utf8) + [0x93] + Array("Quoted words,".utf8) + [0x94]
            + Array(" said the mayor of the town in a statement to the local paper on Friday.</p>".utf8)
        try Data(bytes).write(to: folder.appendingPathComponent("old.html"))
        let a = try XCTUnwrap(articles([folder.path]).first)
        XCTAssertEqual(a.source.encoding, "windows-1252")
        XCTAssertTrue(a.text.hasPrefix("“Quoted words,”"))
    }

    func testBrokenGzipBecomesAnErrorRecord() throws {
        try Data(Array(InflateTests.helloFixed.prefix(20))).write(to: folder.appendingPathComponent("bad.html.gz"))
        let a = try XCTUnwrap(articles([folder.path]).first)
        XCTAssertEqual(a.errors.first?.stage, "ingest")
    }
}

enum GalleyHTMLTestPages {
    static let news = """
        <html lang="en"><head><title>Storm hits coast | The Courier</title>
        <meta property="og:site_name" content="The Courier">
        <meta property="article:published_time" content="2019-11-19T08:00:00Z"><meta name="author" content="Jane Doe"></head>
        <body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
        <article><h1>Storm hits coast</h1>
        <p>The storm reached the coast early on Monday, bringing winds of more than 100 km/h and heavy rain to towns along the bay.</p>
        <p>Officials said about 3,000 homes lost power overnight, and schools in the region would stay closed for the rest of the week.</p>
        <figure><img src="h.jpg"><figcaption>Waves break over the harbour wall.</figcaption></figure>
        <h2>What happens next</h2>
        <p>Forecasters expect the wind to ease by Wednesday, but they warned that rivers could still rise after the rain has stopped.</p>
        <ul><li>Coastal roads remain closed until further notice.</li><li>Ferries to the islands are cancelled on Tuesday.</li></ul>
        <table><tr><th>Town</th><th>Rain</th></tr><tr><td>Bayport</td><td>80 mm</td></tr></table>
        </article><footer>© 2019 The Courier</footer></body></html>
        """
}
