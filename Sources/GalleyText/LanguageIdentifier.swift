/// Tells which language a piece of text is in, from function-word frequencies and script.
/// Good enough to separate an English article from Italian site chrome or a Chinese footer;
/// not a general-purpose identifier.
public enum LanguageIdentifier {
    static let languages: [String] = StopWords.byLanguage.keys.sorted()

    /// Function word -> bit set of the languages it belongs to: one lookup per word.
    static let languagesOfWord: [String: UInt16] = {
        var table: [String: UInt16] = [:]
        for (k, lang) in languages.enumerated() {
            var words = StopWords.byLanguage[lang]!
            if lang == "en" { words.formUnion(StopWords.english) }
            for w in words { table[w, default: 0] |= 1 << k }
        }
        return table
    }()

    public struct Guess: Sendable, Equatable {
        /// ISO 639-1 code, or "und" when the text gives too little evidence.
        public var language: String
        /// Share of the text's words that are function words of that language.
        public var confidence: Double
    }

    public static func identify(_ text: String) -> Guess {
        identify(text, words: Tokenizer.words(text))
    }

    /// The same, with the text's words already tokenized (ingest has them at hand).
    public static func identify(_ text: String, words tokens: [WordToken]) -> Guess {
        var han = 0, kana = 0, hangul = 0, cyrillic = 0, arabic = 0, letters = 0
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        if !ascii { for s in text.unicodeScalars {
            guard s.isLetter else { continue }
            letters += 1
            switch s.value {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
            case 0x3040...0x30FF: kana += 1
            case 0xAC00...0xD7AF: hangul += 1
            case 0x0400...0x04FF: cyrillic += 1
            case 0x0600...0x06FF: arabic += 1
            default: break
            }
        } }
        if letters > 0 {
            let share = { (n: Int) in Double(n) / Double(letters) }
            if share(kana) > 0.1 { return Guess(language: "ja", confidence: share(kana + han)) }
            if share(han) > 0.3 { return Guess(language: "zh", confidence: share(han)) }
            if share(hangul) > 0.3 { return Guess(language: "ko", confidence: share(hangul)) }
            if share(cyrillic) > 0.3 { return Guess(language: "ru", confidence: share(cyrillic)) }
            if share(arabic) > 0.3 { return Guess(language: "ar", confidence: share(arabic)) }
        }
        // Only words written in lowercase count: capitalised names and initials ("A Titterrell",
        // "D Bell") would otherwise read as Romance articles and conjunctions.
        let words = tokens.filter { $0.text.unicodeScalars.first?.isLower ?? false }.map(\.lower)
        guard !tokens.isEmpty, !words.isEmpty else { return Guess(language: "und", confidence: 0) }
        var hits = [Int](repeating: 0, count: languages.count)
        for w in words {
            guard let mask = languagesOfWord[w] else { continue }
            for k in 0..<languages.count where mask & (1 << k) != 0 { hits[k] += 1 }
        }
        var best = ("und", 0)
        var second = 0
        for (k, lang) in languages.enumerated() {
            if hits[k] > best.1 || (hits[k] == best.1 && lang == "en") {
                second = best.1
                best = (lang, hits[k])
            } else if hits[k] > second {
                second = hits[k]
            }
        }
        // Too short or too mixed to call: a single shared word ("a", "in") proves nothing.
        if best.1 < 2 || best.1 < second * 2 { return Guess(language: "und", confidence: 0) }
        return Guess(language: best.0, confidence: Double(best.1) / Double(tokens.count))
    }
}
