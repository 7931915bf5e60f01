import GalleyText

/// A content term of a text: the stem of a word that is not a stop word, and the word it came from.
public struct Term: Sendable, Equatable {
    public var stem: String
    /// Index of the word in the text's `Tokenizer.words`.
    public var word: Int
}

/// Content terms: lowercase words, possessive "'s" stripped, split at hyphens and dots
/// ("AI-driven" -> "ai", "driven"), stop words, one-letter parts and anything with a digit
/// dropped (a two-part compound with a function word is kept whole), then stemmed. `tools/build_stats.py` mirrors this exactly.
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

    /// Every word's stemmed parts, stop words included: what phrase signals ("too deep",
    /// "year of efficiency") are matched against, so that their function words count.
    public static func sequence(of words: [WordToken]) -> [Term] {
        var out: [Term] = []
        out.reserveCapacity(words.count)
        for (i, w) in words.enumerated() {
            var lower = w.lower
            if lower.hasSuffix("'s") { lower.removeLast(2) }
            if !lower.utf8.contains(0x2D) && !lower.utf8.contains(0x2E) {
                if !lower.isEmpty { out.append(Term(stem: Stemmer.stem(lower), word: i)) }
                continue
            }
            for piece in lower.split(whereSeparator: { $0 == "-" || $0 == "." }) { out.append(Term(stem: Stemmer.stem(String(piece)), word: i)) }
        }
        return out
    }

    public static func sequence(_ text: String) -> [String] { sequence(of: Tokenizer.words(text)).map(\.stem) }

    /// The stems one lowercase word contributes (usually zero or one). A two-part compound with a
    /// function word ("over-hiring", "in-house") stays one term ("overhiring"), since its
    /// content part alone ("hiring") would mean something else.
    public static func parts(_ lower: String) -> [String] {
        var w = lower
        if w.hasSuffix("'s") { w.removeLast(2) }
        let u = w.utf8
        if !u.contains(0x2D) && !u.contains(0x2E) {
            return keep(w) ? [Stemmer.stem(w)] : []
        }
        let pieces = w.split(whereSeparator: { $0 == "-" || $0 == "." }).map(String.init)
        if pieces.count == 2, u.contains(0x2D), !u.contains(0x2E), pieces.contains(where: StopWords.english.contains) {
            let joined = pieces.joined()
            return keep(joined) ? [Stemmer.stem(joined)] : []
        }
        var out: [String] = []
        for p in pieces where keep(p) { out.append(Stemmer.stem(p)) }
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
