import GalleyModel

/// What the sentence around an item says is measured.
struct Context {
    let t: TokenText
    /// Block kind of each sentence (table rows name their measure in the first cell).
    let kinds: [BlockKind]
}

/// What an amount measures, read from its sentence: a measure named next to it ("market cap
/// at ~$1.4 trillion", "20% of its workforce", "revenue per employee"), what it counts ("16,000
/// employees"), and the action around it (lay-offs make a workforce figure a "workforce
/// reduction", a move of a stock a "stock move", spending an "investment").
enum Subjects {
    /// Measure phrases, longest first where they share a word.
    static let measures: [([String], String)] = [
        (["revenue", "per", "employee"], "revenue per employee"), (["profit", "per", "employee"], "profit per employee"),
        (["r", "&", "d", "investment", "per", "employee"], "R&D investment per employee"),
        (["market", "cap"], "market cap"), (["market", "capitalization"], "market cap"), (["market", "capitalisation"], "market cap"),
        (["market", "value"], "market value"), (["market", "share"], "market share"),
        (["capital", "expenditure"], "capital expenditure"), (["capital", "expenditures"], "capital expenditure"),
        (["capital", "spending"], "capital expenditure"), (["capex"], "capital expenditure"),
        (["free", "cash", "flow"], "free cash flow"), (["cash", "flow"], "cash flow"), (["operating", "margin"], "operating margin"),
        (["operating", "income"], "operating income"), (["net", "income"], "net income"), (["net", "profit"], "net profit"),
        (["gross", "margin"], "gross margin"), (["share", "price"], "share price"), (["stock", "price"], "share price"),
        (["interest", "rate"], "interest rate"), (["interest", "rates"], "interest rate"), (["unemployment", "rate"], "unemployment rate"),
        (["r", "&", "d"], "R&D spending"), (["headcount"], "workforce"), (["workforce"], "workforce"), (["work", "force"], "workforce"),
        (["payroll"], "payroll"), (["revenue"], "revenue"), (["revenues"], "revenue"), (["sales"], "sales"), (["turnover"], "revenue"),
        (["profit"], "profit"), (["profits"], "profit"), (["earnings"], "earnings"), (["margin"], "margin"), (["margins"], "margin"),
        (["valuation"], "valuation"), (["stock"], "stock"), (["shares"], "stock"), (["price"], "price"), (["prices"], "price"),
        (["investment"], "investment"), (["investments"], "investment"), (["spending"], "spending"), (["budget"], "budget"),
        (["cost"], "cost"), (["costs"], "cost"), (["salary"], "pay"), (["salaries"], "pay"), (["wages"], "pay"), (["pay"], "pay"),
        (["debt"], "debt"), (["funding"], "funding"), (["fine"], "fine"), (["fines"], "fine"), (["penalty"], "fine"), (["penalties"], "fine"), (["dividend"], "dividend"), (["inflation"], "inflation"),
        (["gdp"], "GDP"), (["unemployment"], "unemployment"), (["adoption"], "adoption"), (["users"], "users"),
        (["subscribers"], "subscribers"), (["customers"], "customers"), (["drawdown"], "drawdown"), (["drawdowns"], "drawdown"),
        (["correction"], "drawdown"), (["crash"], "drawdown"), (["recovery"], "recovery"), (["supply"], "supply"),
        (["growth"], "growth"), (["assets"], "assets"), (["capacity"], "capacity"), (["production"], "production"),
        (["output"], "output"), (["tax"], "tax"), (["tariff"], "tariff"), (["tariffs"], "tariff"), (["population"], "population"),
        (["temperature"], "temperature"), (["loss"], "loss"), (["losses"], "loss"), (["deal"], "deal value"),
        (["acquisition"], "deal value"), (["contract"], "contract value"), (["loan"], "loan"), (["bonds"], "bonds"),
        (["reserves"], "reserves"), (["volume"], "volume"), (["demand"], "demand"), (["exports"], "exports"),
        (["imports"], "imports"), (["deficit"], "deficit"), (["surplus"], "surplus"), (["rent"], "rent"), (["fee"], "fee"),
        (["fees"], "fee"), (["bid"], "bid"), (["offer"], "offer"), (["wealth"], "wealth"), (["net", "worth"], "net worth"),
        (["funds"], "funds"), (["savings"], "savings"), (["cap"], "cap"), (["layoffs"], "workforce reduction"),
        (["layoff"], "workforce reduction"), (["job", "cuts"], "workforce reduction"), (["redundancies"], "workforce reduction"),
    ]
    static let byFirst: [String: [([String], String)]] = {
        var m: [String: [([String], String)]] = [:]
        for e in measures { m[e.0[0], default: []].append(e) }
        for k in m.keys { m[k]!.sort { $0.0.count > $1.0.count } }
        return m
    }()

    /// Counted nouns that are people at work.
    static let staffNouns: Set<String> = [
        "employees", "jobs", "workers", "staff", "staffers", "positions", "roles", "engineers", "managers",
        "personnel", "contractors", "seats", "posts", "researchers", "employee", "job",
    ]
    static let cutWords: Set<String> = [
        "lay", "laid", "lays", "laying", "layoff", "layoffs", "cut", "cuts", "cutting", "eliminate", "eliminated",
        "eliminating", "shed", "shedding", "axe", "axed", "axing", "reduce", "reduced", "reducing", "reduction",
        "reductions", "trim", "trimmed", "trimming", "downsize", "downsized", "downsizing", "redundancies", "let",
        "slash", "slashed", "slashing", "fired", "firing", "sacked", "culled", "shrink", "shrinking", "shrank",
        "impacted", "affected", "redundant", "lost", "losing",
    ]
    static let hireWords: Set<String> = ["hire", "hired", "hiring", "recruit", "recruited", "recruiting", "add", "added", "adding"]
    static let moveWords: Set<String> = Changes.up.union(Changes.down).subtracting(["hire", "hired", "hiring", "add", "added", "adding", "cut", "cuts", "cutting"])
    static let spendWords: Set<String> = ["invest", "invests", "invested", "investing", "pour", "pours", "poured", "pouring", "spend", "spends", "spent", "spending", "plough", "ploughing", "pump", "pumping"]
    static let dealWords: Set<String> = ["buy", "bought", "buys", "acquire", "acquired", "acquires", "acquiring", "sold", "sell", "sells", "paid", "pay", "pays", "bid"]
    static let fundingWords: Set<String> = ["raise", "raised", "raises", "raising"]
    /// "was fined £26m", "fined the bank £26m": the amount is a fine (the noun is a measure).
    static let fineWords: Set<String> = ["fined", "fining"]
    /// What may stand between "fined" and its amount ("fined a record $550,000", "up to £5,000").
    static let fineLeadIns: Set<String> = ["a", "an", "record", "up", "to", "further", "another", "total", "of"]

    static func subject(_ c: Candidate, _ ctx: Context) -> String? {
        guard c.kind != .date, c.kind != .ordinal, c.kind != .duration else { return nil }
        let t = ctx.t
        let s = t.sentenceOf[c.first]
        if s >= 0, s < ctx.kinds.count, ctx.kinds[s] == .tableRow, let row = tableRowLabel(c, t) { return row }
        // "was fined £26m", "fined a record $550,000": the verb right before the amount says
        // what it is, whatever else the clause measures (it took the clause's "profits").
        if c.kind == .money {
            var k = c.first - 1
            while k >= 0, c.first - k <= 3, fineLeadIns.contains(t.lower(k)) { k -= 1 }
            if fineWords.contains(t.lower(k)) { return "fine" }
        }
        // The clause around the item.
        var lo = c.first, hi = c.last
        // The first word of a line belongs to the clause ("Shares slumped 12%" at the start of
        // a text); nothing before it does.
        while lo > 0, c.first - lo < 20, t.sentenceOf[lo - 1] == s, !isClauseBreak(t, lo - 1, lineStartBreaks: false) {
            lo -= 1
            if t.tokens[lo].newline { break }
        }
        while hi + 1 < t.count, hi - c.last < 8, t.sentenceOf[hi + 1] == s, !isClauseBreak(t, hi + 1) { hi += 1 }
        let words = Set((lo...hi).map { t.lower($0) })
        var measure: String? = nil
        // "a 95% crash", "50% correction": a measure noun right after the item.
        if let m = phrase(at: c.last + 1, t) { measure = m.1 }
        // "20% of its workforce", "$5 billion in revenue": right after the item.
        var k = c.last + 1
        if measure == nil, t.isWord(k, "of") || t.isWord(k, "in") {
            k += 1
            while ["its", "their", "the", "his", "her", "our", "total", "annual", "global", "a"].contains(t.lower(k)) { k += 1 }
            if k <= hi + 3, let m = phrase(at: k, t) { measure = m.1 }
        }
        // Nearest measure on the left ("market cap at ~$1.4 trillion", "stock rising about 2%"):
        // the longest phrase that reaches the nearest word.
        if measure == nil {
            var p = c.first - 1
            search: while p >= lo {
                for start in max(0, lo - 3, p - 3)...p where t.sentenceOf[start] == s {
                    if let m = phrase(at: start, t), m.0 >= p, m.0 < c.first { measure = m.1; break search }
                }
                p -= 1
            }
        }
        // A counted noun says what is counted ("three core points", "16,000 employees").
        let countedNoun = c.kind == .quantity && c.unit != nil && Units.entries[c.unit!.lowercased()] == nil && c.unit != "x"
        if countedNoun, !Subjects.staffNouns.contains(c.unit!), c.unit != "people", !(t.isWord(c.last + 1, "of")) { measure = nil }
        // Or on the right, a few words on ("2% in early trading" has none).
        if measure == nil, c.last + 1 <= hi {
            for p in (c.last + 1)...hi { if let m = phrase(at: p, t) { measure = m.1; break } }
        }
        // A fine or a penalty is money: "a penalty to make it 19-8" scores a match, and in "the
        // weather was fine and 300 people attended" the adjective is no measure at all.
        if measure == "fine", c.kind != .money { measure = nil }
        let unit = c.unit ?? ""
        let people = unit == "people"
        if Subjects.staffNouns.contains(unit), measure == nil || measure == "cost" || measure == "investment" { measure = "workforce" }
        if measure == "workforce" || measure == "workforce reduction" || Subjects.staffNouns.contains(unit) || people {
            // The clause decides first ("While thousands of employees were impacted, ... hiring").
            // "will lose their jobs" is a cut; "could lose power" is not.
            func cut(_ w: Set<String>) -> Bool {
                !w.isDisjoint(with: cutWords) || (w.contains("go") && w.contains("let"))
                    || (w.contains("lose") || w.contains("loses")) && (w.contains("jobs") || w.contains("job"))
            }
            if cut(words) { return "workforce reduction" }
            if !words.isDisjoint(with: hireWords) { return "hiring" }
            let sentenceWords = sentenceWords(around: c.first, t)
            if cut(sentenceWords) { return "workforce reduction" }
            if !sentenceWords.isDisjoint(with: hireWords), !people { return "hiring" }
            if people { return measure ?? "people" }
            if measure == nil { return unit }
            return measure
        }
        if measure == "stock" || measure == "share price", !words.isDisjoint(with: moveWords) { return "stock move" }
        if measure == "price" || measure == "prices", !words.isDisjoint(with: moveWords) { return "price move" }
        if let measure { return measure }
        if c.kind == .money || (c.kind == .number && (c.number?.scaled ?? false) && (c.number?.value ?? 0) >= 1e6) {
            if !words.isDisjoint(with: fineWords) { return "fine" }
            if !words.isDisjoint(with: spendWords) { return "investment" }
            if !words.isDisjoint(with: fundingWords) { return "funding" }
            if !words.isDisjoint(with: dealWords) { return "deal value" }
        }
        if countedNoun { return unit }
        let share = c.kind == .percent || (c.kind == .number && (c.number?.fraction ?? false) && (c.number?.value ?? 1) < 1)
        if share, !words.isDisjoint(with: cutWords) || !words.isDisjoint(with: Self.lossWords),
           !sentenceWords(around: c.first, t).isDisjoint(with: ["workforce", "staff", "headcount", "employees", "jobs", "layoffs", "layoff"]) {
            return "workforce reduction"
        }
        return nil
    }

    /// How a share of staff is said to go ("one in five employees will lose their jobs",
    /// "1 in 10 jobs will go"), besides the cut words.
    static let lossWords: Set<String> = ["lose", "go", "going", "gone"]  // with cutWords' "lost", "losing"

    static func phrase(at k: Int, _ t: TokenText) -> (Int, String)? {
        guard let list = byFirst[t.lower(k)] else { return nil }
        for (words, label) in list where t.matches(words, at: k) { return (k + words.count - 1, label) }
        return nil
    }

    /// Whether token `k` breaks the clause; a token that starts a line does, unless
    /// `lineStartBreaks` is false (looking left, the line's first word is still in it).
    static func isClauseBreak(_ t: TokenText, _ k: Int, lineStartBreaks: Bool = true) -> Bool {
        guard let tok = t[k] else { return true }
        if tok.newline, lineStartBreaks { return true }
        // "e.g." and "U.S." do not end a clause.
        if tok.lower == ".", k > 0, t.tokens[k - 1].kind == .word, t.tokens[k - 1].lower.count == 1, tok.glued { return false }
        return tok.kind == .symbol && [";", ".", "!", "?", ":", "—"].contains(tok.lower)
            || tok.kind == .word && ["while", "whereas", "although", "but"].contains(tok.lower)
    }

    /// The words of the sentence holding token `k` (its tokens are contiguous: found from `k`,
    /// not by a scan from the start of the text, which made long reports quadratic), at most
    /// `sentenceReach` tokens either side of it: a text with no sentence breaks is one
    /// "sentence", and reading all of it for each figure took 6 s for 160,000 words.
    static func sentenceWords(around k: Int, _ t: TokenText) -> Set<String> {
        var out = Set<String>()
        let s = t.sentenceOf[k]
        guard s >= 0 else {
            for j in 0..<min(t.count, 400) { out.insert(t.tokens[j].lower) }
            return out
        }
        let lowest = max(0, k - sentenceReach), highest = min(t.count, k + sentenceReach + 1)
        var a = k
        while a > lowest, t.sentenceOf[a - 1] == s { a -= 1 }
        while a < highest, t.sentenceOf[a] == s { out.insert(t.tokens[a].lower); a += 1 }
        return out
    }

    /// Tokens either side of a figure that `sentenceWords` reads: more than any real sentence has.
    static let sentenceReach = 200

    /// The first cell of a table row ("Magnitude\tApproximately 13% - 15%\t...").
    static func tableRowLabel(_ c: Candidate, _ t: TokenText) -> String? {
        let s = t.sentenceOf[c.first]
        var k = c.first
        while k > 0, t.sentenceOf[k - 1] == s { k -= 1 }
        // The label runs to the first tab (a gap the tokenizer drops): stop at the first number or symbol.
        var words: [String] = []
        var m = k
        while m < c.first, t.tokens[m].kind == .word, words.count < 5 {
            words.append(t.tokens[m].lower)
            if m + 1 < t.count, t.scalars[t.tokens[m].end] == "\t" { break }
            m += 1
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
