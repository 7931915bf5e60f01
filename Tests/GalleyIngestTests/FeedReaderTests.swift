import Foundation
import Testing
@testable import GalleyIngest
@testable import GalleyJSON
@testable import GalleyModel

/// News feeds: one article per item or entry, with its title, link, date, author and site.
@Suite struct FeedReaderTests {
    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><title>The Ledger</title><link>https://ledger.example</link>
        <item><title>Firm cuts 5% of jobs</title><link>https://ledger.example/a</link>
          <pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator>
          <description>A short teaser.</description>
          <content:encoded><![CDATA[<p>The firm said on Monday it would cut 5% of its staff, about 1,200 people.</p><p>Unions will meet.</p>]]></content:encoded></item>
        <item><title>Shares &amp; bonds rise</title><link>https://ledger.example/b</link><guid isPermaLink="false">ledger-b</guid>
          <description>&lt;p&gt;Shares rose 3% on Tuesday after strong results.&lt;/p&gt;</description></item>
        <itemize>not an item</itemize>
        </channel></rss>
        """

    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Ledger</title><link href="https://atom.example/"/>
        <entry><title type="html">Firm &amp; union agree deal</title><link rel="edit" href="https://atom.example/edit/x"/>
          <link rel="alternate" href="https://atom.example/x"/><id>tag:atom.example,2025:x</id>
          <published>2025-03-05T09:00:00Z</published><author><name>John Roe</name><email>j@atom.example</email></author>
          <content type="html">&lt;p&gt;The firm and its union agreed a deal on Wednesday that limits job cuts to 2%.&lt;/p&gt;&lt;p&gt;Workers vote next week.&lt;/p&gt;</content></entry>
        </feed>
        """

    func articles(_ feed: String) throws -> [Article] {
        var out: [Article] = []
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(feed.utf8).write(to: file)
        try InputWalker().walk([file.path]) { item in
            if case .article(let a) = item { out.append(a) }
        }
        return out
    }

    @Test func rssItemsBecomeArticles() throws {
        let a = try articles(Self.rss)
        #expect(a.map(\.id) == ["https://ledger.example/a", "ledger-b"])
        #expect(a.map(\.title) == ["Firm cuts 5% of jobs", "Shares & bonds rise"])
        // RSS's RFC 822 date keeps its time and zone (it was the day alone; Atom's kept them).
        #expect(a.map(\.published) == ["2025-03-03T10:00:00Z", nil])
        #expect(FeedReader.rfc822("Wed, 6 Mar 2024 09:30:00 -0500") == "2024-03-06T09:30:00-05:00")
        #expect(FeedReader.rfc822("6 Mar 2024 09:30 PST") == "2024-03-06T09:30:00-08:00")
        #expect(FeedReader.rfc822("March 6, 2024") == nil)
        #expect(a.first?.authors == ["Jane Doe"])
        #expect(a.first?.source.site == "The Ledger" && a.first?.source.url == "https://ledger.example/a")
        // The full body, not the teaser, and all of it (a feed's body has no page to pick from).
        #expect(a.first?.paragraphs.map(\.text) == ["The firm said on Monday it would cut 5% of its staff, about 1,200 people.", "Unions will meet."])
        #expect(a.last?.paragraphs.map(\.text) == ["Shares rose 3% on Tuesday after strong results."])
    }

    /// An item with a title and a link only is kept with them, and its warning says it has no
    /// text (it blamed "the page" and "scripts").
    @Test func anItemWithoutTextKeepsItsTitleAndSaysSo() throws {
        let feed = """
            <rss version="2.0"><channel><title>The Ledger</title>
            <item><title>Firm cuts 500 jobs</title><link>https://ledger.example/c</link></item></channel></rss>
            """
        let a = try articles(feed)
        #expect(a.count == 1 && a.first?.title == "Firm cuts 500 jobs" && a.first?.sentences.isEmpty == true)
        #expect(a.first?.source.url == "https://ledger.example/c" && a.first?.source.site == "The Ledger")
        #expect(a.first?.warnings == ["no text: 'html' is empty"])
    }

    @Test func atomEntriesBecomeArticles() throws {
        let a = try articles(Self.atom)
        #expect(a.count == 1)
        #expect(a.first?.id == "tag:atom.example,2025:x" && a.first?.title == "Firm & union agree deal")
        #expect(a.first?.source.url == "https://atom.example/x" && a.first?.source.site == "Atom Ledger")
        #expect(a.first?.authors == ["John Roe"] && a.first?.published == "2025-03-05T09:00:00Z")
        #expect(a.first?.paragraphs.count == 2)
    }

    @Test func onlyFeedsAreReadAsFeeds() {
        #expect(FeedReader.looksLikeFeed(Array(Self.rss.utf8)) && FeedReader.looksLikeFeed(Array(Self.atom.utf8)))
        #expect(!FeedReader.looksLikeFeed(Array("<!DOCTYPE html><html><body><p>A page about RSS feeds</p></body></html>".utf8)))
        #expect(!FeedReader.looksLikeFeed(Array("Plain text that mentions <rss> tags.".utf8)))
        #expect(FeedReader.decodeEntities("a &amp; b &lt;p&gt; &#233;&#xE9; &unknown; &") == "a & b <p> éé &unknown; &")
    }

    /// A record's html that is an article body alone keeps all of it; a whole page still has
    /// its main content picked out.
    @Test func anHTMLFragmentIsAllContent() throws {
        let record = try JSONParser.parse(#"{"id":"h","html":"<p>The firm and its union agreed a deal on Wednesday that limits job cuts to 2%.</p><p>Workers vote next week.</p>"}"#)
        let a = try Ingester.article(fromRecord: record, name: "r")
        #expect(a.paragraphs.count == 2 && a.removed.isEmpty)
        #expect(RecordFields.isFragment("<p>x</p>") && !RecordFields.isFragment("<!DOCTYPE html><p>x</p>") && !RecordFields.isFragment("<title>T</title><p>x</p>"))
    }
}
