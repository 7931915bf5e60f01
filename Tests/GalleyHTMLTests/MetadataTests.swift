import XCTest
@testable import GalleyHTML

/// Title, site, date, authors and canonical URL from JSON-LD, from `<meta>` tags only, and
/// from neither (the markup itself).
final class MetadataTests: XCTestCase {
    private let body = "<p>The council approved the new budget on Tuesday after a long debate about transport spending in the city.</p>"

    func testJSONLDNewsArticle() {
        let page = """
            <html><head><title>Budget approved - The Courier</title>
            <script type="application/ld+json">
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council approves budget",
             "datePublished": "2019-11-19T10:00:00-05:00", "dateModified": "2019-11-20T08:00:00-05:00",
             "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
             "publisher": {"@type": "Organization", "name": "The Courier"},
             "mainEntityOfPage": {"@type": "WebPage", "@id": "https://courier.example/budget"},
             "description": "A long debate ends."}
            </script></head><body><article>\(body)</article></body></html>
            """
        let p = HTMLExtractor.extract(html: page)
        XCTAssertEqual(p.title, "Council approves budget")
        XCTAssertEqual(p.published, "2019-11-19T10:00:00-05:00")
        XCTAssertEqual(p.authors, ["Jane Doe", "John Roe"])
        XCTAssertEqual(p.siteName, "The Courier")
        XCTAssertEqual(p.canonicalURL, "https://courier.example/budget")
        XCTAssertEqual(p.deck, "A long debate ends.")
    }

    func testJSONLDGraphAndBrokenScripts() {
        let page = """
            <script type="application/ld+json">{ not json at all </script>
            <script type="application/ld+json">
            <!--
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
             {"@type":["BlogPosting"],"headline":"Line one\u{0009}here","author":"By Ann Lee and Bo Chan","datePublished":"2020-02-03"}]}
            -->
            </script>\(body)
            """
        let p = HTMLExtractor.extract(html: page)
        XCTAssertEqual(p.title, "Line one here")
        XCTAssertEqual(p.authors, ["Ann Lee", "Bo Chan"])
        XCTAssertEqual(p.published, "2020-02-03")
    }

    func testMetaTagsOnly() {
        let page = """
            <html lang="en-GB"><head><title>Budget approved | The Courier</title>
            <meta property="og:title" content="Council approves budget | The Courier">
            <meta property="og:site_name" content="The Courier">
            <meta property="article:published_time" content="2019-11-19T15:00:00Z">
            <meta name="author" content="Jane Doe">
            <meta name="description" content="A long debate &amp;amp; a late vote.">
            <link rel="canonical" href="https://courier.example/budget">
            </head><body>\(body)</body></html>
            """
        let p = HTMLExtractor.extract(html: page)
        XCTAssertEqual(p.title, "Council approves budget", "the site suffix is removed")
        XCTAssertEqual(p.siteName, "The Courier")
        XCTAssertEqual(p.published, "2019-11-19T15:00:00Z")
        XCTAssertEqual(p.authors, ["Jane Doe"])
        XCTAssertEqual(p.canonicalURL, "https://courier.example/budget")
        XCTAssertEqual(p.language, "en")
        XCTAssertEqual(p.deck, "A long debate & a late vote.", "double-escaped references are decoded")
    }

    func testNeitherJSONLDNorMeta() {
        let page = """
            <html><head><title>Council approves budget - The Courier</title></head><body>
            <div class="post"><h1>Council approves budget</h1>
            <div class="byline">By <a rel="author" href="/jane">Jane Doe</a></div>
            <time datetime="2019-11-19">Nov. 19, 2019</time>\(body)</div></body></html>
            """
        let p = HTMLExtractor.extract(html: page)
        XCTAssertEqual(p.title, "Council approves budget")
        XCTAssertEqual(p.published, "2019-11-19")
        XCTAssertEqual(p.authors, ["Jane Doe"])
        XCTAssertEqual(p.siteName, "The Courier", "read from the <title> suffix")
        XCTAssertNil(p.canonicalURL)
    }

    func testTitleTagOnlyAndTextualDates() {
        let page = "<title>Council approves budget | The Courier</title><p class=date>Published Nov. 19, 2019</p>\(body)"
        let p = HTMLExtractor.extract(html: page)
        XCTAssertEqual(p.title, "Council approves budget")
        XCTAssertEqual(PageMetadata.isoDate("Tuesday, November 19, 2019"), "2019-11-19")
        XCTAssertEqual(PageMetadata.isoDate("2019-11-19T10:00:00Z"), "2019-11-19T10:00:00Z")
        XCTAssertNil(PageMetadata.isoDate("yesterday"))
    }

    func testPageWithoutAnyMetadata() {
        let p = HTMLExtractor.extract(html: body)
        XCTAssertNil(p.title)
        XCTAssertNil(p.published)
        XCTAssertEqual(p.authors, [])
        XCTAssertNil(p.siteName)
    }

    func testPlaceholderDatesAndCredentials() {
        let page = """
            <meta itemprop="datePublished dateCreated" content="0001-01-01T00:00:00Z">
            <meta property="article:published" content="2019-11-19T11:00:09.000Z">
            <meta name="author" content="Ilana Muhlstein, MS, RDN">\(body)
            """
        let p = HTMLExtractor.extract(html: page)
        XCTAssertEqual(p.published, "2019-11-19T11:00:09.000Z", "a year-1 placeholder is skipped for the next stated date")
        XCTAssertEqual(p.authors, ["Ilana Muhlstein"])
    }

    /// The article's headline wins over a stated title that decorates it, and a dash inside a
    /// headline is its own, not a site's name.
    func testTheHeadlineOverADecoratedOrCutTitle() {
        let opinion = "<html><head><meta property=\"og:title\" content=\"Opinion | Republicans Are Following Trump\"></head><body><article><h1>Republicans Are Following Trump</h1>\(body)</article></body></html>"
        XCTAssertEqual(HTMLExtractor.extract(html: opinion).title, "Republicans Are Following Trump")
        let dashed = "<html><head><title>Apple – iPhone 15 review – 5 things to know</title></head><body><article><h1>Apple – iPhone 15 review – 5 things to know</h1>\(body)</article></body></html>"
        XCTAssertEqual(HTMLExtractor.extract(html: dashed).title, "Apple – iPhone 15 review – 5 things to know")
        let sited = "<html><head><title>Budget approved - The Courier</title><meta property=\"og:site_name\" content=\"The Courier\"></head><body><article><h1>Budget approved</h1>\(body)</article></body></html>"
        XCTAssertEqual(HTMLExtractor.extract(html: sited).title, "Budget approved")
        // A logo's <h1> first, the headline's outside the article's region (a WSJ page).
        let logoFirst = "<html><head><meta property=\"og:title\" content=\"Opinion | Is Football Violence a Crime?\"></head><body><header><h1><a>The Wall Street Journal</a><a>Opinion</a></h1></header><div><h1>Is Football Violence a Crime?</h1></div><article>\(body)</article></body></html>"
        XCTAssertEqual(HTMLExtractor.extract(html: logoFirst).title, "Is Football Violence a Crime?")
    }

    /// A logo's `<h1>` that only names the site is no headline: the `<title>` is kept (it
    /// became "Coastal Wire"), and a later `<h1>` is taken; a headline after a site prefix
    /// is no site name.
    func testAnH1NamingTheSiteIsNoHeadline() {
        let cases: [(title: String, header: String, headline: String, expected: String)] = [
            ("Storm hits the coast overnight | Coastal Wire", "<h1>Coastal Wire</h1>", "", "Storm hits the coast overnight"),
            ("Storm hits the coast | Coastal Wire", "<h1>Coastal Wire</h1>", "<h1>Storm hits the coast at dawn</h1>", "Storm hits the coast at dawn"),
            ("Wire | Storm hits coast", "", "<h1>Storm hits coast</h1>", "Storm hits coast"),
        ]
        for c in cases {
            let page = "<html><head><title>\(c.title)</title></head><body><header>\(c.header)</header><article>\(c.headline)\(body)</article></body></html>"
            XCTAssertEqual(HTMLExtractor.extract(html: page).title, c.expected, c.title)
        }
    }

    /// A site name stated as a URL or as a list of sections reads as a name.
    /// In a graph with a teaser article beside the page's own, the page's is read (by its
    /// canonical URL), and an author or publisher given as an "@id" reference is looked up.
    func testJSONLDGraphPicksThePagesArticleAndResolvesReferences() {
        let page = """
            <html><head><link rel="canonical" href="https://times.example/budget/">
            <script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [
              {"@type": "NewsArticle", "headline": "Teaser: other story", "url": "https://times.example/other", "datePublished": "2020-01-01",
               "author": {"@type": "Person", "name": "Someone Else"}},
              {"@type": "NewsArticle", "headline": "Council approves budget", "mainEntityOfPage": {"@id": "https://www.times.example/budget"},
               "datePublished": "2024-03-05", "author": [{"@id": "#/person/jane"}], "isPartOf": {"@id": "#/site"}},
              {"@type": "Person", "@id": "#/person/jane", "name": "Jane Doe"},
              {"@type": "WebSite", "@id": "#/site", "name": "Example Times"}]}
            </script></head><body><article>\(body)</article></body></html>
            """
        let p = HTMLExtractor.extract(html: page)
        XCTAssertEqual(p.title, "Council approves budget")
        XCTAssertEqual(p.published, "2024-03-05")
        XCTAssertEqual(p.authors, ["Jane Doe"])
        XCTAssertEqual(p.siteName, "Example Times")
    }

    func testSiteNamesAreNames() {
        XCTAssertEqual(PageMetadata.usableSiteName("https://www.newsnation.in", publisher: "News Nation"), "News Nation")
        XCTAssertEqual(PageMetadata.usableSiteName("https://www.hawaiinewsnow.com/", publisher: nil), "hawaiinewsnow.com")
        XCTAssertEqual(PageMetadata.usableSiteName("Autoracing | F1 | Indy | MotoGP", publisher: nil), "Autoracing")
        XCTAssertEqual(PageMetadata.usableSiteName("The Courier", publisher: "Courier Media Ltd"), "The Courier")
        XCTAssertEqual(PageMetadata.usableSiteName(nil, publisher: "Courier Media Ltd"), "Courier Media Ltd")
    }

    func testSiteSuffixRules() {
        XCTAssertEqual(PageMetadata.stripSiteSuffix("Storm hits coast — BBC News", site: "BBC News"), "Storm hits coast")
        XCTAssertEqual(PageMetadata.stripSiteSuffix("Storm hits the coast again | BBC", site: nil), "Storm hits the coast again")
        // A dash inside a title that is not a site suffix stays.
        XCTAssertEqual(PageMetadata.stripSiteSuffix("Storm - a long night", site: "BBC"), "Storm - a long night")
    }
}
