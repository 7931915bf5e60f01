import GalleyText

/// Ordinals: "21st", "twenty-fifth", "one hundred twenty fifth", and positions relative to the
/// current item or the end ("next" current+1, "previous" current-1, "last" end+0, "second to
/// last" end-1), the notation Recognizers-Text uses.
struct OrdinalGrammar {
    let t: TokenText
    let numbers: NumberParser

    func parse(at i: Int) -> Candidate? {
        if t.isWord(i + 1, "to"), t.isWord(i + 2, "last"), let r = relative(at: i) { return r }
        if let o = numbers.ordinal(at: i) {
            // "at first", "first of all" are not positions in a list of things measured.
            if t.lower(i) == "first", t.isWord(i - 1, "at") || (t.isWord(i + 1, "of") && t.isWord(i + 2, "all")) { return nil }
            // "AI-first", "mobile-first", "customer-first": an adjective, not a position
            // (but "twenty-first" is one).
            if o.last == i, t.glued(i), t.isDash(i - 1), t.glued(i - 1), let before = t[i - 2], before.kind == .word,
               !Self.tens.contains(before.lower) { return nil }
            return Candidate(i, o.last, .ordinal, .number(o.value), priority: Priority.ordinal, number: o)
        }
        return relative(at: i)
    }

    static let tens: Set<String> = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    static let verbContext: Set<String> = ["will", "would", "could", "should", "may", "might", "can", "to", "did", "does", "do", "not", "n't", "must", "and", "that", "which", "they", "it", "we", "you", "i", "he", "she"]

    func relative(at i: Int) -> Candidate? {
        let w = t.lower(i)
        guard let tok = t[i], tok.kind == .word else { return nil }
        // "next to last", "second to last", "last but one", "penultimate"
        if (w == "next" || w == "second"), t.isWord(i + 1, "to"), t.isWord(i + 2, "last") {
            return Candidate(i, i + 2, .ordinal, .text("end-1"), priority: Priority.relativeOrdinal + 10)
        }
        if w == "last", t.isWord(i + 1, "but"), t.isWord(i + 2, "one") {
            return Candidate(i, i + 2, .ordinal, .text("end-1"), priority: Priority.relativeOrdinal + 10)
        }
        if w == "penultimate" { return Candidate(i, i, .ordinal, .text("end-1"), priority: Priority.relativeOrdinal) }
        let value: String
        switch w {
        case "next": value = "current+1"
        case "last": value = "end+0"
        case "previous": value = "current-1"
        case "current": value = "current+0"
        default: return nil
        }
        if t.isWord(i - 1, "at") && w == "last" { return nil }
        if t.isWord(i + 1, "to") { return nil }
        let prev = t.lower(i - 1)
        // "last" after a modal or a subject is the verb: "will last two hours".
        if w == "last", Self.verbContext.contains(prev) || prev == "'" { return nil }
        let quoted = (t.isSymbol(i - 1, "\"") || t.isSymbol(i - 1, "“")) && (t.isSymbol(i + 1, "\"") || t.isSymbol(i + 1, "”"))
        guard let next = t[i + 1] else { return quoted ? Candidate(i, i, .ordinal, .text(value), priority: Priority.relativeOrdinal) : nil }
        let followsOK = quoted || next.kind == .number || (next.kind == .word && (!StopWords.english.contains(next.lower) || NumberWords.units[next.lower] != nil))
        guard followsOK, !next.glued || quoted else { return nil }
        var last = i
        if t.isWord(i + 1, "one") { last = i + 1 }
        return Candidate(i, last, .ordinal, .text(value), priority: Priority.relativeOrdinal)
    }
}
