/// Composes neighbouring readings into one fact: numeric ranges ("13% - 15%", "between 20 and
/// 30", "5k-20k", "3-4%", "from $126k to under $61k", "larger than 10 and smaller than 20"),
/// spans of dates ("2024–2026", "from the end of 2022 to the beginning of 2023", "Jan-Feb
/// 2017", "November 18-19", "2021-22") and open periods ("since 2022", "before 2018").
struct Composer {
    let t: TokenText
    let g: Grammars

    static let measureKinds: Set<MetricKind> = [.number, .percent, .money, .quantity]

    func compose(_ input: [Candidate]) -> [Candidate] {
        var items = input
        items = pairRanges(items)
        items = boundRanges(items)
        items = fromToMoves(items)
        items = openPeriods(items)
        return items
    }

    // MARK: A - B, between A and B, from A to B

    enum Link { case dash, to, and, through }

    /// The connector between two readings: (kind, index of "between"/"from" before a, or nil).
    func link(_ a: Candidate, _ b: Candidate) -> (Link, Int?)? {
        let gap = b.first - a.last - 1
        let lead: Int? = t.isWord(a.first - 1, "between") ? a.first - 1 : t.isWord(a.first - 1, "from") ? a.first - 1 : nil
        if gap == 1 {
            let k = a.last + 1
            if t.isDash(k) {
                // "1000-5000" glued both sides, or spaced both sides ("13% - 15%"), not a minus sign.
                if t.glued(k) == t.glued(k + 1) { return (.dash, lead) }
                return nil
            }
            if t.isWord(k, "to") || t.isWord(k, "till") || t.isWord(k, "until") || t.isWord(k, "til") { return (.to, lead) }
            if t.isWord(k, "through") || t.isWord(k, "thru") { return (.through, lead) }
            if t.isWord(k, "and"), let l = lead, t.isWord(l, "between") { return (.and, lead) }
        }
        return nil
    }

    func pairRanges(_ items: [Candidate]) -> [Candidate] {
        var out: [Candidate] = []
        var k = 0
        while k < items.count {
            if k + 1 < items.count, let r = range(items[k], items[k + 1]) {
                out.append(r)
                // The end that carries the unit stays an item of its own, as a change keeps its
                // amount: "40 - 50 years old" is a range and also says "50 years old".
                let end = items[k + 1]
                if r.kind == .range, end.kind == .quantity, end.unit != nil { out.append(end) }
                k += 2
                // A year read into the span ("November 18-19, 2024") is not an item of its own.
                while k < items.count, items[k].first <= r.last { k += 1 }
                continue
            }
            out.append(items[k])
            k += 1
        }
        return out
    }

    func range(_ a: Candidate, _ b: Candidate) -> Candidate? {
        guard let (l, lead) = link(a, b) else { return nil }
        // "from 2014 to 2018" reads "from" and "to"; "between X and Y" reads "between".
        if l == .and, lead == nil { return nil }
        // "1000 – 5000": a year-like number next to a plain number is a number.
        var a = a, b = b
        if a.kind == .date, b.kind == .number, let d = dateRange(a, b, l, lead) { return d }
        // "halved in 2004 to $200m": a year after "in" is the time of the move, not its start.
        if a.kind == .date, Composer.measureKinds.contains(b.kind), ["in", "since", "during", "by", "until"].contains(t.lower(a.first - 1)) { return nil }
        if a.kind == .date, Composer.measureKinds.contains(b.kind), let n = plainYear(a) { a = n }
        if b.kind == .date, Composer.measureKinds.contains(a.kind), a.kind != .number || !isYearLike(a), let n = plainYear(b) { b = n }
        if a.kind == .date || b.kind == .date { return dateRange(a, b, l, lead) }
        guard Composer.measureKinds.contains(a.kind), Composer.measureKinds.contains(b.kind), var an = a.number, let bn = b.number else { return nil }
        if an.ordinal || bn.ordinal { return nil }
        var unit = b.unit, currency = b.currency, kind = b.kind
        var low = a.value.number ?? an.value
        let high = b.value.number ?? bn.value
        // Units must agree; a bare first end takes the second's ("3-4%", "40 - 50 years old", "$5-10 million").
        if a.kind != .number {
            guard a.kind == b.kind || b.kind == .number else { return nil }
            if b.kind == .number { kind = a.kind; unit = a.unit; currency = a.currency }
            else if a.unit != b.unit || a.currency != b.currency { return nil }
        } else if b.kind == .number, l == .to, lead == nil {
            // "5 to 10" with nothing else: a range only with "from" or "between".
            return nil
        }
        // "$5-10 million", "3-5 billion": the scale of the second end applies to the first.
        if bn.scaled, !an.scaled, bn.multiplier > 1, low < high / bn.multiplier * 10 { low = NumberWords.times(low, bn.multiplier); an.value = low }
        // "2-1" is a score, "1-1" a draw: a dash between bare numbers reads low to high.
        if l == .dash, a.kind == .number, b.kind == .number, low >= high { return nil }
        // A dash between two plain numbers that read as a list or a score is no range.
        if l == .dash, a.kind == .number, b.kind == .number, (an.written != bn.written) { return nil }
        if l == .to, lead == nil, low >= high { return nil }
        // After a verb of change, "X to Y" with a unit on both ends is a move of X reaching Y
        // ("rose 30 dollars to 120 dollars", "fell 2% to 3.4%"), two facts, not an interval;
        // a bare first end ("rose 5 to 10 percent") is still a range of the move.
        if l == .to, lead == nil, a.kind != .number, followsChangeVerb(a) { return nil }
        let first = lead ?? a.first
        var c = Candidate(first, b.last, .range, .range(low: min(low, high), high: max(low, high)), priority: Priority.range, unit: kind == .percent ? "percent" : unit, currency: currency, number: an)
        if lead != nil, t.isWord(lead!, "from"), low > high { c.direction = "down" }
        if lead != nil, t.isWord(lead!, "from"), low < high, kind != .number { c.direction = "up" }
        c.subject = b.subject ?? a.subject
        if a.qualifier == .atLeast, b.qualifier == .atLeast, an.vague { c.qualifier = .atLeast }
        return c
    }

    /// Whether a verb of change stands right before `c`, perhaps with "by" or a hedge between
    /// ("rose 30 dollars", "fell by about 2%").
    func followsChangeVerb(_ c: Candidate) -> Bool {
        var p = c.first - 1
        var steps = 0
        while p >= 0, steps <= 2, t.sentenceOf[p] == t.sentenceOf[c.first], t[p]?.kind == .word {
            let w = t.lower(p)
            if Changes.direction(w) != nil { return true }
            guard ["by", "about", "around", "roughly", "nearly", "almost", "some", "another"].contains(w) else { return false }
            p -= 1; steps += 1
        }
        return false
    }

    /// A date that is a bare four-digit number, read back as a number.
    func plainYear(_ c: Candidate) -> Candidate? {
        guard c.first == c.last, let tok = t[c.first], tok.kind == .number, tok.isPlainInteger else { return nil }
        let n = NumberExpr(value: tok.value, first: c.first, last: c.first, digitToken: c.first)
        return Candidate(c.first, c.last, .number, .number(tok.value), priority: Priority.number, number: n)
    }

    func isYearLike(_ c: Candidate) -> Bool {
        guard let n = c.number, let k = n.digitToken else { return false }
        return t.tokens[k].intDigits == 4 && t.tokens[k].value >= 1000 && t.tokens[k].value <= 2999
    }

    func dateRange(_ a: Candidate, _ b: Candidate, _ l: Link, _ lead: Int?) -> Candidate? {
        var pa = a.period, pb = b.period
        // "November 18-19": a day after a full date; "2021-22": a two-digit year after a year;
        // "april 9th through seventeenth": an ordinal day.
        if a.kind == .date, b.kind != .date {
            guard let bn = b.number, bn.isPlain || bn.ordinal, let p = pa, case .point(let s) = p else { return nil }
            let v = Int(reading: bn.value)
            if s.day != nil, s.hour == nil, let y = s.year ?? Optional(0), v > s.day!, v <= 31, l != .and || lead != nil {
                var e = s; e.day = v
                if y == 0 { e.year = nil }
                pb = .point(e)
            } else if let y = s.year, s.month == nil, l == .dash, bn.digitToken != nil, t.tokens[bn.digitToken!].intDigits == 2, v > y % 100 {
                pb = .point(DateStamp(year: y / 100 * 100 + v))
            } else {
                return nil
            }
        } else if a.kind != .date, b.kind == .date {
            // "8-9am", "from 3-8pm": an hour before a time.
            guard let an = a.number, an.isPlain, let p = pb, case .point(let s) = p, let h = s.hour, s.year == nil, an.value <= 12 else {
                // "ninth and seventeenth of april" and other forms are left apart.
                return nil
            }
            var e = s
            var hv = Int(reading: an.value)
            if h >= 12, hv < 12, hv + 12 <= h { hv += 12 }
            e.hour = hv; e.minute = 0; e.second = 0
            pa = .point(e)
        }
        guard var pa, var pb else { return nil }
        // A time of day and a calendar date are no span ("3pm - this week").
        func clockOnly(_ p: Period) -> Bool { p.start?.year == nil && p.start?.month == nil && p.start?.day == nil && p.start?.hour != nil }
        if clockOnly(pa) != clockOnly(pb) { return nil }
        // "Jan-Feb 2017", "from March to May 2020": the first end takes the second's year;
        // "between now and November 15th": an inferred year puts the end after the start.
        if case .point(var s) = pa, s.year == nil || s.yearInferred, case let end? = pb.start, let y = end.year, !end.yearInferred, s.month != nil {
            s.year = y
            if let m = s.month, let em = end.month, m > em { s.year = y - 1 }
            pa = .point(s)
        } else if case .point(var e) = pb, e.yearInferred, let sy = pa.start?.year, let em = e.month, let sm = pa.start?.month {
            e.year = em >= sm ? sy : sy + 1
            pb = .point(e)
        }
        // "November 18-19, 2024": a year after the span dates both ends.
        var last = b.last
        if case .point(var s) = pa, case .point(var e) = pb, s.year == nil || s.yearInferred, e.year == nil || e.yearInferred,
           let y = g.dates.trailingYear(after: b.last, words: false) {
            s.year = y.year; e.year = y.year; s.yearInferred = false; e.yearInferred = false
            pa = .point(s); pb = .point(e); last = y.last
        }
        // An end before its start: "from next Monday to Friday" means the Friday after that
        // Monday; "between the last quarter of 2004 and the previous year" is a comparison,
        // not a span.
        if let s = pa.start, let e = pb.end, let sy = s.year, let ey = e.year,
           (ey, e.month ?? 12, e.day ?? 31) < (sy, s.month ?? 1, s.day ?? 1) {
            if b.first == b.last, DateWords.weekdays[t.lower(b.first)] != nil, case .point(var w) = pb,
               let day = w.civil, let start = s.civil, day.adding(days: 7) >= start {
                let next = day.adding(days: 7)
                w.year = next.year; w.month = next.month; w.day = next.day
                pb = .point(w)
            } else {
                return nil
            }
        }
        let first = lead ?? a.first
        var c = Candidate(first, last, .date, .none, priority: Priority.range, number: nil)
        let p = Period.span(pa, pb)
        c.period = p
        c.value = .text(p.iso)
        if a.resolved != nil || b.resolved != nil { c.resolved = p.hasYear }
        return c
    }

    // MARK: two bounds: "larger than 10 and smaller than 20", "at most 100 and at least 20"

    static let lowerBounds: [[String]] = [
        ["more", "than"], ["larger", "than"], ["greater", "than"], ["higher", "than"], ["bigger", "than"], ["above"],
        ["over"], ["at", "least"], ["no", "less", "than"], ["not", "less", "than"], ["no", "fewer", "than"],
        ["greater", "than", "or", "equal", "to"], ["more", "than", "or", "equal", "to"], ["higher", "or", "equal", "than"],
        ["larger", "or", "equal", "than"], ["bigger", "or", "equal", "than"], ["exceeding"], ["upwards", "of"],
    ]
    static let upperBounds: [[String]] = [
        ["less", "than"], ["fewer", "than"], ["smaller", "than"], ["lower", "than"], ["below"], ["under"], ["at", "most"],
        ["up", "to"], ["no", "more", "than"], ["not", "more", "than"], ["less", "than", "or", "equal", "to"],
        ["less", "or", "equal", "than"], ["lower", "or", "equal", "than"], ["smaller", "or", "equal", "than"],
        ["no", "greater", "than"], ["no", "higher", "than"],
    ]

    /// A bound phrase ending right before token k: (is lower bound, first token).
    func bound(before k: Int) -> (lower: Bool, first: Int)? {
        var best: (Bool, Int)? = nil
        for (lower, list) in [(true, Composer.lowerBounds), (false, Composer.upperBounds)] {
            for words in list {
                let start = k - words.count
                if t.matches(words, at: start), best == nil || start < best!.1 { best = (lower, start) }
            }
        }
        // "the tenth": an ordinal bound
        return best
    }

    func boundRanges(_ items: [Candidate]) -> [Candidate] {
        var out: [Candidate] = []
        var k = 0
        while k < items.count {
            let a = items[k]
            if k + 1 < items.count, let r = boundPair(a, items[k + 1]) { out.append(r); k += 2; continue }
            out.append(a)
            k += 1
        }
        return out
    }

    func boundPair(_ a: Candidate, _ b: Candidate) -> Candidate? {
        guard Composer.measureKinds.contains(a.kind) || a.kind == .ordinal, a.kind == b.kind || b.kind == .number || a.kind == .number,
              let av = a.value.number ?? a.number?.value, let bv = b.value.number ?? b.number?.value else { return nil }
        var aStart = a.first
        if t.isWord(aStart - 1, "the"), a.kind == .ordinal { aStart -= 1 }
        var bStart = b.first
        if t.isWord(bStart - 1, "the"), b.kind == .ordinal { bStart -= 1 }
        guard let ba = bound(before: aStart), let bb = bound(before: bStart), ba.lower != bb.lower else { return nil }
        // The second bound follows "and", "but" or "," right after the first reading.
        let between = bb.first - a.last - 1
        guard between == 1, t.isWord(a.last + 1, "and") || t.isWord(a.last + 1, "but") || t.isSymbol(a.last + 1, ",") else { return nil }
        let low = ba.lower ? av : bv, high = ba.lower ? bv : av
        guard low < high else { return nil }
        let kind = a.kind == .number ? b.kind : a.kind
        var c = Candidate(ba.first, b.last, .range, .range(low: low, high: high), priority: Priority.range,
                          unit: kind == .percent ? "percent" : (a.unit ?? b.unit), currency: a.currency ?? b.currency, number: a.number)
        c.subject = a.subject ?? b.subject
        return c
    }

    // MARK: from A ... to ... B, with words between

    /// "from a peak near $126k in Oct 2025 to briefly under $61k in Feb 2026": a move between
    /// two amounts of one kind, read as a range with a direction; dates inside stay items.
    func fromToMoves(_ items: [Candidate]) -> [Candidate] {
        var out = items
        var k = 0
        while k < out.count {
            let a = out[k]
            guard [.money, .percent, .quantity].contains(a.kind), let from = fromWord(before: a.first) ?? (t.isWord(a.first - 1, "from") ? a.first - 1 : nil) else { k += 1; continue }
            // Find "to" after a: only dates and up to two short words between.
            var m = k + 1
            var p = a.last + 1
            var words = 0
            var toIndex: Int? = nil
            while p < t.count, words <= 3 {
                if t.isWord(p, "to") { toIndex = p; break }
                if m < out.count, out[m].first == p, out[m].kind == .date { p = out[m].last + 1; m += 1; continue }
                guard t[p]?.kind == .word, t.sentenceOf[p] == t.sentenceOf[a.first] else { break }
                words += 1; p += 1
            }
            guard let to = toIndex, m < out.count else { k += 1; continue }
            let b = out[m]
            guard b.kind == a.kind, b.unit == a.unit, b.currency == a.currency, b.first > to, b.first - to <= 3,
                  (to + 1..<b.first).allSatisfy({ t[$0]?.kind == .word || t.isSymbol($0, "~") }),
                  let lo = a.value.number, let hi = b.value.number else { k += 1; continue }
            var c = Candidate(from, b.last, .range, .range(low: min(lo, hi), high: max(lo, hi)), priority: Priority.range,
                              unit: a.kind == .percent ? "percent" : a.unit, currency: a.currency, number: a.number)
            c.direction = hi < lo ? "down" : hi > lo ? "up" : nil
            c.subject = a.subject ?? b.subject
            // The range replaces its two ends; dates between stay.
            out[k] = c
            out.remove(at: m)
            k += 1
        }
        return out.sorted { $0.first < $1.first }
    }

    /// "from" up to four words before token k ("from a peak near $126k", "from ~$126k").
    func fromWord(before k: Int) -> Int? {
        var p = k - 1
        var n = 0
        while p >= 0, n <= 4 {
            if t.isWord(p, "from") { return n == 0 ? nil : p }
            guard t[p]?.kind == .word || t.isSymbol(p, "~") else { return nil }
            p -= 1; n += 1
        }
        return nil
    }

    // MARK: since 2022, before 2018, after January 1, 2007, no later than ...

    /// Words that open a period: (words, forward, exclusive). "after 2016" starts in 2017,
    /// "before 2018" ends in 2017; "since" and "until" keep the date they name.
    static let openWords: [([String], Bool, Bool)] = [
        (["since"], true, false), (["after"], true, true), (["from"], true, false), (["starting"], true, false),
        (["starting", "from"], true, false), (["beginning", "on"], true, false), (["starting", "on"], true, false),
        (["as", "early", "as"], true, false), (["later", "than"], true, true), (["before"], false, true), (["until"], false, false),
        (["till"], false, false), (["by"], false, false), (["no", "later", "than"], false, false), (["not", "later", "than"], false, false),
        (["earlier", "than"], false, true), (["prior", "to"], false, true), (["up", "to"], false, false),
    ]

    /// Words that make the "from" after them a move's base ("down from", "rose from"): a
    /// state or a past move, never a verb's particle or a future ("sign up", "will be increased").
    static let moveWords: Set<String> = [
        "up", "down", "unchanged", "rose", "fell", "grew", "climbed", "dropped", "jumped", "slipped", "declined", "narrowed", "widened",
    ]
    /// Words inside an amount: its scale and unit ("0.8%", "£3.1bn", "5 per cent").
    static let amountWords: Set<String> = Set(NumberWords.scales.keys).union(NumberWords.scaleAbbreviations.keys)
        .union(NumberWords.moneyScaleLetters.keys).union(["per", "cent", "percent", "pence", "p"])
    /// Words before the move word that make it a verb's particle or a future: "will be scaled
    /// down from 2006", "able to sign up from 1 March".
    static let notAMove: Set<String> = ["be", "been", "being", "will", "would", "shall", "to", "sign", "scaled", "signed", "set", "start", "starts"]

    static let openAfter: [[String]] = [["and", "beyond"], ["onwards"], ["onward"], ["and", "later"], ["or", "later"], ["and", "after"]]

    /// "down from the third quarter" (a move word before "from", no future or particle before
    /// it), or "from October's £3.6bn" (a possessive date before a figure).
    func isMovesBase(_ c: Candidate, from start: Int) -> Bool {
        // The move word, right before "from" or before the amount it moved by or to ("rose
        // 0.8% from November", "narrowed to £3.1bn from October").
        var k = start - 1
        var amount = false
        while k >= 0, start - k <= 6, t[k]?.kind == .number || t[k]?.kind == .symbol || Composer.amountWords.contains(t.lower(k)) {
            if t[k]?.kind == .number { amount = true }
            k -= 1
        }
        if !amount { k = start - 1 } else if t.isWord(k, "to") || t.isWord(k, "by") { k -= 1 }
        if Composer.moveWords.contains(t.lower(k)), !Composer.notAMove.contains(t.lower(k - 1)),
           !Composer.notAMove.contains(t.lower(k - 2)) { return true }
        guard t.isWord(c.last + 1, "'s") else { return false }
        let next = c.last + 2
        return t[next]?.kind == .number || (t[next]?.kind != .word && t[next + 1]?.kind == .number)
    }

    func openPeriods(_ items: [Candidate]) -> [Candidate] {
        items.map { c in
            guard c.kind == .date, let p = c.period, p.start != nil, p.end != nil else { return c }
            // "2024 and beyond", "2020 onwards"
            for words in Composer.openAfter {
                guard t.matches(words, at: c.last + 1) else { continue }
                var out = c
                out.last = c.last + words.count
                let q: Period = .interval(p.start, nil)
                out.period = q
                out.value = .text(q.iso)
                return out
            }
            // Only years, months and days: "since 2022", "before 2018", "since late July" is an interval already.
            for (words, forward, exclusive) in Composer.openWords.sorted(by: { $0.0.count > $1.0.count }) {
                let start = c.first - words.count
                guard t.matches(words, at: start) else { continue }
                if words == ["from"], c.last + 1 < t.count, ["to", "till", "until", "through", "-", "–"].contains(t.lower(c.last + 1)) { return c }
                // "rose 28% from a year earlier", "up from the previous year": the comparison's
                // base, not the start of an open period.
                if words == ["from"], ["earlier", "ago", "before"].contains(t.lower(c.last))
                    || t.isWord(c.first, "the") && ["previous", "prior", "same"].contains(t.lower(c.first + 1)) { return c }
                // "was down from the third quarter", "from October's £3.6bn": a move's base too.
                // Not what "will be higher from April" or "sign up from 1 March" opens.
                if words == ["from"], isMovesBase(c, from: start) { return c }
                if words == ["by"], p.start?.day == nil, p.start?.hour != nil { return c }
                if words == ["after"] || words == ["before"], p.start?.hour != nil, p.start?.day == nil { return c }
                var out = c
                out.first = start
                let q: Period = forward ? .interval(exclusive ? p.end?.stepped(1) ?? p.start : p.start, nil)
                                        : .interval(nil, exclusive ? p.start?.stepped(-1) ?? p.end : p.end)
                out.period = q
                out.value = .text(q.iso)
                return out
            }
            return c
        }
    }
}
