/// The Porter (1980) suffix-stripping algorithm, on lowercase ASCII bytes. Written from the
/// paper's description ("An algorithm for suffix stripping", Program 14(3)), with the two
/// later corrections the author published (`bli` -> `ble`, `logi` -> `log`).
///
/// Stemming lets "layoffs"/"layoff" and "investing"/"investment" count as the same term when
/// sentences are compared. Words of one or two letters and words with non-ASCII bytes are
/// returned unchanged.
public enum PorterStemmer {
    public static func stem(_ word: [UInt8]) -> [UInt8] {
        guard word.count > 2, word.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        var w = Word(word)
        w.step1a(); w.step1b(); w.step1c(); w.step2(); w.step3(); w.step4(); w.step5()
        return w.b
    }

    public static func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    /// The word being stemmed. `j` marks the end of the stem when a suffix matched.
    struct Word {
        var b: [UInt8]
        var j = 0
        init(_ b: [UInt8]) { self.b = b }

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

        func vowelIn(_ end: Int) -> Bool { (0..<end).contains { !cons($0) } }

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
            guard n <= b.count else { return false }
            let p = suffix.utf8Start
            let start = b.count - n
            for k in 0..<n where b[start + k] != p[k] { return false }
            j = start
            return true
        }

        mutating func replace(_ to: StaticString) {
            b.removeSubrange(j...)
            b.append(contentsOf: UnsafeBufferPointer(start: to.utf8Start, count: to.utf8CodeUnitCount))
        }

        /// Tries the rules in order; the first suffix that matches decides, replaced when m > `minM`.
        mutating func rules(_ table: [(StaticString, StaticString)], minM: Int) {
            for (from, to) in table where ends(from) {
                if measure(j) > minM { replace(to) }
                return
            }
        }

        mutating func step1a() {
            if ends("sses") { replace("ss") }
            else if ends("ies") { replace("i") }
            else if ends("ss") { }
            else if ends("s") { replace("") }
        }

        mutating func step1b() {
            if ends("eed") {
                if measure(j) > 0 { replace("ee") }
                return
            }
            guard ends("ed") || ends("ing"), vowelIn(j) else { return }
            replace("")
            if ends("at") { replace("ate") }
            else if ends("bl") { replace("ble") }
            else if ends("iz") { replace("ize") }
            else if doubleConsonant(b.count) {
                let c = b[b.count - 1]
                if c != 0x6C && c != 0x73 && c != 0x7A { b.removeLast() }  // not l, s, z
            } else if measure(b.count) == 1 && cvc(b.count) {
                b.append(0x65)
            }
        }

        mutating func step1c() {
            if ends("y"), vowelIn(j) { b[b.count - 1] = 0x69 }
        }

        static let step2Rules: [(StaticString, StaticString)] = [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
            ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
            ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
            ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
            ("logi", "log"),
        ]
        static let step3Rules: [(StaticString, StaticString)] = [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ]
        static let step4Suffixes: [StaticString] = [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
            "ism", "ate", "iti", "ous", "ive", "ize",
        ]

        mutating func step2() { rules(Self.step2Rules, minM: 0) }
        mutating func step3() { rules(Self.step3Rules, minM: 0) }

        mutating func step4() {
            for suffix in Self.step4Suffixes where ends(suffix) {
                if suffix.utf8CodeUnitCount == 3, suffix.utf8Start[0] == 0x69, suffix.utf8Start[1] == 0x6F {
                    // "ion" only after s or t; otherwise no rule of this step applies.
                    guard j > 0, b[j - 1] == 0x73 || b[j - 1] == 0x74 else { return }
                }
                if measure(j) > 1 { replace("") }
                return
            }
        }

        mutating func step5() {
            if ends("e") {
                let m = measure(j)
                if m > 1 || (m == 1 && !cvc(j)) { b.removeLast() }
            } else if b.count >= 2, b[b.count - 1] == 0x6C, doubleConsonant(b.count), measure(b.count) > 1 { b.removeLast() }
        }
    }
}
