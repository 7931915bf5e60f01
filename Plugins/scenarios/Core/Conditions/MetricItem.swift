import GalleyJSON

/// One figure found by the metrics plugin (`analyses.metrics`): what the scorer needs of it.
public struct MetricItem: Sendable, Equatable {
    public var text: String
    public var kind: String
    /// The number; for a range, its low and high ends.
    public var value: Double?
    public var low: Double?
    public var high: Double?
    public var unit: String?
    public var qualifier: String?
    public var subject: String?
    public var entity: String?
    /// Index into `article.sentences`.
    public var sentence: Int?
    public var start: Int?
    public var end: Int?

    public init(text: String, kind: String, value: Double? = nil, low: Double? = nil, high: Double? = nil, unit: String? = nil,
                qualifier: String? = nil, subject: String? = nil, entity: String? = nil, sentence: Int? = nil,
                start: Int? = nil, end: Int? = nil) {
        self.text = text; self.kind = kind; self.value = value; self.low = low; self.high = high; self.unit = unit
        self.qualifier = qualifier; self.subject = subject; self.entity = entity; self.sentence = sentence
        self.start = start; self.end = end
    }

    /// Reads `analyses.metrics`: an array of items, or an object holding one under `items` or `metrics`.
    public static func items(from analysis: JSONValue?) -> [MetricItem] {
        guard let analysis else { return [] }
        var list: [JSONValue] = []
        switch analysis {
        case .array(let a): list = a
        case .object(let o): list = (o["items"] ?? o["metrics"])?.arrayValue ?? []
        default: return []
        }
        let all = list.compactMap(item)
        // A range's end may be listed again as an item ("40 - 50 years old" also says "50 years
        // old"); a range meets a condition only as a whole, so its end must not answer alone.
        let ranges = all.filter { $0.kind == "range" && $0.start != nil && $0.end != nil }
        return all.filter { m in
            guard m.kind != "range", let s = m.start, let e = m.end else { return true }
            return !ranges.contains { $0.start! <= s && e <= $0.end! }
        }
    }

    static func item(_ v: JSONValue) -> MetricItem? {
        guard case .object(let o) = v, let kind = o["kind"]?.stringValue else { return nil }
        var m = MetricItem(text: o["text"]?.stringValue ?? "", kind: kind)
        switch o["value"] {
        case .array(let ends)? where ends.count == 2:  // a range: [low, high], null for an open end
            m.low = ends[0].doubleValue
            m.high = ends[1].doubleValue
        case .object(let r)?:
            m.low = r["low"]?.doubleValue
            m.high = r["high"]?.doubleValue
        case let x?: m.value = x.doubleValue ?? x.stringValue.flatMap(Double.init)
        case nil: break
        }
        m.unit = o["unit"]?.stringValue ?? o["currency"]?.stringValue
        m.qualifier = o["qualifier"]?.stringValue
        m.subject = o["subject"]?.stringValue
        m.entity = o["entity"]?.stringValue
        m.sentence = o["sentence"]?.intValue
        m.start = o["start"]?.intValue
        m.end = o["end"]?.intValue
        if kind == "percent" { m.normalisePercent() }
        return m
    }

    /// A percent given as a fraction (0.2 for "20%") is put on the scale the text uses.
    mutating func normalisePercent() {
        guard let shown = firstNumber(in: text), shown > 1 else { return }
        func fix(_ x: Double?) -> Double? { x.map { abs($0) <= 1 && abs($0 * 100 - shown) < abs($0 - shown) ? $0 * 100 : $0 } }
        value = fix(value); low = fix(low); high = fix(high)
    }

    func firstNumber(in s: String) -> Double? {
        var digits = ""
        for ch in s {
            if ch.isNumber || (ch == "." && !digits.isEmpty) { digits.append(ch) } else if ch == "," && !digits.isEmpty { continue } else if !digits.isEmpty { break }
        }
        return Double(digits)
    }
}
