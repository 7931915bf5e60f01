import GalleyText

/// A point in time at the precision the text states: a year, a month, a day, an ISO week,
/// or a day with a time; `year` nil when the text gives none and nothing resolved it.
public struct DateStamp: Sendable, Equatable {
    public var year: Int?
    public var month: Int?
    public var day: Int?
    public var week: Int?
    public var hour: Int?
    public var minute: Int?
    public var second: Int?
    /// The text gave no year; it was taken from the publication date.
    public var yearInferred = false

    public init(year: Int? = nil, month: Int? = nil, day: Int? = nil, week: Int? = nil, hour: Int? = nil, minute: Int? = nil, second: Int? = nil) {
        self.year = year; self.month = month; self.day = day; self.week = week; self.hour = hour; self.minute = minute; self.second = second
    }

    public init(_ d: CivilDate) { self.init(year: d.year, month: d.month, day: d.day) }

    public var civil: CivilDate? {
        guard let year, let month, let day else { return nil }
        return CivilDate(year, month, day)
    }

    /// ISO 8601 at the stated precision: "2026", "2026-03", "2026-03-17", "2026-W12",
    /// "2026-03-17T09:30", "09:30" (a time alone); "XXXX-03-17" when the year is unknown.
    public var iso: String {
        func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        func p4(_ v: Int) -> String { v < 0 ? "\(v)" : String(repeating: "0", count: max(0, 4 - String(v).count)) + String(v) }
        var s = ""
        if year == nil, month == nil, day == nil, week == nil {
            guard let hour else { return "" }
            return p2(hour) + ":" + p2(minute ?? 0) + ":" + p2(second ?? 0)
        }
        s = year.map(p4) ?? "XXXX"
        if let week { return s + "-W" + p2(week) }
        guard let month else { return s }
        s += "-" + p2(month)
        guard let day else { return s }
        s += "-" + p2(day)
        if let hour {
            s += "T" + p2(hour) + ":" + p2(minute ?? 0)
            if let second { s += ":" + p2(second) }
        }
        return s
    }

    /// The next (+1) or previous (-1) stamp at the same precision: 2016 -> 2017, 2018-01 ->
    /// 2017-12, 2007-01-01 -> 2006-12-31; nil for times of day and unknown years.
    func stepped(_ n: Int) -> DateStamp? {
        guard hour == nil, let year else { return nil }
        if let week {
            let d = CivilDate.mondayOf(isoYear: year, week: week).adding(days: 7 * n).isoWeek
            return DateStamp(year: d.year, week: d.week)
        }
        guard let month else { return DateStamp(year: year + n) }
        guard let day else {
            let d = CivilDate(year, month, 1).adding(months: n)
            return DateStamp(year: d.year, month: d.month)
        }
        return DateStamp(CivilDate(year, month, day).adding(days: n))
    }

    /// The first and last day this stamp covers (for intervals and arithmetic).
    var firstDay: CivilDate? {
        guard let year else { return nil }
        if let week { return CivilDate.mondayOf(isoYear: year, week: week) }
        return CivilDate(year, month ?? 1, day ?? 1)
    }
    var lastDay: CivilDate? {
        guard let year else { return nil }
        if let week { return CivilDate.mondayOf(isoYear: year, week: week).adding(days: 6) }
        let m = month ?? 12
        return CivilDate(year, m, day ?? CivilDate.daysIn(year, m))
    }
}

/// What a date expression denotes: one stamp, or an interval of two (inclusive, each at its
/// own precision; nil for an open end).
public enum Period: Sendable, Equatable {
    case point(DateStamp)
    case interval(DateStamp?, DateStamp?)

    public var iso: String {
        switch self {
        case .point(let p): return p.iso
        case .interval(let a, let b): return (a?.iso ?? "..") + "/" + (b?.iso ?? "..")
        }
    }

    var start: DateStamp? { if case .point(let p) = self { return p }; if case .interval(let a, _) = self { return a }; return nil }
    var end: DateStamp? { if case .point(let p) = self { return p }; if case .interval(_, let b) = self { return b }; return nil }

    /// An interval from the start of `a` to the end of `b`.
    static func span(_ a: Period, _ b: Period) -> Period { .interval(a.start, b.end) }

    /// An interval of whole days, shown at day precision.
    static func days(_ a: CivilDate, _ b: CivilDate) -> Period {
        a == b ? .point(DateStamp(a)) : .interval(DateStamp(a), DateStamp(b))
    }
}

/// The moment relative dates are read against: the article's publication date.
public struct Reference: Sendable, Equatable {
    public var date: CivilDate
    public var hour: Int?
    public var minute: Int?

    public init(date: CivilDate, hour: Int? = nil, minute: Int? = nil) { self.date = date; self.hour = hour; self.minute = minute }

    /// Reads "2026-03-17", "2016-11-07T00:00:00", "2026-03-17T09:30:00Z".
    public init?(iso s: String) {
        let u = Array(s.utf8)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= u.count else { return nil }
            var v = 0
            for k in a..<(a + n) { guard u[k] >= 0x30 && u[k] <= 0x39 else { return nil }; v = v * 10 + Int(u[k] - 0x30) }
            return v
        }
        guard let y = num(0, 4), u.count >= 10, u[4] == 0x2D, let m = num(5, 2), u[7] == 0x2D, let d = num(8, 2),
              CivilDate.isValid(y, m, d) else { return nil }
        self.date = CivilDate(y, m, d)
        if u.count >= 16, u[10] == 0x54 || u[10] == 0x20, let h = num(11, 2), let mi = num(14, 2) { hour = h; minute = mi }
    }
}
