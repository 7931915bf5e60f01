import GalleyText

/// A content term of a text: the stem of a word that is not a stop word, and the word it came from.
public struct Term: Sendable, Equatable {
    public var stem: String
    /// Index of the word in the text's `Tokenizer.words`.
    public var word: Int
}

/// Content terms: lowercase words, possessive "'s" stripped, split at hyphens and dots
/// ("AI-driven" -> "ai", "driven"), stop words, one-letter parts and anything with a digit
/// dropped, then stemmed. `tools/build_stats.py` mirrors this exactly.
public enum TermExtractor {
    public static func terms(of words: [WordToken]) -> [Term] {
        var out: [Term] = []
        out.reserveCapacity(words.count)
        for (i, w) in words.enumerated() {
            for part in parts(w.lower) { out.append(Term(stem: part, word: i)) }
        }
        return out
    }

    public static func stems(_ text: String) -> [String] {
        terms(of: Tokenizer.words(text)).map(\.stem)
    }

    /// The stems one lowercase word contributes (usually zero or one).
    public static func parts(_ lower: String) -> [String] {
        var w = lower
        if w.hasSuffix("'s") { w.removeLast(2) }
        let u = w.utf8
        if !u.contains(0x2D) && !u.contains(0x2E) {
            return keep(w) ? [Stemmer.stem(w)] : []
        }
        var out: [String] = []
        for piece in w.split(whereSeparator: { $0 == "-" || $0 == "." }) {
            let p = String(piece)
            if keep(p) { out.append(Stemmer.stem(p)) }
        }
        return out
    }

    @inline(__always) static func keep(_ w: String) -> Bool {
        var count = 0
        for b in w.utf8 {
            if b >= 0x30 && b <= 0x39 { return false }
            count += 1
        }
        return count >= 2 && !StopWords.english.contains(w)
    }
}
