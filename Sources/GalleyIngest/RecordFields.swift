import GalleyJSON
import GalleyModel

/// Maps the field names scrapers and datasets use onto the Article's fields. A record with
/// an `html` field and no text field is read as a saved web page.
enum RecordFields {
    // Besides Galley's own names: news-please ("maintext"), NewsAPI ("content", "description",
    // "publishedAt", "source": {"name"}), JSON Feed ("content_text", "content_html",
    // "date_published", "authors": [{"name"}]).
    static let textKeys = ["text", "body", "content", "article", "maintext", "content_text"]
    static let htmlKeys = ["html", "content_html"]
    static let titleKeys = ["title", "headline"]
    static let deckKeys = ["deck", "subtitle", "standfirst", "description", "summary_text"]
    static let dateKeys = ["published", "date", "published_at", "datePublished", "date_publish", "pubdate", "publishedAt", "date_published", "pubDate"]
    static let authorKeys = ["authors", "author", "byline"]
    static let siteKeys = ["site", "site_name", "sitename", "publisher"]
    static let urlKeys = ["url", "link", "source_url"]
    static let languageKeys = ["language", "lang"]

    /// A piece of HTML with no page around it (a feed item's body, a CMS export's field): all
    /// of it is the article, instead of having a main part picked out of it (which left short
    /// closing paragraphs "outside the content").
    static func isFragment(_ html: String) -> Bool {
        let head = html.prefix(4096).lowercased()
        return !["<body", "<html", "<head", "<title", "<!doctype"].contains { head.contains($0) }
    }

    /// Control characters (a NUL, an escape sequence) are no part of a title or a name; a tab
    /// or a line break inside one is a space.
    static func withoutControls(_ raw: String) -> String {
        func isControl(_ c: Unicode.Scalar) -> Bool { c.value < 0x20 || c.value == 0x7F }
        guard raw.unicodeScalars.contains(where: isControl) else { return raw }
        return String(String.UnicodeScalarView(raw.unicodeScalars.compactMap { c in
            c == "\t" || c == "\n" || c == "\r" ? " " : isControl(c) ? nil : c
        }))
    }

    static func article(from record: JSONObject, name: String) throws(IngestError) -> Article {
        var article = try articleAsGiven(from: record, name: name)
        if let given = article.published {
            let (value, warning) = PublishedDate.normalized(given)
            article.published = value
            if let warning { article.warnings.append(warning) }
        }
        return article
    }

    private static func articleAsGiven(from record: JSONObject, name: String) throws(IngestError) -> Article {
        var consumed: Set<String> = []
        var id: String?
        if let v = record["id"] {
            consumed.insert("id")
            switch v {
            case .string(let s): id = s
            case .number(let n): id = n
            default: throw IngestError(input: name, reason: "field 'id' must be a string or a number, found \(v.kindPhrase)")
            }
        }
        let label = id.map { "\(name) (id \($0))" } ?? name
        // A text field given as null is no text (NewsAPI's "content": null on free plans).
        var textKey = textKeys.first(where: { record[$0] != nil && !(record[$0]!.isNull) })
        if textKey == nil, let htmlKey = htmlKeys.first(where: { record[$0] != nil }), let html = record[htmlKey] {
            guard case .string(let page) = html else {
                throw IngestError(input: label, reason: "field '\(htmlKey)' must be a string, found \(html.kindPhrase)")
            }
            guard page.utf8.count <= Ingester.defaultMaximumBytes else {
                throw IngestError(input: label, reason: "html of \(page.utf8.count) bytes is over the \(Ingester.defaultMaximumBytes)-byte limit")
            }
            consumed.insert(htmlKey)
            let (known, extra) = knownFields(record, id: id, consumed: &consumed)
            // A blank body (a feed item with only a title and a link) is no text, said so: page
            // extraction would blame a page that renders its text with scripts.
            if !page.utf8.contains(where: { $0 > 0x20 }) {
                var article = Ingester.article(fromText: "", known: known, format: "html", extra: extra)
                article.warnings.append("no text: '\(htmlKey)' is empty")
                return article
            }
            return Ingester.article(fromHTML: page, known: known, extra: extra, fragment: isFragment(page))
        }
        // Without a body, a description stands in for one, rather than losing the record.
        if textKey == nil, let d = deckKeys.first(where: { record[$0]?.stringValue.map { !$0.trimmed.isEmpty } ?? false }) { textKey = d }
        // A body given as null, with nothing to stand in (NewsAPI's "content": null and
        // "description": null): the article is kept with its title and links, without text,
        // as a feed item with only a title is.
        if textKey == nil, let nullKey = textKeys.first(where: { record[$0]?.isNull == true }) {
            consumed.insert(nullKey)
            let (known, extra) = knownFields(record, id: id, consumed: &consumed)
            var article = Ingester.article(fromText: "", known: known, format: "json", extra: extra)
            article.warnings.append("no text: '\(nullKey)' is null")
            return article
        }
        guard let textKey else {
            // A wrapper of articles on one line (a saved API response): say how to split it.
            if let (key, items) = InputWalker.wrappedArticles(in: .object(record)) {
                throw IngestError(input: label, reason: "a wrapper holding \(items.count) articles under '\(key)', not an article: give it as a file, or one article per line (jq -c '.\(key)[]')")
            }
            throw IngestError(input: label, reason: "record has no 'text' field (keys: \(record.keys.prefix(8).joined(separator: ", ")))")
        }
        guard case .string(var text) = record[textKey]! else {
            throw IngestError(input: label, reason: "field '\(textKey)' must be a string, found \(record[textKey]!.kindPhrase)")
        }
        consumed.insert(textKey)
        var (known, extra) = knownFields(record, id: id, consumed: &consumed)
        if deckKeys.contains(textKey) { known.deck = nil }  // the description became the body
        text = Self.droppingTruncationMarker(text)
        guard text.utf8.count <= Ingester.defaultMaximumBytes else {
            throw IngestError(input: label, reason: "text of \(text.utf8.count) bytes is over the \(Ingester.defaultMaximumBytes)-byte limit")
        }
        return Ingester.article(fromText: text, known: known, format: "json", extra: extra)
    }

    /// NewsAPI cuts "content" short with " … [+1234 chars]": the marker is not the article's.
    static func droppingTruncationMarker(_ text: String) -> String {
        guard text.hasSuffix(" chars]"), let open = text.range(of: "[+", options: .backwards) else { return text }
        let count = text[open.upperBound..<text.index(text.endIndex, offsetBy: -7)]
        guard !count.isEmpty, count.allSatisfy(\.isNumber) else { return text }
        var head = String(text[..<open.lowerBound]).trimmed
        if head.hasSuffix("…") || head.hasSuffix("...") { head = String(head.dropLast(head.hasSuffix("…") ? 1 : 3)).trimmed }
        return head
    }

    /// The record's header fields, and every field Galley does not model (carried through).
    static func knownFields(_ record: JSONObject, id: String?, consumed: inout Set<String>) -> (KnownFields, JSONObject) {
        var notes: [String] = []
        func string(_ keys: [String], warn: Bool = true) -> String? {
            for k in keys {
                guard let v = record[k] else { continue }
                consumed.insert(k)
                if case .string(let raw) = v {
                    let s = withoutControls(raw)
                    if !s.trimmed.isEmpty { return s.trimmed }
                } else if warn, !v.isNull {
                    // A title given as a number or an object was dropped without a word.
                    notes.append("field '\(k)' must be a string, found \(v.kindPhrase): left out")
                }
            }
            return nil
        }
        var authors: [String]?
        for k in authorKeys {
            guard let v = record[k] else { continue }
            consumed.insert(k)
            if case .string(let s) = v { authors = [s] }
            if case .array(let a) = v { authors = a.compactMap { $0.stringValue ?? $0["name"]?.stringValue } }
            break
        }
        // A source named as a string, or an object with a name (NewsAPI's {"id","name"}).
        var site = string(siteKeys, warn: false)  // feeds give "publisher" as an object: not worth a warning
        if site == nil, let s = record["source"] {
            if let name = s.stringValue ?? s["name"]?.stringValue, !name.trimmed.isEmpty {
                site = name.trimmed
                consumed.insert("source")
            }
        }
        // A date may come as a number (a Unix time) or another JSON value: kept as its text,
        // to be read or warned about (it became null without a word).
        var published = string(dateKeys, warn: false)  // a number is a Unix time: read below
        if published == nil, let key = dateKeys.first(where: { record[$0] != nil && !(record[$0]!.isNull) }), let v = record[key], v.stringValue == nil {
            published = JSONWriter.string(v)
        }
        var known = KnownFields(
            id: id, title: string(titleKeys), deck: string(deckKeys), published: published, authors: authors,
            site: site, url: string(urlKeys), path: nil, language: string(languageKeys))
        known.warnings = notes
        var extra = JSONObject()
        for (k, v) in record where !consumed.contains(k) && !articleFieldOrder.contains(k) { extra.appendUnchecked(k, v) }
        return (known, extra)
    }
}
