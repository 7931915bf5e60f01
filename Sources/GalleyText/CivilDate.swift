/// Proleptic Gregorian calendar arithmetic on plain integers (no time zones: dates in news
/// are calendar dates). Shared by ingest (Unix times as dates) and the metrics plugin.
public struct CivilDate: Sendable, Equatable, Comparable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(_ year: Int, _ month: Int, _ day: Int) { self.year = year; self.month = month; self.day = day }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(_ y: Int, _ m: Int) -> Int {
        [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1 + 1200) % 12]
    }

    public static func isValid(_ y: Int, _ m: Int, _ d: Int) -> Bool { (1...12).contains(m) && d >= 1 && d <= daysIn(y, m) }

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 1 = Monday ... 7 = Sunday.
    public var weekday: Int { ((dayNumber % 7 + 7) % 7 + 3) % 7 + 1 }

    public func adding(days n: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + n) }

    /// Adds months, clamping the day ("Jan 31" + 1 month = "Feb 28").
    public func adding(months n: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + n
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return CivilDate(y, m, min(day, CivilDate.daysIn(y, m)))
    }

    /// ISO 8601 week: (week-numbering year, week).
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - weekday)
        let jan1 = CivilDate(thursday.year, 1, 1)
        return (thursday.year, (thursday.dayNumber - jan1.dayNumber) / 7 + 1)
    }

    /// Monday of ISO week `w` of `year`.
    public static func mondayOf(isoYear year: Int, week w: Int) -> CivilDate {
        let jan4 = CivilDate(year, 1, 4)
        return jan4.adding(days: 1 - jan4.weekday + (w - 1) * 7)
    }

    /// Western Easter Sunday (anonymous Gregorian computus).
    public static func easter(_ y: Int) -> CivilDate {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        return CivilDate(y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1)
    }

    /// The n-th (1-based; -1 = last) weekday `wd` of a month.
    public static func nthWeekday(_ n: Int, _ wd: Int, _ y: Int, _ m: Int) -> CivilDate {
        if n > 0 {
            let first = CivilDate(y, m, 1)
            return first.adding(days: (wd - first.weekday + 7) % 7 + (n - 1) * 7)
        }
        let last = CivilDate(y, m, daysIn(y, m))
        return last.adding(days: -((last.weekday - wd + 7) % 7))
    }
}
