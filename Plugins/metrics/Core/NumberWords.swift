/// English number words: cardinals, ordinals, fraction denominators, scales and vague plurals.
enum NumberWords {
    /// zero to nineteen.
    static let units: [String: Int] = {
        let names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
        var m: [String: Int] = [:]
        for (k, w) in names.enumerated() { m[w] = k }
        m["nought"] = 0; m["naught"] = 0
        return m
    }()

    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// Scales that close a group of three digits ("two million").
    static let scales: [String: Double] = [
        "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
        "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7,
    ]

    /// Abbreviated scales, written after a number ("10 bln", "$5bn", "2mil", "5k").
    static let scaleAbbreviations: [String: Double] = [
        "k": 1e3, "thousand": 1e3, "mn": 1e6, "mln": 1e6, "mil": 1e6, "mio": 1e6, "bn": 1e9, "bln": 1e9,
        "tn": 1e12, "tln": 1e12, "trn": 1e12,
    ]

    /// Single letters that are scales only after a currency ("$5m", "$1.4T", "$20B").
    static let moneyScaleLetters: [String: Double] = ["k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12]

    /// Ordinal words 1st to 19th ("nineth" is a common misspelling).
    static let ordinalUnits: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "nineth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    ]

    static let ordinalTens: [String: Int] = [
        "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
        "eightieth": 80, "ninetieth": 90,
    ]

    static let ordinalScales: [String: Double] = [
        "hundredth": 100, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
    ]

    /// Denominators of fractions: singular ("a fifth") and plural ("three fifths"); "first" and
    /// "second" never are.
    static func denominator(_ w: String) -> (value: Double, plural: Bool)? {
        switch w {
        case "half": return (2, false)
        case "halves": return (2, true)
        case "quarter": return (4, false)
        case "quarters": return (4, true)
        default: break
        }
        var base = w, plural = false
        if w.hasSuffix("s"), w.count > 4 { base = String(w.dropLast()); plural = true }
        if let v = ordinalUnits[base], v >= 3 { return (Double(v), plural) }
        if let v = ordinalTens[base] { return (Double(v), plural) }
        if let v = ordinalScales[base] { return (v, plural) }
        return nil
    }

    /// "hundreds", "thousands": an unstated multiple, read as its lower bound.
    static let vaguePlurals: [String: Double] = [
        "dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
        "tens": 10, "scores": 20, "lakhs": 1e5, "crores": 1e7,
    ]

    /// Unicode vulgar fractions.
    static let vulgar: [Unicode.Scalar: Double] = [
        "½": 0.5, "⅓": 1.0 / 3, "⅔": 2.0 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6, "⅘": 0.8,
        "⅙": 1.0 / 6, "⅚": 5.0 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875,
    ]

    /// v times a power of ten, computed in decimal so that "16.1 million" is 16100000, not
    /// 16100000.000000002.
    static func times(_ v: Double, _ s: Double) -> Double {
        let exponents: [Double: Int] = [10: 1, 100: 2, 1e3: 3, 1e5: 5, 1e6: 6, 1e7: 7, 1e9: 9, 1e12: 12]
        guard v != v.rounded(), let e = exponents[s], let exact = Double("\(v)e\(e)") else { return v * s }
        return exact
    }

    /// Ordinal suffixes after digits ("21st"; "2th" is a common slip).
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]
}
