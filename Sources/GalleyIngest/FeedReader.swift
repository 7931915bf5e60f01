import Foundation
import GalleyHTML
import GalleyJSON
import GalleyText

/// News feeds (RSS 2.0, RSS 1.0/RDF and Atom): each item or entry becomes one record
/// (`{"id","title","url","published","authors","html","site"}`), ingested like a record with an
/// `html` field. A feed read as a page or as text was one article full of XML tags.
///
/// Feeds are simple and regular, so this reads them by their elements' names rather than
/// through a general XML parser: CDATA sections are taken as they are, other text has its
/// XML entities decoded, and the body is the richest of `content:encoded`, `content`,
/// `description` and `summary`.
enum FeedReader {
    /// XML that opens an `rss`, `feed` or `rdf:RDF` element within its first 2 KB.
    static func looksLikeFeed(_ bytes: [UInt8]) -> Bool {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, bytes[start] <= 0x20 { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "<") else { return false }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 2048)], as: UTF8.self)
        return ["<rss", "<feed", "<rdf:RDF"].contains { head.contains($0) } && !head.lowercased().contains("<html")
    }

    /// The feed's items as records, in the feed's order.
    static func records(_ bytes: [UInt8]) -> [JSONValue] {
        let text = (try? TextDecoding.decode(bytes).text) ?? String(decoding: bytes, as: UTF8.self)
        // The channel's own title comes before its first item: the site's name.
        let firstItem = text.range(of: "<item")?.lowerBound ?? text.range(of: "<entry")?.lowerBound ?? text.endIndex
        let feedTitle = element("title", in: text[..<firstItem])
        var out: [JSONValue] = []
        for (tag, block) in blocks(text) {
            var fields: [(String, JSONValue)] = []
            let link = tag == "entry" ? atomLink(block) : element("link", in: block) ?? element("guid", in: block)
            if let id = element("guid", in: block) ?? element("id", in: block) ?? link { fields.append(("id", .string(id))) }
            if let title = element("title", in: block) { fields.append(("title", .string(title))) }
            if let link { fields.append(("url", .string(link))) }
            if let date = ["pubDate", "published", "dc:date", "updated"].lazy.compactMap({ element($0, in: block) }).first {
                // RSS writes RFC 822 dates ("Mon, 03 Mar 2025 10:00:00 GMT"): the ISO date, where readable.
                let iso = date.first?.isNumber == true ? nil : Self.rfc822(date) ?? DateParser.findDates(in: date).first?.date.iso
                fields.append(("published", .string(iso ?? date)))
            }
            let authors = ["dc:creator", "author"].compactMap { name -> String? in
                guard let a = element(name, in: block) else { return nil }
                // Atom's <author> holds <name>; RSS's holds an address, often "mail (Name)".
                return element("name", in: Substring(rawContent(name, in: block) ?? "")) ?? a
            }
            if !authors.isEmpty { fields.append(("authors", .array(authors.map(JSONValue.string)))) }
            let bodies = ["content:encoded", "content", "description", "summary"].compactMap { element($0, in: block) }
            fields.append(("html", .string(bodies.max(by: { $0.utf8.count < $1.utf8.count }) ?? "")))
            if let feedTitle { fields.append(("site", .string(feedTitle))) }
            out.append(.object(JSONObject(fields)))
        }
        return out
    }

    /// Each `<item>` or `<entry>` element, with its name.
    static func blocks(_ text: String) -> [(String, Substring)] {
        var out: [(String, Substring)] = []
        var rest = text[...]
        while let open = rest.range(of: "<item") ?? rest.range(of: "<entry") {
            let tag = rest[open].hasPrefix("<item") ? "item" : "entry"
            // "<item>" or "<item attr=...>", not "<itemize>".
            guard let after = rest[open.upperBound...].first, after == ">" || after == " " || after == "\n" || after == "\t" || after == "\r" else {
                rest = rest[open.upperBound...]; continue
            }
            guard let close = rest[open.upperBound...].range(of: "</\(tag)>") else { break }
            out.append((tag, rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// An RFC 822 date with its time ("Tue, 05 Mar 2024 10:00:00 GMT" -> "2024-03-05T10:00:00Z",
    /// "+0100" -> "+01:00"); nil when it is not one (the date alone is then read elsewhere).
    static func rfc822(_ text: String) -> String? {
        var parts = text.split(separator: " ").map(String.init)
        if let first = parts.first, first.hasSuffix(",") { parts.removeFirst() }
        guard parts.count >= 4, let day = Int(parts[0]), (1...31).contains(day),
              let month = monthNumbers[parts[1].prefix(3).lowercased()], let year = Int(parts[2]), (1900...2100).contains(year) else { return nil }
        let clock = parts[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, clock.count == parts[3].split(separator: ":").count, clock[0] < 24, clock[1] < 60 else { return nil }
        let zoneName = parts.count > 4 ? parts[4].uppercased() : "GMT"
        let zone: String
        if ["GMT", "UT", "UTC", "Z"].contains(zoneName) { zone = "Z" }
        else if let hours = namedZones[zoneName] { zone = (hours < 0 ? "-" : "+") + pad(abs(hours)) + ":00" }
        else if zoneName.count == 5, let sign = zoneName.first, sign == "+" || sign == "-", Int(zoneName.dropFirst()) != nil {
            zone = String(sign) + zoneName.dropFirst().prefix(2) + ":" + zoneName.suffix(2)
        } else { return nil }
        let seconds = clock.count > 2 ? clock[2] : 0
        return "\(year)-\(pad(month))-\(pad(day))T\(pad(clock[0])):\(pad(clock[1])):\(pad(seconds))\(zone)"
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static let monthNumbers = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    private static let namedZones = ["EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7]

    /// The text of the first `<name ...>...</name>` in `block`: CDATA as it is, entities
    /// decoded, trimmed; nil when absent or empty.
    static func element(_ name: String, in block: Substring) -> String? {
        guard let raw = rawContent(name, in: block) else { return nil }
        var text = ""
        var rest = raw[...]
        while let cdata = rest.range(of: "<![CDATA[") {
            text += decodeEntities(rest[..<cdata.lowerBound])
            guard let end = rest[cdata.upperBound...].range(of: "]]>") else { rest = rest[cdata.upperBound...]; break }
            text += rest[cdata.upperBound..<end.lowerBound]
            rest = rest[end.upperBound...]
        }
        text += decodeEntities(rest)
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }

    /// What lies between `<name ...>` and `</name>`, as written.
    static func rawContent(_ name: String, in block: Substring) -> Substring? {
        var rest = block
        while let open = rest.range(of: "<" + name) {
            let after = rest[open.upperBound...]
            guard let next = after.first, next == ">" || next == " " || next == "\n" || next == "\t" || next == "\r" || next == "/" else {
                rest = after; continue
            }
            guard let gt = after.firstIndex(of: ">") else { return nil }
            if after[..<gt].hasSuffix("/") { rest = after[after.index(after: gt)...]; continue }  // <link href="..."/>
            let body = after[after.index(after: gt)...]
            guard let close = body.range(of: "</" + name + ">") else { return nil }
            return body[..<close.lowerBound]
        }
        return nil
    }

    /// Atom's `<link href="..."/>`: the alternate link, or the first without a `rel`.
    static func atomLink(_ block: Substring) -> String? {
        var rest = block
        var fallback: String?
        while let open = rest.range(of: "<link") {
            guard let gt = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[open.upperBound..<gt]
            if let href = attribute("href", in: tag) {
                let rel = attribute("rel", in: tag)
                if rel == "alternate" { return href }
                if rel == nil, fallback == nil { fallback = href }
            }
            rest = rest[rest.index(after: gt)...]
        }
        return fallback ?? element("link", in: block)
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        for quote in ["\"", "'"] {
            if let r = tag.range(of: " " + name + "=" + quote), let end = tag[r.upperBound...].firstIndex(of: Character(quote)) {
                return decodeEntities(tag[r.upperBound..<end])
            }
        }
        return nil
    }

    /// XML's entities and numeric references (a subset of HTML's character references, which
    /// the HTML reader already decodes); an HTML body decoded here is still HTML.
    static func decodeEntities(_ s: Substring) -> String { HTMLText.decodingReferences(String(s)) }
}
