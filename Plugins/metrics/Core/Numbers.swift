import GalleyText
import Foundation

/// A number as written: digits, words or both ("1,234", "sixteen thousand", "4 thousand 3
/// hundred and 21", "two thirds", "1.5 million", "tens of billions"), over tokens first...last.
public struct NumberExpr: Sendable, Equatable {
    public var value: Double
    public var first: Int
    public var last: Int
    /// Any number word in it.
    public var written = false
    public var ordinal = false
    public var fraction = false
    /// "thousands", "tens of billions": an unstated multiple, `value` is its lower bound.
    public var vague = false
    /// Multiplied by a scale word or suffix ("million", "k").
    public var scaled = false
    public var negative = false
    /// The single digits token, when that is all there is (besides a sign).
    public var digitToken: Int?
    /// The factor a scale word or suffix applied ("10 million": 1e6).
    public var multiplier: Double = 1

    public var isPlain: Bool { digitToken != nil && !scaled && !fraction && !ordinal }
}

/// Reads numbers at a token position. The same position always reads the same way, so
/// readings are kept.
final class NumberParser {
    let t: TokenText
    private var memo: [NumberExpr??]

    init(_ t: TokenText) { self.t = t; memo = [NumberExpr??](repeating: nil, count: t.count + 1) }

    // MARK: cardinals

    enum State { case start, unit, teen, tens, tensUnit, hundred, scale, and, digits }

    struct Cardinal {
        var value: Double
        var last: Int
        var state: State
        var lastScale: Double
        var words: Int
        /// Value, state and scale just before an inner "and", with the single unit after it
        /// ("one hundred and three" then "quarters": 100 + 3/4).
        var beforeAnd: (value: Double, state: State, lastScale: Double)?
        var unitAfterAnd: Int?
    }

    func isUnitWord(_ j: Int, nonZero: Bool = false) -> Bool {
        guard let tok = t[j], tok.kind == .word, let u = NumberWords.units[tok.lower] else { return false }
        return !nonZero || u > 0
    }

    /// A cardinal of words and digits starting at token i ("twenty-one", "three hundred and
    /// five", "4 thousand 3 hundred and 21", "1.5 million", "a thousand").
    func cardinal(_ i: Int) -> Cardinal? {
        var total = 0.0, group = 0.0, lastScale = Double.infinity
        var state = State.start
        var j = i, last = -1, words = 0
        var beforeAnd: (Double, State, Double)? = nil
        var unitAfterAnd: Int? = nil
        var justAnd = false
        loop: while j < t.count {
            let tok = t.tokens[j]
            if j > i, tok.newline { break }
            switch tok.kind {
            case .word:
                let w = tok.lower
                if let u = NumberWords.units[w] {
                    switch state {
                    case .start, .hundred, .scale, .and:
                        if state == .and && u == 0 { break loop }
                        if justAnd, u >= 1, u <= 9 { unitAfterAnd = u }
                        group += Double(u); state = u >= 10 ? .teen : .unit
                    case .tens where u >= 1 && u <= 9:
                        group += Double(u); state = .tensUnit
                    default: break loop
                    }
                } else if let v = NumberWords.tens[w] {
                    guard state == .start || state == .hundred || state == .scale || state == .and else { break loop }
                    group += Double(v); state = .tens
                } else if w == "hundred" {
                    guard [.unit, .teen, .tens, .tensUnit, .digits].contains(state), group > 0, group < 100 else { break loop }
                    group = NumberWords.times(group, 100); state = .hundred
                } else if w == "dozen" || w == "dozens" || w == "doz" || w == "dozs" {
                    guard [.unit, .teen, .tens, .tensUnit, .digits].contains(state), group > 0 else { break loop }
                    group *= 12; state = .hundred
                } else if let s = NumberWords.scales[w] {
                    guard state != .start, state != .and, s < lastScale, group > 0 || total > 0 else { break loop }
                    if group == 0 { break loop }
                    total += NumberWords.times(group, s); group = 0; lastScale = s; state = .scale
                } else if w == "and", state == .hundred || state == .scale {
                    // Only when a small number follows: "three hundred and five".
                    let next = j + 1
                    let ok = isUnitWord(next, nonZero: true) || NumberWords.tens[t.lower(next)] != nil
                        || (t.isNumber(next) && t.tokens[next].isPlainInteger && t.tokens[next].value > 0 && t.tokens[next].value < 100 && !t.glued(next))
                    guard ok else { break loop }
                    beforeAnd = (total + group, state, lastScale)
                    state = .and
                    j += 1
                    justAnd = true
                    continue loop
                } else if (w == "a" || w == "an"), state == .start {
                    let next = t.lower(j + 1)
                    guard next == "hundred" || next == "dozen" || NumberWords.scales[next] != nil else { break loop }
                    group = 1; state = .unit
                } else {
                    break loop
                }
                words += 1
            case .number:
                guard !t.blocked[j] else { break loop }
                if state == .start {
                    if j > i { break loop }
                    group = tok.value; state = .digits
                } else if state == .scale || state == .and {
                    guard !tok.glued, tok.isPlainInteger, tok.value > 0, tok.value < 1000 else { break loop }
                    if state == .and, tok.value >= 100 { break loop }
                    group += tok.value; state = .digits
                } else {
                    break loop
                }
            case .symbol:
                // twenty-one, ninety - five
                guard state == .tens, t.isDash(j), tok.lower != "~", isUnitWord(j + 1, nonZero: true),
                      let u = NumberWords.units[t.lower(j + 1)], u <= 9 else { break loop }
                j += 1
                continue loop
            }
            justAnd = false
            last = j
            j += 1
        }
        guard last >= i, state != .start, state != .and else { return nil }
        // A digits run may only be followed by scale words ("2.12 hundred"), not read on.
        return Cardinal(value: total + group, last: last, state: state, lastScale: lastScale, words: words,
                        beforeAnd: beforeAnd, unitAfterAnd: beforeAnd == nil ? nil : unitAfterAnd)
    }

    // MARK: ordinals

    /// Words a share is followed by ("a fifth higher", "a third last year"), besides stop words
    /// ("a third of", "a fifth more", which the caller lets through already).
    static let afterShare: Set<String> = ["less", "fewer", "higher", "lower", "larger", "smaller", "bigger",
                                          "cheaper", "dearer", "faster", "slower", "longer", "shorter",
                                          // a time or a source after the share: "by a third last year", "a third, analysts said"
                                          "last", "next", "year", "years", "month", "months", "week",
                                          "weeks", "day", "days", "compared", "according", "overall", "annually", "yearly",
                                          // a unit the share is of: "a quarter percentage point", "a quarter point"
                                          "percentage", "point", "points", "percent", "mile", "miles", "hour", "hours", "century",
                                          "cup", "inch", "pound", "pounds", "litre", "liter", "kilo", "share", "stake"]

    /// The tail of an ordinal in words: "fifth", "twenty-fifth", "twentieth", "hundredth",
    /// "trillionths" (plural for fractions).
    func ordinalTail(_ k: Int) -> (value: Double, last: Int, plural: Bool, unit: Bool)? {
        let w = t.lower(k)
        guard t[k]?.kind == .word else { return nil }
        if let v = NumberWords.tens[w] {
            var m = k + 1
            if t.isDash(m), t.lower(m) != "~" { m += 1 }
            guard let d = denominatorOrOrdinal(m), d.unit, d.value >= 1, d.value <= 9 else { return nil }
            return (Double(v) + d.value, d.last, d.plural, false)
        }
        return denominatorOrOrdinal(k)
    }

    private func denominatorOrOrdinal(_ k: Int) -> (value: Double, last: Int, plural: Bool, unit: Bool)? {
        guard let tok = t[k], tok.kind == .word else { return nil }
        var w = tok.lower, plural = false
        if let u = NumberWords.ordinalUnits[w] { return (Double(u), k, false, true) }
        if let v = NumberWords.ordinalTens[w] { return (Double(v), k, false, false) }
        if let v = NumberWords.ordinalScales[w] { return (v, k, false, false) }
        if w == "quarters" || w == "halves" { return (w == "quarters" ? 4 : 2, k, true, true) }
        if w == "quarter" || w == "half" { return (w == "quarter" ? 4 : 2, k, false, true) }
        if w.hasSuffix("s"), w.count > 4 {
            w.removeLast(); plural = true
            if let u = NumberWords.ordinalUnits[w], u >= 3 { return (Double(u), k, plural, true) }
            if let v = NumberWords.ordinalTens[w] { return (Double(v), k, plural, false) }
            if let v = NumberWords.ordinalScales[w] { return (v, k, plural, false) }
        }
        return nil
    }

    /// "21st", "03rd", "twentieth", "twenty-fifth", "one hundred twenty fifth", "a hundred trillionth".
    func ordinal(at i: Int) -> NumberExpr? {
        guard let tok = t[i] else { return nil }
        if tok.kind == .number {
            guard !t.blocked[i], tok.isPlainInteger, let suf = t[i + 1], suf.glued, suf.kind == .word,
                  NumberWords.ordinalSuffixes.contains(suf.lower) else { return nil }
            if let after = t[i + 2], after.glued, after.kind != .symbol { return nil }
            return NumberExpr(value: tok.value, first: i, last: i + 1, ordinal: true)
        }
        guard tok.kind == .word else { return nil }
        // Bare ordinal word or compound tail ("quarter" and "half" are fractions, not ordinals).
        if tok.lower == "quarter" || tok.lower == "half" { return nil }
        if let tail = ordinalTail(i), !tail.plural {
            return NumberExpr(value: tail.value, first: i, last: tail.last, written: true, ordinal: true)
        }
        guard let c = cardinal(i), c.words > 0 else { return nil }
        var k = c.last + 1
        if t.isDash(k), t.lower(k) != "~" { k += 1 }
        guard let tail = denominatorOrOrdinal(k), !tail.plural, t.lower(k) != "quarter", t.lower(k) != "half" else { return nil }
        let isOne = c.words == 1 && c.value == 1 && c.last == i
        switch c.state {
        case .tens where tail.unit && tail.value <= 9:
            return NumberExpr(value: c.value + tail.value, first: i, last: tail.last, written: true, ordinal: true)
        case .hundred, .scale, .and:
            if tail.unit || NumberWords.ordinalTens[t.lower(k)] != nil {
                return NumberExpr(value: c.value + tail.value, first: i, last: tail.last, written: true, ordinal: true)
            }
            if NumberWords.ordinalScales[t.lower(k)] != nil {
                return NumberExpr(value: c.value * tail.value, first: i, last: tail.last, written: true, ordinal: true)
            }
        case .unit, .teen, .tensUnit:
            if NumberWords.ordinalScales[t.lower(k)] != nil, !isOne {
                return NumberExpr(value: c.value * tail.value, first: i, last: tail.last, written: true, ordinal: true)
            }
        default: break
        }
        return nil
    }

    // MARK: numbers

    /// The longest number starting at token i, or nil.
    func parse(at i: Int) -> NumberExpr? {
        guard i >= 0, i < t.count else { return nil }
        if let m = memo[i] { return m }
        let e = read(at: i)
        memo[i] = .some(e)
        return e
    }

    private func read(at i: Int) -> NumberExpr? {
        guard let tok = t[i] else { return nil }
        var j = i
        var negative = false
        if tok.kind == .word, tok.lower == "minus" || tok.lower == "negative" {
            negative = true; j += 1
        } else if tok.kind == .symbol, tok.lower == "-" || tok.lower == "−" {
            // A sign, not a hyphen: not glued to what precedes ("COVID-19", "2021-22"),
            // glued to the number ("-5%"), or a dash opening the text ("- 1 4/5").
            let prevOK = i == 0 || !tok.glued || ["(", "[", "/", "\""].contains(t.lower(i - 1))
            guard prevOK, t.isNumber(i + 1), t.glued(i + 1) || i == 0 else { return nil }
            negative = true; j += 1
        }
        guard var e = unsigned(at: j) else { return nil }
        if negative {
            e.value = -e.value
            e.first = i
            e.negative = true
            e.digitToken = nil
        }
        return e
    }

    func unsigned(at i: Int) -> NumberExpr? {
        guard let tok = t[i] else { return nil }
        if tok.kind == .symbol {
            guard let c = tok.text.unicodeScalars.first, let v = NumberWords.vulgar[c] else { return nil }
            return NumberExpr(value: v, first: i, last: i, written: true, fraction: true)
        }
        if tok.kind == .word, let v = vague(at: i) { return v }
        if tok.kind == .word, let f = leadingFraction(at: i) { return scaleFraction(f) }
        guard tok.kind == .number ? !t.blocked[i] : true else { return nil }
        if tok.kind == .number, let f = digitFraction(at: i) { return f }
        guard let c = cardinal(i) else { return nil }
        var e = NumberExpr(value: c.value, first: i, last: c.last, written: c.words > 0)
        e.scaled = c.state == .scale || c.state == .hundred && c.words > 0 && tok.kind == .number
        if e.scaled, c.state == .scale, c.lastScale.isFinite { e.multiplier = c.lastScale }
        if c.words == 0, c.last == i, c.state == .digits { e.digitToken = i }
        // Glued or spaced scale abbreviations after digits: 5k, 2mil, 10 bln, 1.5M, 1,674,200.5 M.
        if c.state == .digits, c.words == 0, let s = scaleAbbreviation(after: i) {
            e.value = NumberWords.times(e.value, s.scale); e.last = s.last; e.scaled = true; e.digitToken = nil; e.multiplier = s.scale
        }
        // Exponents: 2.5^-1, 1.3x10^6.
        if c.words == 0, c.state == .digits, let p = power(after: e.last) {
            e.value = p.apply(e.value); e.last = p.last; e.digitToken = nil
        }
        // Mixed number with digits: "1 4/5".
        if c.words == 0, c.last == i, tok.isPlainInteger, let f = digitFraction(at: i + 1), !t.glued(i + 1), f.value < 1 {
            e.value += f.value; e.last = f.last; e.fraction = true; e.digitToken = nil
            return e
        }
        return fractionTail(c, e)
    }

    /// "tens of billions", "hundreds of thousands", "thousands", "several hundred", "a few million".
    func vague(at i: Int) -> NumberExpr? {
        let w = t.lower(i)
        if (w == "tens" || w == "hundreds"), t.isWord(i + 1, "of"), let s = NumberWords.vaguePlurals[t.lower(i + 2)], s >= 1000 {
            return NumberExpr(value: (w == "tens" ? 10 : 100) * s, first: i, last: i + 2, written: true, vague: true, scaled: true)
        }
        if w == "several" || w == "few" || (w == "a" && t.isWord(i + 1, "few")) {
            let k = w == "a" ? i + 2 : i + 1
            let next = t.lower(k)
            if next == "hundred" || NumberWords.scales[next] != nil {
                let s = next == "hundred" ? 100 : NumberWords.scales[next]!
                return NumberExpr(value: s, first: i, last: k, written: true, vague: true, scaled: true)
            }
            return nil
        }
        // "nearly thousand employees": a bare scale after a qualifier.
        if w == "hundred" || w == "thousand" || w == "million" || w == "billion" || w == "trillion",
           ["nearly", "about", "almost", "around", "approximately", "roughly", "over", "some", "than"].contains(t.lower(i - 1)) {
            return NumberExpr(value: w == "hundred" ? 100 : NumberWords.scales[w]!, first: i, last: i, written: true, scaled: true)
        }
        guard w != "tens", w != "scores", let v = NumberWords.vaguePlurals[w] else { return nil }
        // "thousands of", "billions in", "Thousands of roles"; not "the hundreds" as a noun alone.
        return NumberExpr(value: v, first: i, last: i, written: true, vague: true, scaled: true)
    }

    /// "a half", "a quarter", "half", "quarter million", "a fifth".
    func leadingFraction(at i: Int) -> NumberExpr? {
        let w = t.lower(i)
        if w == "half" {
            // "half an hour" belongs to durations; "half of the staff" is 0.5; "the second half",
            // "a half" (of a match) are parts, not numbers.
            let prev = t.lower(i - 1)
            if prev == "the" || prev == "this" || prev == "that" || NumberWords.ordinalUnits[prev] != nil || prev == "last" { return nil }
            // "half a million people": 500,000, not a half and a million.
            if t.isWord(i + 1, "a"), let s = NumberWords.scales[t.lower(i + 2)], s >= 1000 {
                return NumberExpr(value: 0.5 * s, first: i, last: i + 2, written: true, scaled: true)
            }
            return NumberExpr(value: 0.5, first: i, last: i, written: true, fraction: true)
        }
        if w == "quarter", let s = NumberWords.scales[t.lower(i + 1)] {
            return NumberExpr(value: 0.25 * s, first: i, last: i + 1, written: true, fraction: true, scaled: true)
        }
        if w == "a" || w == "an" || w == "one" {
            var k = i + 1
            if w == "one", t.isDash(k), t.lower(k) != "~" { k += 1 }
            if let tail = ordinalTail(k), !tail.plural, tail.value >= 2 || t.lower(k) == "half" {
                // "one second" is a duration, "a second round" an ordinal.
                if t.lower(k) == "second" || t.lower(k) == "first" { return nil }
                // "a third term", "a fifth album": an ordinal before its noun, not a share; a
                // share goes on with "of", a comparative, or ends ("cut by a third").
                if w != "one", t.lower(k) != "half", !t.isWord(i - 1, "and"), let next = t[tail.last + 1], next.kind == .word, !t.tokens[tail.last + 1].newline,
                   !Self.afterShare.contains(next.lower), !StopWords.english.contains(next.lower),
                   NumberWords.scales[next.lower] == nil, next.lower != "hundred" { return nil }
                return NumberExpr(value: 1 / tail.value, first: i, last: tail.last, written: true, fraction: true)
            }
            if t.lower(k) == "half" {
                return NumberExpr(value: 0.5, first: i, last: k, written: true, fraction: true)
            }
            if t.lower(k) == "quarter" {
                return NumberExpr(value: 0.25, first: i, last: k, written: true, fraction: true)
            }
        }
        return nil
    }

    /// A fraction followed by a scale: "quarter million", "two thirds of a million".
    func scaleFraction(_ f: NumberExpr) -> NumberExpr {
        var e = f
        var k = e.last + 1
        if t.isWord(k, "of"), t.isWord(k + 1, "a") { k += 2 }
        if let s = NumberWords.scales[t.lower(k)], !e.scaled {
            e.value = NumberWords.times(e.value, s); e.last = k; e.scaled = true
        }
        return e
    }

    /// "1/4", "4/5" (digits, denominator larger than numerator and a usual one).
    func digitFraction(at i: Int) -> NumberExpr? {
        guard let a = t[i], a.kind == .number, a.isPlainInteger, !t.blocked[i], t.isSymbol(i + 1, "/"), t.glued(i + 1),
              let b = t[i + 2], b.kind == .number, b.glued, b.isPlainInteger, !b.leadingZero, !a.leadingZero else { return nil }
        guard a.value < b.value, [2, 3, 4, 5, 6, 8, 10, 16, 32, 64, 100].contains(b.value) else { return nil }
        if t.isSymbol(i + 3, "/") || t.isSymbol(i - 1, "/") { return nil }
        return NumberExpr(value: a.value / b.value, first: i, last: i + 2, fraction: true)
    }

    func scaleAbbreviation(after i: Int) -> (scale: Double, last: Int)? {
        guard let next = t[i + 1], next.kind == .word else { return nil }
        if next.glued {
            if next.text == "M" || next.text == "MM" { return boundary(i + 1) ? (1e6, i + 1) : nil }
            if next.text == "B" || next.text == "K" { return boundary(i + 1) ? (next.text == "B" ? 1e9 : 1e3, i + 1) : nil }
            if let s = NumberWords.scaleAbbreviations[next.lower], boundary(i + 1) { return (s, i + 1) }
            return nil
        }
        if next.text == "M", boundary(i + 1) { return (1e6, i + 1) }
        if ["bn", "bln", "mln", "mn", "tln", "trn", "tn"].contains(next.lower), boundary(i + 1) {
            return (NumberWords.scaleAbbreviations[next.lower]!, i + 1)
        }
        return nil
    }

    /// Token k ends a word: what follows is not glued letters or digits.
    func boundary(_ k: Int) -> Bool {
        guard let n = t[k + 1], n.glued else { return true }
        return n.kind == .symbol
    }

    struct Power { var apply: (Double) -> Double; var last: Int }

    /// "^-1", "^--23", "x10^6".
    func power(after k: Int) -> Power? {
        var m = k + 1
        var base: Double? = nil
        if let x = t[m], x.glued, x.lower == "x" || x.lower == "×", t.isNumber(m + 1), t.tokens[m + 1].value == 10, t.isSymbol(m + 2, "^") {
            base = 10; m += 2
        }
        guard t.isSymbol(m, "^"), t.glued(m) else { return nil }
        m += 1
        var sign = 1.0
        while t.isSymbol(m, "-") || t.isSymbol(m, "+") { if t.isSymbol(m, "-") { sign = -sign }; m += 1 }
        guard t.isNumber(m), t.glued(m) else { return nil }
        let exp = sign * t.tokens[m].value
        if let base { return Power(apply: { $0 * pow(base, exp) }, last: m) }
        return Power(apply: { v in v < 0 ? -pow(-v, exp) : pow(v, exp) }, last: m)
    }

    /// Fractions and mixed numbers after a cardinal: "two thirds", "twenty fifths", "one
    /// hundred and three quarters", "five and a quarter", "one over three", "three point five".
    func fractionTail(_ c: Cardinal, _ base: NumberExpr) -> NumberExpr {
        var e = base
        var k = c.last + 1
        if t.isDash(k), t.lower(k) != "~", t[k + 1]?.kind == .word { k += 1 }
        let isOne = c.words == 1 && c.value == 1 && c.last == base.first
        if c.words > 0 || t.tokens[base.first].isPlainInteger {
            if let d = ordinalTail(k) {
                // "three quarters" is a fraction before "of" or a scale; "eleven quarters" may be time.
                let timeWord = t.lower(k) == "quarters" && c.beforeAnd == nil && !t.isWord(d.last + 1, "of") && NumberWords.scales[t.lower(d.last + 1)] == nil
                if (d.plural && !timeWord) || (isOne && t.lower(k) != "second" && t.lower(k) != "first") {
                    if d.plural, let before = c.beforeAnd, let u = c.unitAfterAnd {
                        let mult = before.state == .scale && before.lastScale >= 1000 ? before.lastScale : 1
                        e.value = before.value + Double(u) / d.value * mult
                    } else {
                        e.value = c.value / d.value
                    }
                    e.last = d.last; e.fraction = true; e.written = true; e.digitToken = nil
                    return scaleFraction(e)
                }
                if t.lower(k) == "half", let before = c.beforeAnd, c.unitAfterAnd == 1 {
                    let mult = before.state == .scale && before.lastScale >= 1000 ? before.lastScale : 1
                    e.value = before.value + 0.5 * mult
                    e.last = d.last; e.fraction = true; e.digitToken = nil
                    return e
                }
            }
        }
        if t.isWord(k, "and") {
            if let f = mixedFraction(at: k + 1) {
                var add = f.value
                if let s = NumberWords.scales[t.lower(f.last + 1)] { add *= s; e.last = f.last + 1 }
                else {
                    if c.state == .scale, c.lastScale >= 1000 { add *= c.lastScale }
                    e.last = f.last
                }
                e.value = c.value + add; e.fraction = true; e.written = true; e.digitToken = nil
                return e
            }
        }
        if (t.isWord(k, "over") || (t.isWord(k, "out") && t.isWord(k + 1, "of"))), c.words > 0 || t.tokens[base.first].isPlainInteger {
            let m = t.isWord(k, "over") ? k + 1 : k + 2
            if let d = cardinal(m), d.value != 0, d.state != .digits || t.tokens[m].isPlainInteger, c.words > 0 || d.words > 0 {
                var dv = d.value, last = d.last
                if t.isWord(last + 1, "hundreds") { dv *= 100; last += 1 }
                e.value = c.value / dv; e.last = last; e.fraction = true; e.written = true; e.digitToken = nil
                return e
            }
        }
        if t.isWord(k, "point"), c.words > 0 {
            var m = k + 1, digits = ""
            while let u = NumberWords.units[t.lower(m)], u <= 9, t[m]?.kind == .word { digits += String(u); m += 1 }
            if !digits.isEmpty, let frac = Double("0." + digits) {
                e.value = c.value + frac; e.last = m - 1; e.digitToken = nil
                return e
            }
        }
        return e
    }

    /// "a half", "a quarter", "three quarters", "two thirds", "one half", "five ninths".
    func mixedFraction(at k: Int) -> NumberExpr? {
        let w = t.lower(k)
        if w == "a" || w == "an" || w == "one" {
            if let d = ordinalTail(k + 1), !d.plural, d.value >= 2 || t.lower(k + 1) == "half", t.lower(k + 1) != "second" {
                return NumberExpr(value: 1 / d.value, first: k, last: d.last, written: true, fraction: true)
            }
            if t.isWord(k + 1, "half") { return NumberExpr(value: 0.5, first: k, last: k + 1, written: true, fraction: true) }
            return nil
        }
        if w == "half" { return NumberExpr(value: 0.5, first: k, last: k, written: true, fraction: true) }
        guard let u = NumberWords.units[w], u >= 1, t[k]?.kind == .word else { return nil }
        var m = k + 1
        if t.isDash(m), t.lower(m) != "~" { m += 1 }
        guard let d = ordinalTail(m), d.plural else { return nil }
        return NumberExpr(value: Double(u) / d.value, first: k, last: d.last, written: true, fraction: true)
    }
}

extension Int {
    /// A number read from text, as an Int held to ±10^15. Text holds digit runs of any length
    /// (IDs, phone numbers, "9999999999999999999"), `Int(Double)` traps past ±9.2·10^18 and
    /// on NaN, and the date, time and range grammars multiply what they convert. Every value
    /// those grammars accept lies far inside the bound, so holding to it changes no reading.
    init(reading v: Double) {
        self = v.isNaN ? 0 : Int(Swift.max(-1e15, Swift.min(1e15, v)))
    }
}
