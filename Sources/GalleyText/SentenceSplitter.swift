import GalleyJSON

/// Rule-based sentence boundaries for news prose. A period ends a sentence unless what
/// surrounds it says otherwise: an abbreviation that precedes names ("Dr."), an initial
/// ("John F. Kennedy"), an acronym or company suffix followed by something other than a
/// sentence opener ("U.S. Treasury", "Apple Inc. shares"), a decimal ("$1.4T"), a list
/// number ("1. What"), or a lowercase continuation. Line breaks inside a block always end
/// a sentence: headings and list items never run into the next line.
///
/// The rules read scalars through `ScalarText`, so that one implementation runs both on
/// scalar arrays and, without building one, on ASCII bytes (nearly every block of news).
public enum SentenceSplitter {
    /// Sentence ranges in Unicode-scalar offsets, trimmed of surrounding whitespace, never empty.
    public static func split(_ text: String) -> [Range<Int>] {
        if text.isASCII { return text.withUTF8Bytes { split(ascii: $0) } }
        return split(scalars: text.scalarArray)
    }

    /// Sentences as strings.
    public static func sentences(_ text: String) -> [String] {
        let scalars = text.scalarArray
        return split(scalars: scalars).map { r in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[r])
            return String(v)
        }
    }

    public static func split(scalars: [UnicodeScalar]) -> [Range<Int>] {
        scalars.withUnsafeBufferPointer { split(ScalarArray(scalars: $0)) }
    }

    /// Text that is all ASCII, as its bytes: byte offsets are scalar offsets.
    public static func split(ascii bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        split(ASCIIText(bytes: bytes))
    }

    static func split<S: ScalarText>(_ s: S) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let n = s.count
        var sentenceStart = 0
        var i = 0
        while i < n {
            i = s.skipToCandidate(from: i)
            guard i < n else { break }
            let c = s[i]
            // Most scalars are none of "\n . ! ? … U+2029": one test for ASCII ones.
            if c.value < 0x80 {
                if Self.boundaryASCII & (1 << UInt64(c.value & 0x3F)) == 0 || c.value >= 0x40 { i += 1; continue }
            } else if Self.isFullWidthTerminator(c) {
                // Chinese and Japanese end a sentence with "。", "！" or "？" and no space after.
                var k = i + 1
                while k < n, Self.isFullWidthTerminator(s[k]) || Self.isFullWidthCloser(s[k]) || isCloser(s[k]) { k += 1 }
                // 「行く。」と言った: a quotation's full stop, then "to" ("said that ...").
                let quotation = k > i + 1 && Self.isFullWidthCloser(s[k - 1]) && k < n && s[k].value == 0x3068
                if k < n, !s[k].isSpace, !quotation {
                    if let r = trimmed(s, sentenceStart..<k) { out.append(r) }
                    sentenceStart = k
                }
                i = k
                continue
            } else if c.value != 0x2026 && c.value != 0x2029 {
                i += 1; continue
            }
            if c == "\n" || c == "\u{2029}" {
                if let r = trimmed(s, sentenceStart..<i) { out.append(r) }
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
                if let r = trimmed(s, sentenceStart..<k) { out.append(r) }
                sentenceStart = m
            }
            i = m
        }
        if let r = trimmed(s, sentenceStart..<n) { out.append(r) }
        return out
    }

    /// `r` without the whitespace at its ends; nil when nothing else is left.
    public static func trimmed(_ s: [UnicodeScalar], _ r: Range<Int>) -> Range<Int>? {
        s.withUnsafeBufferPointer { trimmed(ScalarArray(scalars: $0), r) }
    }

    /// The same for ASCII text, as its bytes.
    public static func trimmed(ascii bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int>? {
        trimmed(ASCIIText(bytes: bytes), r)
    }

    static func trimmed<S: ScalarText>(_ s: S, _ r: Range<Int>) -> Range<Int>? {
        var a = r.lowerBound, b = r.upperBound
        while a < b, s[a].isSpace { a += 1 }
        while b > a, s[b - 1].isSpace { b -= 1 }
        return a < b ? a..<b : nil
    }

    // MARK: - The decision at one candidate boundary

    static func endsSentence<S: ScalarText>(_ s: S, terminators: Range<Int>, sentenceStart: Int, next: Int) -> Bool {
        let nextWord = word(startingAt: next, in: s)
        var firstIndex = next
        for k in nextWord where s[k].isAlphanumeric { firstIndex = k; break }
        let first = s[firstIndex]
        let nextIsLower = first.isLower
        var question = false
        for k in terminators where s[k] == "?" || s[k] == "!" { question = true }
        if question { return !nextIsLower }
        if terminators.count > 1 || s[terminators.lowerBound] == "\u{2026}" { return !nextIsLower && !first.isDigitLike }
        // A single period.
        if nextIsLower { return false }
        let prevStart = wordStart(endingAt: terminators.lowerBound, in: s)
        let prev = prevStart..<terminators.lowerBound
        if prev.isEmpty { return true }
        let prevLower = LowerWord(s, prev)
        let nextIsDigit = first.isDigitLike
        // "1. What is ..." at the head of a sentence is a list number, not a sentence.
        if prev.count <= 3, prev.allSatisfy({ s[$0].isDigitLike }), prevStart <= firstNonSpace(from: sentenceStart, in: s) {
            return false
        }
        // "Dr.", "St." are written in title case; "FT." or "ST." is an acronym ending a sentence.
        if prevLower.isIn(titleAbbreviations), prev.dropFirst().allSatisfy({ !s[$0].isUpper }) { return false }
        if nextIsDigit { return !prevLower.isIn(numberAbbreviations) }
        // A capitalised word after a clock time starts a sentence ("at 9 a.m. Doors open").
        if prevLower.equals("a.m") || prevLower.equals("p.m") { return true }
        // "e.g." and "i.e." introduce what follows; they do not end sentences ("e.g. The Hobbit").
        if prev.count <= 3, prevLower.equals("e.g") || prevLower.equals("i.e") || prevLower.equals("cf") || prevLower.equals("viz") { return false }
        let opener = isSentenceOpener(LowerWord(s, nextWord))
        // An initial: "John F. Kennedy", unless a sentence plainly starts ("Plan B. The ...").
        if prev.count == 1, s[prev.lowerBound].isUpper { return opener }
        if isDottedAcronym(s, prev) || prevLower.isIn(otherAbbreviations) { return opener }
        return true
    }

    /// Bits (by value, all below 0x40) of the ASCII scalars the main loop stops at.
    static let boundaryASCII: UInt64 = 1 << 0x0A | 1 << 0x21 | 1 << 0x2E | 1 << 0x3F

    @inline(__always) static func isTerminator(_ c: UnicodeScalar) -> Bool { c == "." || c == "?" || c == "!" || c == "\u{2026}" }

    @inline(__always) static func isCloser(_ c: UnicodeScalar) -> Bool {
        c == "\"" || c == "'" || c == ")" || c == "]" || c == "\u{201D}" || c == "\u{2019}" || c == "\u{00BB}" || c == "*"
    }

    /// "。" "！" "？" (ideographic full stop, full-width marks).
    @inline(__always) static func isFullWidthTerminator(_ c: UnicodeScalar) -> Bool {
        c.value == 0x3002 || c.value == 0xFF01 || c.value == 0xFF1F || c.value == 0xFF61
    }

    /// Closing brackets and quotes of CJK text: 」』）】〕》〉”.
    @inline(__always) static func isFullWidthCloser(_ c: UnicodeScalar) -> Bool {
        [0x300D, 0x300F, 0xFF09, 0x3011, 0x3015, 0x300B, 0x3009].contains(c.value)
    }

    @inline(__always) static func isOpener(_ c: UnicodeScalar) -> Bool {
        c == "\"" || c == "'" || c == "(" || c == "[" || c == "\u{201C}" || c == "\u{2018}" || c == "\u{00AB}" || c == "*"
    }

    /// The word that starts at `i`, skipping opening quotes and brackets.
    static func word<S: ScalarText>(startingAt i: Int, in s: S) -> Range<Int> {
        var a = i
        while a < s.count, isOpener(s[a]) { a += 1 }
        var b = a
        while b < s.count, !s[b].isSpace { b += 1 }
        // Trailing punctuation is not part of the word ("The," -> "The").
        while b > a, !(s[b - 1].isAlphanumeric) { b -= 1 }
        return a..<b
    }

    static func wordStart<S: ScalarText>(endingAt end: Int, in s: S) -> Int {
        var a = end
        while a > 0, !s[a - 1].isSpace { a -= 1 }
        while a < end, isOpener(s[a]) { a += 1 }
        return a
    }

    static func firstNonSpace<S: ScalarText>(from i: Int, in s: S) -> Int {
        var a = i
        while a < s.count, s[a].isSpace || isOpener(s[a]) { a += 1 }
        return a
    }

    /// "U.S", "e.g", "a.m": letters separated by periods.
    static func isDottedAcronym<S: ScalarText>(_ s: S, _ w: Range<Int>) -> Bool {
        guard w.count >= 3, w.contains(where: { s[$0] == "." }) else { return false }
        var expectLetter = true
        for k in w {
            let c = s[k]
            if expectLetter { guard c.isLetter else { return false } }
            else { guard c == "." else { return false } }
            expectLetter.toggle()
        }
        return !expectLetter
    }

    /// Capitalised words that begin sentences far more often than they continue names.
    static func isSentenceOpener(_ lower: LowerWord) -> Bool {
        lower.isIn(StopWords.englishTable) || lower.isIn(discourseOpeners)
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

/// What the splitter reads: scalars by position.
protocol ScalarText {
    var count: Int { get }
    subscript(_ i: Int) -> UnicodeScalar { get }
    /// A position at or after `i` from which to look for the next boundary: stretches that
    /// hold no "\n", ".", "!" or "?" may be skipped.
    func skipToCandidate(from i: Int) -> Int
}

extension ScalarText {
    @inline(__always) func skipToCandidate(from i: Int) -> Int { i }
}

/// A scalar array's storage.
struct ScalarArray: ScalarText {
    let scalars: UnsafeBufferPointer<UnicodeScalar>
    var count: Int { scalars.count }
    @inline(__always) subscript(_ i: Int) -> UnicodeScalar { scalars[i] }
}

/// ASCII bytes, each its own scalar.
struct ASCIIText: ScalarText {
    let bytes: UnsafeBufferPointer<UInt8>
    var count: Int { bytes.count }
    @inline(__always) subscript(_ i: Int) -> UnicodeScalar { UnicodeScalar(bytes[i]) }

    /// Eight bytes at a time past stretches without a newline or a sentence terminator.
    @inline(__always) func skipToCandidate(from i: Int) -> Int {
        guard let base = bytes.baseAddress else { return i }
        var k = i
        while k + 8 <= bytes.count {
            let x = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
            if ByteScan.has(x, 0x0A) || ByteScan.has(x, 0x2E) || ByteScan.has(x, 0x21) || ByteScan.has(x, 0x3F) { return k }
            k += 8
        }
        return k
    }
}

/// A short word's lowercase bytes on the stack, for table look-ups without a String. A
/// non-ASCII word keeps its String (Unicode case mapping; rare in the positions looked at).
struct LowerWord {
    private var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var length = 0
    /// Longer than the buffer: longer than any abbreviation, so it matches none.
    private var tooLong = false
    private var unicode: String?

    init<S: ScalarText>(_ s: S, _ r: Range<Int>) {
        guard r.allSatisfy({ s[$0].value < 0x80 }) else {
            var v = String.UnicodeScalarView()
            for k in r { v.append(s[k]) }
            unicode = String(v).fastLowercased
            return
        }
        guard r.count <= 32 else { tooLong = true; return }
        length = r.count
        withUnsafeMutableBytes(of: &buffer) { out in
            var k = 0
            for i in r { let b = UInt8(s[i].value); out[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b; k += 1 }
        }
    }

    func isIn(_ table: WordTable) -> Bool {
        if let unicode { return table.contains(unicode) }
        if tooLong { return false }
        var copy = buffer
        return withUnsafeBytes(of: &copy) { raw in
            table.contains(bytes: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: length))
        }
    }

    func equals(_ word: StaticString) -> Bool {
        if let unicode { return unicode == word.description }
        guard !tooLong, word.utf8CodeUnitCount == length else { return false }
        var copy = buffer
        return withUnsafeBytes(of: &copy) { raw in
            (0..<length).allSatisfy { raw[$0] == word.utf8Start[$0] }
        }
    }
}
