/// Tells which language a piece of text is in, from function-word frequencies and script.
/// Good enough to separate an English article from Italian site chrome or a Chinese footer;
/// not a general-purpose identifier.
public enum LanguageIdentifier {
    public struct Guess: Sendable, Equatable {
        /// ISO 639-1 code, or "und" when the text gives too little evidence.
        public var language: String
        /// Share of the text's words that are function words of that language.
        public var confidence: Double
    }

    public static func identify(_ text: String) -> Guess {
        var han = 0, kana = 0, hangul = 0, cyrillic = 0, arabic = 0, letters = 0
        for s in text.unicodeScalars where s.properties.isAlphabetic {
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
        let tokens = Tokenizer.words(text)
        let words = tokens.filter { $0.text.unicodeScalars.first?.properties.isLowercase ?? false }.map(\.lower)
        guard !tokens.isEmpty, !words.isEmpty else { return Guess(language: "und", confidence: 0) }
        var best = ("und", 0)
        var second = 0
        for (lang, list) in StopWords.byLanguage {
            var hits = 0
            for w in words where list.contains(w) || (lang == "en" && StopWords.english.contains(w)) { hits += 1 }
            if hits > best.1 || (hits == best.1 && lang == "en") {
                second = best.1
                best = (lang, hits)
            } else if hits > second {
                second = hits
            }
        }
        // Too short or too mixed to call: a single shared word ("a", "in") proves nothing.
        if best.1 < 2 || best.1 < second * 2 { return Guess(language: "und", confidence: 0) }
        return Guess(language: best.0, confidence: Double(best.1) / Double(tokens.count))
    }
}
