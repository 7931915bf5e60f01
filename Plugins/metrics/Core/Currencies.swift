/// Currency symbols, codes and names, and the grammar of amounts of money: "$48.2 million",
/// "US$ 150 million", "528 million francs", "€10", "100元", "USD115", "3 dollars 50 cents",
/// "tens of billions of dollars", "$126k", "$1.4T".
enum Currencies {
    /// Symbols written before or after the number.
    static let symbols: [String: String] = [
        "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₡": "CRC",
        "₭": "LAK", "₦": "NGN", "₱": "PHP", "₴": "UAH", "₪": "ILS", "฿": "THB", "₫": "VND", "元": "CNY", "円": "JPY",
        "ரூ": "LKR", "₿": "BTC", "﹩": "USD", "＄": "USD",
    ]

    /// Letters glued or spaced before "$": "US$", "C$", "A$", "HK$".
    static let dollarPrefixes: [String: String] = [
        "us": "USD", "usd": "USD", "u.s.": "USD", "c": "CAD", "ca": "CAD", "can": "CAD", "cad": "CAD", "a": "AUD",
        "au": "AUD", "aud": "AUD", "hk": "HKD", "s": "SGD", "sg": "SGD", "nz": "NZD", "r": "BRL", "mx": "MXN",
        "nt": "TWD",
    ]

    /// ISO 4217 codes (and major crypto tickers) read in any case.
    static let codes: Set<String> = [
        "usd", "eur", "gbp", "jpy", "cny", "rmb", "chf", "cad", "aud", "nzd", "hkd", "sgd", "inr", "krw", "rub",
        "brl", "mxn", "sek", "nok", "dkk", "pln", "czk", "huf", "zar", "ngn", "egp", "sar", "aed", "ils", "thb",
        "idr", "myr", "php", "vnd", "twd", "ars", "clp", "cop", "pen", "uah", "kzt", "pkr", "bdt", "lkr", "btc",
        "eth", "usdt", "usdc", "try",
    ]
    /// Codes that are English words in lowercase: only read in capitals.
    static let capitalOnlyCodes: Set<String> = ["try", "php", "pen", "cop", "all"]

    static func code(_ w: String) -> String { w == "rmb" ? "CNY" : w.uppercased() }

    /// Names, singular and plural, to a code (or a name when no code fits).
    static let names: [String: String] = [
        "dollar": "USD", "dollars": "USD", "buck": "USD", "bucks": "USD", "euro": "EUR", "euros": "EUR",
        "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "franc": "franc",
        "francs": "franc", "peseta": "ESP", "pesetas": "ESP", "lira": "TRY", "lire": "ITL", "peso": "peso",
        "pesos": "peso", "reais": "BRL", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
        "rand": "ZAR", "shekel": "ILS", "shekels": "ILS", "baht": "THB", "ringgit": "MYR", "rupiah": "IDR",
        "naira": "NGN", "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "krona": "SEK",
        "kronor": "SEK", "krone": "NOK", "kroner": "NOK", "zloty": "PLN", "forint": "HUF", "hryvnia": "UAH",
        "bitcoin": "BTC", "bitcoins": "BTC", "ether": "ETH", "sterling": "GBP", "pound": "GBP", "pounds": "GBP",
        "kip": "LAK", "won": "KRW",
    ]

    /// Country adjectives before a currency name: "swiss francs", "canadian dollars".
    static let countryNames: [String: String] = [
        "us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD", "hong kong": "HKD",
        "singapore": "SGD", "new zealand": "NZD", "taiwan": "TWD", "swiss": "CHF", "french": "FRF",
        "turkish": "TRY", "italian": "ITL", "mexican": "MXN", "indian": "INR", "pakistani": "PKR", "brazilian": "BRL",
        "south korean": "KRW", "korean": "KRW", "chinese": "CNY", "japanese": "JPY", "russian": "RUB",
        "philippine": "PHP", "argentine": "ARS", "chilean": "CLP", "colombian": "COP",
    ]

    /// How many of each subunit make one unit of its currency.
    static let subunitsPerUnit: [String: Double] = ["cent": 100, "penny": 100, "satoshi": 100_000_000]

    /// Subunits: an amount in them is kept in them ("34 cents": 34, unit "cent").
    static let subunits: [String: String] = [
        "cent": "cent", "cents": "cent", "penny": "penny", "pence": "penny", "satoshi": "satoshi", "satoshis": "satoshi",
        "sats": "satoshi", "¢": "cent",
    ]
}

/// The money grammar over tokens.
struct MoneyGrammar {
    let t: TokenText
    let numbers: NumberParser

    /// A currency mark at token k: (code, last token). Symbols, "US$"-style prefixes, codes.
    func prefix(at k: Int) -> (code: String, last: Int)? {
        guard let tok = t[k] else { return nil }
        if tok.kind == .symbol || tok.kind == .word, let c = Currencies.symbols[tok.lower] {
            return (c, k)
        }
        guard tok.kind == .word else { return nil }
        if let c = Currencies.dollarPrefixes[tok.lower], t.isSymbol(k + 1, "$") {
            // "US$" glued, or "us $" spaced (tokenized text); a lone "a $5 bill" is not AUD.
            if t.glued(k + 1) || tok.lower.count > 1 || tok.lower == "c" { return (c, k + 1) }
        }
        if isCode(k) { return (Currencies.code(tok.lower), k) }
        return nil
    }

    func isCode(_ k: Int) -> Bool {
        guard let tok = t[k], tok.kind == .word else { return false }
        let w = tok.lower
        guard Currencies.codes.contains(w) else { return false }
        if Currencies.capitalOnlyCodes.contains(w) { return tok.allCaps }
        return tok.allCaps || tok.text == w
    }

    /// A currency after a number at token k: symbol, code, name, "swiss francs", subunit.
    func suffix(at k: Int, scaled: Bool) -> (code: String?, unit: String?, last: Int)? {
        guard let s = currencySuffix(at: k, scaled: scaled) else { return nil }
        // "30 euro cents", "20 US cents": an amount in the currency's subunit.
        if let code = s.code, s.unit == nil, let sub = Currencies.subunits[t.lower(s.last + 1)] { return (code, sub, s.last + 1) }
        return s
    }

    private func currencySuffix(at k: Int, scaled: Bool) -> (code: String?, unit: String?, last: Int)? {
        guard let tok = t[k] else { return nil }
        if let c = Currencies.symbols[tok.lower] { return (c, nil, k) }
        guard tok.kind == .word else { return nil }
        let w = tok.lower
        if isCode(k) { return (Currencies.code(w), nil, k) }
        // "swiss francs", "us dollars", "canadian dollars"; "US cents" (the subunit: see suffix)
        if let c = Currencies.countryNames[w], Currencies.subunits[t.lower(k + 1)] != nil { return (c, nil, k) }
        if let c = Currencies.countryNames[w], Currencies.names[t.lower(k + 1)] != nil || Currencies.codes.contains(t.lower(k + 1)) {
            return (c, nil, k + 1)
        }
        if k + 2 < t.count, let c = Currencies.countryNames[w + " " + t.lower(k + 1)], Currencies.names[t.lower(k + 2)] != nil {
            return (c, nil, k + 2)
        }
        if let c = Currencies.names[w] {
            // "pounds" is money with a scale ("5 million pounds"), weight otherwise; "won" only after large amounts.
            if w == "pound" || w == "pounds" {
                if t.isWord(k + 1, "sterling") { return ("GBP", nil, k + 1) }
                return scaled ? ("GBP", nil, k) : nil
            }
            if w == "won" || w == "rand" || w == "kip" { return scaled ? (c, nil, k) : nil }
            if c == "franc" || c == "peso" { return (nil, c, k) }
            return (c, nil, k)
        }
        if let u = Currencies.subunits[w] { return (nil, u, k) }
        return nil
    }

    /// Money starting at token i.
    func parse(at i: Int) -> Candidate? {
        if let p = prefix(at: i) { return prefixed(i, p) }
        return suffixed(i)
    }

    /// "$48.2 million", "US$ 150 million", "EUR 125", "USD115", "$126k".
    func prefixed(_ i: Int, _ p: (code: String, last: Int)) -> Candidate? {
        var k = p.last + 1
        guard t.isNumber(k) || (t[k]?.kind == .word && !t.glued(k)) else { return nil }
        // A code prefix needs its number close: "USD 22.5 million", "usd115".
        guard var n = numbers.parse(at: k), !n.ordinal else { return nil }
        if t[k]?.kind == .word, !n.written { return nil }
        k = n.last + 1
        // Money-only scale letters: "$5m", "$1.4T", "$20B", "$126k".
        if !n.scaled, let l = t[k], l.kind == .word, let s = NumberWords.moneyScaleLetters[l.lower], l.text.count == 1, numbers.boundary(k) {
            if l.glued || l.text == l.text.uppercased() {
                n.value = NumberWords.times(n.value, s); n.last = k; n.scaled = true; n.multiplier = s; k += 1
            }
        }
        // A minus sign before the symbol ("-$120 million", "−€5m") makes the amount negative;
        // a dash glued to a word before it ("pre-$5 deal") does not.
        var start = i
        if let sign = t[i - 1], sign.lower == "-" || sign.lower == "−", t.glued(i), i - 1 == 0 || !t.glued(i - 1) {
            start = i - 1
            n.value = -n.value
        }
        var c = Candidate(start, n.last, .money, .number(n.value), priority: Priority.money, currency: p.code, number: n)
        // "$10 dollars", "usd$ 15", "75 USD million"
        if let s = suffix(at: n.last + 1, scaled: true), s.code == p.code || (p.code == "USD" && s.code == "USD") {
            c.last = s.last
        }
        return c
    }

    /// "5 dollars", "528 million francs", "10 €", "115usd", "75 USD million", "34 cents",
    /// "3 dollars 50 cents", "tens of billions of dollars".
    func suffixed(_ i: Int) -> Candidate? {
        guard var n = numbers.parse(at: i), !n.ordinal else { return nil }
        var k = n.last + 1
        if n.vague, t.isWord(k, "of") { k += 1 }
        if t.isDash(k), t.lower(k) != "~", t.glued(k), t.glued(k + 1) { k += 1 }  // "one-yen"
        // "364m euros", "40m rupees": the press's glued scale letter before a currency's name.
        if !n.scaled, let l = t[k], l.kind == .word, l.glued, l.text.count == 1, let sc = NumberWords.moneyScaleLetters[l.lower],
           numbers.boundary(k), suffix(at: k + 1, scaled: true) != nil {
            n.value = NumberWords.times(n.value, sc); n.last = k; n.scaled = true; n.multiplier = sc; k += 1
        }
        guard let s = suffix(at: k, scaled: n.scaled || n.value >= 1e5) else { return nil }
        // "3 USD50": the code belongs to the number glued after it.
        if let after = t[s.last + 1], after.glued, after.kind == .number { return nil }
        // A code or symbol glued to a word number is not money ("one$").
        var last = s.last
        var value = n.value
        // "75 USD million"
        if let sc = NumberWords.scales[t.lower(last + 1)], !n.scaled, s.code != nil {
            value = NumberWords.times(value, sc); last += 1; n.scaled = true
        }
        // "3 dollars 50 cents", "thirteen dollars forty five", "15 dollars and 15", "17 USD 25"
        if s.unit == nil, !n.scaled, n.value == n.value.rounded() {
            var m = last + 1
            if t.isWord(m, "and") { m += 1 }
            if let cents = numbers.parse(at: m), !cents.fraction, !cents.ordinal, cents.value >= 1, cents.value < 100,
               cents.value == cents.value.rounded(), !t.glued(m) {
                let after = cents.last + 1
                let unit = Currencies.subunits[t.lower(after)]
                let next = t[after]
                // "50 dollar 50 dollar" is two amounts.
                if unit == nil, suffix(at: after, scaled: true) != nil { return Candidate(i, last, .money, .number(value), priority: Priority.money, unit: s.unit, currency: s.code, number: n) }
                let clean = unit != nil || next == nil || next!.kind == .symbol || (next!.kind == .word && !NumberWords.scales.keys.contains(next!.lower) && next!.lower != "%" && Units.unit(at: after, in: t) == nil)
                if clean, unit != nil || m > last + 1 || s.code != nil || cents.written {
                    value += cents.value / 100
                    last = unit != nil ? after : cents.last
                }
            }
        }
        if let subunit = s.unit, let perUnit = Currencies.subunitsPerUnit[subunit] {
            // A subunit of a named currency is converted ("30 euro cents": 0.3 EUR); a bare one
            // is kept in the subunit ("34 cents": 34, unit "cent"), its currency unknown.
            if let code = s.code {
                return Candidate(i, last, .money, .number(value / perUnit), priority: Priority.money, currency: code, number: n)
            }
            return Candidate(i, last, .money, .number(value), priority: Priority.money, unit: subunit, number: n)
        }
        return Candidate(i, last, .money, .number(value), priority: Priority.money, unit: s.unit, currency: s.code, number: n)
    }
}
