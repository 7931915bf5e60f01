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
    /// "AI-driven", "U.S."); everything else separates them. Runs on UTF-8 bytes with an
    /// ASCII fast path: this is the inner loop of ingest and of every analysis.
    public static func words(_ text: String) -> [WordToken] {
        var out: [WordToken] = []
        var copy = text
        copy.withUTF8 { buf in
            let n = buf.count
            var i = 0
            var scalarIndex = 0
            while i < n {
                let (isWord, width) = classify(buf, i)
                guard isWord else { i += width; scalarIndex += 1; continue }
                let start = i
                let startScalar = scalarIndex
                var allLower = true
                i += width; scalarIndex += 1
                if buf[start] >= 0x80 || (buf[start] >= 0x41 && buf[start] <= 0x5A) { allLower = false }
                while i < n {
                    let (w, wWidth) = classify(buf, i)
                    if w {
                        if buf[i] >= 0x80 || (buf[i] >= 0x41 && buf[i] <= 0x5A) { allLower = false }
                        i += wWidth; scalarIndex += 1; continue
                    }
                    // Joiners stay inside a word only between two word characters.
                    if let jw = joinerWidth(buf, i), i + jw < n, classify(buf, i + jw).0 {
                        if jw > 1 { allLower = false }
                        i += jw; scalarIndex += 1; continue
                    }
                    break
                }
                let word = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
                let lower = allLower ? word : normalize(word)
                out.append(WordToken(text: word, lower: lower, start: startScalar, end: scalarIndex))
            }
        }
        return out
    }

    /// Each word's lowercased form (the bytes of `WordToken.lower`) with the first character of
    /// the word as written, without building a token: look-ups can run on the bytes, and only
    /// the words kept become Strings.
    public static func forEachLowerWord(_ text: String, _ body: (_ lower: UnsafeBufferPointer<UInt8>, _ first: UnicodeScalar) -> Void) {
        var copy = text
        copy.withUTF8 { buf in
            let n = buf.count
            // One pass: ASCII words are lowercased into `out` as they are scanned.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(n, 1)) { out in
                let cls = lowerClass
                var i = 0
                while i < n {
                    let c = cls[Int(buf[i])]
                    if c < wordByte {
                        guard c == nonASCII else { i += 1; continue }
                        let (isWord, width) = classify(buf, i)
                        guard isWord else { i += width; continue }
                    }
                    let start = i
                    var length = 0
                    var ascii = true
                    while i < n {
                        let c = cls[Int(buf[i])]
                        if c >= wordByte { out[length] = c; length += 1; i += 1; continue }
                        if c == nonASCII {
                            let (isWord, width) = classify(buf, i)
                            if isWord { ascii = false; i += width; continue }
                        }
                        // Joiners stay inside a word only between two word characters.
                        if let jw = joinerWidth(buf, i), i + jw < n, classify(buf, i + jw).0 {
                            if jw > 1 { ascii = false } else { out[length] = buf[i]; length += 1 }
                            i += jw; continue
                        }
                        break
                    }
                    let first: UnicodeScalar = buf[start] < 0x80 ? UnicodeScalar(buf[start]) : decodeScalar(buf, start).0
                    if ascii {
                        body(UnsafeBufferPointer(rebasing: out[0..<length]), first)
                    } else {
                        var lower = normalize(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self))
                        lower.withUTF8 { body($0, first) }
                    }
                }
            }
        }
    }

    /// Per byte, for `forEachLowerWord`: an ASCII letter or digit reads as itself lowercased
    /// (at least `wordByte`); anything else is `separator` (joiners included: they are checked
    /// between word characters) or `nonASCII`.
    static let separator: UInt8 = 0, nonASCII: UInt8 = 2, wordByte: UInt8 = 0x30
    static let lowerClass: [UInt8] = (0..<256).map { v -> UInt8 in
        let b = UInt8(v)
        if b >= 0x80 { return nonASCII }
        if (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) { return b }
        if b >= 0x41 && b <= 0x5A { return b | 0x20 }
        return separator
    }

    /// Lowercased words only, for counting.
    public static func lowerWords(_ text: String) -> [String] {
        var out: [String] = []
        forEachLowerWord(text) { lower, _ in out.append(String(decoding: lower, as: UTF8.self)) }
        return out
    }

    public static func normalize(_ word: String) -> String {
        var w = word.fastLowercased
        if w.utf8.contains(0xE2), w.unicodeScalars.contains("\u{2019}") { w = w.replacingOccurrences(of: "\u{2019}", with: "'") }
        return w
    }

    /// Whether the character at byte `i` is a word character, and its width in bytes.
    @inline(__always)
    static func classify(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Bool, Int) {
        let b = buf[i]
        if b < 0x80 {
            return ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A), 1)
        }
        let (scalar, width) = decodeScalar(buf, i)
        return (isWordScalar(scalar), width)
    }

    @inline(__always)
    static func joinerWidth(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let b = buf[i]
        if b == 0x27 || b == 0x2D || b == 0x2E || b == 0x26 || b == 0x5F { return 1 }
        // U+2019 RIGHT SINGLE QUOTATION MARK: E2 80 99
        if b == 0xE2, i + 2 < buf.count, buf[i + 1] == 0x80, buf[i + 2] == 0x99 { return 3 }
        return nil
    }

    @inline(__always)
    static func decodeScalar(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UnicodeScalar, Int) {
        let b = buf[i]
        var v: UInt32
        var width: Int
        if b & 0xE0 == 0xC0 { v = UInt32(b & 0x1F); width = 2 }
        else if b & 0xF0 == 0xE0 { v = UInt32(b & 0x0F); width = 3 }
        else if b & 0xF8 == 0xF0 { v = UInt32(b & 0x07); width = 4 }
        else { return ("\u{FFFD}", 1) }
        guard i + width <= buf.count else { return ("\u{FFFD}", 1) }
        for k in 1..<width { v = v << 6 | UInt32(buf[i + k] & 0x3F) }
        return (UnicodeScalar(v) ?? "\u{FFFD}", width)
    }

    @inline(__always) public static func isWordScalar(_ s: UnicodeScalar) -> Bool {
        if s.value < 0x80 {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
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
