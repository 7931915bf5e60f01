import Foundation

/// Word tokens with their positions, the unit most text signals are counted in.
public struct WordToken: Sendable, Equatable {
    /// The word as written.
    public var text: String
    /// Lowercased form, apostrophes normalised to "'".
    public var lower: String
    /// Offsets in Unicode scalars into the tokenized string.
    public var start: Int
    public var end: Int
}

public enum Tokenizer {
    /// Letters, digits and word-internal apostrophes/hyphens/periods make words ("don't",
    /// "AI-driven", "U.S."); everything else separates them.
    public static func words(_ text: String) -> [WordToken] {
        var out: [WordToken] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard isWordScalar(scalars[i]) else { i += 1; continue }
            let start = i
            i += 1
            while i < scalars.count {
                let s = scalars[i]
                if isWordScalar(s) { i += 1; continue }
                // Joiners stay inside a word only between two word characters.
                if isJoiner(s), i + 1 < scalars.count, isWordScalar(scalars[i + 1]) { i += 2; continue }
                break
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<i])
            let word = String(view)
            out.append(WordToken(text: word, lower: normalize(word), start: start, end: i))
        }
        return out
    }

    /// Lowercased words only, for counting.
    public static func lowerWords(_ text: String) -> [String] { words(text).map(\.lower) }

    public static func normalize(_ word: String) -> String {
        var w = word.lowercased()
        if w.unicodeScalars.contains("\u{2019}") { w = w.replacingOccurrences(of: "\u{2019}", with: "'") }
        return w
    }

    @inline(__always) public static func isWordScalar(_ s: UnicodeScalar) -> Bool {
        if s.value < 0x80 {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    @inline(__always) static func isJoiner(_ s: UnicodeScalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "-" || s == "." || s == "&" || s == "_"
    }
}

extension String {
    /// Whitespace trimmed from both ends.
    public var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
