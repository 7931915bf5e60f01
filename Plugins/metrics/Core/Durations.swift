/// Lengths of time ("3 years", "an hour and a half", "all week") and recurrences ("every
/// week", "annually", "once a year"), as ISO 8601 durations ("P3Y", "PT1.5H", "P1W").
enum Durations {
    static func iso(_ value: Double, _ designator: String, clock: Bool) -> String {
        (clock ? "PT" : "P") + positional(value) + designator
    }

    /// The number in positional notation: ISO 8601 has no exponent ("0.0000001 years" was
    /// "P1e-07Y", and 10^20 years "P1e+20Y").
    static func positional(_ v: Double) -> String {
        if v == v.rounded() { return abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.0f", v) }
        let shortest = String(v)
        guard shortest.contains("e") else { return shortest }
        var digits = String(format: "%.17f", v)
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        return digits
    }

    static let recurrenceWords: [String: String] = [
        "daily": "P1D", "everyday": "P1D", "nightly": "P1D", "weekly": "P1W", "fortnightly": "P2W", "monthly": "P1M",
        "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W",
        "bimonthly": "P2M", "semiannually": "P0.5Y", "semiannual": "P0.5Y", "biannually": "P0.5Y",
    ]
}

/// Durations that start with a word ("a day", "an hour", "half an hour", "all week", "a
/// fortnight") and recurrences ("every two weeks", "each quarter", "once a year", "daily").
struct DurationGrammar {
    let t: TokenText
    let numbers: NumberParser

    /// Words around "a quarter" that make it a span of three months.
    static let spanBefore: Set<String> = ["in", "within", "every", "per", "each", "over", "for", "after", "than", "about", "nearly", "almost", "just", "only"]
    static let spanAfter: Set<String> = ["later", "ago", "earlier", "before", "after", "from", "early", "late"]

    func parse(at i: Int) -> Candidate? {
        let w = t.lower(i)
        // Recurrences.
        if let r = Durations.recurrenceWords[w] {
            // "the Daily Telegraph", "Weekly Standard": a name, not a recurrence.
            if t[i]?.capitalized == true, t[i + 1]?.capitalized == true, t[i + 1]?.kind == .word { return nil }
            return Candidate(i, i, .duration, .text(r), priority: Priority.duration)
        }
        if ["semi", "bi"].contains(w), t.isDash(i + 1), let r = Durations.recurrenceWords[w + t.lower(i + 2)] {
            return Candidate(i, i + 2, .duration, .text(r), priority: Priority.duration)
        }
        if w == "every" || w == "each" {
            var k = i + 1
            var count = 1.0
            if t.isWord(k, "other") { count = 2; k += 1 }
            else if let n = numbers.parse(at: k), !n.ordinal, n.value > 0 { count = n.value; k = n.last + 1 }
            if let tu = Units.time[t.lower(k)] {
                return Candidate(i, k, .duration, .text(Durations.iso(count * tu.multiple, tu.designator, clock: tu.clock)), priority: Priority.duration)
            }
            return nil
        }
        if w == "once" || w == "twice", t.isWord(i + 1, "a") || t.isWord(i + 1, "per") || t.isWord(i + 1, "every"), let tu = Units.time[t.lower(i + 2)] {
            let per = w == "once" ? tu.multiple : tu.multiple / 2
            return Candidate(i, i + 2, .duration, .text(Durations.iso(per, tu.designator, clock: tu.clock)), priority: Priority.duration)
        }
        // "half an hour", "half a day"
        if w == "half", t.isWord(i + 1, "an") || t.isWord(i + 1, "a"), let tu = Units.time[t.lower(i + 2)] {
            return Candidate(i, i + 2, .duration, .text(Durations.iso(0.5 * tu.multiple, tu.designator, clock: tu.clock)), priority: Priority.duration)
        }
        // "all day", "all week"
        if w == "all", let tu = Units.time[t.lower(i + 1)], tu.multiple == 1, !t.lower(i + 1).hasSuffix("s") {
            return Candidate(i, i + 1, .duration, .text(Durations.iso(1, tu.designator, clock: tu.clock)), priority: Priority.duration)
        }
        // "a day", "an hour", "a year and a half", "one and a half hours"
        if w == "a" || w == "an" {
            guard let tu = Units.time[t.lower(i + 1)], !t.lower(i + 1).hasSuffix("s") else { return nil }
            // "a second wave" is an ordinal.
            if t.lower(i + 1) == "second", let n = t[i + 2], n.kind == .word, !["and", "or", "later", "ago", "from", "before", "after", "earlier"].contains(n.lower) { return nil }
            if t.lower(i + 1) == "quarter" {
                // "a quarter of an hour" is fifteen minutes; "a quarter of its workforce" is a share.
                if t.isWord(i + 2, "of") {
                    guard t.isWord(i + 3, "a") || t.isWord(i + 3, "an"), let whole = Units.time[t.lower(i + 4)],
                          !t.lower(i + 4).hasSuffix("s") else { return nil }
                    return Candidate(i, i + 4, .duration, .text(Durations.iso(0.25 * whole.multiple, whole.designator, clock: whole.clock)), priority: Priority.duration)
                }
                // Three months only where a span is meant ("within a quarter", "a quarter
                // later"): "shares rose a quarter" is a share.
                guard Self.spanBefore.contains(t.lower(i - 1)) || Self.spanAfter.contains(t.lower(i + 2))
                      || (t.isWord(i + 2, "in") && t.isWord(i + 3, "advance")) else { return nil }
            }
            var value = tu.multiple, last = i + 1
            if t.isWord(i + 2, "and"), let f = numbers.mixedFraction(at: i + 3), f.value < 1 { value += f.value * tu.multiple; last = f.last }
            return Candidate(i, last, .duration, .text(Durations.iso(value, tu.designator, clock: tu.clock)), priority: Priority.duration)
        }
        return nil
    }
}
