/// Rule-based sentence boundaries for news prose. A period ends a sentence unless what
/// surrounds it says otherwise: an abbreviation that precedes names ("Dr."), an initial
/// ("John F. Kennedy"), an acronym or company suffix followed by something other than a
/// sentence opener ("U.S. Treasury", "Apple Inc. shares"), a decimal ("$1.4T"), a list
/// number ("1. What"), or a lowercase continuation. Line breaks inside a block always end
/// a sentence: headings and list items never run into the next line.
public enum SentenceSplitter {
    /// Sentence ranges in Unicode-scalar offsets, trimmed of surrounding whitespace, never empty.
    public static func split(_ text: String) -> [Range<Int>] {
        split(scalars: Array(text.unicodeScalars))
    }

    /// Sentences as strings.
    public static func sentences(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return split(scalars: scalars).map { r in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[r])
            return String(v)
        }
    }

    public static func split(scalars s: [UnicodeScalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let n = s.count
        var sentenceStart = 0
        func emit(_ end: Int) {
            if let r = trimmed(s, sentenceStart..<end) { out.append(r) }
        }
        var i = 0
        while i < n {
            let c = s[i]
            // Most scalars are none of "\n . ! ? … U+2029": one test for ASCII ones.
            if c.value < 0x80 {
                if Self.boundaryASCII & (1 << UInt64(c.value & 0x3F)) == 0 || c.value >= 0x40 { i += 1; continue }
            } else if c.value != 0x2026 && c.value != 0x2029 {
                i += 1; continue
            }
            if c == "\n" || c == "\u{2029}" {
                emit(i)
                sentenceStart = i + 1
                i += 1
                continue
            }
            guard isTerminator(c) else { i += 1; continue }
            var j = i
            while j < n, isTerminator(s[j]) { j += 1 }
            var k = j
            while k < n, isCloser(s[k]) { k += 1 }
            if k == n { break }
            guard s[k].isSpace else { i = j; continue }
            var m = k
            while m < n, s[m].isSpace, s[m] != "\n" { m += 1 }
            // A quote standing alone after the period closes the sentence: `world. " Next`.
            if m + 1 < n, s[m] == "\"", s[m + 1] == " " {
                k = m + 1
                m = k
                while m < n, s[m].isSpace, s[m] != "\n" { m += 1 }
            }
            if m == n { break }
            if s[m] == "\n" { i = m; continue }
            if endsSentence(s, terminators: i..<j, sentenceStart: sentenceStart, next: m) {
                emit(k)
                sentenceStart = m
            }
            i = m
        }
        emit(n)
        return out
    }

    /// `r` without the whitespace at its ends; nil when nothing else is left.
    public static func trimmed(_ s: [UnicodeScalar], _ r: Range<Int>) -> Range<Int>? {
        var a = r.lowerBound, b = r.upperBound
        while a < b, s[a].isSpace { a += 1 }
        while b > a, s[b - 1].isSpace { b -= 1 }
        return a < b ? a..<b : nil
    }

    // MARK: - The decision at one candidate boundary

    static func endsSentence(_ s: [UnicodeScalar], terminators: Range<Int>, sentenceStart: Int, next: Int) -> Bool {
        let nextWord = word(startingAt: next, in: s)
        guard let first = nextWord.first(where: { $0.isAlphanumeric }) ?? s[next...].first else {
            return true
        }
        let nextIsLower = first.isLower
        let marks = s[terminators]
        if marks.contains(where: { $0 == "?" || $0 == "!" }) { return !nextIsLower }
        if marks.count > 1 || marks.first == "\u{2026}" { return !nextIsLower && !first.isDigitLike }
        // A single period.
        if nextIsLower { return false }
        let prev = word(endingAt: terminators.lowerBound, in: s)
        let prevLower = lowercase(prev)
        let nextLower = lowercase(nextWord)
        let nextIsDigit = first.isDigitLike
        if prev.isEmpty { return true }
        // "1. What is ..." at the head of a sentence is a list number, not a sentence.
        if prev.allSatisfy({ $0.isDigitLike }), prev.count <= 3,
           wordStart(endingAt: terminators.lowerBound, in: s) <= firstNonSpace(from: sentenceStart, in: s) {
            return false
        }
        // "Dr.", "St." are written in title case; "FT." or "ST." is an acronym ending a sentence.
        if titleAbbreviations.contains(prevLower), prev.dropFirst().allSatisfy({ !$0.isUpper }) { return false }
        if nextIsDigit { return !numberAbbreviations.contains(prevLower) }
        // A capitalised word after a clock time starts a sentence ("at 9 a.m. Doors open").
        if prevLower == "a.m" || prevLower == "p.m" { return true }
        let opener = isSentenceOpener(nextLower)
        // An initial: "John F. Kennedy", unless a sentence plainly starts ("Plan B. The ...").
        if prev.count == 1, prev.first!.isUpper { return opener }
        if isDottedAcronym(prev) || otherAbbreviations.contains(prevLower) { return opener }
        return true
    }

    /// Bits (by value, all below 0x40) of the ASCII scalars the main loop stops at.
    static let boundaryASCII: UInt64 = 1 << 0x0A | 1 << 0x21 | 1 << 0x2E | 1 << 0x3F

    static func isTerminator(_ c: UnicodeScalar) -> Bool { c == "." || c == "?" || c == "!" || c == "\u{2026}" }

    static func isCloser(_ c: UnicodeScalar) -> Bool {
        c == "\"" || c == "'" || c == ")" || c == "]" || c == "\u{201D}" || c == "\u{2019}" || c == "\u{00BB}" || c == "*"
    }

    static func isOpener(_ c: UnicodeScalar) -> Bool {
        c == "\"" || c == "'" || c == "(" || c == "[" || c == "\u{201C}" || c == "\u{2018}" || c == "\u{00AB}" || c == "*"
    }

    /// The word that starts at `i`, skipping opening quotes and brackets.
    static func word(startingAt i: Int, in s: [UnicodeScalar]) -> ArraySlice<UnicodeScalar> {
        var a = i
        while a < s.count, isOpener(s[a]) { a += 1 }
        var b = a
        while b < s.count, !s[b].isSpace { b += 1 }
        // Trailing punctuation is not part of the word ("The," -> "The").
        while b > a, !(s[b - 1].isAlphanumeric) { b -= 1 }
        return s[a..<b]
    }

    static func wordStart(endingAt end: Int, in s: [UnicodeScalar]) -> Int {
        var a = end
        while a > 0, !s[a - 1].isSpace { a -= 1 }
        while a < end, isOpener(s[a]) { a += 1 }
        return a
    }

    /// The word that ends right before the period at `end`, without leading quotes or brackets.
    static func word(endingAt end: Int, in s: [UnicodeScalar]) -> ArraySlice<UnicodeScalar> {
        s[wordStart(endingAt: end, in: s)..<end]
    }

    /// A word's lowercase form; ASCII words (nearly all) without going through String's
    /// Unicode case mapping.
    static func lowercase(_ w: ArraySlice<UnicodeScalar>) -> String {
        guard w.allSatisfy({ $0.value < 0x80 }) else { return String(String.UnicodeScalarView(w)).fastLowercased }
        return String(unsafeUninitializedCapacity: w.count) { out in
            var k = 0
            for c in w { let b = UInt8(c.value); out[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b; k += 1 }
            return k
        }
    }

    static func firstNonSpace(from i: Int, in s: [UnicodeScalar]) -> Int {
        var a = i
        while a < s.count, s[a].isSpace || isOpener(s[a]) { a += 1 }
        return a
    }

    /// "U.S", "e.g", "a.m": letters separated by periods.
    static func isDottedAcronym(_ w: ArraySlice<UnicodeScalar>) -> Bool {
        guard w.count >= 3, w.contains(".") else { return false }
        var expectLetter = true
        for c in w {
            if expectLetter { guard c.isLetter else { return false } }
            else { guard c == "." else { return false } }
            expectLetter.toggle()
        }
        return !expectLetter
    }

    /// Capitalised words that begin sentences far more often than they continue names.
    static func isSentenceOpener(_ lower: String) -> Bool {
        StopWords.englishTable.contains(lower) || discourseOpeners.contains(lower)
    }

    static let discourseOpeners = WordTable(words: [
        "however", "meanwhile", "also", "according", "despite", "although", "yesterday", "today", "last", "next",
        "earlier", "later", "instead", "still", "now", "analysts", "shares", "officials", "critics", "experts",
        "many", "several", "some", "both", "neither", "either", "overall", "finally", "first", "second", "third",
        "in", "on", "at", "since", "after", "before", "while", "when", "if", "as", "for", "with", "without",
    ])

    /// Abbreviations that precede a name or title: a period after them never ends a sentence.
    static let titleAbbreviations = WordTable(words: [
        "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "rev", "hon", "st", "gen", "col", "lt", "sgt",
        "capt", "cmdr", "adm", "gov", "sen", "rep", "pres", "supt", "det", "insp", "fr", "brig", "maj", "cpl",
        "pte", "mt", "ft", "sr", "jr",
    ])

    /// Abbreviations that precede a number ("No. 10", "pp. 4-5").
    static let numberAbbreviations = WordTable(words: [
        "no", "nos", "vol", "vols", "p", "pp", "vs", "v", "art", "fig", "figs", "ch", "chap", "sec", "para", "op", "ed", "nr", "tel", "approx", "ca", "c",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rs", "est",
    ])

    /// Abbreviations that can end a sentence; they do when a sentence opener follows.
    static let otherAbbreviations = WordTable(words: [
        "inc", "ltd", "co", "corp", "plc", "llc", "bros", "vs", "v", "etc", "approx", "est", "dept", "univ",
        "assn", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
        "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "vol", "fig", "cf", "al", "ca", "intl",
        "natl", "govt", "mln", "bln", "mn", "bn", "ave", "blvd", "rd", "cos", "av", "abt", "min", "max", "misc",
    ])
}
