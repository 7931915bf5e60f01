import GalleyJSON

/// One extracted fact, as the report needs it: read from an article's `analyses.metrics`
/// item, with the article it came from.
public struct Fact: Sendable, Equatable {
    public var articleID: String
    public var articleTitle: String
    public var source: String
    public var published: String?
    public var text: String
    public var sentence: String
    public var kind: String
    public var value: Double?
    public var low: Double?
    public var high: Double?
    /// ISO date for dates and periods.
    public var date: String?
    public var unit: String
    public var qualifier: String
    public var subject: String
    public var entity: String
    /// The year the fact is about (its own date, or the article's).
    public var period: String

    /// The interval of values the fact allows, for comparing facts with each other.
    var interval: ClosedRange<Double>? {
        if let low, let high, low <= high { return low...high }
        guard let v = value else { return nil }
        switch qualifier {
        case "approx": return (v * 0.9)...(v * 1.1)
        case "at_least": return v...Double.greatestFiniteMagnitude
        case "at_most": return -Double.greatestFiniteMagnitude...v
        default: return (v - abs(v) * 0.005)...(v + abs(v) * 0.005)
        }
    }

    var isPoint: Bool { low == nil && (qualifier == "exact" || qualifier.isEmpty) }
}

/// Reads facts from a parsed article. Understands the metrics plugin's items and tolerates
/// missing fields (plugins written elsewhere may produce fewer).
public enum FactReader {
    public static func facts(in article: JSONValue) -> [Fact] {
        guard let items = metricsItems(article) else { return [] }
        let id = article["id"]?.stringValue ?? "?"
        let title = article["title"]?.stringValue ?? article["source"]?["path"]?.stringValue ?? id
        let source = article["source"]?["site"]?.stringValue ?? article["source"]?["path"]?.stringValue ?? article["source"]?["url"]?.stringValue ?? ""
        let published = article["published"]?.stringValue
        let sentences = article["sentences"]?.arrayValue ?? []
        return items.compactMap { item in
            guard let kind = item["kind"]?.stringValue, let text = item["text"]?.stringValue else { return nil }
            var f = Fact(articleID: id, articleTitle: title, source: source, published: published, text: text, sentence: "",
                         kind: kind, value: nil, low: nil, high: nil, date: nil,
                         unit: item["unit"]?.stringValue ?? item["currency"]?.stringValue ?? "",
                         qualifier: item["qualifier"]?.stringValue ?? "exact",
                         subject: item["subject"]?.stringValue ?? "", entity: item["entity"]?.stringValue ?? "", period: "")
            if let s = item["sentence"]?.intValue, s >= 0, s < sentences.count { f.sentence = sentences[s]["text"]?.stringValue ?? "" }
            switch item["value"] {
            case .number?: f.value = item["value"]?.doubleValue
            case .string(let iso)?: f.date = iso
            case .array(let ends)? where ends.count == 2:
                f.low = ends[0].doubleValue
                f.high = ends[1].doubleValue
            case .object(let o)?:
                f.low = o["low"]?.doubleValue ?? o["from"]?.doubleValue
                f.high = o["high"]?.doubleValue ?? o["to"]?.doubleValue
                if f.low == nil, let l = o["low"]?.stringValue { f.date = l }
                f.value = o["value"]?.doubleValue ?? o["amount"]?.doubleValue
            default: break
            }
            if f.unit.isEmpty, kind == "percent" { f.unit = "%" }
            f.period = item["period"]?.stringValue.map { String($0.prefix(4)) }
                ?? f.date.map { String($0.prefix(4)) }
                ?? published.map { String($0.prefix(4)) } ?? ""
            return f
        }
    }

    /// `analyses.metrics` as an array, or as `{"items": [...]}`.
    public static func metricsItems(_ article: JSONValue) -> [JSONValue]? {
        guard let m = article["analyses"]?["metrics"] else { return nil }
        if let a = m.arrayValue { return a }
        return m["items"]?.arrayValue ?? m["metrics"]?.arrayValue
    }
}
