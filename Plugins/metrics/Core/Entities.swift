import GalleyText

/// Names in the text (capitalized words that are not sentence-initial common words, months,
/// or generic acronyms) and which one an item belongs to: the nearest name before it in its
/// sentence, or the article's main name when "the company" or "its" stands between.
struct Entities {
    let t: TokenText
    private let quoted: [Bool]
    /// Name spans (first, last token) in text order.
    private(set) var spans: [(Int, Int, String)] = []
    /// The most frequent name, the one "the company" refers to.
    private(set) var main: String?

    static let generic: Set<String> = [
        "ai", "ceo", "cfo", "cto", "coo", "gpu", "gpus", "cpu", "cpus", "llm", "llms", "ipo", "etf", "etfs", "api", "faq",
        "faqs", "pr", "hr", "tv", "pc", "it", "vr", "ar", "ok", "gdp", "capex", "roi", "og", "id", "q", "h", "fy", "am",
        "pm", "usd", "eur", "gbp", "the", "a", "an", "i", "mr", "mrs", "ms", "dr", "ltd", "inc", "corp", "co", "plc",
        "tpm", "ml", "nlp", "vla", "vlas", "ev", "evs", "ui", "ux", "r", "d",
    ]
    /// What a company says or does, after its name at a sentence's start ("Meta said",
    /// "Boeing laid off"). Not words that are nouns after a noun too ("Job cuts", "Government plans").
    static let subjectVerbs: Set<String> = [
        "said", "says", "announced", "announces", "confirmed", "confirms", "told", "employs", "employed", "reported",
        "laid", "lays", "shed", "sheds", "hired", "posted", "warned", "warns", "agreed", "acquired", "acquires", "bought",
        "unveiled", "unveils", "launched", "slashed", "expects",
    ]
    static let newPlaces: Set<String> = ["york", "zealand", "jersey", "orleans", "delhi", "mexico", "hampshire", "england",
                                         "south", "guinea", "brunswick", "haven", "caledonia", "labour", "line", "scotland"]
    static let commonSubjects: Set<String> = ["police", "staff", "management", "he", "she", "they", "we", "spokesman", "spokeswoman", "spokesperson", "everyone", "nobody"]
    static let coreference: Set<String> = ["company", "firm", "group", "giant", "its", "it", "company's", "conglomerate", "platform"]

    init(t: TokenText) {
        self.t = t
        // Words inside quotation marks ("Year of Efficiency") are titles, not names.
        var quoted = [Bool](repeating: false, count: t.count)
        var open = false
        for k in 0..<t.count {
            let l = t.tokens[k].lower
            if t.tokens[k].newline { open = false }
            if l == "“" { open = true } else if l == "”" { open = false } else if l == "\"" { open.toggle() }
            quoted[k] = open
        }
        self.quoted = quoted
        // Lines whose words are all capitalized are headings; they do not teach names.
        var titleLine = [Bool](repeating: false, count: t.count)
        var a = 0
        while a < t.count {
            var b = a
            while b + 1 < t.count, !t.tokens[b + 1].newline { b += 1 }
            var words = 0, caps = 0
            for m in a...b where t.tokens[m].kind == .word && t.tokens[m].lower.count > 3 {
                words += 1
                if t.tokens[m].capitalized { caps += 1 }
            }
            if words >= 2 && caps * 10 >= words * 8 { for m in a...b { titleLine[m] = true } }
            a = b + 1
        }
        var midSentence = Set<String>()
        var isName = [Bool](repeating: false, count: t.count)
        // Words capitalized mid-sentence (outside Title Case lines) are names; the same words
        // at a sentence start are names too.
        for k in 0..<t.count where candidate(k) && !t.startsSentence(k) && !titleLine[k] {
            midSentence.insert(t.tokens[k].text)
        }
        // A sentence-initial word with a possessive is a name too ("Bitcoin's market cap"), and
        // so is one that says or announces something ("Meta said it would cut 6,000 jobs"),
        // unless it looks like a plural common noun ("Analysts said", "Officials announced").
        for k in 0..<t.count where candidate(k) && t.startsSentence(k) && !DateGrammar.startWords.contains(t.tokens[k].lower) {
            let w = t.tokens[k].lower
            let plural = w.count > 3 && w.hasSuffix("s") && !t.tokens[k].innerUpper
            if t.isWord(k + 1, "'s") || (Self.subjectVerbs.contains(t.lower(k + 1)) && !plural && !Self.commonSubjects.contains(w)) {
                midSentence.insert(t.tokens[k].text)
            }

        }
        // "New York's economy grew": a sentence's first "New" opens the name after it (it left "York").
        // Only before the places "New" names: a sentence's first "New" is an adjective as often
        // ("New EU rules", "New Home Secretary").
        // (The cheap tests first; `t.lower` reads "" past the end, so `candidate(k + 1)` is in range.)
        for k in 0..<t.count where t.lower(k) == "new" && Self.newPlaces.contains(t.lower(k + 1)) && t.startsSentence(k)
            && !titleLine[k] && candidate(k + 1) {
            midSentence.insert(t.tokens[k].text); midSentence.insert(t.tokens[k + 1].text)
        }
        for k in 0..<t.count where candidate(k) && midSentence.contains(t.tokens[k].text) { isName[k] = true }
        var counts: [String: Int] = [:]
        var k = 0
        while k < t.count {
            guard isName[k] else { k += 1; continue }
            var e = k
            while e + 1 < t.count, isName[e + 1], !t.tokens[e + 1].newline, t.sentenceOf[e + 1] == t.sentenceOf[k] { e += 1 }
            let name = (k...e).map { t.tokens[$0].text }.joined(separator: " ")
            spans.append((k, e, name))
            counts[t.tokens[k].text, default: 0] += 1
            k = e + 1
        }
        if let top = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }), top.value >= 2 { main = top.key }
    }

    func candidate(_ k: Int) -> Bool {
        let tok = t.tokens[k]
        guard tok.kind == .word, tok.capitalized || tok.innerUpper, !t.blocked[k], !quoted[k] else { return false }
        let w = tok.lower
        // A letter glued to a figure ("30C", "12B") is a unit or a label, not a name.
        if tok.text.count == 1, tok.glued, k > 0, t.tokens[k - 1].kind == .number { return false }
        // "New" opens a place's name ("New York", "New Delhi"): a stop word elsewhere, it was
        // dropped and left "York" to stand for the state.
        if w == "new", k + 1 < t.count, t.tokens[k + 1].kind == .word, t.tokens[k + 1].capitalized, !t.tokens[k + 1].newline,
           !StopWords.english.contains(t.tokens[k + 1].lower) { return true }
        if Entities.generic.contains(w) || StopWords.english.contains(w) { return false }
        if DateWords.months[w] != nil || DateWords.weekdays[w] != nil || NumberWords.units[w] != nil || NumberWords.tens[w] != nil { return false }
        if tok.allCaps, tok.text.count <= 3, Currencies.codes.contains(w) { return false }
        return true
    }

    /// The name whose span starts at token `k`, if any (spans are in text order).
    func name(startingAt k: Int) -> String? {
        var lo = 0, hi = spans.count
        while lo < hi { let mid = (lo + hi) / 2; if spans[mid].0 < k { lo = mid + 1 } else { hi = mid } }
        return lo < spans.count && spans[lo].0 == k ? spans[lo].2 : nil
    }

    /// The place each item is given for, when its sentence sets figures side by side by place
    /// ("turnover rose 4% in Europe and 9% in Asia": the name after each figure's "in"), with
    /// the first item of that enumeration. A place, not an owner: every figure of it takes the
    /// first one's entity, the name before the enumeration (the nearest name before "9% in
    /// Asia" is the previous figure's place). A lone "... in Europe" says where, not for which
    /// of several places, and gives none.
    static func enumeratedPlaces(_ items: [Candidate], _ names: Entities, _ t: TokenText) -> [Int: (place: String, first: Int)] {
        var bySentence: [Int: [(Int, String)]] = [:]
        for (k, c) in items.enumerated() where c.kind != .date && t.lower(c.last + 1) == "in" {
            if let place = names.name(startingAt: c.last + 2) { bySentence[t.sentenceOf[c.first], default: []].append((k, place)) }
        }
        var out: [Int: (place: String, first: Int)] = [:]
        for (_, found) in bySentence where Set(found.map(\.1)).count >= 2 {
            for (k, place) in found { out[k] = (place, found[0].0) }
        }
        return out
    }

    func entity(for c: Candidate) -> String? {
        let s = t.sentenceOf[c.first]
        // The names near the item, found by bisection (spans are in text order): filtering all
        // of them per item was quadratic in a text with no sentence breaks.
        let reach = Subjects.sentenceReach
        var lo = 0, hi = spans.count
        while lo < hi { let mid = (lo + hi) / 2; if spans[mid].0 < c.first - reach { lo = mid + 1 } else { hi = mid } }
        var inSentence: [(Int, Int, String)] = []
        var k = lo
        while k < spans.count, spans[k].0 <= c.last + reach {
            if s < 0 ? abs(spans[k].0 - c.first) < 40 : t.sentenceOf[spans[k].0] == s { inSentence.append(spans[k]) }
            k += 1
        }
        let before = inSentence.last { $0.1 < c.first }
        if let before {
            // "Zuckerberg announced ..., during which the company cut 20,000 jobs"
            if let main, main != before.2, (before.1 + 1..<c.first).contains(where: { Entities.coreference.contains(t.lower($0)) }) { return main }
            return before.2
        }
        if let after = inSentence.first(where: { $0.0 > c.last }) { return after.2 }
        if let main {
            var k = c.first
            while k > 0, t.sentenceOf[k - 1] == s, c.first - k < 30 { k -= 1 }
            if (k..<c.first).contains(where: { Entities.coreference.contains(t.lower($0)) }) { return main }
        }
        return nil
    }
}
