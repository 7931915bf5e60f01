/// The Porter (1980) suffix-stripping algorithm, on lowercase ASCII bytes. Written from the
/// paper's description ("An algorithm for suffix stripping", Program 14(3)), with the two
/// later corrections the author published (`bli` -> `ble`, `logi` -> `log`).
///
/// Stemming lets "layoffs"/"layoff" and "investing"/"investment" count as the same term when
/// sentences are compared. Words of one or two letters and words with other bytes than a-z
/// are returned unchanged. The word is stemmed in a fixed buffer: no allocation until the
/// result.
public enum PorterStemmer {
    public static func stem(_ word: [UInt8]) -> [UInt8] {
        word.withUnsafeBufferPointer { w in
            var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            return withUnsafeMutableBytes(of: &buffer) { raw in
                let b = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                return Array(UnsafeBufferPointer(start: b, count: stem(w, into: b)))
            }
        }
    }

    /// Stems `word` into `out` (room for 64 bytes) and returns the stem's length; a word that
    /// is not stemmed (short, long, not a-z) is copied as it is.
    public static func stem(_ word: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let n = min(word.count, 64)
        for i in 0..<n { out[i] = word[i] }
        guard n > 2, word.count <= 64, word.allSatisfy({ $0 &- 0x61 < 26 }) else { return n }
        var w = Word(b: out, k: n)
        w.step1a(); w.step1b(); w.step1c(); w.step2(); w.step3(); w.step4(); w.step5()
        return w.k
    }

    public static func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    /// The word being stemmed: `b[0..<k]`. `j` marks the end of the stem when a suffix matched.
    struct Word {
        let b: UnsafeMutablePointer<UInt8>
        var k: Int
        var j = 0

        /// Whether b[i] is a consonant: not a vowel, and `y` only after a vowel or at the start.
        func cons(_ i: Int) -> Bool {
            switch b[i] {
            case 0x61, 0x65, 0x69, 0x6F, 0x75: return false  // a e i o u
            case 0x79: return i == 0 ? true : !cons(i - 1)  // y
            default: return true
            }
        }

        /// m: the number of vowel-consonant sequences in b[0..<end].
        func measure(_ end: Int) -> Int {
            var n = 0, i = 0
            while i < end, cons(i) { i += 1 }
            while i < end {
                while i < end, !cons(i) { i += 1 }
                guard i < end else { break }
                n += 1
                while i < end, cons(i) { i += 1 }
            }
            return n
        }

        func vowelIn(_ end: Int) -> Bool {
            for i in 0..<end where !cons(i) { return true }
            return false
        }

        /// A double consonant ends b[0..<end].
        func doubleConsonant(_ end: Int) -> Bool {
            end >= 2 && b[end - 1] == b[end - 2] && cons(end - 1)
        }

        /// consonant-vowel-consonant ends b[0..<end], the last not w, x or y.
        func cvc(_ end: Int) -> Bool {
            guard end >= 3, cons(end - 1), !cons(end - 2), cons(end - 3) else { return false }
            let c = b[end - 1]
            return c != 0x77 && c != 0x78 && c != 0x79
        }

        /// Whether the word ends with `suffix`; sets `j` to where the suffix starts.
        mutating func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard n <= k else { return false }
            let p = suffix.utf8Start
            let start = k - n
            for i in 0..<n where b[start + i] != p[i] { return false }
            j = start
            return true
        }

        /// Replaces what follows `j` with `to`.
        mutating func replace(_ to: StaticString) {
            let n = to.utf8CodeUnitCount, p = to.utf8Start
            for i in 0..<n { b[j + i] = p[i] }
            k = j + n
        }

        /// The first rule whose suffix matches decides; it applies when m(stem) > `minM`.
        /// Rules are grouped by the word's next-to-last letter, as in Porter's own program.
        mutating func rules(_ table: [[(StaticString, StaticString)]], minM: Int) {
            guard k >= 2 else { return }
            let group = table[Int(b[k - 2])]
            for (from, to) in group where ends(from) {
                if measure(j) > minM { replace(to) }
                return
            }
        }

        mutating func step1a() {
            guard b[k - 1] == 0x73 else { return }  // s
            if ends("sses") { replace("ss") }
            else if ends("ies") { replace("i") }
            else if ends("ss") { }
            else { k -= 1 }
        }

        mutating func step1b() {
            if ends("eed") {
                if measure(j) > 0 { k -= 1 }
                return
            }
            guard ends("ed") || ends("ing"), vowelIn(j) else { return }
            k = j
            if ends("at") { replace("ate") }
            else if ends("bl") { replace("ble") }
            else if ends("iz") { replace("ize") }
            else if doubleConsonant(k) {
                let c = b[k - 1]
                if c != 0x6C && c != 0x73 && c != 0x7A { k -= 1 }  // not l, s, z
            } else if measure(k) == 1 && cvc(k) {
                b[k] = 0x65; k += 1  // e
            }
        }

        mutating func step1c() {
            if ends("y"), vowelIn(j) { b[k - 1] = 0x69 }
        }

        /// Rules by the next-to-last byte of their suffix, in a table indexed by that byte (a
        /// dictionary look-up hashed the byte, and this runs for every new word).
        static func grouped(_ rules: [(StaticString, StaticString)]) -> [[(StaticString, StaticString)]] {
            var out = [[(StaticString, StaticString)]](repeating: [], count: 256)
            for r in rules {
                let s = r.0
                out[Int(s.utf8Start[s.utf8CodeUnitCount - 2])].append(r)
            }
            return out
        }

        static let step2Rules = grouped([
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
            ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
            ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
            ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
            ("logi", "log"),
        ])
        static let step3Rules = grouped([
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ])
        static let step4Suffixes = grouped([
            ("al", ""), ("ance", ""), ("ence", ""), ("er", ""), ("ic", ""), ("able", ""), ("ible", ""), ("ant", ""),
            ("ement", ""), ("ment", ""), ("ent", ""), ("ion", ""), ("ou", ""), ("ism", ""), ("ate", ""), ("iti", ""),
            ("ous", ""), ("ive", ""), ("ize", ""),
        ])

        mutating func step2() { rules(Self.step2Rules, minM: 0) }
        mutating func step3() { rules(Self.step3Rules, minM: 0) }

        mutating func step4() {
            guard k >= 2 else { return }
            let group = Self.step4Suffixes[Int(b[k - 2])]
            for (suffix, _) in group where ends(suffix) {
                if suffix.utf8CodeUnitCount == 3, suffix.utf8Start[0] == 0x69, suffix.utf8Start[1] == 0x6F {
                    // "ion" only after s or t; otherwise no rule of this step applies.
                    guard j > 0, b[j - 1] == 0x73 || b[j - 1] == 0x74 else { return }
                }
                if measure(j) > 1 { k = j }
                return
            }
        }

        mutating func step5() {
            if b[k - 1] == 0x65 {  // e
                j = k - 1
                let m = measure(j)
                if m > 1 || (m == 1 && !cvc(j)) { k -= 1 }
            } else if k >= 2, b[k - 1] == 0x6C, doubleConsonant(k), measure(k) > 1 {
                k -= 1
            }
        }
    }
}
