/// Times of day: "3pm", "10:30", "7:56:30 am", "8.30pm", "noon", "eight o'clock", "half past
/// nine", "20 min past eight in the evening", "in the morning", "this afternoon", "8am this
/// morning", and dates with a time ("October 14 at 8:00:31am", "5/3/18 @ 17:49:19").
extension DateGrammar {
    /// am/pm after token k-1, starting at k: (pm, last).
    func meridiem(at k: Int) -> (pm: Bool, last: Int)? {
        // "9.am"
        if t.isSymbol(k, "."), t.glued(k), let n = t[k + 1], n.glued, n.lower == "am" || n.lower == "pm" { return meridiem(at: k + 1) }
        guard let tok = t[k], tok.kind == .word else { return nil }
        let w = tok.lower
        if w == "am" || w == "pm" || w == "ampm" {
            if w == "am", !tok.glued, tok.capitalized, t[k + 1]?.kind == .word, !(t[k - 1]?.kind == .number) { return nil }
            var last = k
            // "9pm. on Monday" keeps its dot; a sentence's full stop ("at 9pm.") is not the time's.
            if t.isSymbol(k + 1, "."), t.glued(k + 1), let next = t[k + 2], !next.capitalized, !next.newline, next.kind == .word { last = k + 1 }
            return (w == "pm", last)
        }
        // a.m. / p.m. / a . m . / a m / p m
        if w == "a" || w == "p" {
            var m = k + 1
            if t.isSymbol(m, ".") { m += 1 }
            if t.isWord(m, "m") {
                var last = m
                if t.isSymbol(m + 1, ".") { last = m + 1 }
                return (w == "p", last)
            }
            // "7p", "9a": glued single letter
            if tok.glued, t[k + 1].map({ !$0.glued || $0.kind == .symbol }) ?? true { return (w == "p", k) }
        }
        return nil
    }

    /// An hour written as digits or a word (1-12 or 0-24).
    func hour(at k: Int) -> (h: Int, last: Int, written: Bool)? {
        guard let tok = t[k] else { return nil }
        if tok.kind == .number {
            guard !t.blocked[k], tok.isPlainInteger, tok.intDigits <= 2, tok.value <= 24 else { return nil }
            return (Int(reading: tok.value), k, false)
        }
        if let u = NumberWords.units[tok.lower], u >= 1, u <= 12, tok.kind == .word { return (u, k, true) }
        return nil
    }

    /// Minutes after an hour: ":30", ".30" (with am/pm), "thirty" (written).
    func clock(at i: Int) -> (h: Int, m: Int, s: Int?, last: Int, explicit: Bool)? {
        // "8.30pm", "at 6.45", "17.30": a decimal read as hours and minutes.
        if let tok = t[i], tok.kind == .number, tok.decimal, !tok.grouped, !t.blocked[i], tok.intDigits <= 2 {
            let parts = tok.text.split(separator: ".")
            guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), h <= 24, m < 60 else { return nil }
            let cue = meridiem(at: i + 1) != nil || ["at", "before", "after", "until", "till", "by", "around"].contains(t.lower(i - 1))
            guard cue else { return nil }
            return (h, m, nil, i, true)
        }
        // "at 2005 GMT": the 24-hour clock written without a colon, as the wires write it.
        if let tok = t[i], tok.kind == .number, tok.isPlainInteger, tok.intDigits == 4, !t.blocked[i], zonedClock(i) {
            let v = Int(reading: tok.value), h = v / 100, m = v % 100
            guard h <= 23, m < 60 else { return nil }
            return (h, m, nil, i, true)
        }
        guard let h = hour(at: i) else { return nil }
        if !h.written, t.isSymbol(i + 1, ":") || t.isSymbol(i + 1, "."), t.glued(i + 1), let mm = t[i + 2], mm.kind == .number, mm.glued, mm.intDigits == 2, mm.isPlainInteger, mm.value < 60 {
            let dot = t.isSymbol(i + 1, ".")
            var last = i + 2
            var s: Int? = nil
            if t.isSymbol(i + 3, ":"), t.glued(i + 3), let ss = t[i + 4], ss.kind == .number, ss.glued, ss.intDigits == 2, ss.value < 60 {
                s = Int(reading: ss.value); last = i + 4
            }
            // "8.30" needs am/pm or "at" before: it is a decimal otherwise.
            if dot, meridiem(at: last + 1) == nil, !t.isWord(i - 1, "at") { return nil }
            if let after = t[last + 1], after.glued, after.kind == .number { return nil }
            return (h.h, Int(reading: mm.value), s, last, true)
        }
        // "one thirty p m", "six forty-three"
        if h.written, let c = numbers.cardinal(i + 1), c.words > 0, [.tens, .tensUnit, .teen].contains(c.state), c.value >= 10, c.value < 60,
           meridiem(at: c.last + 1) != nil || t.isWord(c.last + 1, "minutes") {
            return (h.h, Int(reading: c.value), nil, t.isWord(c.last + 1, "minutes") ? c.last + 1 : c.last, true)
        }
        return (h.h, 0, nil, h.last, false)
    }

    /// Zones after which a four-digit figure is a time ("1230 GMT").
    static let timeZones: Set<String> = ["gmt", "bst", "utc", "cet", "cest", "est", "edt", "pst", "pdt"]

    static let rangeJoiners: Set<String> = ["and", "to", "-", "–"]

    /// Whether the four-digit figure at k is a 24-hour time: a zone follows it, or follows the
    /// figure it runs to ("between 2000 and 2100 GMT", "1900-2100 GMT").
    func zonedClock(_ k: Int) -> Bool {
        if Self.timeZones.contains(t.lower(k + 1)) { return true }
        guard Self.rangeJoiners.contains(t.lower(k + 1)), let end = t[k + 2], end.kind == .number, end.intDigits == 4 else { return false }
        return Self.timeZones.contains(t.lower(k + 3))
    }

    /// A time of day at i, alone or with a day after it ("8am this morning", "12:30 december 27th").
    func time(at i: Int) -> Candidate? {
        guard var tm = timeOfDay(at: i) else { return nil }
        // A date or a day part after the time.
        var k = tm.last + 1
        if t.isSymbol(k, ",") || t.isWord(k, "on") { k += 1 }
        if let part = dayPartWord(at: k) {
            tm.h = adjust(tm.h, part.start); tm.last = part.last; k = part.last + 1
            // "8am this morning": today.
            if t.isWord(part.last - 1, "this") {
                guard let r = reference else { return make(i, tm.last, nil, relative: true) }
                return make(i, tm.last, .point(DateStamp(year: r.date.year, month: r.date.month, day: r.date.day, hour: tm.h, minute: tm.m, second: tm.s)), relative: true)
            }
        }
        if let d = dayAfterTime(at: k) ?? dayAfterTime(at: tm.last + 1), var stamp = d.period?.start, stamp.day != nil {
            stamp.hour = tm.h; stamp.minute = tm.m; stamp.second = tm.s
            return make(i, d.last, .point(stamp), relative: d.resolved != nil)
        } else if let d = dayAfterTime(at: k), d.period == nil {
            return make(i, d.last, nil, relative: true)
        }
        return make(i, tm.last, .point(DateStamp(hour: tm.h, minute: tm.m, second: tm.s ?? 0)))
    }

    /// Hour adjusted by a part of the day: "7 in the evening" is 19:00.
    func adjust(_ h: Int, _ partStart: Int) -> Int { partStart >= 12 && h < 12 ? h + 12 : h }

    func dayAfterTime(at k: Int) -> Candidate? {
        let w = t.lower(k)
        if ["today", "tonight", "tomorrow", "yesterday", "tmrw"].contains(w) { return relative(at: k) }
        if w == "this" || w == "next" || w == "last", dayPartWord(at: k + 1) != nil { return relative(at: k) }
        if DateWords.weekdays[w] != nil || ["next", "last", "this"].contains(w) { if let c = weekday(at: k) { return c } }
        return monthDate(at: k) ?? dayMonth(at: k) ?? numericDate(at: k)
    }

    /// A part of the day word at k: "morning", "in the evening", "this afternoon".
    func dayPartWord(at k: Int) -> (start: Int, end: Int, last: Int)? {
        var m = k
        if t.isWord(m, "in") && t.isWord(m + 1, "the") { m += 2 } else if t.isWord(m, "this") || t.isWord(m, "at") { m += 1 }
        guard let p = DateWords.dayParts[t.lower(m)] else { return nil }
        return (p.0, p.1, m)
    }

    struct TimeOfDay { var h: Int; var m: Int; var s: Int?; var last: Int }

    func timeOfDay(at i: Int) -> TimeOfDay? {
        let w = t.lower(i)
        if w == "noon" || w == "midday" && !t.isWord(i - 1, "at") || w == "midnight" {
            return TimeOfDay(h: w == "midnight" ? 0 : 12, m: 0, s: nil, last: i)
        }
        // "half past nine", "quarter to five", "20 min past eight", "ten past 9", "15 past seven o'clock"
        if let past = pastTo(at: i) { return past }
        guard let c = clock(at: i) else { return nil }
        var h = c.h
        var last = c.last
        if let mer = meridiem(at: last + 1) {
            if mer.pm, h < 12 { h += 12 } else if !mer.pm, h == 12 { h = 0 }
            last = mer.last
        } else if t.isWord(last + 1, "o'clock") || t.isWord(last + 1, "oclock") {
            last += 1
        } else if let part = dayPartWord(at: last + 1), t.isWord(last + 1, "in") {
            // "one in the morning", "7 in the evening"
            guard h <= 12 else { return nil }
            h = adjust(h, part.start); last = part.last
        } else if !c.explicit {
            return nil
        } else if c.h > 24 {
            return nil
        }
        guard h <= 24 else { return nil }
        return TimeOfDay(h: h, m: c.m, s: c.s, last: last)
    }

    func pastTo(at i: Int) -> TimeOfDay? {
        var minutes: Int
        var k: Int
        if t.isWord(i, "half") { minutes = 30; k = i + 1 }
        else if t.isWord(i, "quarter") { minutes = 15; k = i + 1 }
        else if let e = numbers.parse(at: i), e.isPlain || e.written, e.value >= 1, e.value < 60, e.value == e.value.rounded() {
            minutes = Int(reading: e.value); k = e.last + 1
            if ["min", "mins", "minute", "minutes"].contains(t.lower(k)) { k += 1 }
            else {
                // "ten past 9" needs a clock word after the hour; "two to four people" is no time.
                guard let h = hour(at: k + 1), t.isWord(h.last + 1, "o'clock") || t.isWord(h.last + 1, "oclock") || meridiem(at: h.last + 1) != nil
                        || dayPartWord(at: h.last + 1) != nil || (t.isWord(k, "past") && !h.written) else { return nil }
            }
        } else { return nil }
        let to = t.isWord(k, "to")
        guard t.isWord(k, "past") || to || t.isWord(k, "after") else { return nil }
        guard let h = hour(at: k + 1), h.h <= 12 else { return nil }
        var hour = h.h, last = h.last
        if t.isWord(last + 1, "o'clock") || t.isWord(last + 1, "oclock") { last += 1 }
        if let mer = meridiem(at: last + 1) { if mer.pm, hour < 12 { hour += 12 }; last = mer.last }
        else if let part = dayPartWord(at: last + 1), t.isWord(last + 1, "in") { hour = adjust(hour, part.start); last = part.last }
        if to { hour = (hour + 23) % 24; minutes = 60 - minutes }
        return TimeOfDay(h: hour, m: minutes, s: nil, last: last)
    }

    /// A date candidate extended by a time after it: "October 14 at 8:00:31am", "today at 9a",
    /// "5/3/18 @ 17:49:19", "23.04.2022 14:55", "tomorrow morning".
    func withTime(_ c: Candidate) -> Candidate {
        guard let p = c.period, case .point(var stamp) = p, stamp.day != nil, stamp.hour == nil else {
            if c.period == nil, c.resolved == false {
                // Unresolved day: still take the time into the span.
                var k = c.last + 1
                if t.isWord(k, "at") || t.isWord(k, "around") || t.isSymbol(k, "@") || t.isSymbol(k, ",") { k += 1 }
                if let tm = timeOfDay(at: k) { var out = c; out.last = tm.last; return out }
            }
            return c
        }
        var k = c.last + 1
        if t.isSymbol(k, ",") { k += 1 }
        if t.isWord(k, "at") || t.isWord(k, "around") || t.isWord(k, "by") || t.isSymbol(k, "@") || t.isWord(k, "for") && t.isNumber(k + 1) && t.isSymbol(k + 2, ":") { k += 1 }
        // ISO "T09:30:00Z"
        if let tt = t[c.last + 1], tt.glued, tt.text == "T", let h = t[c.last + 2], h.glued, h.kind == .number {
            k = c.last + 2
        }
        var out = c
        if let tm = timeOfDay(at: k) ?? bareHourAfterDay(at: k, c) {
            stamp.hour = tm.h; stamp.minute = tm.m; stamp.second = tm.s
            out.last = tm.last
            // "Z", "+02:00" glued after an ISO time
            if let z = t[out.last + 1], z.glued, z.text == "Z" { out.last += 1 }
        } else if let part = dayPartWord(at: c.last + 1), !t.isWord(c.last + 1, "in") || t.isWord(c.last + 2, "the") {
            let day = stamp
            var a = day, b = day
            a.hour = part.start; a.minute = 0
            b.hour = min(part.end, 23); b.minute = part.end >= 24 ? 59 : 0
            out.last = part.last
            out.period = .interval(a, b)
            out.value = .text(out.period!.iso)
            return out
        } else {
            return c
        }
        out.period = .point(stamp)
        out.value = .text(stamp.iso)
        return out
    }

    /// "tonight around 7", "at 4 oclock": an hour after a day word, read in the evening for "tonight".
    func bareHourAfterDay(at k: Int, _ c: Candidate) -> TimeOfDay? {
        guard t.isWord(k - 1, "at") || t.isWord(k - 1, "around"), let h = hour(at: k), h.h <= 12 else { return nil }
        if let after = t[h.last + 1], after.kind == .word, !["o'clock", "oclock"].contains(after.lower), Units.time[after.lower] != nil { return nil }
        var hr = h.h
        var last = h.last
        if t.isWord(last + 1, "o'clock") || t.isWord(last + 1, "oclock") { last += 1 }
        if t.isWord(c.first, "tonight"), hr < 12, hr >= 5 { hr += 12 }
        return TimeOfDay(h: hr, m: 0, s: nil, last: last)
    }

    /// Parts of the day on their own: "in the morning", "this afternoon", "early morning",
    /// "late afternoon", "later in the evening", "lunchtime", "in the daytime", "last night".
    func dayPart(at i: Int) -> Candidate? {
        var k = i
        var shift = 0   // -1 early half, +1 late half
        if t.isWord(k, "early") { shift = -1; k += 1 } else if t.isWord(k, "late") { shift = 1; k += 1 }
        else if t.isWord(k, "later"), t.isWord(k + 1, "in"), t.isWord(k + 2, "the") { shift = 1; k += 1 }
        var m = k
        var today = false
        if t.isWord(m, "in"), t.isWord(m + 1, "the") { m += 2 }
        else if t.isWord(m, "this") { m += 1; today = true }
        else if shift == 0, t.lower(m) != "lunchtime", t.lower(m) != "daytime", t.lower(m) != "night-time", t.lower(m) != "nighttime" { return nil }
        if t.isWord(m, "night"), t.isDash(m + 1), t.isWord(m + 2, "time") {
            return make(i, m + 2, .interval(DateStamp(hour: 0, minute: 0, second: 0), DateStamp(hour: 8, minute: 0, second: 0)))
        }
        guard var p = DateWords.dayParts[t.lower(m)] else { return nil }
        if shift != 0 { let mid = (p.0 + p.1) / 2; p = shift < 0 ? (p.0, mid) : (mid, p.1) }
        // "in the morning at 7"
        if t.isWord(m + 1, "at"), let h = hour(at: m + 2), h.h <= 12 {
            var hr = adjust(h.h, p.0)
            var last = h.last
            if let c = clock(at: m + 2), c.explicit { last = c.last; return make(i, last, .point(DateStamp(hour: adjust(c.h, p.0), minute: c.m, second: c.s ?? 0))) }
            if hr == 24 { hr = 0 }
            last = h.last
            return make(i, last, .point(DateStamp(hour: hr, minute: 0, second: 0)))
        }
        if today, let r = reference {
            let d = r.date
            return make(i, m, .interval(DateStamp(year: d.year, month: d.month, day: d.day, hour: p.0, minute: 0), DateStamp(year: d.year, month: d.month, day: d.day, hour: min(p.1, 23), minute: p.1 >= 24 ? 59 : 0)), relative: true)
        }
        if today { return make(i, m, nil, relative: true) }
        return make(i, m, .interval(DateStamp(hour: p.0, minute: 0, second: 0), p.1 >= 24 ? DateStamp(hour: 23, minute: 59, second: 59) : DateStamp(hour: p.1, minute: 0, second: 0)))
    }
}
