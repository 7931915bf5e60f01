import GalleyJSON

/// Tells which language a piece of text is in, from function-word frequencies and script.
/// Good enough to separate an English article from Italian site chrome or a Chinese footer;
/// not a general-purpose identifier.
public enum LanguageIdentifier {
    static let languages = StopWords.languageCodes

    /// What the words of a text say about its language, counted word by word so that ingest
    /// can count while it tokenizes, and add up the counts of several lines.
    public struct Evidence: Sendable {
        /// Every word, the denominator of the confidence.
        public private(set) var words = 0
        /// Words written in lowercase: capitalised names and initials ("A Titterrell", "D Bell")
        /// would otherwise read as Romance articles and conjunctions.
        public private(set) var lowercaseWords = 0
        /// Per language, in `languages` order: lowercase words that are its function words.
        var hits = SIMD8<Int32>()

        public init() {}

        /// One word: its lowercase form's bytes and its first character as written.
        @inline(__always)
        public mutating func add(lower: UnsafeBufferPointer<UInt8>, first: UnicodeScalar) {
            add(functionWordFlags: first.isLower ? StopWords.functionWords.value(forBytes: lower) ?? 0 : 0, first: first)
        }

        /// One word whose `StopWords.functionWords` flags are already looked up.
        @inline(__always)
        public mutating func add(functionWordFlags flags: UInt32, first: UnicodeScalar) {
            words += 1
            guard first.isLower else { return }
            lowercaseWords += 1
            guard flags & 0xFF != 0 else { return }
            hits &+= Evidence.increments[Int(flags & 0xFF)]
        }

        /// For each combination of the eight language bits, the counts it adds.
        static let increments: [SIMD8<Int32>] = (0..<256).map { bits in
            var v = SIMD8<Int32>()
            for k in 0..<8 where bits & (1 << k) != 0 { v[k] = 1 }
            return v
        }

        public mutating func add(_ other: Evidence) {
            words += other.words
            lowercaseWords += other.lowercaseWords
            hits &+= other.hits
        }
    }

    public struct Guess: Sendable, Equatable {
        /// ISO 639-1 code, or "und" when the text gives too little evidence.
        public var language: String
        /// Share of the text's words that are function words of that language.
        public var confidence: Double
    }

    public static func identify(_ text: String) -> Guess {
        var evidence = Evidence()
        Tokenizer.forEachLowerWord(text) { lower, first in evidence.add(lower: lower, first: first) }
        return identify(text, evidence: evidence)
    }

    /// The same, with the text's words already counted (ingest counts while it tokenizes).
    public static func identify(_ text: String, evidence: Evidence) -> Guess {
        var han = 0, kana = 0, hangul = 0, cyrillic = 0, arabic = 0, letters = 0
        // Scripts only matter when something is not ASCII; then count on the UTF-8 bytes,
        // decoding only the non-ASCII characters (ASCII letters are counted by range).
        if !text.isASCII { text.withUTF8Bytes { bytes in
            var i = 0
            var asciiLetters = 0
            let base = UnsafeRawPointer(bytes.baseAddress!)
            while i < bytes.count {
                // Eight ASCII bytes at a time: their letters are a count of mask bits.
                if i + 8 <= bytes.count {
                    let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if !ByteScan.hasNonASCII(x) {
                        asciiLetters += Tokenizer.asciiLetterBytes(x).nonzeroBitCount
                        i += 8
                        continue
                    }
                }
                let b = bytes[i]
                if b < 0x80 {
                    if (b | 0x20) &- 0x61 < 26 { asciiLetters += 1 }
                    i += 1
                    continue
                }
                let (s, width) = Tokenizer.decodeScalar(bytes, i)
                i += width
                guard s.properties.isAlphabetic else { continue }
                letters += 1
                switch s.value {
                case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
                case 0x3040...0x30FF: kana += 1
                case 0xAC00...0xD7AF: hangul += 1
                case 0x0400...0x04FF: cyrillic += 1
                case 0x0600...0x06FF: arabic += 1
                default: break
                }
            }
            letters += asciiLetters
        } }
        if letters > 0 {
            let share = { (n: Int) in Double(n) / Double(letters) }
            if share(kana) > 0.1 { return Guess(language: "ja", confidence: share(kana + han)) }
            if share(han) > 0.3 { return Guess(language: "zh", confidence: share(han)) }
            if share(hangul) > 0.3 { return Guess(language: "ko", confidence: share(hangul)) }
            if share(cyrillic) > 0.3 { return Guess(language: "ru", confidence: share(cyrillic)) }
            if share(arabic) > 0.3 { return Guess(language: "ar", confidence: share(arabic)) }
        }
        guard evidence.words > 0, evidence.lowercaseWords > 0 else { return Guess(language: "und", confidence: 0) }
        let hits = evidence.hits
        var best = ("und", 0)
        var second = 0
        for (k, lang) in languages.enumerated() {
            let n = Int(hits[k])
            if n > best.1 || (n == best.1 && lang == "en") {
                second = best.1
                best = (lang, n)
            } else if n > second {
                second = n
            }
        }
        // Too short or too mixed to call: a single shared word ("a", "in") proves nothing.
        if best.1 < 2 || best.1 < second * 2 { return Guess(language: "und", confidence: 0) }
        return Guess(language: best.0, confidence: Double(best.1) / Double(evidence.words))
    }
}
