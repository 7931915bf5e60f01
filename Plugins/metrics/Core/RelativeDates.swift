import GalleyText

/// Dates relative to the publication date: "today", "last year", "this week", "Monday",
/// "next Monday", "two months ago", "in two years", "3 weeks later", "the past three years",
/// "within 9 months", "year to date", "earlier this month". Without a publication date they
/// are found but left unresolved (value null, `resolved: false`); never read against today.
extension DateGrammar {
    static let unitNames: Set<String> = ["week", "month", "year", "quarter", "weekend", "fortnight", "decade", "century", "day"]

    func relative(at i: Int) -> Candidate? {
        let w = t.lower(i)
        let r = reference
        func point(_ last: Int, _ d: CivilDate?) -> Candidate { make(i, last, d.map { .point(DateStamp($0)) }, relative: true) }
        func shifted(_ days: Int) -> CivilDate? { r?.date.adding(days: days) }
        switch w {
        case "today", "tonight": return withTime(point(i, shifted(0)))
        case "tomorrow", "tmrw", "tmr": return withTime(point(i, shifted(1)))
        case "yesterday": return withTime(point(i, shifted(-1)))
        case "now":
            // "now" is an adverb in most news sentences; it names the moment only in "right now",
            // "as of now", "until now", "by now" or closing a clause ("Can we meet now?").
            if t.isWord(i - 1, "right") || t.isWord(i - 1, "for") { return nil }
            let closing = t[i + 1].map { $0.kind == .symbol && [".", "!", "?", ";"].contains($0.lower) } ?? true
            let anchored = ["until", "till", "by"].contains(t.lower(i - 1)) || (t.isWord(i - 1, "of") && t.isWord(i - 2, "as")) || (t.isWord(i - 1, "to") && t.isWord(i - 2, "up"))
            guard (closing && !t.startsSentence(i)) || anchored else { return nil }
            return presentRef(i, i)
        case "right" where t.isWord(i + 1, "now"): return presentRef(i, i + 1)
        case "at" where t.isWord(i + 1, "present"): return presentRef(i, i + 1)
        case "at" where t.isWord(i + 1, "the") && t.isWord(i + 2, "present") && t.isWord(i + 3, "time"): return presentRef(i, i + 3)
        case "year-to-date", "ytd":
            guard let r else { return make(i, i, nil, relative: true) }
            return make(i, i, Period.days(CivilDate(r.date.year, 1, 1), r.date), relative: true)
        case "year" where t.isWord(i + 1, "to") && t.isWord(i + 2, "date"):
            guard let r else { return make(i, i + 2, nil, relative: true) }
            return make(i, i + 2, Period.days(CivilDate(r.date.year, 1, 1), r.date), relative: true)
        default: break
        }
        if w == "the", t.isWord(i + 1, "day") {
            if t.isWord(i + 2, "before") && t.isWord(i + 3, "yesterday") { return point(i + 3, shifted(-2)) }
            if t.isWord(i + 2, "after") && t.isWord(i + 3, "tomorrow") { return point(i + 3, shifted(2)) }
            if t.isWord(i + 2, "before"), t[i + 3].map({ $0.kind == .symbol }) ?? true { return point(i + 2, shifted(-1)) }
        }
        if w == "earlier" || w == "later", t.isWord(i + 1, "this") || (w == "later" && t.isWord(i + 1, "in") && t.isWord(i + 2, "the")),
           let unit = Optional(t.lower(t.isWord(i + 1, "this") ? i + 2 : i + 3)), ["week", "month", "year"].contains(unit) {
            let last = t.isWord(i + 1, "this") ? i + 2 : i + 3
            guard let r, let p = unitPeriod(unit, r.date, 0) else { return make(i, last, nil, relative: true) }
            guard let a = p.start?.firstDay, let b = p.end?.lastDay else { return nil }
            return make(i, last, w == "earlier" ? Period.days(a, r.date) : Period.days(r.date, b), relative: true)
        }
        if let c = offset(at: i) { return c }
        if let c = window(at: i) { return c }
        if let c = namedPeriod(at: i) { return c }
        if let c = weekday(at: i) { return c }
        return nil
    }

    func presentRef(_ i: Int, _ last: Int) -> Candidate {
        guard let r = reference else { return make(i, last, nil, relative: true) }
        var s = DateStamp(r.date)
        s.hour = r.hour ?? 0; s.minute = r.minute ?? 0
        return make(i, last, .point(s), relative: true)
    }

    /// This, next or last week/month/year/quarter/weekend/decade as a period.
    func unitPeriod(_ unit: String, _ ref: CivilDate, _ offset: Int) -> Period? {
        switch unit {
        case "day":
            return .point(DateStamp(ref.adding(days: offset)))
        case "week":
            let w = ref.adding(days: 7 * offset).isoWeek
            return .point(DateStamp(year: w.year, week: w.week))
        case "weekend":
            let saturday = ref.adding(days: 6 - ref.weekday + 7 * offset)
            return .interval(DateStamp(saturday), DateStamp(saturday.adding(days: 1)))
        case "month":
            let d = ref.adding(months: offset)
            return .point(DateStamp(year: d.year, month: d.month))
        case "quarter":
            let d = ref.adding(months: 3 * offset)
            return DateGrammar.yearPart((d.month - 1) / 3 + 1, of: 4, year: d.year)
        case "year":
            return .point(DateStamp(year: ref.year + offset))
        case "decade":
            let start = (ref.year / 10 + offset) * 10
            return .interval(DateStamp(year: start), DateStamp(year: start + 9))
        case "century":
            let start = (ref.year / 100 + offset) * 100
            return .interval(DateStamp(year: start), DateStamp(year: start + 99))
        case "fortnight":
            let a = ref.adding(days: 14 * offset)
            return offset >= 0 ? Period.days(a, a.adding(days: 13)) : Period.days(a, a.adding(days: 13))
        default:
            return nil
        }
    }

    /// "this week", "last year", "next month", "the previous quarter", "this past weekend",
    /// "the past year" (the twelve months before), "current quarter", "the coming decade".
    func namedPeriod(at i: Int) -> Candidate? {
        var k = i
        if t.isWord(k, "the") { k += 1 }
        let w = t.lower(k)
        var offset: Int
        var rolling = false
        switch w {
        case "this", "current", "same": offset = 0
        case "next", "coming", "following", "upcoming": offset = 1
        case "last", "previous", "prior": offset = -1
        case "past": offset = -1; rolling = true
        default: return nil
        }
        var m = k + 1
        if w == "this", t.isWord(m, "past") { offset = -1; m += 1 }
        if w == "this", t.isWord(m, "coming") { offset = 1; m += 1 }
        if t.isWord(m, "calendar") || t.isWord(m, "working") { m += 1 }
        let unit = t.lower(m)
        guard DateGrammar.unitNames.contains(unit) || unit == "night" else { return nil }
        if unit == "day", w != "following", w != "previous", w != "next" { return nil }
        if w == "last", t.isWord(i - 1, "the"), k == i { return nil }   // "the last year of" reads as an ordinal phrase
        // "this week Monday", "next week Mon": the weekday in that week.
        if unit == "week", t.isWord(m + 1, "on"), DateWords.weekdays[t.lower(m + 2)] != nil { m += 1 }
        if unit == "week", let wd = DateWords.weekdays[t.lower(m + 1)], DateWords.strongWeekdays.contains(t.lower(m + 1)) || t[m + 1]!.capitalized || t.lower(m + 1).count >= 3 {
            guard let r = reference else { return make(i, m + 1, nil, relative: true) }
            let monday = r.date.adding(days: 1 - r.date.weekday + 7 * offset)
            return withTime(make(i, m + 1, .point(DateStamp(monday.adding(days: wd - 1))), relative: true))
        }
        // "the past quarter of a century": a fraction of the longer unit, not a calendar quarter.
        if unit == "quarter", t.isWord(m + 1, "of"), t.isWord(m + 2, "a"), let tu = Units.time[t.lower(m + 3)],
           t.lower(m + 3) == "century" || t.lower(m + 3) == "decade" {
            guard offset != 0 else { return nil }
            guard let r = reference else { return make(i, m + 3, nil, relative: true) }
            guard let other = shift(r.date, Double(offset) * 0.25, tu) else { return nil }
            return make(i, m + 3, offset < 0 ? Period.days(other, r.date) : Period.days(r.date, other), relative: true)
        }
        if unit == "night" {
            guard w == "last" else { return nil }
            guard let r = reference else { return make(i, m, nil, relative: true) }
            let d = r.date.adding(days: -1)
            return make(i, m, .interval(DateStamp(year: d.year, month: d.month, day: d.day, hour: 20, minute: 0), DateStamp(year: d.year, month: d.month, day: d.day, hour: 23, minute: 59)), relative: true)
        }
        // "the previous year", "the same month", "the following year" after a date the story
        // wrote out: that date's year or month, moved by one ("formed in 1971 ... joining the
        // following year"). "Last" and "next" count from now.
        if ["previous", "prior", "following", "same"].contains(w), unit == "year" || unit == "month",
           let anchor = storyAnchor(before: i, later: offset >= 0, writtenYear: unit == "year") {
            if unit == "year" || anchor.month != nil {
                var from = DateStamp(year: anchor.year, month: unit == "year" ? nil : anchor.month)
                from.yearInferred = anchor.yearInferred
                return self.offset(from: from, i, m, Double(offset * (unit == "year" ? 12 : 1)), (designator: "M", multiple: 1, clock: false))
            }
        }
        guard let r = reference else { return make(i, m, nil, relative: true) }
        if rolling, let tu = Units.time[unit], let a = shift(r.date, -1, tu) {
            return make(i, m, Period.days(a, r.date), relative: true)
        }
        // "the coming decade": the ten years ahead; "the coming year": the twelve months ahead
        // ("next year" is the calendar year).
        if offset == 1, w == "coming" || w == "upcoming", unit == "year" || unit == "decade" || unit == "century", let tu = Units.time[unit], let b = shift(r.date, 1, tu) {
            return make(i, m, Period.days(r.date, b), relative: true)
        }
        return make(i, m, unitPeriod(unit, r.date, offset), relative: true)
    }

    /// Moves a date by n units of time (calendar units only).
    func shift(_ d: CivilDate, _ n: Double, _ tu: (designator: String, multiple: Double, clock: Bool)) -> CivilDate? {
        guard !tu.clock else { return nil }
        let v = n * tu.multiple
        switch tu.designator {
        case "Y": return v == v.rounded() ? d.adding(months: Int(reading: v) * 12) : d.adding(days: Int(reading: (v * 365.25).rounded()))
        case "M": return v == v.rounded() ? d.adding(months: Int(reading: v)) : d.adding(days: Int(reading: (v * 30.44).rounded()))
        case "W": return d.adding(days: Int(reading: (v * 7).rounded()))
        case "D": return d.adding(days: Int(reading: v.rounded()))
        default: return nil
        }
    }

    /// A count of time units at k: "two months", "3 weeks", "a year", "an hour", "2 weeks and 2 days".
    func count(at k: Int) -> (n: Double, unit: (designator: String, multiple: Double, clock: Bool), last: Int, extraDays: Int)? {
        var n: Double
        var m: Int
        if t.isWord(k, "half"), t.isWord(k + 1, "an") || t.isWord(k + 1, "a") { n = 0.5; m = k + 2 }
        else if t.isWord(k, "a") || t.isWord(k, "an") { n = 1; m = k + 1 }
        else if let e = numbers.parse(at: k), !e.ordinal, !e.vague, e.value > 0 { n = e.value; m = e.last + 1 }
        else { return nil }
        if t.isWord(m, "business") { return nil }
        guard let tu = Units.time[t.lower(m)] else { return nil }
        var last = m
        var extra = 0
        // "2 weeks and 2 days ago"
        if t.isWord(m + 1, "and"), let e = numbers.parse(at: m + 2), let tu2 = Units.time[t.lower(e.last + 1)], tu2.designator == "D", !tu.clock {
            extra = Int(reading: e.value); last = e.last + 1
        }
        return (n, tu, last, extra)
    }

    /// "two months ago", "3 weeks later", "in two years", "3 minutes from now", "4 months from
    /// tomorrow", "two months after next Friday", "2 weeks before Christmas", "a fortnight later".
    func offset(at i: Int) -> Candidate? {
        var k = i
        let isIn = t.isWord(i, "in")
        if isIn { k += 1 }
        guard let c = count(at: k) else { return nil }
        let m = c.last + 1
        let r = reference
        func result(_ last: Int, _ sign: Double, from base: CivilDate?) -> Candidate {
            guard let base else { return make(i, last, nil, relative: true) }
            if c.unit.clock {
                let minutes = Int(reading: (sign * c.n * c.unit.multiple * (c.unit.designator == "H" ? 60 : c.unit.designator == "M" ? 1 : 1.0 / 60)).rounded())
                let start = (r?.hour ?? 0) * 60 + (r?.minute ?? 0) + minutes
                let day = base.adding(days: Int(reading: (Double(start) / 1440).rounded(.down)))
                let mins = ((start % 1440) + 1440) % 1440
                return make(i, last, .point(DateStamp(year: day.year, month: day.month, day: day.day, hour: mins / 60, minute: mins % 60)), relative: true)
            }
            guard var d = shift(base, sign * c.n, c.unit) else { return make(i, last, nil, relative: true) }
            d = d.adding(days: Int(sign) * c.extraDays)
            return make(i, last, .point(DateStamp(d)), relative: true)
        }
        if isIn {
            // "in two years" (from now); "in 2 minutes"; not "in 3 years of growth".
            if t.isWord(m, "of") || t.isWord(m, "since") { return nil }
            // "won the title in 7.27 seconds", "sold out in 24 hours": how long it took.
            if pastContext(i) { return nil }
            if t.isWord(m, "time") || t.isWord(m, "'s") && t.isWord(m + 1, "time") { return result(t.isWord(m, "time") ? m : m + 1, 1, from: r?.date) }
            return result(c.last, 1, from: r?.date)
        }
        switch t.lower(m) {
        case "earlier" where t.isWord(m + 1, "than"):
            // "two years earlier than planned": ahead of a plan, how long by (as "later than").
            return nil
        case "earlier":
            // "profit in 2004 was up from £3m two years earlier": before the story's date.
            if c.extraDays == 0, let counted = countedFromStory(i, m, -c.n, c.unit) { return counted }
            return result(m, -1, from: r?.date)
        case "ago":
            return result(m, -1, from: r?.date)
        case "before" where !(t[m + 1].map { $0.kind == .word || $0.kind == .number } ?? false):
            return result(m, -1, from: r?.date)
        case "later" where t.isWord(m + 1, "than"):
            // "two years later than planned": a delay, how long it is (a date after publication).
            return nil
        case "later", "hence":
            // "opened in 2019 and closed two years later": later than the date the story just
            // named, at that date's precision.
            if t.lower(m) == "later", c.extraDays == 0, let counted = countedFromStory(i, m, c.n, c.unit) { return counted }
            // "was sold three years later": later than an event of the story, not than its
            // publication: a date, but not one the publication date resolves.
            if t.lower(m) == "later", pastContext(i, orAfter: m) { return make(i, m, nil, relative: true) }
            return result(m, 1, from: r?.date)
        case "from", "after", "before", "since":
            let sign: Double = t.lower(m) == "before" ? -1 : 1
            let n = m + 1
            if t.isWord(n, "now") { return result(n, sign, from: r?.date) }
            if t.isWord(n, "today") { return result(n, sign, from: r?.date) }
            if t.isWord(n, "tomorrow") || t.isWord(n, "tmrw") { return result(n, sign, from: r?.date.adding(days: 1)) }
            if t.isWord(n, "yesterday") { return result(n, sign, from: r?.date.adding(days: -1)) }
            // After another date: "3 weeks after January 15th", "two months after next Friday", "2 weeks before Christmas".
            if let d = parseAnchor(at: n), let p = d.period, let day = p.start?.civil ?? (p.start?.year != nil ? p.start?.firstDay : nil) {
                return result(d.last, sign, from: day)
            } else if let d = parseAnchor(at: n) {
                return make(i, d.last, nil, relative: true)
            }
            return nil
        default:
            return nil
        }
    }

    /// The date a story's "three years later" counts from: the nearest date written out before
    /// token `k` in its sentence ("opened in 2019 and closed two years later"), or, for a phrase
    /// that opens its sentence, in the sentence before, even across a paragraph break ("In 2019
    /// the firm cut 300 jobs.\n\nTwo years later it hired 500."). Mid-sentence, the sentence
    /// before is no anchor: in "down from $1bn in the fourth quarter of 2003. Revenues rose to
    /// $51bn from $48bn a year earlier." the year before is the comparison, not the story. Of a
    /// period, "later" counts from its end and "earlier" from its start. A date whose year was
    /// taken from the publication date ("in July") is an anchor too; what is counted from it
    /// then depends on the publication date as well (`yearInferred`).
    func storyAnchor(before k: Int, later: Bool, writtenYear: Bool = false) -> DateStamp? {
        storyAnchorPeriod(before: k, writtenYear: writtenYear).flatMap { endpoint(of: $0, later: later) }
    }

    /// The end (for "later") or start of an anchor period; what was read against the
    /// publication date passes that on ("the third quarter").
    func endpoint(of anchor: (Period, fromPublication: Bool), later: Bool) -> DateStamp? {
        guard var p = later ? anchor.0.end : anchor.0.start else { return nil }
        if anchor.fromPublication { p.yearInferred = true }
        return p
    }

    /// `n` units (negative: before) counted from the story's date before token `i`, or nil
    /// when the story wrote none: a span of whole months moved by whole years stays a span.
    func countedFromStory(_ i: Int, _ last: Int, _ n: Double, _ unit: (designator: String, multiple: Double, clock: Bool)) -> Candidate? {
        guard let anchor = storyAnchorPeriod(before: i) else { return nil }
        if unit.designator == "Y", let (span, fromPublication) = shifted(anchor, years: n * unit.multiple) {
            return make(i, last, span, relative: fromPublication)
        }
        return endpoint(of: anchor, later: n >= 0).map { offset(from: $0, i, last, n, unit) }
    }

    /// The period `storyAnchor` takes its end or start from ("the third quarter of 2004").
    func storyAnchorPeriod(before k: Int, writtenYear: Bool = false) -> (Period, fromPublication: Bool)? {
        let s = t.sentenceOf[k]
        guard s >= 0 else { return nil }
        let earliestSentence = t.startsSentence(k) ? max(0, s - 1) : s
        var m = k - 1
        func written(at j: Int) -> Candidate? {
            [monthDate(at: j), dayMonth(at: j), yearForms(at: j), quarterOrHalf(at: j)].compactMap { $0 }.filter { $0.last < k }.max { $0.last < $1.last }
        }
        while m >= 0, k - m <= 60, t.sentenceOf[m] >= earliestSentence {
            // "expanded two years later and closed three years later": the second counts from
            // the first, which is itself relative: no written date to count from.
            if t.isWord(m, "later") || t.isWord(m, "earlier") { return nil }
            if var d = written(at: m) {
                // A bare number is a year only in a year's company ("in 2019"), not a count's
                // ("sold 2015 cars").
                if d.first == d.last, t[d.first]?.kind == .number, !yearByContext(d.first) { m -= 1; continue }
                // Walking back meets "2019" before "4 March 2019": the longest date ending there.
                for j in stride(from: m - 1, through: max(0, m - 4), by: -1) {
                    if let longer = written(at: j), longer.last >= d.last { d = longer }
                }
                guard let period = d.period, let a = period.start, let b = period.end,
                      a.year != nil, b.year != nil, a.week == nil, a.hour == nil, b.week == nil, b.hour == nil else { return nil }
                // "the same year" needs a year the story wrote ("in January 2003 ... in August
                // of the same year"), not one taken from publication.
                let fromPublication = a.yearInferred || b.yearInferred || d.resolved != nil
                if writtenYear, fromPublication { m = d.first - 1; continue }
                return (period, fromPublication)
            }
            m -= 1
        }
        return nil
    }

    /// A span of whole months ("the third quarter of 2004", "2003-10/2003-12") moved by whole
    /// years, kept a span: "up from $393.9m a year earlier" after a quarter is that quarter a
    /// year before, not a single month.
    func shifted(_ anchor: (Period, fromPublication: Bool), years: Double) -> (Period, fromPublication: Bool)? {
        let (span, fromPublication) = anchor
        guard case .interval(let a?, let b?) = span, years == years.rounded(), a != b,
              a.day == nil, b.day == nil, a.month != nil, b.month != nil, let ya = a.year, let yb = b.year else { return nil }
        var x = a, y = b
        x.year = ya + Int(reading: years); y.year = yb + Int(reading: years)
        return (.interval(x, y), fromPublication)
    }

    /// `n` units after `anchor` (before it when `n` is negative), no more precise than the
    /// anchor: a year and "two years later" give a year; a year and "three months later",
    /// nothing (the month is unknown). The result does not depend on the publication date, so
    /// it carries no `resolved`.
    func offset(from anchor: DateStamp, _ i: Int, _ last: Int, _ n: Double, _ unit: (designator: String, multiple: Double, clock: Bool)) -> Candidate {
        let v = n * unit.multiple
        // A year taken from the publication date makes the result depend on it too.
        func made(_ stamp: DateStamp) -> Candidate {
            var stamp = stamp
            stamp.yearInferred = anchor.yearInferred
            return make(i, last, .point(stamp), relative: anchor.yearInferred)
        }
        guard let year = anchor.year, !unit.clock else { return make(i, last, nil, relative: true) }
        if let day = anchor.civil, let d = shift(day, n, unit) {
            return made(DateStamp(d))
        }
        let months: Int? = v == v.rounded() ? (unit.designator == "Y" ? Int(reading: v) * 12 : unit.designator == "M" ? Int(reading: v) : nil) : nil
        guard let months else { return make(i, last, nil, relative: true) }
        if let month = anchor.month {
            let d = CivilDate(year, month, 1).adding(months: months)
            return made(DateStamp(year: d.year, month: d.month))
        }
        guard months % 12 == 0 else { return make(i, last, nil, relative: true) }
        return made(DateStamp(year: year + months / 12))
    }

    /// A date that an offset counts from.
    func parseAnchor(at k: Int) -> Candidate? {
        let forms = [monthDate(at: k), dayMonth(at: k), theDayOfMonth(at: k), holiday(at: k), weekday(at: k), yearForms(at: k)]
        return forms.compactMap { $0 }.max { $0.last < $1.last }
    }

    /// "within 9 months", "the last 3 months", "the past three years", "the next 10 days",
    /// "the 3 next weeks", "over the past year", "for the last two years".
    func window(at i: Int) -> Candidate? {
        var k = i
        var forward: Bool
        if t.isWord(k, "within") {
            k += 1
            if t.isWord(k, "the") { k += 1 }
            if t.isWord(k, "next") || t.isWord(k, "coming") { k += 1 }
            forward = true
        } else {
            if t.isWord(k, "the") { k += 1 }
            switch t.lower(k) {
            case "last" where OrdinalGrammar.verbContext.contains(t.lower(k - 1)) || t.lower(k - 1) == "'": return nil
            case "last", "past", "previous", "prior": forward = false
            case "next", "coming", "following": forward = true
            default:
                // "the 3 next weeks", "5 past minutes"
                guard let e = numbers.parse(at: k), !e.ordinal, e.value > 0, ["next", "past", "previous", "coming"].contains(t.lower(e.last + 1)),
                      let tu = Units.time[t.lower(e.last + 2)] else { return nil }
                let fw = ["next", "coming"].contains(t.lower(e.last + 1))
                return windowCandidate(i, e.last + 2, e.value, tu, forward: fw)
            }
            k += 1
        }
        guard let c = count(at: k) else {
            return nil
        }
        if t.isWord(c.last + 1, "of") { return nil }   // "the first 2 weeks of 2021" is not a window back from now
        return windowCandidate(i, c.last, c.n, c.unit, forward: forward)
    }

    func windowCandidate(_ i: Int, _ last: Int, _ n: Double, _ tu: (designator: String, multiple: Double, clock: Bool), forward: Bool) -> Candidate {
        // Clock units ("the 5 coming minutes") need a time of publication: left unresolved.
        guard let r = reference, let other = shift(r.date, forward ? n : -n, tu) else { return make(i, last, nil, relative: true) }
        return make(i, last, forward ? Period.days(r.date, other) : Period.days(other, r.date), relative: true)
    }

    /// "Monday", "on Monday", "next Monday", "last Friday", "this past Wednesday", "previous
    /// Monday", "this coming Friday". A bare weekday is the most recent one (news report the
    /// past), or the next one when the sentence speaks of the future.
    func weekday(at i: Int) -> Candidate? {
        var k = i
        var mode = 0   // 0 nearest, 1 next week, -1 last week, 2 this week, 3 coming, -3 this past
        switch t.lower(k) {
        case "next": mode = 1; k += 1
        case "last", "previous": mode = -1; k += 1
        case "this":
            k += 1
            if t.isWord(k, "past") { mode = -3; k += 1 } else if t.isWord(k, "coming") { mode = 3; k += 1 } else { mode = 2 }
        case "coming": mode = 3; k += 1
        case "past": mode = -3; k += 1
        default: break
        }
        guard let tok = t[k], tok.kind == .word, let wd = DateWords.weekdays[tok.lower] else {
            // Recurring weekdays: "Thursdays", "every Sunday".
            return nil
        }
        if !DateWords.strongWeekdays.contains(tok.lower), !tok.capitalized, mode == 0 { return nil }
        // "the Sun", "Sat" alone: abbreviations need a date context.
        let cue = ["on", "this", "next", "last", "since", "by", "until", "from", "every", "each", "before", "after", "till", "past", "coming", "previous"].contains(t.lower(i - 1))
            || (["or", "and", "to", "-", "–"].contains(t.lower(i - 1)) && DateWords.weekdays[t.lower(i - 2)] != nil)
        if !DateWords.strongWeekdays.contains(tok.lower), mode == 0, !cue, !(t[k + 1]?.kind == .number) { return nil }
        // "the Sunday Telegraph", "Sunday Times": a weekday before a name is part of the name.
        if mode == 0, !cue, let next = t[k + 1], next.kind == .word, next.capitalized, DateWords.months[next.lower] == nil,
           !t.isSymbol(k + 1, ","), !StopWords.english.contains(next.lower) { return nil }
        var last = k
        if t.isSymbol(k + 1, "."), t.glued(k + 1), tok.lower.count <= 4, let after = t[k + 2], !after.newline, !after.capitalized { last = k + 1 }
        guard let r = reference else { return withTime(make(i, last, nil, relative: true)) }
        let today = r.date
        let monday = today.adding(days: 1 - today.weekday)
        var d: CivilDate
        switch mode {
        case 1: d = monday.adding(days: 7 + wd - 1)
        case -1: d = monday.adding(days: -7 + wd - 1)
        case 2: d = monday.adding(days: wd - 1)
        case 3: d = today.adding(days: (wd - today.weekday + 7) % 7 == 0 ? 7 : (wd - today.weekday + 7) % 7)
        case -3: d = today.adding(days: -((today.weekday - wd + 7) % 7 == 0 ? 7 : (today.weekday - wd + 7) % 7))
        default:
            if futureContext(i) {
                d = today.adding(days: (wd - today.weekday + 7) % 7)
            } else {
                d = today.adding(days: -((today.weekday - wd + 7) % 7))
            }
        }
        return withTime(make(i, last, .point(DateStamp(d)), relative: true))
    }

    /// Whether the sentence before token k is told in the past ("sold out", "won", "was"),
    /// with no "will", "would" or "can" nearer to k.
    func pastContext(_ k: Int) -> Bool {
        nearestTense(before: k, future: Self.pastStoppers, past: Self.irregularPast) == .past
    }

    /// The same, and for a phrase with no tense before it ("Three years later, the firm was
    /// sold"), the first word after token `last` that tells one.
    func pastContext(_ k: Int, orAfter last: Int) -> Bool {
        if let tense = nearestTense(before: k, future: Self.pastStoppers, past: Self.irregularPast) { return tense == .past }
        let s = t.sentenceOf[k]
        var m = last + 1
        while m < t.count, m - last < 25, t.sentenceOf[m] == s, !t.tokens[m].newline {
            let w = t.tokens[m].lower
            if Self.pastStoppers.contains(w) { return false }
            if Self.pastAuxiliaries.contains(w) || Self.irregularPast.contains(w) || w.hasSuffix("ed") && w.count > 4 { return true }
            m += 1
        }
        return false
    }

    /// Whether the sentence before token k speaks of the future ("will", "'ll", "scheduled"),
    /// with no past verb nearer to k.
    func futureContext(_ k: Int) -> Bool {
        if let tense = nearestTense(before: k, future: Self.futureWords, past: Self.pastVerbs, frames: true) { return tense == .future }
        // Nothing before it tells ("On Saturday he will return"): the first word after it in
        // its clause that does.
        let s = t.sentenceOf[k]
        var m = k + 1
        while m < t.count, m - k < 12, t.sentenceOf[m] == s, !t.tokens[m].newline, !t.isSymbol(m, ",") {
            let w = t.tokens[m].lower
            // Another clause's verb is not this date's ("kicks off in mid-February and the first
            // leg will be in Istanbul"; but "end the war on Monday and announce ..." goes on).
            if w == "while" || w == "whereas" { break }
            if ["and", "but", "or"].contains(w),
               ["the", "a", "an", "his", "her", "its", "their", "our", "he", "she", "it", "they", "we", "i", "this", "that"].contains(t.lower(m + 1)) { break }
            if Self.futureWords.contains(w) || futureFrame(m) { return true }
            if Self.pastAuxiliaries.contains(w) || Self.pastVerbs.contains(w) || isPastForm(m) { return false }
            m += 1
        }
        return false
    }

    /// "is due in court", "plans to", "is set to", "aims to", "is going to": arrangements to come.
    /// ("due to" is a cause, "expected to" follows "was" as often as "is".)
    func futureFrame(_ m: Int) -> Bool {
        let w = t.lower(m), next = t.lower(m + 1)
        // "was due for release", "was going to happen": a plan of the past.
        if Self.pastAuxiliaries.contains(t.lower(m - 1)) { return false }
        if w == "due" { return next != "to" }
        return next == "to" && ["plans", "planning", "aims", "aiming", "set", "going", "intends", "poised", "scheduled"].contains(w)
    }

    /// An "-ed" word read as a past verb: not a hyphenated adjective ("long-awaited").
    func isPastForm(_ m: Int) -> Bool {
        let w = t.lower(m)
        guard w.hasSuffix("ed"), w.count > 4, !w.contains("-") else { return false }
        return !(m > 0 && t.isDash(m - 1) && t.glued(m) && t.glued(m - 1))
    }

    enum Tense { case past, future }

    /// The tense of the nearest word that tells one, walking back from token k within its
    /// sentence (at most 24 words): a word of `future`, or "was", "had", a word of `past` or an
    /// "-ed" form. A past participle after "be" is passive, not past ("will be completed by Q1",
    /// "will be held on 27 February").
    private func nearestTense(before k: Int, future: Set<String>, past: Set<String>, frames: Bool = false) -> Tense? {
        let s = t.sentenceOf[k]
        var m = k - 1
        while m >= 0, k - m < 25, t.sentenceOf[m] == s, !t.tokens[m + 1].newline {
            let w = t.tokens[m].lower
            if future.contains(w) || (frames && futureFrame(m)) { return .future }
            let passive = m > 0 && ["be", "been", "being", "is", "are"].contains(t.tokens[m - 1].lower)
            if Self.pastAuxiliaries.contains(w) || (past.contains(w) || isPastForm(m)) && !passive { return .past }
            m -= 1
        }
        return nil
    }

    static let futureWords: Set<String> = ["will", "ll", "shall", "'ll", "upcoming", "scheduled"]
    /// What makes "in 24 hours" a time to come rather than one it took.
    static let pastStoppers: Set<String> = ["will", "ll", "shall", "'ll", "would", "could", "can", "may", "might", "should", "must",
                                            "expected", "due", "planned", "scheduled", "forecast", "likely", "poised"]
    static let pastAuxiliaries: Set<String> = ["was", "were", "had", "did"]
    /// Reporting verbs in the past: nearer a date than a "will" inside the quotation
    /// ("'... will have to wait,' said an official on Wednesday").
    static let saidWords: Set<String> = ["said", "told", "wrote", "added"]
    static let pastVerbs = irregularPast.union(saidWords)
    static let irregularPast: Set<String> = ["won", "sold", "ran", "took", "came", "went", "made", "broke", "grew", "fell", "rose",
                                             "beat", "swam", "drove", "flew", "built", "spent", "lost", "paid", "set", "hit",
                                             // Unambiguous past forms (not "cut", "quit", "shut": present too).
                                             "became", "got", "saw", "met", "began", "left", "gave", "kept", "held", "brought", "wrote",
                                             "bought", "struck", "fought", "chose", "sank", "sought", "stood", "found", "told",
                                             "thought", "led", "felt", "knew", "sent", "spoke", "threw"]
}
