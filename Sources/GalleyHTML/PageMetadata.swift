import Foundation
import GalleyText

/// The article's metadata, from the most explicit source a page offers to the least:
/// JSON-LD, then `<meta>` tags (Open Graph, `article:*`, Twitter cards, Dublin Core and
/// common name-based tags), then the markup itself (`<h1>`, `<title>`, `<time datetime>`,
/// bylines, `rel=author`).
struct PageMetadata {
    var title: String?
    var deck: String?
    var published: String?
    var authors: [String] = []
    var siteName: String?
    var canonicalURL: String?
    var language: String?
    var articleBody: String?

    /// What the page states about itself, before its content is known.
    private var statedTitle: String?
    private var titleTag: String?
    private let document: HTMLDocument

    /// Reads the stated metadata: JSON-LD, `<meta>` tags, `<title>`, canonical link, language.
    init(document: HTMLDocument) {
        self.document = document
        let meta = MetaTags(document)
        let ld = StructuredData(document: document)
        func first(_ keys: String...) -> String? {
            for k in keys { if let v = meta[k], !v.isEmpty { return v } }
            return nil
        }
        siteName = Self.usableSiteName(first("og:site_name", "application-name", "twitter:app:name:iphone"), publisher: ld?.publisher)
        titleTag = document.elements(.title).first.map { HTMLText.clean(document.textContent($0)) }.flatMap { $0.isEmpty ? nil : $0 }
        statedTitle = first("og:title", "twitter:title", "title", "dc.title", "headline") ?? ld?.headline
        if siteName == nil, let t = titleTag, let stated = statedTitle { siteName = Self.siteSuffix(t, headlines: [stated]) }
        title = (statedTitle ?? titleTag).map { Self.stripSiteSuffix($0, site: siteName) }
        deck = first("og:description", "description", "twitter:description", "dc.description") ?? ld?.description

        // The first stated date that reads as a plausible date ("0001-01-01" placeholders do not).
        let dateKeys = ["article:published_time", "og:article:published_time", "article:published", "article.published",
                        "datepublished", "publishdate", "publish-date", "pubdate", "date", "dc.date", "dc.date.issued",
                        "dcterms.date", "parsely-pub-date", "sailthru.date", "article_date_original",
                        "cxenseparse:recs:publishtime", "original-publish-date", "publication_date"]
        let statedDates = [ld?.datePublished] + dateKeys.map { meta[$0] }
        self.published = statedDates.lazy.compactMap { $0.flatMap(Self.isoDate) }.first

        var authors = ld?.authors ?? []
        if authors.isEmpty, let a = first("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl") {
            authors = HTMLText.splitNames(a)
        }
        self.authors = authors

        canonicalURL = Self.canonicalLink(document) ?? first("og:url", "twitter:url") ?? ld?.url
        language = Self.languageCode(document.elements(.html).first.flatMap { document.attribute("lang", of: $0) }
            ?? first("og:locale", "content-language", "language", "dc.language") ?? ld?.inLanguage)
        articleBody = ld?.articleBody
    }

    /// Fills what only the markup can tell, preferring what lies inside the article's content:
    /// the `<h1>` as title when nothing else states one, `<time datetime>`, the byline.
    mutating func complete(contentRoot: Int32?) {
        if statedTitle == nil, let h1 = Self.firstHeading(document, within: contentRoot, site: siteName, titleTag: titleTag) {
            if siteName == nil, let t = titleTag { siteName = Self.siteSuffix(t, headlines: [h1]) }
            // A headline holds no site name unless it says the known one: a dash in it is its own.
            title = siteName == nil ? h1 : Self.stripSiteSuffix(h1, site: siteName)
        } else if siteName == nil, let t = titleTag {
            siteName = Self.siteSuffix(t, headlines: [statedTitle].compactMap { $0 })
        }
        if let t = title, let s = siteName, statedTitle != nil { title = Self.stripSiteSuffix(t, site: s) }
        // The article's own headline over a stated title that decorates it ("Opinion | X",
        // "X - Auto News") or that the site-suffix rule cut short ("Apple – iPhone 15 review –
        // 5 things to know" read as "Apple – iPhone 15 review").
        // Any <h1> of the page may be the headline: a logo's may come first ("The Wall Street
        // Journal Opinion" before "Is Football Violence a Crime?").
        if let stated = statedTitle?.lowercased(), let t = title {
            let headlines = document.elements(.h1).map { HTMLText.clean(document.textContent($0)) }
            if let h1 = headlines.first(where: { h1 in
                let head = h1.lowercased()
                return h1.split(separator: " ").count >= 3 && h1 != t
                    && (stated.contains(head) || (head.hasPrefix(t.lowercased()) && stated.hasPrefix(head)))
            }) { title = h1 }
        }
        siteName = Self.usableSiteName(siteName, publisher: nil)
        if published == nil { published = Self.firstTimeElement(document, within: contentRoot).flatMap(Self.isoDate) }
        if authors.isEmpty { authors = Self.bylineAuthors(document, within: contentRoot) }
        var seen: Set<String> = []
        authors = authors.filter { seen.insert($0.lowercased()).inserted }
    }

    // MARK: - Sources

    /// `<meta>` values by lowercased `property`, `name`, `itemprop` or `http-equiv`; the first
    /// wins. Values are cleaned when read, not here: a page has dozens of tags we never ask for.
    struct MetaTags {
        let document: HTMLDocument
        var content: [String: Range<Int32>] = [:]

        init(_ d: HTMLDocument) {
            document = d
            for m in d.elements(.meta) {
                guard let value = d.attributeRange("content", of: m) else { continue }
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    guard let r = d.attributeRange(key, of: m), !r.isEmpty, r.count <= 64 else { continue }
                    // `itemprop="datePublished dateCreated"` names two properties.
                    for k in d.string(r).lowercased().split(separator: " ") where content[String(k)] == nil {
                        content[String(k)] = value
                    }
                }
            }
        }

        subscript(_ key: String) -> String? {
            guard let r = content[key] else { return nil }
            return document.storage.withUnsafeBufferPointer { HTMLText.clean(UnsafeBufferPointer(rebasing: $0[Int(r.lowerBound)..<Int(r.upperBound)])) }
        }
    }

    static func canonicalLink(_ d: HTMLDocument) -> String? {
        for l in d.elements(.link) {
            guard let rel = d.attribute("rel", of: l)?.lowercased(), rel.split(separator: " ").contains("canonical") else { continue }
            if let href = d.attribute("href", of: l)?.trimmed, !href.isEmpty { return href }
        }
        return nil
    }

    /// The first `<h1>` inside the content (else on the page) that can be a headline: one that
    /// only names the site (a logo's "<h1>Daily Wire</h1>", or what ends the `<title>` after a
    /// separator) is none.
    static func firstHeading(_ d: HTMLDocument, within root: Int32?, site: String? = nil, titleTag: String? = nil) -> String? {
        var names: Set<String> = []
        if let site { names.insert(site.lowercased()) }
        if let t = titleTag {
            for sep in titleSeparators {
                // Only a short tail after a longer head: "BBC | Storm hits coast" ends in the headline.
                guard let r = t.range(of: sep, options: .backwards) else { continue }
                let tail = String(t[r.upperBound...]).trimmed, words = tail.split(separator: " ").count
                if words <= 3, t[..<r.lowerBound].split(separator: " ").count > words { names.insert(tail.lowercased()) }
            }
        }
        let texts = d.elements(.h1).map { ($0, HTMLText.clean(d.textContent($0))) }
            .filter { !$0.1.isEmpty && !names.contains($0.1.lowercased()) }
        let preferred = root.flatMap { r in texts.first { d.contains(r, $0.0) } } ?? texts.first
        return preferred?.1
    }

    static func firstTimeElement(_ d: HTMLDocument, within root: Int32?) -> String? {
        let times = d.elements(.time).filter { d.attribute("datetime", of: $0) != nil }
        let chosen = root.flatMap { r in times.first { d.contains(r, $0) } } ?? times.first
        return chosen.flatMap { d.attribute("datetime", of: $0) }
    }

    /// Text of an element marked as the byline (`rel=author`, `itemprop=author`, class "byline"/"author").
    static func bylineAuthors(_ d: HTMLDocument, within root: Int32?) -> [String] {
        var candidates: [Int32] = []
        var scratch = BoilerplateCues.CueScratch()
        for (i, node) in d.nodes.enumerated() where node.kind == .element && !node.attributeRange.isEmpty {
            let n = Int32(i)
            if let r = d.attributeRange("rel", of: n) ?? d.attributeRange("itemprop", of: n), r.count == 6,
               d.string(r).lowercased() == "author" {
                candidates.append(n)
                continue
            }
            if let r = d.attributeRange("class", of: n), !r.isEmpty,
               d.storage.withUnsafeBufferPointer({ BoilerplateCues.classify(UnsafeBufferPointer(rebasing: $0[Int(r.lowerBound)..<Int(r.upperBound)]), scratch: &scratch) }) == .furniture("metadata"),
               d.string(r).lowercased().containsBytes("author") || d.string(r).lowercased().containsBytes("byline") {
                candidates.append(n)
            }
        }
        let ordered = root.map { r in candidates.filter { d.contains(r, $0) } + candidates.filter { !d.contains(r, $0) } } ?? candidates
        for n in ordered.prefix(20) {
            // The names are on the byline's first line: what follows a <br> is an affiliation,
            // a job title or a date ("By Jane Doe<br>Associated Press").
            let text = d.textContent(n, lineBreaks: true).split(separator: "\n").lazy.map { HTMLText.clean(String($0)) }.first { !$0.isEmpty } ?? ""
            guard !text.isEmpty, text.count <= 80 else { continue }
            let names = HTMLText.splitNames(text).filter { name in
                let words = name.split(separator: " ")
                return words.count >= 2 && words.count <= 4 && words.allSatisfy { $0.first?.isUppercase ?? false }
            }
            if !names.isEmpty { return names }
        }
        return []
    }

    // MARK: - Clean-up

    /// A site's name as a reader says it: the publisher named in JSON-LD when the stated name
    /// is a URL ("https://www.newsnation.in") or a list of sections ("Autoracing | F1 | Indy");
    /// else the URL's host, or the list's first item.
    static func usableSiteName(_ stated: String?, publisher: String?) -> String? {
        guard let stated = stated?.trimmed, !stated.isEmpty else { return publisher }
        let lower = stated.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") {
            if let publisher { return publisher }
            var host = Substring(lower)
            if let r = host.range(of: "://") { host = host[r.upperBound...] }
            if host.hasPrefix("www.") { host = host.dropFirst(4) }
            return String(host.prefix { $0 != "/" })
        }
        let parts = stated.components(separatedBy: " | ")
        if parts.count >= 3 { return publisher ?? parts[0].trimmed }
        return stated
    }

    static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "]

    /// "Storm hits coast | The Daily Paper" -> "Storm hits coast", when the tail is the site's name
    /// (or, without a known site, when it is short and the head is not).
    static func stripSiteSuffix(_ title: String, site: String?) -> String {
        for sep in titleSeparators {
            guard let r = title.range(of: sep, options: .backwards) else { continue }
            let head = String(title[..<r.lowerBound]).trimmed
            let tail = String(title[r.upperBound...]).trimmed
            guard !head.isEmpty else { continue }
            if let s = site?.lowercased(), tail.lowercased() == s || s.contains(tail.lowercased()) || tail.lowercased().contains(s) {
                return head
            }
            if site == nil, tail.split(separator: " ").count <= 4, head.split(separator: " ").count >= 3 { return head }
        }
        return title
    }

    /// The site name at the end of a `<title>`: the part after the separator, when the part
    /// before it is the headline stated elsewhere, or when it is short and set off by " | ".
    static func siteSuffix(_ title: String, headlines: [String]) -> String? {
        for sep in titleSeparators {
            guard let r = title.range(of: sep, options: .backwards) else { continue }
            let head = String(title[..<r.lowerBound]).trimmed
            let tail = String(title[r.upperBound...]).trimmed
            guard !tail.isEmpty, tail.split(separator: " ").count <= 5 else { continue }
            let headWords = Tokenizer.lowerWords(head)
            if headlines.contains(where: { Tokenizer.lowerWords($0) == headWords }) { return tail }
            if sep == " | ", tail.split(separator: " ").count <= 3 { return tail }
        }
        return nil
    }

    /// An ISO 8601 date or date-time as given, or a date found in free text ("Nov. 19, 2019").
    static func isoDate(_ raw: String) -> String? {
        let s = raw.trimmed
        let scalars = Array(s.unicodeScalars)
        if scalars.count >= 10, scalars[4] == "-", scalars[7] == "-",
           scalars[0..<4].allSatisfy({ $0.properties.numericType != nil }) {
            // Keep "2019-11-19" or a full "2019-11-19T10:00:00-05:00"; drop any trailing junk.
            let allowed = Set("0123456789-:T.+Z ".unicodeScalars)
            var out = String.UnicodeScalarView()
            for c in scalars { guard allowed.contains(c) else { break }; out.append(c) }
            guard let year = Int(String(String.UnicodeScalarView(scalars[0..<4]))), (1900...2100).contains(year) else { return nil }
            return String(out).trimmed.replacingAll(" ", with: "T")
        }
        if let d = DateParser.findDates(in: s).first { return d.date.iso + (d.time ?? "") }
        return nil
    }

    /// "en-US", "en_GB", "EN" -> "en".
    static func languageCode(_ raw: String?) -> String? {
        guard let r = raw?.trimmed.lowercased(), r.count >= 2 else { return nil }
        let code = r.prefix { $0.isLetter }
        return code.count == 2 ? String(code) : nil
    }
}
