import GalleyJSON

/// What an item measures, by its form.
public enum MetricKind: String, Sendable, CaseIterable {
    case number, ordinal, percent, money, quantity, date, duration, range, change
}

/// How the text bounds the value: "about 2%" is approximate, "more than 20,000" a lower bound.
public enum Qualifier: String, Sendable {
    case exact, approx
    case atLeast = "at_least"
    case atMost = "at_most"
}

/// A normalized value: a number, an ISO 8601 text (dates, periods, durations), a relative
/// position ("end-1" for "second to last"), or the two ends of a range (`nil` for an open end),
/// written `[low, high]` on the wire.
public enum MetricValue: Sendable, Hashable {
    case number(Double)
    case text(String)
    case range(low: Double?, high: Double?)
    case none

    public var number: Double? { if case .number(let v) = self { return v }; return nil }
    public var text: String? { if case .text(let v) = self { return v }; return nil }
}

/// One number an analyst needs, with what it measures. Offsets count Unicode scalars into
/// `article.text`, end exclusive.
public struct Metric: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    public var kind: MetricKind
    public var value: MetricValue
    /// Unit or counted noun ("percent", "km", "employees", "year"); nil for plain numbers.
    public var unit: String?
    /// ISO 4217 code (or a widely used crypto ticker) for money.
    public var currency: String?
    public var qualifier: Qualifier
    /// What is measured ("workforce reduction", "stock move", "market cap").
    public var subject: String?
    /// The company, person or asset the sentence ties the value to.
    public var entity: String?
    /// Index into `article.sentences`, when the item lies in one.
    public var sentence: Int?
    /// For changes: "up" or "down"; for ranges read as a move ("from $126k to $61k"), too.
    public var direction: String?
    /// Relative dates: whether the value was resolved against the publication date.
    public var resolved: Bool?
    /// Money restating the amount before it in another currency, in brackets: the pounds of
    /// "$550,000 (£292,000)" and of "1.55bn euros ($2bn; £1.1bn)". Not a figure of its own.
    public var conversion = false
    /// The place a figure is given for when its sentence sets figures side by side by place
    /// ("4% in Europe and 9% in Asia"); the entity stays whose figures they are.
    public var place: String?

    public init(text: String, start: Int, end: Int, kind: MetricKind, value: MetricValue, unit: String? = nil,
                currency: String? = nil, qualifier: Qualifier = .exact, subject: String? = nil, entity: String? = nil,
                sentence: Int? = nil, direction: String? = nil, resolved: Bool? = nil) {
        self.text = text; self.start = start; self.end = end; self.kind = kind; self.value = value
        self.unit = unit; self.currency = currency; self.qualifier = qualifier; self.subject = subject
        self.entity = entity; self.sentence = sentence; self.direction = direction; self.resolved = resolved
    }

    /// The wire form: `{text,start,end,kind,value,unit|currency,qualifier,subject,entity,sentence}`
    /// (a range's value is `[low, high]`),
    /// plus `direction` on changes and moves, `resolved` on relative dates, `conversion` on
    /// money restated in another currency and `place` on figures set side by side by place.
    public var json: JSONValue {
        var o = JSONObject()
        o.appendUnchecked("text", .string(text))
        o.appendUnchecked("start", JSONValue(start))
        o.appendUnchecked("end", JSONValue(end))
        o.appendUnchecked("kind", .string(kind.rawValue))
        switch value {
        case .number(let v): o.appendUnchecked("value", JSONValue(v))
        case .text(let s): o.appendUnchecked("value", .string(s))
        case .range(let lo, let hi):
            func end(_ v: Double?) -> JSONValue { v.map { JSONValue($0) } ?? .null }
            // [low, high], as the scoring protocol and the schema write ranges.
            o.appendUnchecked("value", .array([end(lo), end(hi)]))
        case .none: o.appendUnchecked("value", .null)
        }
        if let currency { o.appendUnchecked("currency", .string(currency)) } else { o.appendUnchecked("unit", JSONValue(unit)) }
        o.appendUnchecked("qualifier", .string(qualifier.rawValue))
        o.appendUnchecked("subject", JSONValue(subject))
        o.appendUnchecked("entity", JSONValue(entity))
        o.appendUnchecked("sentence", sentence.map { JSONValue($0) } ?? .null)
        if let direction { o.appendUnchecked("direction", .string(direction)) }
        if let resolved { o.appendUnchecked("resolved", .bool(resolved)) }
        if conversion { o.appendUnchecked("conversion", .bool(true)) }
        if let place { o.appendUnchecked("place", .string(place)) }
        return .object(o)
    }
}
