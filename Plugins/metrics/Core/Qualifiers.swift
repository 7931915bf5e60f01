/// How the text bounds a value: words before it ("about", "more than", "up to", "~") or after
/// it ("or more", "or less", "-plus", "+").
enum Qualifiers {
    static let before: [([String], Qualifier)] = [
        (["approximately"], .approx), (["approx"], .approx), (["approx", "."], .approx), (["about"], .approx),
        (["around"], .approx), (["roughly"], .approx), (["nearly"], .approx), (["almost"], .approx), (["some"], .approx),
        (["circa"], .approx), (["ca", "."], .approx), (["~"], .approx), (["≈"], .approx), (["close", "to"], .approx),
        (["an", "estimated"], .approx), (["estimated"], .approx), (["near"], .approx), (["nigh", "on"], .approx),
        (["in", "the", "region", "of"], .approx), (["on", "the", "order", "of"], .approx), (["or", "so"], .approx),
        (["more", "than"], .atLeast), (["over"], .atLeast), (["above"], .atLeast), (["at", "least"], .atLeast),
        (["exceeding"], .atLeast), (["in", "excess", "of"], .atLeast), (["no", "less", "than"], .atLeast),
        (["not", "less", "than"], .atLeast), (["upwards", "of"], .atLeast), (["north", "of"], .atLeast),
        (["greater", "than"], .atLeast), (["just", "over"], .atLeast), (["well", "over"], .atLeast),
        (["well", "above"], .atLeast), (["as", "many", "as"], .atMost), (["as", "much", "as"], .atMost),
        (["less", "than"], .atMost), (["fewer", "than"], .atMost), (["under"], .atMost), (["below"], .atMost),
        (["up", "to"], .atMost), (["at", "most"], .atMost), (["no", "more", "than"], .atMost),
        (["not", "more", "than"], .atMost), (["a", "maximum", "of"], .atMost), (["maximum", "of"], .atMost),
        (["just", "under"], .atMost), (["just", "below"], .atMost), (["south", "of"], .atMost), (["shy", "of"], .atMost),
        (["<"], .atMost), ([">"], .atLeast), (["≤"], .atMost), (["≥"], .atLeast),
    ]
    static let after: [([String], Qualifier)] = [
        (["or", "more"], .atLeast), (["or", "above"], .atLeast), (["or", "greater"], .atLeast), (["and", "more"], .atLeast),
        (["and", "above"], .atLeast), (["and", "up"], .atLeast), (["or", "higher"], .atLeast), (["plus"], .atLeast),
        (["-", "plus"], .atLeast), (["+"], .atLeast), (["or", "so"], .approx), (["or", "less"], .atMost),
        (["or", "fewer"], .atMost), (["or", "below"], .atMost), (["or", "lower"], .atMost), (["and", "under"], .atMost),
        (["at", "most"], .atMost), (["at", "least"], .atLeast),
    ]

    static func apply(_ items: inout [Candidate], _ t: TokenText) {
        for k in items.indices {
            let c = items[k]
            guard c.kind != .date, c.kind != .ordinal else { continue }
            if let q = match(before: c.first, t) {
                // "some" is a qualifier only before a number ("some 325 kilometers"), not "some days".
                if t.lower(c.first - 1) == "some", c.kind == .duration { continue }
                items[k].qualifier = q
                continue
            }
            if let q = match(after: c.last, t) { items[k].qualifier = q }
        }
    }

    static func match(before k: Int, _ t: TokenText) -> Qualifier? {
        var best: (Int, Qualifier)? = nil
        for (words, q) in before {
            if t.matches(words, at: k - words.count), best == nil || words.count > best!.0 { best = (words.count, q) }
        }
        return best?.1
    }

    static func match(after k: Int, _ t: TokenText) -> Qualifier? {
        for (words, q) in after {
            guard t.matches(words, at: k + 1) else { continue }
            if words == ["+"], !t.glued(k + 1) { continue }
            if words == ["plus"], let n = t[k + 2], n.kind == .number || n.kind == .symbol && n.lower == "$" { continue }
            if words == ["at", "least"] || words == ["at", "most"], t[k + 3]?.kind == .number { continue }
            return q
        }
        return nil
    }
}
