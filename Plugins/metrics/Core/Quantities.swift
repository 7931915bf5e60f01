import GalleyText

/// Numbers with what they count or measure: units ("1.6 km", "3-inch", "10 kilometers per
/// hour", "40 deg celsius"), ages ("five years old"), counted nouns ("16,000 employees",
/// "Thousands of employees", "1,118 publishable rock'n'roll tunes") and percentages.
struct QuantityGrammar {
    let t: TokenText
    let numbers: NumberParser

    /// "one in five employees", "1 in 10 jobs": a share, read as the fraction it is, as "nine
    /// out of 10" is (it read as "five employees": 5).
    func share(at i: Int) -> Candidate? {
        guard let a = numbers.parse(at: i), !a.ordinal, !a.fraction, !a.vague, a.value >= 1, a.value == a.value.rounded() else { return nil }
        // "round four in eight attempts", "page 3 in 10": a label's number, not a share.
        if Self.numberLabels.contains(t.lower(i - 1)) { return nil }
        // "lost $4 in five days": an amount, then a time, not a share.
        if Currencies.symbols[t.lower(i - 1)] != nil { return nil }
        guard t.isWord(a.last + 1, "in"), let b = numbers.parse(at: a.last + 2), !b.ordinal, !b.fraction, !b.vague,
              b.value == b.value.rounded(), b.value > a.value, b.value >= 2,
              // "one in a million", "1 in 10,000"; a year is no denominator ("two in 2019").
              b.value <= 1000 || b.scaled || b.value > 2100, Units.time[t.lower(b.last + 1)] == nil else { return nil }
        var n = a
        n.value = a.value / b.value; n.last = b.last; n.fraction = true
        return Candidate(i, b.last, .number, .number(n.value), priority: Priority.number, number: n)
    }

    static let numberLabels: Set<String> = ["round", "stage", "game", "level", "chapter", "number", "no", "page", "part", "week",
                                            "day", "year", "grade", "lap", "leg", "heat", "match", "set", "hole", "step", "phase", "section"]

    /// Percent: "20%", "20 percent", "twenty per cent", "3.5 percentage points", "percent of 10".
    func percent(at i: Int) -> Candidate? {
        if t.isWord(i, "percent") || t.isWord(i, "percents") || (t.isWord(i, "per") && t.isWord(i + 1, "cent")) {
            // "percent of 10": the number follows.
            let k = t.isWord(i, "per") ? i + 2 : i + 1
            guard t.isWord(k, "of"), !(i > 0 && numbers.parse(at: i - 1) != nil), let n = numbers.parse(at: k + 1), !n.ordinal else { return nil }
            return Candidate(i, n.last, .percent, .number(n.value), priority: Priority.percent, unit: "percent", number: n)
        }
        guard let n = numbers.parse(at: i), !n.ordinal else { return nil }
        var k = n.last + 1
        if t.isDash(k), t.lower(k) != "~", t.glued(k), t.isWord(k + 1, "percent") { k += 1 }
        // "a quarter of a percentage point", "half a percentage point".
        if n.fraction, n.value < 1 {
            var m = k
            if t.isWord(m, "of") { m += 1 }
            if t.isWord(m, "a"), t.isWord(m + 1, "percentage"), t.isWord(m + 2, "point") || t.isWord(m + 2, "points") {
                return Candidate(i, m + 2, .percent, .number(n.value), priority: Priority.percent, unit: "percentage point", number: n)
            }
        }
        var unit = "percent"
        var last: Int
        if t.isSymbol(k, "%") || t.isSymbol(k, "％") || t.isSymbol(k, "٪") {
            last = k
        } else if t.isWord(k, "percent") || t.isWord(k, "percents") || t.isWord(k, "pct") {
            last = k
            if t.isWord(k + 1, "points") || t.isWord(k + 1, "point") { last = k + 1; unit = "percentage point" }
        } else if t.isWord(k, "per"), t.isWord(k + 1, "cent") {
            last = k + 1
        } else if t.isWord(k, "percentage"), t.isWord(k + 1, "points") || t.isWord(k + 1, "point") {
            last = k + 1; unit = "percentage point"
        } else if t.isWord(k, "basis"), t.isWord(k + 1, "points") || t.isWord(k + 1, "point") {
            last = k + 1; unit = "basis point"
        } else if t.isWord(k, "bps") || t.isWord(k, "bp") {
            last = k; unit = "basis point"
        } else {
            return nil
        }
        return Candidate(i, last, .percent, .number(n.value), priority: Priority.percent, unit: unit, number: n)
    }

    /// Units and ages after a number.
    func measure(at i: Int) -> Candidate? {
        guard let n = numbers.parse(at: i), !n.ordinal else { return nil }
        var k = n.last + 1
        // "3-inch", "45-year-old", "10-gallon"
        let hyphen = t.isDash(k) && t.lower(k) != "~" && t.glued(k) && t.glued(k + 1) && t[k + 1]?.kind == .word
        if hyphen { k += 1 }
        // Bracketed unit: "20 (kg)", "20 [kg]", "20 <kg>".
        var closing: String? = nil
        if !hyphen, let open = t[k], open.kind == .symbol, let close = ["(": ")", "[": "]", "<": ">"][open.lower],
           let u = Units.unit(at: k + 1, in: t), t.isSymbol(u.last + 1, close) {
            closing = close
            k += 1
        }
        if let age = self.age(n, k) { return age }
        if let d = duration(n, k, hyphen: hyphen) { return d }
        guard var u = Units.unit(at: k, in: t) else { return nil }
        // Temperatures in letters need a temperature nearby: "30C" in "temperatures of 30C".
        if u.temperature, ["c", "f"].contains(t.lower(k)), !t.isSymbol(k, "°") {
            guard t[k]?.glued == true, nearTemperatureWord(k) || pressTemperature(n, k) else { return nil }
        }
        if u.unit == "x", (t.lower(k) == "x" || t.lower(k) == "×"), !t.glued(k) { return nil }
        // "ft in": 5 ft 2 in.
        var value = n.value
        var last = u.last
        if u.unit == "ft", let inch = numbers.parse(at: last + 1), inch.isPlain, t.isWord(inch.last + 1, "in") || t.isWord(inch.last + 1, "inches") {
            value += inch.value / 12; last = inch.last + 1
        }
        // Compound: "meters per millisecond", "km/ms".
        if !u.unit.contains("/"), (t.isWord(last + 1, "per") || (t.isSymbol(last + 1, "/") && t.glued(last + 1))) {
            let m = last + 2
            if let tu = Units.time[t.lower(m)] {
                u.unit += "/" + (tu.clock ? ["S": "s", "M": "min", "H": "h"][tu.designator]! : t.lower(m))
                last = m
            } else if t.lower(m) == "millisecond" || t.lower(m) == "ms" || t.lower(m) == "milliseconds" {
                u.unit += "/ms"; last = m
            } else if let v = Units.unit(at: m, in: t), !v.temperature {
                u.unit += "/" + v.unit; last = v.last
            }
        }
        if let closing { guard t.isSymbol(last + 1, closing) else { return nil }; last += 1 }
        var c = Candidate(i, last, .quantity, .number(value), priority: Priority.quantity, unit: u.unit, number: n)
        if u.temperature, u.unit != "°" { c.subject = "temperature" }
        return c
    }

    /// The press's "30C", "-5C", "40.3C" with no temperature word near: a capital C glued to
    /// a figure a thermometer shows, not a label's ("Flat 30C", "seat 12C", "the 4C bus").
    func pressTemperature(_ n: NumberExpr, _ k: Int) -> Bool {
        // "14.7C/ per security" is cents.
        guard t[k]?.text == "C", abs(n.value) <= 60, !t.isSymbol(k + 1, "/"), !t.isWord(k + 1, "per"),
              !Self.labelsAfter.contains(t.lower(k + 1)) else { return false }
        let before = t[n.first - 1]
        if before?.kind == .word, before!.capitalized, !t.startsSentence(n.first - 1) { return false }
        return !Self.labelsBefore.contains(t.lower(n.first - 1))
    }

    /// Words that make "4C", "12C" a label: before it ("seat 12C") or after it ("the 4C bus").
    static let labelsBefore: Set<String> = ["seat", "row", "room", "gate", "flat", "apartment", "unit", "block", "suite", "bus",
                                            "route", "platform", "form", "grade", "level", "floor"]
    static let labelsAfter: Set<String> = ["bus", "route", "line", "train", "tram", "form", "class", "grade", "visa", "permit",
                                           "battery", "cable", "chip", "model"]

    func nearTemperatureWord(_ k: Int) -> Bool {
        for m in max(0, k - 10)...min(t.count - 1, k + 6) where t.tokens[m].lower.hasPrefix("temperature") || t.tokens[m].lower == "degrees" || t.tokens[m].lower == "heat" {
            return true
        }
        return false
    }

    /// "five years old", "6 weeks of age", "45-year-old", "aged 45" (the last is read by `aged`).
    func age(_ n: NumberExpr, _ k: Int) -> Candidate? {
        guard let tu = Units.time[t.lower(k)], let unit = Units.ageUnit(tu), n.value > 0, n.value < 200 else { return nil }
        var m = k + 1
        if t.isDash(m), t.glued(m) { m += 1 }
        if t.isWord(m, "old") {
            var c = Candidate(n.first, m, .quantity, .number(n.value), priority: Priority.quantity + 5, unit: unit, number: n)
            c.subject = "age"
            return c
        }
        if t.isWord(m, "of"), t.isWord(m + 1, "age") {
            var c = Candidate(n.first, m + 1, .quantity, .number(n.value), priority: Priority.quantity + 5, unit: unit, number: n)
            c.subject = "age"
            return c
        }
        return nil
    }

    func aged(at i: Int) -> Candidate? {
        guard t.isWord(i, "aged"), let n = numbers.parse(at: i + 1), !n.ordinal, n.value > 0, n.value < 130 else { return nil }
        var c = Candidate(i + 1, n.last, .quantity, .number(n.value), priority: Priority.quantity, unit: "year", number: n)
        c.subject = "age"
        return c
    }

    /// "3 years", "2.5 hours", "3h", "15 minute", "a day" (the last read by `Durations`).
    func duration(_ n: NumberExpr, _ k: Int, hyphen: Bool) -> Candidate? {
        guard !n.vague, n.value >= 0 else { return nil }
        var tu = Units.time[t.lower(k)]
        if tu == nil, t.glued(k), !hyphen, let g = Units.gluedTime[t.lower(k)], numbers.boundary(k), t[k]?.text != "M" {
            // "30s" after a year-like number is a decade ("1990s"): dates read it.
            if t.lower(k) == "s", n.value >= 10 { return nil }
            tu = g
        }
        guard let tu else { return nil }
        // "twenty second" is the 22nd, not 20 seconds.
        if t.lower(k) == "second", n.written, n.value != 1 { return nil }
        var value = n.value * tu.multiple
        var last = k
        var designator = tu.designator
        // "one hour and half", "an hour and a half", "a year and a quarter"
        if t.isWord(k + 1, "and"), let f = numbers.mixedFraction(at: k + 2), f.value < 1 {
            value += f.value * tu.multiple; last = f.last
        }
        if tu.designator == "W", tu.multiple == 2 { designator = "W" }
        var c = Candidate(n.first, last, .duration, .text(Durations.iso(value, designator, clock: tu.clock)), priority: Priority.duration, unit: nil, number: n)
        c.unit = nil
        return c
    }

    /// Counted nouns: "16,000 employees", "Thousands of employees", "1,000 Seats", "two valid numbers".
    func counted(at i: Int, yearLike: (NumberExpr) -> Bool) -> Candidate? {
        guard let n = numbers.parse(at: i), !n.ordinal, !n.fraction || n.value >= 1 else { return nil }
        if yearLike(n) { return nil }
        // A lone "one" or "a" counts only with a plural ("one thing" is not data).
        var k = n.last + 1
        if t.isDash(k), t.glued(k), n.vague || n.written { return nil }
        if n.vague || (n.scaled && n.written) {
            if t.isWord(k, "of") { k += 1 } else if n.vague { return nil }
        }
        // "700 of its 2,100 employees": the part counts what the whole counts ("one of 21
        // films" is a pronoun's phrase, not a count).
        if !n.vague, n.value > 1, t.isWord(k, "of") {
            var m = k + 1
            if Self.beforeAWhole.contains(t.lower(m)) { m += 1 }
            if let whole = numbers.parse(at: m), !whole.ordinal, !whole.fraction, whole.value > n.value, let noun = countedNoun(whole.last + 1) {
                return Candidate(i, n.last, .quantity, .number(n.value), priority: Priority.quantity, unit: noun, number: n)
            }
        }
        // "1.2m users", "3m jobs": the press's glued "m" is millions before a counted noun (a
        // "5m wall" is a length, and is read as one elsewhere).
        var scale = 1.0
        // After "a", "his", "its" ... the figure is a measure ("a 100m race", "his 8m putt").
        if !n.scaled, let l = t[k], l.kind == .word, l.text == "m", l.glued, numbers.boundary(k), !Self.beforeAMeasure.contains(t.lower(i - 1)) {
            scale = 1e6
            k += 1
        }
        var modifiers = 0
        while modifiers <= 2, let tok = t[k], tok.kind == .word {
            // "60m hurdles", "100m final", "200m titles": metres of a race, which the measure
            // grammar reads ("60 hurdles" or "100 million starts" were read here).
            if scale != 1, Self.raceWords.contains(tok.lower) { return nil }
            if let noun = countedNoun(k) {
                if n.value == 1, !n.vague, scale == 1 { return nil }
                var c = Candidate(i, k, .quantity, .number(NumberWords.times(n.value, scale)), priority: Priority.quantity, unit: noun, number: n)
                if n.vague { c.qualifier = .atLeast }
                return c
            }
            guard isModifier(k), modifiers < 2 else { return nil }
            modifiers += 1
            k += 1
            if t.isDash(k), t.glued(k), t[k + 1]?.kind == .word { k += 1 }
        }
        return nil
    }

    /// Words after "60m", "400m" in sport ("hurdles", "final", "freestyle"): the distance of a
    /// race, not millions.
    static let raceWords: Set<String> = [
        "hurdles", "heats", "finals", "titles", "runners", "sprinters", "swimmers", "hurdlers", "races", "records",
        "champions", "championships", "events", "medals", "relays", "wins", "victories", "indoors", "outdoors",
        "winners", "rivals", "specialists", "times", "freestyles", "bests", "golds",
        "final", "semifinal", "semi", "heat", "race", "sprint", "dash", "relay", "hurdle", "title", "record", "gold",
        "silver", "bronze", "medal", "freestyle", "butterfly", "backstroke", "breaststroke", "medley", "event",
        "champion", "winner", "finalist", "finalists", "runner", "swimmer", "world", "olympic", "indoor", "outdoor",
        "personal", "season", "men's", "women's", "mens", "womens",
    ]
    /// Before a figure, words that make a glued "m" a measure ("a 100m race", "his 8m putt").
    static let beforeAMeasure: Set<String> = ["a", "an", "his", "her", "its", "their", "this", "that", "each", "every", "my", "our", "your"]
    /// Between "700 of" and the whole it is part of ("700 of its 2,100 employees").
    static let beforeAWhole: Set<String> = ["its", "their", "the", "his", "her", "our", "your", "about", "some", "nearly", "almost", "roughly"]

    static let irregularPlurals: Set<String> = [
        "people", "staff", "personnel", "staffers", "children", "men", "women", "police", "cattle", "data", "media",
        "headcount", "crew", "faculty", "livestock", "alumni", "teeth", "mice", "geese", "sheep", "fish", "aircraft",
        "deer", "offspring", "species", "series",
    ]
    static let notCounted: Set<String> = [
        "is", "was", "has", "does", "says", "goes", "sees", "makes", "takes", "times", "plus", "less", "across",
        "always", "perhaps", "besides", "towards", "afterwards", "whereas", "sometimes", "its", "this", "thus", "yes",
        "us", "as", "his", "hers", "ours", "yours", "theirs", "others", "news", "alas", "unless", "lets", "gets",
        "percent", "percents", "cents", "dollars", "euros", "pounds", "seems", "means", "needs", "remains", "comes",
        "hits", "cuts", "adds", "falls", "rises", "drops", "jumps", "grows", "shows", "gives", "puts", "sets", "runs",
        "wins", "ends", "leads", "plans", "includes", "reports", "expects", "aims", "helps", "becomes", "whilst",
        "hours", "days", "weeks", "months", "years", "minutes", "seconds", "decades", "nights", "quarters", "centuries",
        "thousands", "millions", "billions", "hundreds", "dozens", "trillions", "tens", "afterwards", "overseas", "versus",
        "ones", "things", "does", "lots", "bits", "ways", "odds", "terms", "basis", "focus", "status", "bonus", "campus",
        "analysis", "crisis", "thesis", "virus", "census", "consensus", "bps",
    ]

    /// A word that looks like a plural noun ("employees", "people", "jobs").
    static func isPluralNoun(_ w: String) -> Bool {
        if irregularPlurals.contains(w) { return true }
        return w.count >= 3 && w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is")
            && !w.hasSuffix("'s") && !notCounted.contains(w) && !StopWords.english.contains(w)
    }

    /// A plural noun at k that can be counted.
    func countedNoun(_ k: Int) -> String? {
        guard let tok = t[k], tok.kind == .word, !tok.allCaps || tok.lower.hasSuffix("s") else { return nil }
        let w = tok.lower
        if Self.irregularPlurals.contains(w) { return w }
        guard Self.isPluralNoun(w), NumberWords.vaguePlurals[w] == nil, Units.time[w] == nil, Currencies.names[w] == nil,
              Currencies.subunits[w] == nil, DateWords.month(w) == nil else { return nil }
        // A capitalized plural mid-sentence is a name ("Reality Labs") unless the heading is in title case.
        if tok.capitalized, k > 0, !t.tokens[k - 1].capitalized, t.tokens[k - 1].kind == .word { return nil }
        return w
    }

    /// A word that may stand between a number and its noun: "16,000 highly skilled workers".
    func isModifier(_ k: Int) -> Bool {
        guard let tok = t[k], tok.kind == .word, !tok.capitalized || (k > 0 && t.tokens[k - 1].capitalized) else { return false }
        let w = tok.lower
        if StopWords.english.contains(w) && !["more", "new", "other", "additional", "further", "full"].contains(w) { return false }
        if NumberWords.units[w] != nil || NumberWords.tens[w] != nil || NumberWords.scales[w] != nil { return false }
        if Units.time[w] != nil || Currencies.names[w] != nil || w == "percent" || w == "per" { return false }
        if DateWords.month(w) != nil || DateWords.weekdays[w] != nil { return false }
        // Verbs after a number end a noun phrase: "20,000 cut", "1998 saw".
        if w.hasSuffix("ed") && !w.hasSuffix("eed"), !["skilled", "laid", "unskilled", "qualified", "salaried", "dedicated", "experienced", "talented", "automated"].contains(w) { return false }
        return true
    }
}
