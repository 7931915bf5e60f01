import GalleyJSON

/// Reads the article object of a page's JSON-LD (`<script type="application/ld+json">`):
/// the first `NewsArticle`, `Article`, `BlogPosting` (or another `*Article` type), found at
/// the top level, in an array, or in an `@graph`.
struct StructuredData {
    var headline: String?
    var description: String?
    var datePublished: String?
    var authors: [String] = []
    var publisher: String?
    var url: String?
    /// The article's text as the publisher states it (line breaks kept).
    var articleBody: String?
    var inLanguage: String?

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "reviewnewsarticle", "backgroundnewsarticle", "socialmediaposting", "liveblogposting", "techarticle",
        "scholarlyarticle", "report", "posting", "medicalwebpage",
    ]

    init?(document: HTMLDocument) {
        var candidates: [JSONObject] = []
        var publisherFallback: String?
        // Every object by its "@id": an author or publisher may be given as a reference to a
        // node elsewhere in the graph ({"@id": "#/person/jane"}).
        var byID: [String: JSONObject] = [:]
        for script in document.elements(.script) {
            guard let type = document.attribute("type", of: script), type.lowercased().contains("ld+json") else { continue }
            guard let value = Self.parse(document.textContent(script)) else { continue }
            var objects: [JSONObject] = []
            Self.collectObjects(value, into: &objects, depth: 0)
            for o in objects {
                if let id = o["@id"]?.stringValue, o.count > 1, byID[id] == nil { byID[id] = o }
                if Self.isArticle(o) { candidates.append(o) }
                if publisherFallback == nil, Self.types(o).contains("organization") || Self.types(o).contains("newsmediaorganization") {
                    publisherFallback = o["name"]?.stringValue
                }
            }
        }
        // Several articles (a teaser, a related story): the one the page is, by its canonical URL.
        let canonical = Self.canonicalURL(document)
        guard let article = candidates.first(where: { c in canonical.map { Self.url(of: c).map(Self.comparable) == Self.comparable($0) } ?? false })
                ?? candidates.first else { return nil }
        func resolve(_ v: JSONValue?) -> JSONValue? {
            switch v {
            case .object(let o) where o.count == 1: return o["@id"]?.stringValue.flatMap { byID[$0] }.map(JSONValue.object) ?? v
            case .array(let a): return .array(a.map { resolve($0) ?? $0 })
            default: return v
            }
        }
        headline = Self.text(article["headline"]) ?? Self.text(article["name"])
        description = Self.text(article["description"])
        datePublished = Self.text(article["datePublished"]) ?? Self.text(article["dateCreated"])
        authors = Self.names(resolve(article["author"])) + Self.names(resolve(article["creator"]))
        publisher = Self.names(resolve(article["publisher"])).first ?? Self.names(resolve(article["isPartOf"])).first ?? publisherFallback
        url = Self.url(of: article)
        articleBody = article["articleBody"]?.stringValue
        inLanguage = Self.text(article["inLanguage"])
    }

    static func url(of article: JSONObject) -> String? {
        Self.text(article["url"]) ?? Self.text(article["mainEntityOfPage"]) ?? article["mainEntityOfPage"]?["@id"]?.stringValue
    }

    /// `<link rel="canonical">` or `og:url`.
    static func canonicalURL(_ d: HTMLDocument) -> String? {
        for link in d.elements(.link) where d.attribute("rel", of: link)?.lowercased() == "canonical" {
            if let href = d.attribute("href", of: link) { return href }
        }
        for meta in d.elements(.meta) where d.attribute("property", of: meta)?.lowercased() == "og:url" {
            if let c = d.attribute("content", of: meta) { return c }
        }
        return nil
    }

    /// A URL as compared: no scheme, "www.", fragment, query or trailing slash.
    static func comparable(_ url: String) -> String {
        var u = Substring(url.lowercased())
        if let r = u.range(of: "://") { u = u[r.upperBound...] }
        if u.hasPrefix("www.") { u = u.dropFirst(4) }
        u = u.prefix { $0 != "#" && $0 != "?" }
        while u.hasSuffix("/") { u = u.dropLast() }
        return String(u)
    }

    /// JSON-LD in the wild: wrapped in HTML comments or CDATA markers, with stray control
    /// characters in strings; one repair pass, then give up quietly.
    static func parse(_ raw: String) -> JSONValue? {
        var text = raw.trimmed
        for marker in ["<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"] where text.containsBytes(marker) {
            text = text.replacingAll(marker, with: "")
        }
        if let v = try? JSONParser.parse(text) { return v }
        // Raw newlines and tabs inside strings are the common breakage.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for b in text.utf8 { bytes.append(b < 0x20 ? 0x20 : b) }
        return try? JSONParser.parse(bytes)
    }

    static func collectObjects(_ v: JSONValue, into out: inout [JSONObject], depth: Int) {
        guard depth < 6 else { return }
        switch v {
        case .array(let items):
            for item in items { collectObjects(item, into: &out, depth: depth + 1) }
        case .object(let o):
            out.append(o)
            if let graph = o["@graph"] { collectObjects(graph, into: &out, depth: depth + 1) }
            if let main = o["mainEntity"], case .object = main { collectObjects(main, into: &out, depth: depth + 1) }
        default:
            break
        }
    }

    static func types(_ o: JSONObject) -> [String] {
        switch o["@type"] {
        case .string(let s): return [s.lowercased()]
        case .array(let a): return a.compactMap { $0.stringValue?.lowercased() }
        default: return []
        }
    }

    static func isArticle(_ o: JSONObject) -> Bool {
        types(o).contains { articleTypes.contains($0) || $0.hasSuffix("newsarticle") }
    }

    static func text(_ v: JSONValue?) -> String? {
        switch v {
        case .string(let s): let t = HTMLText.clean(s); return t.isEmpty ? nil : t
        case .array(let a): return a.lazy.compactMap { text($0) }.first
        default: return nil
        }
    }

    /// Person or organisation names: a string, an object with "name", or a list of either.
    static func names(_ v: JSONValue?) -> [String] {
        switch v {
        case .string(let s): return HTMLText.splitNames(s)
        case .object(let o): return text(o["name"]).map { [$0] } ?? []
        case .array(let a): return a.flatMap { names($0) }
        default: return []
        }
    }
}
