import GalleyText

/// Dates, absolute and partial: "2026-03-17", "Wednesday, November 12, 2025", "Oct 2025",
/// "12 of Nov", "the 09th of May", "11/20", "mid-March 2026", "the end of 2022", "the early
/// 2000s", "21st century", "Q1 2019", "the first half of 2025", "in 2023". Relative dates and
/// times of day are in `RelativeDates.swift` and `Times.swift`.
struct DateGrammar {
    let t: TokenText
    let numbers: NumberParser
    let reference: Reference?

    /// Words that can start a date.
    static let startWords: Set<String> = [
        "the", "early", "mid", "late", "end", "beginning", "start", "middle", "year", "fiscal", "fy", "cy", "calendar",
        "q", "h", "first", "second", "third", "fourth", "last", "this", "next", "past", "previous", "coming", "current",
        "today", "tonight", "tomorrow", "tmrw", "tmr", "yesterday", "now", "right", "at", "in", "within", "over", "since",
        "from", "between", "after", "before", "later", "earlier", "noon", "midnight", "midday", "lunchtime", "daytime",
        "night", "nighttime", "evening", "morning", "afternoon", "christmas", "xmas", "new", "halloween", "valentine",
        "valentines", "juneteenth", "independence", "boxing", "international", "labour", "labor", "freedom", "jubilee",
        "veterans", "st", "easter", "good", "thanksgiving", "black", "cyber", "memorial", "mother", "father", "martin",
        "spring", "summer", "autumn", "fall", "winter", "same", "following", "half", "quarter", "ten", "twenty",
        "circa", "around", "about", "year-to-date", "ytd", "up", "until", "till", "by", "on", "weekend", "week",
        "annually", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "eleven", "twelve", "a",
    ]

    /// The longest date, time or period starting at token i.
    func parse(at i: Int) -> Candidate? {
        var best: Candidate? = nil
        func consider(_ c: Candidate?) {
            guard let c else { return }
            if best == nil || c.last > best!.last { best = c }
        }
        guard let tok = t[i] else { return nil }
        if tok.kind == .number {
            consider(quarterOrHalf(at: i))
            consider(weekOf(at: i))
            consider(numericDate(at: i))
            consider(dayMonth(at: i))
            consider(yearMonth(at: i))
            consider(yearForms(at: i))
        } else if tok.kind == .word {
            consider(weekdayDate(at: i))
            consider(monthDate(at: i))
            consider(dayMonth(at: i))
            consider(theDayOfMonth(at: i))
            consider(modified(at: i))
            consider(yearForms(at: i))
            consider(quarterOrHalf(at: i))
            consider(holiday(at: i))
            consider(season(at: i))
        }
        consider(relative(at: i))
        consider(time(at: i))
        consider(dayPart(at: i))
        consider(weekNumber(at: i))
        consider(weekOf(at: i))
        consider(dayOnly(at: i))
        return best
    }

    // MARK: building blocks

    func make(_ i: Int, _ last: Int, _ p: Period?, relative: Bool = false) -> Candidate {
        var c = Candidate(i, last, .date, p.map { .text($0.iso) } ?? .none, priority: Priority.date)
        c.period = p
        // A date whose year came from the publication date ("March 12") depends on it too.
        if relative || (p.map { !$0.hasYear || $0.yearInferred } ?? true) { c.resolved = p != nil && p!.hasYear }
        return c
    }

    /// A month name at k, with the context rules that keep "may", "march" and "Jan" apart
    /// from the verb, the noun and the name: (month, last token).
    func month(at k: Int, strictContext: Bool = true) -> (month: Int, last: Int)? {
        guard let tok = t[k], tok.kind == .word, let m = DateWords.months[tok.lower] else { return nil }
        var last = k
        let abbreviated = tok.lower.count <= 4 && tok.lower != "june" && tok.lower != "july" && tok.lower != "may"
        // "Dec. 31" takes the abbreviation's period; "in Dec. The ..." leaves it to the sentence.
        if abbreviated, t.isSymbol(k + 1, "."), t.glued(k + 1), let after = t[k + 2], !after.newline, !after.capitalized { last = k + 1 }
        if DateWords.strongMonths.contains(tok.lower) { return (m, last) }
        // Weak forms need a day or a year after them, or a date preposition before them.
        let after = last + 1
        if let n = t[after], n.kind == .number, !t.blocked[after], n.isPlainInteger, n.value >= 1, (n.value <= 31 && n.intDigits <= 2) || n.intDigits == 4 {
            if tok.lower == "may" || tok.lower == "march", !tok.capitalized, !t.glued(after), t.isSymbol(after + 1, "%") { return nil }
            return (m, last)
        }
        if t.isSymbol(after, "/") || t.isSymbol(after, "-"), t.glued(after), t.isNumber(after + 1) { return (m, last) }
        // "Jan-Feb 2017", "Dec, 2018", "friday march fifteenth"
        if t.isDash(after), DateWords.months[t.lower(after + 1)] != nil, t.glued(after) == t.glued(after + 1) { return (m, last) }
        if t.isSymbol(after, ","), year(at: after + 1) != nil { return (m, last) }
        if DateWords.weekdays[t.lower(k - 1)] != nil || (t.isSymbol(k - 1, ",") && DateWords.weekdays[t.lower(k - 2)] != nil), day(at: after) != nil { return (m, last) }
        // "May twenty nine", "March fifteenth": a written day after a capitalized month.
        if tok.capitalized, let n = t[after], n.kind == .word, let d = day(at: after), d.last > after || numbers.ordinal(at: after) != nil {
            return (m, last)
        }
        if !strictContext { return (m, last) }
        // "may"/"march" after a name is a surname ("Theresa May").
        if k > 0, t.tokens[k - 1].capitalized, t.tokens[k - 1].kind == .word, !t.startsSentence(k - 1), tok.capitalized,
           !DateWords.datePrepositions.contains(t.lower(k - 1)) { return nil }
        let prev = t.lower(k - 1)
        let prepOK = DateWords.datePrepositions.contains(prev) || (t.isDash(k - 1) && t.isWord(k - 2, "mid"))
        guard prepOK else { return nil }
        // Then the next word must not continue a verb phrase ("this may be", "in march of progress").
        if let n = t[after], n.kind == .word, !n.capitalized, !["to", "and", "or", "through", "till", "until", "of", "in", "this", "next", "last"].contains(n.lower) {
            return nil
        }
        if !tok.capitalized, !["in", "since", "until", "till", "from", "of", "this", "next", "last", "early", "late", "mid", "end", "during", "to", "between", "through"].contains(prev), !(t.isDash(k - 1)) { return nil }
        if tok.lower == "may", !tok.capitalized {
            let strong = ["in", "since", "until", "till", "from", "early", "late", "mid", "of", "during", "by", "before", "after"].contains(prev)
            let thisNext = ["this", "next", "last"].contains(prev) && t.isWord(after, "to") && DateWords.months[t.lower(after + 1)] != nil
            if !strong && !thisNext { return nil }
            if let n = t[after], n.kind == .word, !["to", "and", "or", "through", "till", "until"].contains(n.lower) { return nil }
        }
        return (m, last)
    }

    /// A day of the month at k: "21", "21st", "twenty-first", "twenty nine", "the 9th".
    func day(at k: Int) -> (day: Int, last: Int)? {
        guard let tok = t[k] else { return nil }
        if tok.kind == .number {
            guard !t.blocked[k], tok.isPlainInteger, tok.intDigits <= 2, tok.value >= 1, tok.value <= 31 else { return nil }
            if let s = t[k + 1], s.glued, s.kind == .word {
                guard NumberWords.ordinalSuffixes.contains(s.lower) else { return nil }
                return (Int(reading: tok.value), k + 1)
            }
            return (Int(reading: tok.value), k)
        }
        guard tok.kind == .word else { return nil }
        if let o = numbers.ordinal(at: k), o.value >= 1, o.value <= 31, o.value == o.value.rounded() {
            return (Int(reading: o.value), o.last)
        }
        if let c = numbers.cardinal(k), c.words > 0, [.unit, .teen, .tens, .tensUnit].contains(c.state), c.value >= 1, c.value <= 31 {
            return (Int(reading: c.value), c.last)
        }
        return nil
    }

    /// A year at k: "2025", or in words after a month ("nineteen eighty six", "two thousand
    /// and thirty two", "nineteen hundred ninety three").
    func year(at k: Int, words: Bool = false) -> (year: Int, last: Int)? {
        guard let tok = t[k] else { return nil }
        if tok.kind == .number {
            guard !t.blocked[k], tok.isPlainInteger, tok.intDigits == 4, tok.value >= 1000, tok.value <= 2999 else { return nil }
            if let n = t[k + 1], n.glued, n.kind == .word || n.lower == "%" { return nil }
            return (Int(reading: tok.value), k)
        }
        guard words, tok.kind == .word else { return nil }
        // "nineteen eighty six", "twenty twenty-one"
        if let hi = NumberWords.units[tok.lower], hi >= 10, let lo = numbers.cardinal(k + 1), [.tens, .tensUnit, .teen].contains(lo.state), lo.words > 0, lo.value >= 10, lo.value < 100 {
            return (hi * 100 + Int(reading: lo.value), lo.last)
        }
        if tok.lower == "twenty", let lo = numbers.cardinal(k + 1), [.tens, .tensUnit, .teen].contains(lo.state), lo.words > 0, lo.value >= 10 {
            return (2000 + Int(reading: lo.value), lo.last)
        }
        if let c = numbers.cardinal(k), c.words > 0, c.value >= 1000, c.value <= 2999, c.value == c.value.rounded() {
            return (Int(reading: c.value), c.last)
        }
        return nil
    }

    /// The year a month (and day) without one means: the latest occurrence on or before the
    /// publication date (news report the past), or the next one when the sentence around
    /// token `k` speaks of the future.
    func nearestYear(_ month: Int, _ day: Int?, at k: Int = -1) -> Int? {
        guard let r = reference else { return nil }
        let future = k >= 0 && futureContext(k)
        let y = r.date.year
        let d = day.map { min($0, CivilDate.daysIn(y, month)) } ?? (future ? CivilDate.daysIn(y, month) : 1)
        let thisYear = CivilDate(y, month, d)
        if future { return thisYear >= r.date || (day == nil && month == r.date.month) ? y : y + 1 }
        return thisYear <= r.date ? y : y - 1
    }

    func stamp(_ y: Int?, _ m: Int, _ d: Int?, at k: Int = -1) -> DateStamp? {
        if let d, let y, !CivilDate.isValid(y, m, d) { return nil }
        if let d, d > CivilDate.daysIn(2000, m) { return nil }
        let year = y ?? nearestYear(m, d, at: k)
        if let d, let year, !CivilDate.isValid(year, m, d) { return DateStamp(year: nil, month: m, day: d) }
        var s = DateStamp(year: year, month: m, day: d)
        s.yearInferred = y == nil && year != nil
        return s
    }

    /// ", 2025", " 2025", "in 2019", "of 1987" after a month or a day: (year, last).
    func trailingYear(after k: Int, words: Bool = true) -> (year: Int, last: Int)? {
        var m = k + 1
        if t.isSymbol(m, ",") { m += 1 }
        if t.isWord(m, "of") || t.isWord(m, "in") { m += 1 }
        if let y = year(at: m, words: words), !t[m]!.newline { return y }
        return nil
    }

    // MARK: numeric dates

    func numberValue(_ k: Int) -> (v: Int, digits: Int, lead: Bool)? {
        guard let tok = t[k], tok.kind == .number, tok.isPlainInteger, !t.blocked[k] else { return nil }
        return (Int(reading: tok.value), tok.intDigits, tok.leadingZero)
    }

    /// 2026-03-17, 2025.07.17, 20200701, 5/3/18, 23.04.2022, 01/22/2016, 10-1-2018, 11/20, 22/04.
    func numericDate(at i: Int) -> Candidate? {
        guard let a = numberValue(i) else { return nil }
        // Compact 20200701
        if a.digits == 8, !t.glued(i + 1) || t[i + 1]?.kind == .symbol {
            let y = a.v / 10000, m = a.v / 100 % 100, d = a.v % 100
            if (1900...2100).contains(y), CivilDate.isValid(y, m, d) { return withTime(make(i, i, .point(DateStamp(year: y, month: m, day: d)))) }
            return nil
        }
        guard let sepTok = t[i + 1], sepTok.glued, ["-", "/", "."].contains(sepTok.lower), let b = numberValue(i + 2), t.glued(i + 2) else { return nil }
        let sep = sepTok.lower
        let hasThird = t.isSymbol(i + 3, sep) && t.glued(i + 3) && numberValue(i + 4) != nil && t.glued(i + 4)
        if hasThird {
            let c = numberValue(i + 4)!
            if let after = t[i + 5], after.glued, after.kind == .number { return nil }
            var stamp: DateStamp? = nil
            if a.digits == 4 {
                if CivilDate.isValid(a.v, b.v, c.v) { stamp = DateStamp(year: a.v, month: b.v, day: c.v) }
            } else if c.digits == 4 || c.digits == 2 {
                let y = c.digits == 4 ? c.v : twoDigitYear(c.v)
                // Day first when the first number cannot be a month ("23/08/39"); month first otherwise (US).
                if a.v > 12, CivilDate.isValid(y, b.v, a.v) { stamp = DateStamp(year: y, month: b.v, day: a.v) }
                else if sep == "." , CivilDate.isValid(y, b.v, a.v) { stamp = DateStamp(year: y, month: b.v, day: a.v) }
                else if CivilDate.isValid(y, a.v, b.v) { stamp = DateStamp(year: y, month: a.v, day: b.v) }
                else if CivilDate.isValid(y, b.v, a.v) { stamp = DateStamp(year: y, month: b.v, day: a.v) }
            }
            guard let stamp else { return nil }
            return withTime(make(i, i + 4, .point(stamp)))
        }
        if let after = t[i + 3], after.glued, after.kind == .number || (after.lower == sep && t[i + 4]?.kind == .number) { return nil }
        // Year and month: 2015-12 (not "2021-22", a span of years).
        if a.digits == 4, sep == "-", b.digits <= 2, b.v >= 1, b.v <= 12, (b.lead || b.v <= a.v % 100), (1000...2999).contains(a.v) {
            return make(i, i + 2, .point(DateStamp(year: a.v, month: b.v)))
        }
        // Month and day without a year: only unambiguous or in a date context.
        guard sep != ".", a.digits <= 2, b.digits <= 2 else { return nil }
        if sep == "/", numbers.digitFraction(at: i) != nil, !dateContext(before: i) { return nil }
        var md: (Int, Int)? = nil
        if a.v >= 1, a.v <= 12, b.v >= 1, b.v <= 31, b.v > 12 || a.lead || b.lead || dateContext(before: i) { md = (a.v, b.v) }
        else if a.v > 12, a.v <= 31, b.v >= 1, b.v <= 12 { md = (b.v, a.v) }
        guard let (m, d) = md, d <= CivilDate.daysIn(2000, m), let s = stamp(nil, m, d, at: i) else { return nil }
        if sep == "-" { return nil }
        return withTime(make(i, i + 2, .point(s)))
    }

    func twoDigitYear(_ v: Int) -> Int {
        let pivot = (reference?.date.year ?? 2025) % 100 + 10
        return v <= pivot ? 2000 + v : 1900 + v
    }

    /// Whether a date is expected before token k: "on 22/04", "from 10/1", "Friday 7/6".
    func dateContext(before k: Int) -> Bool {
        let p = t.lower(k - 1)
        if ["on", "from", "to", "till", "until", "by", "since", "date", "dated", "through", "thru", "between", "and", "@"].contains(p) { return true }
        if DateWords.weekdays[p] != nil { return true }
        if p == ",", DateWords.weekdays[t.lower(k - 2)] != nil { return true }
        return false
    }

    /// "2017 april", "2019-aug-01", "2019/aug/01", "September-2020-23".
    func yearMonth(at i: Int) -> Candidate? {
        guard let y = year(at: i) else { return nil }
        if let sep = t[i + 1], sep.glued, ["-", "/"].contains(sep.lower), let m = DateWords.months[t.lower(i + 2)], t.glued(i + 2),
           t.isSymbol(i + 3, sep.lower), t.glued(i + 3), let d = numberValue(i + 4), t.glued(i + 4), CivilDate.isValid(y.year, m, d.v) {
            return make(i, i + 4, .point(DateStamp(year: y.year, month: m, day: d.v)))
        }
        if let m = month(at: i + 1, strictContext: false), !t.glued(i + 1), DateWords.strongMonths.contains(t.lower(i + 1)) || t[i + 1]!.capitalized,
           t[m.last + 1].map({ $0.kind != .number }) ?? true {
            return make(i, m.last, .point(DateStamp(year: y.year, month: m.month)))
        }
        return nil
    }

    /// "03rd Jan 2019", "12 of Nov", "14 nov 2023", "26 june in 2019", "23/Sep/2020",
    /// "fifteen August nineteen hundred ninety three", "twenty five January nineteen eighty six".
    func dayMonth(at i: Int) -> Candidate? {
        guard let d = day(at: i) else { return nil }
        var k = d.last + 1
        // 23/Sep/2020
        if t.isSymbol(k, "/") || t.isSymbol(k, "-"), t.glued(k), t[d.last]?.kind == .number, let m = DateWords.months[t.lower(k + 1)], t.glued(k + 1) {
            let sep = t.lower(k)
            if t.isSymbol(k + 2, sep), let y = year(at: k + 3), t.glued(k + 3), let s = stamp(y.year, m, d.day) {
                return make(i, y.last, .point(s))
            }
            return nil
        }
        if t.isWord(k, "of") { k += 1 }
        if t.isWord(k, "day"), t.isWord(k + 1, "of") { k += 2 }
        guard let m = month(at: k, strictContext: false), !t[k]!.glued || t[d.last]?.kind == .number else { return nil }
        // A written day needs a strong month after it ("fifteen August", not "one may").
        if t[i]?.kind == .word, !DateWords.strongMonths.contains(t.lower(k)), !(t[k]?.capitalized ?? false) { return nil }
        if t[i]?.kind == .number, !DateWords.strongMonths.contains(t.lower(m.last)), !(t[k]?.capitalized ?? false), t.lower(k) == "may" || t.lower(k) == "march" {
            if trailingYear(after: m.last) == nil { return nil }
        }
        if let y = trailingYear(after: m.last), let s = stamp(y.year, m.month, d.day) {
            return withTime(make(i, y.last, .point(s)))
        }
        guard let s = stamp(nil, m.month, d.day, at: i) else { return nil }
        return withTime(make(i, m.last, .point(s)))
    }

    /// "the 09th of May", "the twenty third day of September", "the 4th of july".
    func theDayOfMonth(at i: Int) -> Candidate? {
        guard t.isWord(i, "the"), let d = day(at: i + 1) else { return nil }
        var k = d.last + 1
        if t.isWord(k, "day") { k += 1 }
        guard t.isWord(k, "of"), let m = month(at: k + 1, strictContext: false) else { return nil }
        if let y = trailingYear(after: m.last), let s = stamp(y.year, m.month, d.day) { return make(i, y.last, .point(s)) }
        guard let s = stamp(nil, m.month, d.day, at: i) else { return nil }
        return make(i, m.last, .point(s))
    }

    /// "November 12, 2025", "Dec. 31 , 1994", "Dec31 , 1994", "May twenty nine", "july 1st",
    /// "January first 2000", "Oct 2025", "Dec, 2018", "april of 1987", "Oct/2", "jan/3",
    /// "Sep-23-2020", "mar4", "October two thousand", "April" alone.
    func monthDate(at i: Int) -> Candidate? {
        guard let m = month(at: i) else { return nil }
        var k = m.last + 1
        // Oct/2, jan/3, May/22, Sep-23-2020
        if t.isSymbol(k, "/") || t.isSymbol(k, "-"), t.glued(k), let d = numberValue(k + 1), t.glued(k + 1) {
            let sep = t.lower(k)
            if t.isSymbol(k + 2, sep), t.glued(k + 2), let y = year(at: k + 3), let s = stamp(y.year, m.month, d.v) { return withTime(make(i, y.last, .point(s))) }
            if d.digits == 4, let s = stamp(d.v, m.month, nil) { return make(i, k + 1, .point(s)) }   // Dec/2018
            if d.v >= 1, d.v <= 31, let s = stamp(nil, m.month, d.v, at: i) { return withTime(make(i, k + 1, .point(s))) }
            return nil
        }
        if t.isWord(k, "the") { k += 1 }
        if t.isSymbol(k, ","), let n = t[k + 1], n.kind == .number, t[k + 2].map({ $0.glued && NumberWords.ordinalSuffixes.contains($0.lower) }) == true { k += 1 }
        if let d = day(at: k), !(t[k]!.kind == .number && t[k]!.intDigits == 4) {
            // "May 8, 1945", "Dec. 31 , 1994", "January twenty five nineteen eighty six"
            if let y = trailingYear(after: d.last), let s = stamp(y.year, m.month, d.day) { return withTime(make(i, y.last, .point(s))) }
            // A day written as a cardinal must not be the start of a count ("in May 20 people").
            if let after = t[d.last + 1], t[k]!.kind == .number, after.kind == .word, QuantityGrammar.irregularPlurals.contains(after.lower) || (after.lower.hasSuffix("s") && after.lower.count > 3 && !["pm", "am"].contains(after.lower)) {
                if Units.time[after.lower] == nil { return nil }
            }
            if t[k]!.kind == .number, t.isSymbol(d.last + 1, "%") { return nil }
            guard let s = stamp(nil, m.month, d.day, at: i) else { return nil }
            return withTime(make(i, d.last, .point(s)))
        }
        if let y = trailingYear(after: m.last) { return make(i, y.last, .point(DateStamp(year: y.year, month: m.month))) }
        // The month alone: the nearest one.
        var s = DateStamp(year: nearestYear(m.month, nil, at: i), month: m.month)
        s.yearInferred = s.year != nil
        return make(i, m.last, .point(s))
    }

    /// "Wednesday, November 12, 2025", "Monday 21", "Tue 13th", "friday the 26th", "Friday 7/6".
    func weekdayDate(at i: Int) -> Candidate? {
        guard let tok = t[i], tok.kind == .word, let wd = DateWords.weekdays[tok.lower] else { return nil }
        if !DateWords.strongWeekdays.contains(tok.lower) && !tok.capitalized { return nil }
        var k = i + 1
        if t.isSymbol(k, "."), t.glued(k) { k += 1 }
        if t.isSymbol(k, ",") { k += 1 }
        // A full date after the weekday: the date it names.
        if let c = monthDate(at: k) ?? dayMonth(at: k) ?? numericDate(at: k) ?? theDayOfMonth(at: k), c.period?.hasDay == true {
            var out = c
            out.first = i
            return out
        }
        // "Monday 21", "Tue 13th", "friday the 26th": the nearest date with that day.
        var m = i + 1
        if t.isWord(m, "the") { m += 1 }
        // ... but "Monday 8-9am" and "Monday 10:30" are hours.
        if let d = day(at: m), t[m]!.kind == .number || t.isWord(i + 1, "the"),
           !(t.isDash(d.last + 1) || t.isSymbol(d.last + 1, ":") || meridiem(at: d.last + 1) != nil || t.isWord(d.last + 1, "o'clock")) {
            if let r = reference {
                var best: CivilDate? = nil
                for off in -12...12 {
                    let base = r.date.adding(months: off)
                    guard d.day <= CivilDate.daysIn(base.year, base.month) else { continue }
                    let c = CivilDate(base.year, base.month, d.day)
                    if c.weekday == wd, best == nil || abs(c.dayNumber - r.date.dayNumber) < abs(best!.dayNumber - r.date.dayNumber) { best = c }
                }
                if let best { return withTime(make(i, d.last, .point(DateStamp(best)), relative: true)) }
            }
            return make(i, d.last, nil, relative: true)
        }
        return nil
    }

    // MARK: years, decades, centuries, quarters

    /// "in 2023", "2024", "the year 2011", "year 2016", "cy 2008", "fiscal 2025", "FY2025",
    /// "the 1990s", "the '90s", "2010s", "21st century", "the 15th century".
    func yearForms(at i: Int) -> Candidate? {
        let w = t.lower(i)
        var k = i
        if w == "the", t.isWord(i + 1, "year") { k = i + 2 }
        else if w == "year" || w == "cy" || w == "fiscal" || w == "fy" || (w == "calendar" && t.isWord(i + 1, "year")) {
            k = i + 1
            if w == "fiscal" && t.isWord(k, "year") || w == "calendar" { k += 1 }
            if t.isDash(k), t.glued(k) { k += 1 }
            if w == "fy", let n = numberValue(k), n.digits == 2, t.glued(k) {
                return make(i, k, .point(DateStamp(year: 2000 + n.v)))
            }
        }
        // Decades: 1990s, the 1990s, the '90s, the 90s
        if let d = decade(at: k == i && w == "the" ? i + 1 : k) {
            return make(i, d.last, d.period)
        }
        // Centuries: 21st century, the fifteenth century
        var c = k
        if t.isWord(c, "the") { c += 1 }
        if let o = numbers.ordinal(at: c), o.value >= 1, o.value <= 30, t.isWord(o.last + 1, "century") || t.isWord(o.last + 1, "centuries") {
            let start = (Int(reading: o.value) - 1) * 100
            return make(i, o.last + 1, .interval(DateStamp(year: start), DateStamp(year: start + 99)))
        }
        guard let y = year(at: k) else { return nil }
        if k == i, !isYearToken(i) { return nil }
        return make(i, y.last, .point(DateStamp(year: y.year)))
    }

    func decade(at k: Int) -> (period: Period, last: Int)? {
        // '90s
        if t.isSymbol(k, "'") || t.isSymbol(k, "’"), let n = numberValue(k + 1), n.digits == 2, n.v % 10 == 0, t.isWord(k + 2, "s"), t.glued(k + 2) {
            let start = n.v >= 30 ? 1900 + n.v : 2000 + n.v
            return (.interval(DateStamp(year: start), DateStamp(year: start + 9)), k + 2)
        }
        guard let n = numberValue(k), t.isWord(k + 1, "s") || t.isWord(k + 1, "'s"), t.glued(k + 1), n.v % 10 == 0 else { return nil }
        if n.digits == 4, (1000...2990).contains(n.v) {
            return (.interval(DateStamp(year: n.v), DateStamp(year: n.v + 9)), k + 1)
        }
        if n.digits == 2, t.isWord(k - 1, "the") || t.isWord(k - 1, "early") || t.isWord(k - 1, "late") || t.isWord(k - 1, "mid") {
            let start = n.v >= 30 ? 1900 + n.v : 2000 + n.v
            return (.interval(DateStamp(year: start), DateStamp(year: start + 9)), k + 1)
        }
        return nil
    }

    /// Q1 2019, 2019-Q1, q1-2019, Q3, the first quarter of 2025, third-quarter, H1 2025, the second half of 2025.
    func quarterOrHalf(at i: Int) -> Candidate? {
        var k = i
        var part: (n: Int, of: Int)? = nil
        var last = i
        let w = t.lower(i)
        // 2019-Q1, 2017-q1
        if let y = year(at: i), t.isSymbol(i + 1, "-"), t.glued(i + 1), t.isWord(i + 2, "q") || t.isWord(i + 2, "h"), t.glued(i + 2),
           let n = numberValue(i + 3), t.glued(i + 3), n.digits == 1 {
            let of = t.isWord(i + 2, "q") ? 4 : 2
            guard n.v >= 1, n.v <= of else { return nil }
            return make(i, i + 3, Self.yearPart(n.v, of: of, year: y.year))
        }
        if (w == "q" || w == "h"), let n = numberValue(i + 1), t.glued(i + 1), n.digits == 1 {
            let of = w == "q" ? 4 : 2
            guard n.v >= 1, n.v <= of else { return nil }
            part = (n.v, of); last = i + 1
        } else {
            if w == "the" { k += 1 }
            // "the last (final) quarter of 2004" is that year's fourth; without a year, "the
            // last quarter" is the one before now, read elsewhere.
            if t.isWord(k, "last") || t.isWord(k, "final"), t.isWord(k + 1, "quarter"), t.isWord(k + 2, "of") || t.isWord(k + 2, "in"),
               let y = self.year(at: k + 3) {
                return make(i, y.last, Self.yearPart(4, of: 4, year: y.year))
            }
            guard let o = numbers.ordinal(at: k), o.value >= 1, o.value <= 4 else { return nil }
            var m = o.last + 1
            if t.isDash(m), t.glued(m) { m += 1 }
            if t.isWord(m, "quarter") { part = (Int(reading: o.value), 4) }
            else if t.isWord(m, "half"), o.value <= 2 { part = (Int(reading: o.value), 2) }
            else { return nil }
            last = m
        }
        guard let (n, of) = part else { return nil }
        // The year: "Q1 2019", "q1-2019", "first quarter of 2025", "of this year", "of next year".
        var year: Int? = nil
        var m = last + 1
        if t.isDash(m), t.glued(m) { m += 1 }
        // "the fourth quarter of the game" is a match's, not a year's.
        if t.isWord(m, "of"), ["game", "match", "contest", "final", "tie"].contains(t.lower(m + 2)) { return nil }
        if t.isWord(m, "of") || t.isWord(m, "in") { m += 1 }
        if let y = self.year(at: m) { year = y.year; last = y.last }
        else if t.isWord(m, "the"), t.isWord(m + 1, "year") { year = reference?.date.year; last = m + 1 }
        else if let r = relativeYear(at: m) { year = r.year; last = r.last }
        else if (w == "q" || w == "h"), t.isSymbol(i - 1, "-"), t.glued(i - 1), let y = self.year(at: i - 2) {
            // 2019-Q1: read from the year; the caller at the year token sees this reading.
            year = y.year
        } else if of == 2 {
            // "the second half" of a match is no date; a half needs its year.
            return nil
        } else if of == 4, inAGame(i) {
            // "led by 10 points in the third quarter": a game's quarter, no date.
            return nil
        } else if reference != nil {
            // No year said: by tense, as for a month. "Profit fell in the fourth quarter" in a
            // June report is last year's; "will be done by Q1" is next year's.
            let months = 12 / of, first = (n - 1) * months + 1
            let y = futureContext(i) ? nearestYear(first + months - 1, nil, at: i) : nearestYear(first, nil, at: i)
            guard let y else { return make(i, last, nil, relative: true) }
            return make(i, last, Self.yearPart(n, of: of, year: y), relative: true)
        }
        guard let y = year else { return make(i, last, nil, relative: true) }
        return make(i, last, Self.yearPart(n, of: of, year: y))
    }

    /// Part n of a year cut into `of` equal parts (4: quarters, 2: halves), as its months.
    static func yearPart(_ n: Int, of: Int, year: Int) -> Period {
        let months = 12 / of, first = (n - 1) * months + 1
        return .interval(DateStamp(year: year, month: first), DateStamp(year: year, month: first + months - 1))
    }

    /// Whether the sentence of token k tells a game ("scored", "points", "touchdown"...).
    func inAGame(_ k: Int) -> Bool {
        let s = t.sentenceOf[k]
        var a = k, b = k
        while a > 0, t.sentenceOf[a - 1] == s, k - a < 40 { a -= 1 }
        while b + 1 < t.count, t.sentenceOf[b + 1] == s, b - k < 40 { b += 1 }
        // Not "points": an index rises points in a quarter too.
        return (a...b).contains { Self.gameWords.contains(t.lower($0)) }
    }

    /// Words only games use: business stories lose, win, lead and have teams and goals too.
    static let gameWords: Set<String> = [
        "scored", "scoring", "touchdown", "touchdowns", "quarterback", "innings", "half-time", "halftime",
        "playoff", "playoffs", "rebounds", "trailed", "trailing", "overtime",
    ]

    /// "this year", "next year", "last year" as a year number (for "of next year").
    func relativeYear(at k: Int) -> (year: Int?, last: Int)? {
        guard t.isWord(k + 1, "year") else { return nil }
        let y = reference?.date.year
        switch t.lower(k) {
        case "this", "current": return (y, k + 1)
        case "next", "coming": return (y.map { $0 + 1 }, k + 1)
        case "last", "previous", "past": return (y.map { $0 - 1 }, k + 1)
        default: return nil
        }
    }

    /// A four-digit number reads as a year unless it counts or measures something: after
    /// "about"/"more than" or before a unit, a percent sign or a currency.
    /// The signs of a dimension ("2048 * 1080", "1920 x 1080").
    static let timesSigns: Set<String> = ["*", "x", "×"]

    func isYearToken(_ k: Int) -> Bool {
        guard year(at: k) != nil else { return false }
        let prev = t.lower(k - 1)
        if prev == "than", ["later", "earlier", "sooner", "older", "newer"].contains(t.lower(k - 2)) { return true }
        if ["about", "approximately", "nearly", "almost", "around", "roughly", "some", "over", "than", "least", "most", "to", "of", "up", "top", "exceeding", "additional", "another", "only", "just", "and", "above", "below", "under"].contains(prev) {
            // "to" and "of" are fine before years ("from 2014 to 2018", "the end of 2022"); only count words block.
            if !["to", "of", "and"].contains(prev) { return false }
        }
        if Currencies.symbols[prev] != nil || t.isSymbol(k - 1, "#") || t.isWord(k - 1, "no") { return false }
        // A dimension ("2048 * 1080 pixels", "1920x1080"): no year on either side of the sign.
        if Self.timesSigns.contains(t.lower(k + 1)), t[k + 2]?.kind == .number { return false }
        if Self.timesSigns.contains(prev), t[k - 2]?.kind == .number { return false }
        // "2000 by 3000 mm": "by" between two numbers is a dimension when a unit follows them.
        if t.isWord(k + 1, "by"), t[k + 2]?.kind == .number, Units.unit(at: k + 3, in: t) != nil { return false }
        // A 24-hour time ("at 1230 GMT").
        if zonedClock(k) || t.isWord(k + 1, "hrs") || t.isWord(k + 1, "hours") { return false }
        if let next = t[k + 1] {
            if next.lower == "%" || next.lower == "percent" || Currencies.names[next.lower] != nil || Currencies.codes.contains(next.lower) && next.allCaps { return false }
            if Units.unit(at: k + 1, in: t) != nil, !next.glued, next.lower != "x" { return false }
            if NumberWords.scales[next.lower] != nil || next.lower == "hundred" { return false }
        }
        return true
    }

    /// A number that is a year (for the counted-noun grammar: "the 2023 layoffs" is a year,
    /// "2000 employees" after a verb is a count).
    func isYear(_ n: NumberExpr) -> Bool {
        guard let k = n.digitToken, isYearToken(k), t.tokens[k].value >= 1800, t.tokens[k].value <= 2100 else { return false }
        return yearByContext(k)
    }

    /// Whether the words before a four-digit number at `k` make it a year rather than a count
    /// ("in 2019", "the 2023 layoffs", "Christmas 1986"; not "sold 2015 cars").
    func yearByContext(_ k: Int) -> Bool {
        let prev = t.lower(k - 1)
        if k == 0 || t.startsSentence(k) { return true }
        return ["the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "'s", "in", "of", "since", "from", "by",
                "for", "during", "until", "through", "before", "after", "to", "and", "between", "fiscal", "year", "(", ",", "-", "–"].contains(prev)
            || t[k - 1]?.capitalized == true
            || prev == "quarter" || prev == "half"  // "fourth-quarter 2004 profits"
    }

    // MARK: parts of periods

    /// "early 2023", "mid-March 2026", "late July", "the end of 2022", "the beginning of 2023",
    /// "the middle of 2007", "the early 2000s", "end of this year", "since late July".
    func modified(at i: Int) -> Candidate? {
        var k = i
        if t.isWord(k, "at"), t.isWord(k + 1, "the") { k += 2 } else if t.isWord(k, "the") { k += 1 }
        let w = t.lower(k)
        let part: Int   // 0 early, 1 middle, 2 late
        switch w {
        case "early", "beginning", "start": part = 0
        case "mid", "middle", "midst": part = 1
        case "late", "end": part = 2
        default: return nil
        }
        var m = k + 1
        if ["beginning", "start", "middle", "midst", "end"].contains(w) {
            guard t.isWord(m, "of") else { return nil }
            m += 1
        } else if t.isDash(m), t.glued(m) {
            m += 1
        } else if t.isWord(m, "in") || t.isWord(m, "of") {
            m += 1
        }
        if t.isWord(m, "the"), decade(at: m + 1) != nil { m += 1 }
        // Decade: the early 2000s
        if let d = decade(at: m), case .interval(let a?, _) = d.period, let y = a.year {
            let parts = [(0, 3), (3, 6), (7, 9)]
            return make(i, d.last, .interval(DateStamp(year: y + parts[part].0), DateStamp(year: y + parts[part].1)))
        }
        // Month (with or without year)
        if let mo = month(at: m, strictContext: false), !(t.lower(m) == "may" && !t[m]!.capitalized && trailingYear(after: mo.last) == nil) {
            var year = nearestYear(mo.month, nil, at: i)
            var last = mo.last
            if let y = trailingYear(after: mo.last) { year = y.year; last = y.last }
            let days = [(1, 10), (11, 20), (21, 31)][part]
            guard let y = year else {
                return make(i, last, .interval(DateStamp(month: mo.month, day: days.0), DateStamp(month: mo.month, day: min(days.1, CivilDate.daysIn(2000, mo.month)))))
            }
            return make(i, last, .interval(DateStamp(year: y, month: mo.month, day: days.0), DateStamp(year: y, month: mo.month, day: min(days.1, CivilDate.daysIn(y, mo.month)))))
        }
        // Year: "early 2023", "the end of 2022", "end of this year", "end of year"
        var year: Int? = nil
        var last = m
        var relative = false
        if let y = self.year(at: m) { year = y.year; last = y.last }
        else if let r = relativeYear(at: m) { year = r.year; last = r.last; relative = true }
        else if t.isWord(m, "the") && t.isWord(m + 1, "year") || t.isWord(m, "year") {
            year = reference?.date.year; last = t.isWord(m, "year") ? m : m + 1; relative = true
        } else if let span = relativeUnitPart(m, part) {
            var c = span
            c.first = i
            return c
        } else {
            return nil
        }
        let months = [(1, 4), (5, 8), (9, 12)][part]
        guard let y = year else { return make(i, last, nil, relative: true) }
        return make(i, last, .interval(DateStamp(year: y, month: months.0), DateStamp(year: y, month: months.1)), relative: relative)
    }

    /// "end of the week", "end of month", "the end of today": parts of the current week, month, day.
    func relativeUnitPart(_ m: Int, _ part: Int) -> Candidate? {
        var k = m
        var offset = 0
        if t.isWord(k, "the") || t.isWord(k, "this") { k += 1 }
        else if t.isWord(k, "next") { offset = 1; k += 1 }
        else if t.isWord(k, "last") || t.isWord(k, "previous") { offset = -1; k += 1 }
        let unit = t.lower(k)
        guard ["week", "month", "day", "today"].contains(unit), let r = reference else {
            if ["week", "month", "day", "today"].contains(unit) { return make(m, k, nil, relative: true) }
            return nil
        }
        switch unit {
        case "month":
            let d = r.date.adding(months: offset)
            let n = CivilDate.daysIn(d.year, d.month)
            let days = [(1, 10), (11, 20), (21, n)][part]
            return make(m, k, .interval(DateStamp(year: d.year, month: d.month, day: days.0), DateStamp(year: d.year, month: d.month, day: days.1)), relative: true)
        case "week":
            let monday = r.date.adding(days: 1 - r.date.weekday + 7 * offset)
            let days = [(0, 2), (2, 4), (4, 6)][part]
            return make(m, k, .interval(DateStamp(monday.adding(days: days.0)), DateStamp(monday.adding(days: days.1))), relative: true)
        default:
            let d = r.date.adding(days: offset)
            return make(m, k, .point(DateStamp(d)), relative: true)
        }
    }

    /// Christmas, Easter Monday, Thanksgiving 2023, the 4th of July, International Workers' Day.
    func holiday(at i: Int) -> Candidate? {
        var k = i
        var modifier = 0
        if t.isWord(k, "next") { modifier = 1; k += 1 } else if t.isWord(k, "previous") || t.isWord(k, "last") { modifier = -1; k += 1 }
        func match(_ words: [String]) -> Int? {
            guard t.matches(words, at: k) else { return nil }
            let last = k + words.count - 1
            // A holiday's name that names a thing, not a day: "an electronic Christmas card",
            // "his first Christmas album", "The Office Christmas Special", "Father Christmas",
            // "Merry Christmas".
            if words.count == 1, modifier == 0, trailingYear(after: last, words: false) == nil {
                if ["father", "merry", "happy"].contains(t.lower(k - 1)) { return nil }
                if let next = t[last + 1], next.kind == .word, !t.isSymbol(last + 1, "'s"),
                   Self.holidayThings.contains(next.lower), !next.capitalized || next.lower == "special" { return nil }
            }
            return last
        }
        for (words, month, day) in DateWords.fixedHolidays {
            guard let last = match(words) else { continue }
            if words == ["may", "day"] || words == ["freedom", "day"] || words == ["jubilee", "day"], !(t[k]?.capitalized ?? false) { continue }
            return holidayCandidate(i, last, modifier) { y in CivilDate(y, month, day) }
        }
        for (words, f) in DateWords.movableHolidays {
            guard let last = match(words) else { continue }
            if words == ["good", "friday"] || words == ["black", "friday"] || words == ["mother", "'s", "day"], !(t[k]?.capitalized ?? false) { continue }
            return holidayCandidate(i, last, modifier, f)
        }
        return nil
    }

    /// Things a holiday's name can label (`holiday(at:)`).
    static let holidayThings: Set<String> = [
        "card", "cards", "album", "albums", "single", "singles", "track", "hit", "hits", "song", "songs", "carol", "carols",
        "present", "presents", "gift", "gifts", "greeting", "greetings", "message", "prize", "hamper", "hampers", "special",
        "specials", "number", "tree", "trees", "lights", "decorations", "edition", "episode", "jumper", "jumpers", "sleigh",
        "stocking", "stockings", "cracker", "crackers", "pudding", "advert", "adverts", "film", "movie", "story", "egg", "eggs",
    ]

    func holidayCandidate(_ i: Int, _ last: Int, _ modifier: Int, _ f: (Int) -> CivilDate) -> Candidate {
        if let y = trailingYear(after: last, words: false) { return withTime(make(i, y.last, .point(DateStamp(f(y.year))))) }
        guard let r = reference else { return withTime(make(i, last, nil, relative: true)) }
        var d = f(r.date.year)
        if modifier > 0, d <= r.date { d = f(r.date.year + 1) }
        else if modifier < 0, d >= r.date { d = f(r.date.year - 1) }
        else if modifier == 0 {
            let prev = f(r.date.year - 1), next = f(r.date.year + 1)
            for c in [prev, next] where abs(c.dayNumber - r.date.dayNumber) < abs(d.dayNumber - r.date.dayNumber) { d = c }
        }
        return withTime(make(i, last, .point(DateStamp(d)), relative: true))
    }

    /// "week 10", "week 1 of 2019": an ISO week.
    func weekNumber(at i: Int) -> Candidate? {
        guard t.isWord(i, "week"), let n = numberValue(i + 1), !t.glued(i + 1), n.v >= 1, n.v <= 53, n.digits <= 2 else { return nil }
        if let after = t[i + 2], after.kind == .word, !["of", "in", "and", "or"].contains(after.lower), after.lower != "to" { return nil }
        if let y = trailingYear(after: i + 1, words: false) { return make(i, y.last, .point(DateStamp(year: y.year, week: n.v))) }
        guard let r = reference else { return make(i, i + 1, nil, relative: true) }
        return make(i, i + 1, .point(DateStamp(year: r.date.year, week: n.v)), relative: true)
    }

    /// "the first week of Jan 2015", "last week of Dec 2016", "3rd week of 2018": an ISO week.
    func weekOf(at i: Int) -> Candidate? {
        var k = i
        if t.isWord(k, "the") { k += 1 }
        let n: Int
        if t.isWord(k, "last") { n = -1 } else if let o = numbers.ordinal(at: k), o.last == k || o.last == k + 1, o.value >= 1, o.value <= 5 { n = Int(reading: o.value) } else { return nil }
        var m = t.isWord(k, "last") ? k + 1 : (numbers.ordinal(at: k)!.last + 1)
        guard t.isWord(m, "week"), t.isWord(m + 1, "of") else { return nil }
        m += 2
        func week(_ d: CivilDate) -> Period { let w = d.isoWeek; return .point(DateStamp(year: w.year, week: w.week)) }
        if let mo = month(at: m, strictContext: false) {
            var y = nearestYear(mo.month, nil, at: i)
            var last = mo.last
            if let ty = trailingYear(after: mo.last, words: false) { y = ty.year; last = ty.last }
            guard let y else { return make(i, last, nil, relative: true) }
            let anchor = n > 0 ? CivilDate(y, mo.month, 1).adding(days: 7 * (n - 1)) : CivilDate(y, mo.month, CivilDate.daysIn(y, mo.month))
            return make(i, last, week(anchor))
        }
        if let y = year(at: m) {
            let anchor = n > 0 ? CivilDate.mondayOf(isoYear: y.year, week: n) : CivilDate(y.year, 12, 28)
            return make(i, y.last, week(anchor))
        }
        return nil
    }

    /// "on the 29th", "on 29th": a day of the month the article is in (the nearest one).
    func dayOnly(at i: Int) -> Candidate? {
        guard t.isWord(i, "on") || t.isWord(i, "the") else { return nil }
        var k = i + 1
        if t.isWord(i, "on"), t.isWord(k, "the") { k += 1 }
        guard let tok = t[k], tok.kind == .number, let d = day(at: k), d.last == k + 1 else { return nil }
        if let after = t[d.last + 1], after.kind == .word, !["at", "and", "or", "of"].contains(after.lower) || t.isWord(d.last + 1, "of") { return nil }
        guard let r = reference else { return make(k, d.last, nil, relative: true) }
        var best = r.date
        var bestDistance = Int.max
        for off in -1...1 {
            let base = r.date.adding(months: off)
            guard d.day <= CivilDate.daysIn(base.year, base.month) else { continue }
            let c = CivilDate(base.year, base.month, d.day)
            if abs(c.dayNumber - r.date.dayNumber) < bestDistance { best = c; bestDistance = abs(c.dayNumber - r.date.dayNumber) }
        }
        return withTime(make(k, d.last, .point(DateStamp(best)), relative: true))
    }

    /// "summer 2025", "this summer", "last winter", "the summer".
    func season(at i: Int) -> Candidate? {
        var k = i, offset: Int? = nil
        if t.isWord(k, "this") { offset = 0; k += 1 } else if t.isWord(k, "next") { offset = 1; k += 1 }
        else if t.isWord(k, "last") || t.isWord(k, "past") { offset = -1; k += 1 }
        guard let s = DateWords.seasons[t.lower(k)], t.lower(k) != "fall" || offset != nil || year(at: k + 1) != nil else { return nil }
        func period(_ y: Int) -> Period {
            let endYear = s.1 < s.0 ? y + 1 : y
            return .interval(DateStamp(year: y, month: s.0), DateStamp(year: endYear, month: s.1))
        }
        if let y = year(at: k + 1) { return make(i, k + 1, period(y.year)) }
        guard let offset else { return nil }
        guard let r = reference else { return make(i, k, nil, relative: true) }
        return make(i, k, period(r.date.year + offset), relative: true)
    }
}

extension Period {
    var hasYear: Bool {
        switch self {
        case .point(let p): return p.year != nil || (p.month == nil && p.day == nil && p.week == nil)
        case .interval(let a, let b): return (a?.year != nil || a == nil) && (b?.year != nil || b == nil)
        }
    }
    var hasDay: Bool { if case .point(let p) = self { return p.day != nil }; return false }
    /// A year taken from the publication date, not the text.
    var yearInferred: Bool {
        switch self {
        case .point(let p): return p.yearInferred
        case .interval(let a, let b): return a?.yearInferred == true || b?.yearInferred == true
        }
    }
}
