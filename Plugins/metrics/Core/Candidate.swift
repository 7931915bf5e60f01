/// A reading of tokens first...last that a grammar proposes; the extractor keeps the best
/// non-overlapping ones.
struct Candidate {
    var first: Int
    var last: Int
    var kind: MetricKind
    var value: MetricValue
    var unit: String?
    var currency: String?
    var qualifier: Qualifier = .exact
    /// Breaks ties between readings of the same span: money over quantity over number.
    var priority: Int
    /// Relative dates: whether the publication date resolved them.
    var resolved: Bool?
    /// The number read inside, for ranges and qualifiers.
    var number: NumberExpr?
    /// Dates: the period, for date ranges.
    var period: Period?
    var direction: String?
    /// Subject fixed by the grammar itself ("age" for "45 years old").
    var subject: String?
    /// Changes: the first token of the amount that moves.
    var measureFirst: Int?

    init(_ first: Int, _ last: Int, _ kind: MetricKind, _ value: MetricValue, priority: Int, unit: String? = nil,
         currency: String? = nil, number: NumberExpr? = nil) {
        self.first = first; self.last = last; self.kind = kind; self.value = value; self.priority = priority
        self.unit = unit; self.currency = currency; self.number = number
        if let number, number.vague { qualifier = .atLeast }
    }

    var length: Int { last - first + 1 }
}

/// Priorities for equal spans.
enum Priority {
    static let number = 10, ordinal = 12, relativeOrdinal = 5, duration = 30, quantity = 40, date = 45,
               percent = 50, money = 60, range = 70
}
