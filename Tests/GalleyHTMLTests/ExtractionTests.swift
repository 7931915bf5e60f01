import XCTest
@testable import GalleyHTML

/// Main-content extraction on small hand-written pages: what is kept, in which kind, and
/// why the rest is removed.
final class ExtractionTests: XCTestCase {
    static let newsPage = """
        <!DOCTYPE html><html lang="en"><head><title>Storm hits coast | The Courier</title></head><body>
        <header class="site-header"><a href="/">The Courier</a>
          <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
        </header>
        <div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a></div>
        <main><article class="story">
          <h1>Storm hits coast</h1>
          <div class="byline">By Jane Doe · 19 November 2019</div>
          <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
          <div class="story-body">
            <p>The storm reached the coast early on Monday, bringing winds of more than 100 km/h and heavy rain to towns along the bay.</p>
            <p>Officials said about 3,000 homes lost power overnight, and schools in the region would stay closed for the rest of the week.</p>
            <figure><img src="harbour.jpg" alt=""><figcaption>Waves break over the harbour wall in Bayport.</figcaption></figure>
            <h2>What happens next</h2>
            <p>Forecasters expect the wind to ease by Wednesday, but they warned that rivers could still rise after the rain has stopped.</p>
            <ul><li>Coastal roads remain closed until further notice.</li><li>Ferries to the islands are cancelled on Tuesday.</li></ul>
            <table><tr><th>Town</th><th>Rain</th></tr><tr><td>Bayport</td><td>80 mm</td></tr><tr><td>Eastholm</td><td>65 mm</td></tr></table>
            <blockquote><p>We have never seen the water this high, and we are worried about the next tide tonight.</p></blockquote>
            <p>Residents were asked to check on elderly neighbours and to avoid travelling unless their journey was essential.</p>
          </div>
          <div class="related-stories"><h3>Related</h3><ul>
            <li><a href="/a">Floods close schools across the region as rivers burst their banks overnight</a></li>
            <li><a href="/b">How to prepare your home for a storm: a checklist from the fire service experts</a></li></ul></div>
        </article>
        <section id="comments" class="comments"><h3>3 comments</h3>
          <div class="comment"><p>I live in Bayport and the wind last night was the worst I can remember in thirty years of living by the sea.</p></div>
        </section></main>
        <aside class="sidebar"><h3>Most read</h3><ol><li><a href="/x">Prices rise again</a></li><li><a href="/y">Team wins cup</a></li></ol></aside>
        <footer><p>© 2019 The Courier. All rights reserved. Contact us at the newsroom for corrections and complaints about our reporting.</p></footer>
        <div style="display:none">Hidden tracking text that nobody sees on the rendered page at all.</div>
        </body></html>
        """

    private func kept(_ page: ExtractedPage) -> [ExtractedBlock] { page.blocks.filter { $0.removedReason == nil } }

    private func reason(_ page: ExtractedPage, containing text: String) -> String? {
        page.blocks.first { $0.text.contains(text) }?.removedReason
    }

    func testKeepsTheArticleInOrder() {
        let page = HTMLExtractor.extract(html: Self.newsPage)
        let texts = kept(page).map(\.text)
        XCTAssertEqual(texts.first, "The storm reached the coast early on Monday, bringing winds of more than 100 km/h and heavy rain to towns along the bay.")
        XCTAssertEqual(texts.last, "Residents were asked to check on elderly neighbours and to avoid travelling unless their journey was essential.")
        XCTAssertTrue(texts.contains("What happens next"))
        XCTAssertTrue(texts.contains("We have never seen the water this high, and we are worried about the next tide tonight."))
        XCTAssertEqual(page.title, "Storm hits coast")
    }

    func testBlockKindsListsAndTables() {
        let page = HTMLExtractor.extract(html: Self.newsPage)
        let blocks = kept(page)
        XCTAssertEqual(blocks.first { $0.text == "What happens next" }?.kind, .heading(level: 2))
        let items = blocks.filter { $0.kind == .listItem(ordered: false) }
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(Set(items.map(\.group)).count, 1, "items of one list share a group")
        let rows = blocks.filter { $0.kind == .tableRow }
        XCTAssertEqual(rows.map { $0.cells ?? [] }, [["Town", "Rain"], ["Bayport", "80 mm"], ["Eastholm", "65 mm"]])
        XCTAssertEqual(Set(rows.map(\.group)).count, 1)
    }

    func testRemovesFurnitureWithReasons() {
        let page = HTMLExtractor.extract(html: Self.newsPage)
        XCTAssertEqual(reason(page, containing: "Sport"), "navigation")
        XCTAssertEqual(reason(page, containing: "Share on Facebook"), "share")
        XCTAssertEqual(reason(page, containing: "Waves break over the harbour"), "caption")
        XCTAssertEqual(reason(page, containing: "Floods close schools"), "related")
        XCTAssertEqual(reason(page, containing: "worst I can remember"), "comments")
        XCTAssertEqual(reason(page, containing: "Prices rise again"), "sidebar")
        XCTAssertEqual(reason(page, containing: "All rights reserved"), "footer")
        XCTAssertEqual(reason(page, containing: "Storm hits coast"), "title")
        XCTAssertNotNil(reason(page, containing: "By Jane Doe"))
        XCTAssertEqual(reason(page, containing: "Hidden tracking"), "hidden", "hidden elements are not text, and are kept as removed")
    }

    /// A short article whose one long sentence wins alone: the other, short sentences of its
    /// container are the article too (the second was removed as outside the content), and the
    /// container's byline and sidebar still go.
    func testAShortArticleKeepsItsShortSentences() {
        let html = """
            <html><head><title>Firm cuts 200 jobs | Daily Ledger</title></head><body>
            <header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
            <main><h1>Firm cuts 200 jobs</h1><p class="byline">By Jane Doe, 3 March 2025</p>
            <p>Acme Corp said on Monday it would cut 200 jobs, about 5% of its staff.</p>
            <p>The company blamed weak demand.</p>
            <aside><h3>Related</h3><ul><li><a href="/a">Other firm hires 50</a></li><li><a href="/b">Markets fall</a></li></ul></aside>
            </main><footer><p>© 2025 Daily Ledger. All rights reserved.</p></footer></body></html>
            """
        let page = HTMLExtractor.extract(html: html)
        XCTAssertEqual(kept(page).map(\.text), ["Acme Corp said on Monday it would cut 200 jobs, about 5% of its staff.", "The company blamed weak demand."])
        XCTAssertEqual(reason(page, containing: "Other firm hires"), "sidebar")
        XCTAssertEqual(reason(page, containing: "All rights reserved"), "footer")
        XCTAssertNotNil(reason(page, containing: "By Jane Doe"))
    }

    /// "Read more: ..." points to another story, even unlabelled inside the article (it leaked
    /// in as the article's last paragraph).
    func testAReadMoreTeaserIsRemoved() {
        let html = """
            <html><body><article><h1>Storm hits coast</h1>
            <p>A powerful storm struck the northern coast overnight, tearing roofs off dozens of homes in three towns.</p>
            <p>No one was hurt, the police said on Monday morning.</p>
            <div class="box"><p>Read more: Why storms are getting stronger every year</p></div>
            </article></body></html>
            """
        let page = HTMLExtractor.extract(html: html)
        XCTAssertEqual(reason(page, containing: "Why storms are getting stronger"), "related")
        XCTAssertEqual(kept(page).count, 2)
    }

    func testBodyText() {
        let text = HTMLExtractor.extract(html: Self.newsPage).bodyText
        XCTAssertTrue(text.contains("Bayport\t80 mm"))
        XCTAssertFalse(text.contains("Share on"))
        XCTAssertFalse(text.contains("comments"))
    }

    func testLinkListInsideTheArticleIsRemoved() {
        let page = """
            <article><p>The first paragraph of the report explains what the committee decided and why it matters to readers.</p>
            <p><a href=/1>Politics</a> <a href=/2>Economy</a> <a href=/3>Elections</a> <a href=/4>Budget</a></p>
            <p>The second paragraph adds the reaction from the opposition and the timetable for the vote next month.</p>
            <p>A third paragraph with <a href=/q>one link</a> inside an otherwise ordinary sentence keeps its place.</p></article>
            """
        let p = HTMLExtractor.extract(html: page)
        XCTAssertEqual(reason(p, containing: "Politics"), "links")
        XCTAssertNil(reason(p, containing: "one link"))
    }

    func testLineBreaksAndWhitespace() {
        let p = HTMLExtractor.extract(html: "<div class=content><p>One  line\n of&nbsp;text,<br>then another line of text that is long enough to count as prose.</p><p>First part.<br><br>Second part after a blank line, which is also long enough to be prose here.</p></div>")
        let texts = kept(p).map(\.text)
        XCTAssertTrue(texts.contains("One line of text,\nthen another line of text that is long enough to count as prose."))
        XCTAssertTrue(texts.contains("First part."))
        XCTAssertTrue(texts.contains("Second part after a blank line, which is also long enough to be prose here."))
    }

    func testPagesWithoutParagraphMarkup() {
        // Old pages put text straight into table cells or divs, separated by <br>.
        let p = HTMLExtractor.extract(html: "<table><tr><td><a href=/>Home</a></td><td>The museum reopened on Saturday after two years of repairs to its roof.<br><br>Visitors queued from early morning, and the first guided tours were fully booked within an hour of opening.</td></tr></table>")
        XCTAssertTrue(p.bodyText.contains("The museum reopened on Saturday"))
        XCTAssertTrue(p.bodyText.contains("Visitors queued from early morning"))
    }

    func testStructuredBodyWhenTheMarkupIsEmpty() {
        let body = (1...6).map { "Paragraph \($0) of the story says what happened and who was there when it happened." }.joined(separator: "\n")
        let page = "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"articleBody\":\"\(body.replacingOccurrences(of: "\n", with: "\\n"))\"}</script><div id=app>Loading</div>"
        let p = HTMLExtractor.extract(html: page)
        XCTAssertEqual(p.blocks.filter { $0.removedReason == nil }.count, 6)
        XCTAssertTrue(p.bodyText.hasPrefix("Paragraph 1 of the story"))
        XCTAssertFalse(p.warnings.isEmpty)
        // With real text in the markup the stated body is not used.
        XCTAssertTrue(HTMLExtractor.extract(html: Self.newsPage).warnings.isEmpty)
    }

    func testShortFragmentsAreKept() {
        XCTAssertEqual(HTMLExtractor.extract(html: "<p>Hello <b>world</b>, this is a fragment.</p>").bodyText, "Hello world, this is a fragment.")
        XCTAssertEqual(HTMLExtractor.extract(html: "<h2>Notes</h2><ul><li>one</li><li>two</li></ul>").blocks.filter { $0.removedReason == nil }.count, 3)
    }

    func testEmptyAndTextOnlyInput() {
        XCTAssertEqual(HTMLExtractor.extract(html: "").bodyText, "")
        XCTAssertEqual(HTMLExtractor.extract(html: "Just a sentence of plain text without any markup at all, long enough.").bodyText,
                       "Just a sentence of plain text without any markup at all, long enough.")
    }

    func testClassNameCues() {
        XCTAssertEqual(BoilerplateCues.classify("article-body__share"), .furniture("share"))
        XCTAssertEqual(BoilerplateCues.classify("relatedStories"), .furniture("related"))
        XCTAssertEqual(BoilerplateCues.classify("socialsharebar"), .furniture("share"))
        XCTAssertEqual(BoilerplateCues.classify("post-content entry"), .content)
        XCTAssertEqual(BoilerplateCues.classify("commentary-body"), .content, "commentary is an article genre")
        XCTAssertEqual(BoilerplateCues.classify("header"), .none)
        XCTAssertEqual(BoilerplateCues.classify("article-text hidden-xs"), .content, "hidden on small screens only")
        XCTAssertEqual(BoilerplateCues.classify("sidebar hidden-md"), .furniture("sidebar"))
        XCTAssertEqual(BoilerplateCues.classify("sr-only"), .furniture("hidden"))
        XCTAssertEqual(BoilerplateCues.classify("tag-travel category-news"), .content, "WordPress taxonomy classes are not tag lists")
    }

    /// A page that renders its text with scripts: a stated JSON-LD body, however short, is
    /// the article; without one the page says it found no text instead of an empty article
    /// that looks fine.
    func testScriptRenderedPages() {
        let ld = #"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Firm cuts jobs","articleBody":"The firm said on Monday it would cut 5% of its staff.\n\nAnalysts had expected it."}</script>"#
        let stated = HTMLExtractor.extract(html: "<html><head>\(ld)</head><body><div id=\"root\"></div></body></html>")
        XCTAssertEqual(stated.blocks.filter { $0.removedReason == nil }.map(\.text),
                       ["The firm said on Monday it would cut 5% of its staff.", "Analysts had expected it."])
        XCTAssertEqual(stated.warnings.count, 1)
        let empty = HTMLExtractor.extract(html: "<html><head><title>Empty</title></head><body><div id=\"app\"></div></body></html>")
        XCTAssertTrue(empty.warnings.contains { $0.hasPrefix("no article text found") }, "\(empty.warnings)")
        XCTAssertTrue(HTMLExtractor.extract(html: Self.newsPage).warnings.isEmpty)
    }
}
