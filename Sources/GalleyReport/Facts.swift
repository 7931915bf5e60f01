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
    /// Where the fact is: its sentence's index and its offsets in the article's text.
    public var sentenceIndex: Int? = nil
    public var start: Int? = nil
    public var end: Int? = nil
    /// Money restating the amount before it in another currency ("$550,000 (£292,000)"): the
    /// metrics item's `conversion`.
    public var isConversion = false
    /// The place the figure is given for, when its sentence sets figures side by side by place
    /// ("4% in Europe and 9% in Asia"): the metrics item's `place`.
    public var place = ""

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

    /// The values that round to the figure as written ("$27bn": $26.5bn to $27.5bn; "9.3%":
    /// 9.25% to 9.35%; "16,000": 15,500 to 16,500), when it is written with at least two
    /// significant digits. "$2bn", "20%" or "1,000" may well be exact, so they keep `interval`.
    var roundingInterval: ClosedRange<Double>? {
        guard isPoint, let v = value, v != 0, let written = Self.writtenNumber(text), Self.significantDigits(written) >= 2,
              let half = Self.halfUnit(written: written, value: v) else { return nil }
        return (v - half)...(v + half)
    }

    /// The last number written in digits in `text`, without thousands separators ("27.5" of
    /// "$27.5bn", "16000" of "16,000 jobs"); nil when there is none.
    static func writtenNumber(_ text: String) -> String? {
        var run: [Unicode.Scalar] = [], last: [Unicode.Scalar] = []
        for c in text.unicodeScalars {
            if c.isDigitLikeASCII || (!run.isEmpty && (c == "," || c == ".")) { run.append(c); continue }
            if !run.isEmpty { last = run; run = [] }
        }
        if !run.isEmpty { last = run }
        while let c = last.last, c == "," || c == "." { last.removeLast() }  // "5." ending a sentence
        let written = String(String.UnicodeScalarView(last.filter { $0 != "," }))
        return written.isEmpty ? nil : written
    }

    /// Digits from the first non-zero one, less an integer's trailing zeros ("16000": 2;
    /// "27.5": 3; "0.05": 1).
    static func significantDigits(_ written: String) -> Int {
        var digits = Array(written.filter { $0 != "." }.drop { $0 == "0" })
        if !written.contains(".") { while digits.last == "0" { digits.removeLast() } }
        return digits.count
    }

    /// Half the unit of the last digit of the last number written in digits in `text`, in the
    /// units of `value` ("27.5" of "$27.5bn": 0.05bn; the trailing zeros of "16,000" are taken
    /// for rounding: 500); nil when the text holds no such number.
    static func halfUnit(of text: String, value: Double) -> Double? {
        writtenNumber(text).flatMap { halfUnit(written: $0, value: value) }
    }

    /// The same, for a number already read by `writtenNumber`.
    static func halfUnit(written: String, value: Double) -> Double? {
        guard let number = Double(written), number > 0 else { return nil }
        var unit = 1.0
        if let point = written.firstIndex(of: ".") {
            for _ in written[written.index(after: point)...] { unit /= 10 }
        } else if written.contains(where: { $0 != "0" }) {
            for c in written.reversed() { if c == "0" { unit *= 10 } else { break } }
        }
        return 0.5 * unit * abs(value) / number
    }
}

/// Reads facts from a parsed article. Understands the metrics plugin's items and tolerates
/// missing fields (plugins written elsewhere may produce fewer). Each fact is placed in time:
/// a table cell takes the year of its column header, a fact in a sentence that states a
/// (closed) date takes that date's year, any other fact the publication year; an undated
/// article leaves the period empty and the reconciliation decides.
public enum FactReader {
    public static func facts(in article: JSONValue) -> [Fact] {
        guard let items = metricsItems(article) else { return [] }
        let id = article["id"]?.stringValue ?? "?"
        let title = article["title"]?.stringValue
            ?? article["source"]?["path"]?.stringValue.map { "(untitled) " + ($0.split(separator: "/").last.map(String.init) ?? $0) } ?? id
        let source = article["source"]?["site"]?.stringValue ?? article["source"]?["path"]?.stringValue ?? article["source"]?["url"]?.stringValue ?? ""
        let published = article["published"]?.stringValue
        let sentences = article["sentences"]?.arrayValue ?? []
        let paragraphs = article["paragraphs"]?.arrayValue ?? []
        let tables = article["tables"]?.arrayValue ?? []

        // Years stated by (closed) dates, per sentence. Open periods ("since late 2022") are
        // reference points, not the time a figure is about.
        var sentenceYears: [Int: Int] = [:]
        for item in items where item["kind"]?.stringValue == "date" {
            guard let s = item["sentence"]?.intValue, let iso = item["value"]?.stringValue, !iso.contains("..") else { continue }
            if let y = lastYear(iso) { sentenceYears[s] = max(sentenceYears[s] ?? 0, y) }
        }
        // A range's ends may also be listed as items ("40 - 50 years old" says "50 years old");
        // read as claims of their own they would contradict the range they belong to.
        let rangeSpans: [(Int, Int)] = items.compactMap { item in
            guard item["kind"]?.stringValue == "range", let s = item["start"]?.intValue, let e = item["end"]?.intValue else { return nil }
            return (s, e)
        }
        var out: [Fact] = []
        var inTable: [Int] = []
        for item in items {
            guard let kind = item["kind"]?.stringValue, let text = item["text"]?.stringValue else { continue }
            if kind != "range", let s = item["start"]?.intValue, let e = item["end"]?.intValue,
               rangeSpans.contains(where: { $0.0 <= s && e <= $0.1 }) { continue }
            var f = Fact(articleID: id, articleTitle: title, source: source, published: published, text: text, sentence: "",
                         kind: kind, value: nil, low: nil, high: nil, date: nil,
                         unit: item["unit"]?.stringValue ?? item["currency"]?.stringValue ?? "",
                         qualifier: item["qualifier"]?.stringValue ?? "exact",
                         subject: item["subject"]?.stringValue ?? "", entity: item["entity"]?.stringValue ?? "", period: "")
            let sentenceIndex = item["sentence"]?.intValue
            if let s = sentenceIndex, s >= 0, s < sentences.count { f.sentence = sentences[s]["text"]?.stringValue ?? "" }
            f.sentenceIndex = sentenceIndex
            f.start = item["start"]?.intValue
            f.end = item["end"]?.intValue
            f.isConversion = item["conversion"]?.boolValue ?? false
            f.place = item["place"]?.stringValue ?? ""
            switch item["value"] {
            case .number?: f.value = item["value"]?.doubleValue
            case .string(let iso)?: f.date = iso
            case .array(let ends)? where ends.count == 2:
                f.low = ends[0].doubleValue
                f.high = ends[1].doubleValue
            case .object(let o)?:
                f.low = o["low"]?.doubleValue
                f.high = o["high"]?.doubleValue
            default: break
            }
            if f.unit.isEmpty, kind == "percent" { f.unit = "percent" }
            // When: a table column's year, a dated sentence, or the publication year.
            var period: Int?
            if let s = sentenceIndex, s >= 0, s < sentences.count, sentences[s]["kind"]?.stringValue == "table_row",
               let p = sentences[s]["paragraph"]?.intValue, let start = item["start"]?.intValue {
                period = columnYear(paragraph: p, offset: start, paragraphs: paragraphs, tables: tables)
                inTable.append(out.count)
            }
            if period == nil, kind == "date", let d = f.date, !d.contains("..") { period = lastYear(d) }
            if period == nil, let s = sentenceIndex { period = sentenceYears[s] }
            if period == nil, let p = published { period = Int(p.prefix(4)) }
            f.period = period.map(String.init) ?? ""
            out.append(f)
        }
        // A table quantifies what the article is about: its cells take the article's main
        // subject for their unit, when the table's own row label is all they have.
        for k in inTable {
            let unit = Reconciler.unitClass(out[k])
            let prose = out.indices.filter { !inTable.contains($0) && Reconciler.unitClass(out[$0]) == unit }
            if let subject = mostCommon(prose.map { out[$0].subject }) { out[k].subject = subject }
        }
        // A figure whose sentence names no one is about the article's main entity.
        if let main = mostCommon(out.map(\.entity)) {
            for k in out.indices where out[k].entity.isEmpty { out[k].entity = main }
        }
        return out
    }

    /// `analyses.metrics` as an array, or as `{"items": [...]}`.
    public static func metricsItems(_ article: JSONValue) -> [JSONValue]? {
        guard let m = article["analyses"]?["metrics"] else { return nil }
        if let a = m.arrayValue { return a }
        return m["items"]?.arrayValue ?? m["metrics"]?.arrayValue
    }

    /// The year in the header of the column holding `offset` in a table row block.
    static func columnYear(paragraph p: Int, offset: Int, paragraphs: [JSONValue], tables: [JSONValue]) -> Int? {
        guard p < paragraphs.count, let rowStart = paragraphs[p]["start"]?.intValue, let rowText = paragraphs[p]["text"]?.stringValue,
              let table = tables.first(where: { ($0["paragraphs"]?.arrayValue ?? []).contains(JSONValue(p)) }),
              let header = table["rows"]?.arrayValue?.first?.arrayValue else { return nil }
        let before = rowText.unicodeScalars.prefix(max(0, offset - rowStart))
        let column = before.filter { $0 == "\t" }.count
        guard column < header.count, let cell = header[column].stringValue else { return nil }
        return firstYear(cell)
    }

    static func lastYear(_ iso: String) -> Int? {
        let parts = iso.split(separator: "/")
        guard let last = parts.last else { return nil }
        return Int(last.prefix(4)).flatMap { (1000...2999).contains($0) ? $0 : nil }
    }

    static func firstYear(_ text: String) -> Int? {
        var digits = ""
        for c in text.unicodeScalars {
            if c.isDigitLikeASCII { digits.unicodeScalars.append(c) } else {
                if digits.count == 4, let y = Int(digits), (1900...2100).contains(y) { return y }
                digits = ""
            }
        }
        if digits.count == 4, let y = Int(digits), (1900...2100).contains(y) { return y }
        return nil
    }

    static func mostCommon(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for v in values where !v.isEmpty { counts[v, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }
}

extension UnicodeScalar {
    var isDigitLikeASCII: Bool { value >= 0x30 && value <= 0x39 }
}
