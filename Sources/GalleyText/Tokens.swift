import Foundation
import GalleyJSON

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

/// Receives the words of a text from `Tokenizer.scanLowerWords`.
protocol LowerWordSink {
    mutating func word(_ lower: UnsafeBufferPointer<UInt8>, first: UnicodeScalar, hash: UInt64)
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
        withoutActuallyEscaping(body) { body in
            var sink = ClosureSink(body: body)
            scanLowerWords(text, into: &sink)
        }
    }

    private struct ClosureSink: LowerWordSink {
        let body: (_ lower: UnsafeBufferPointer<UInt8>, _ first: UnicodeScalar) -> Void
        mutating func word(_ lower: UnsafeBufferPointer<UInt8>, first: UnicodeScalar, hash: UInt64) { body(lower, first) }
    }

    /// The words of `text` into `sink`, each as its lowercase bytes, its first character as
    /// written and its `WordTable.hash` (a table look-up then needs no second pass over the
    /// bytes). Generic over the sink so that the per-word work compiles into the scanning loop.
    ///
    /// Runs of ASCII letters and digits are read 8 bytes at a time: which bytes belong to the
    /// word is a mask, its length a count of trailing bits, and the lowercased bytes are one
    /// store. A byte-at-a-time loop paid a mispredicted branch at every word's end. Joiners and
    /// non-ASCII characters go through the same rules byte by byte.
    static func scanLowerWords<Sink: LowerWordSink>(_ text: String, into sink: inout Sink) {
        var copy = text
        copy.withUTF8 { buf in
            let n = buf.count
            guard n > 0, let p = buf.baseAddress else { return }
            let raw = UnsafeRawPointer(p)
            // ASCII words are lowercased into `out` as they are scanned; 8 bytes of slack for
            // whole-block stores and for the padded hash read.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 16) { outBuffer in
                let out = outBuffer.baseAddress!
                let outRaw = UnsafeMutableRawPointer(out)
                lowerClass.withUnsafeBufferPointer { cls in
                    // Positions and lengths stay below `n`: wrapping arithmetic (`&+`) spares the
                    // hottest loop of ingest an overflow check per step.
                    var i = 0
                    while i < n {
                        // Skip to the next ASCII letter or digit, or non-ASCII byte, 8 at a time.
                        if i &+ 8 <= n {
                            let stop = wordOrNonASCII(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                            if stop == 0 { i &+= 8; continue }
                            i &+= stop.trailingZeroBitCount &>> 3
                        }
                        let c = cls[Int(p[i])]
                        if c < wordByte {
                            guard c == nonASCII else { i += 1; continue }
                            let (isWord, width) = classify(buf, i)
                            guard isWord else { i += width; continue }
                        }
                        let start = i
                        var length = 0
                        var ascii = true
                        while i < n {
                            if i &+ 8 <= n {
                                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                                let word = asciiWordBytes(x)
                                (outRaw + length).storeBytes(of: x | 0x2020_2020_2020_2020, as: UInt64.self)
                                if word == ByteScan.highs { length &+= 8; i &+= 8; continue }
                                let k = (~word & ByteScan.highs).trailingZeroBitCount &>> 3
                                length &+= k; i &+= k
                            } else {
                                let c = cls[Int(p[i])]
                                if c >= wordByte { out[length] = c; length += 1; i += 1; continue }
                            }
                            // p[i] is not an ASCII letter or digit.
                            guard i < n else { break }
                            let c = cls[Int(p[i])]
                            if c == nonASCII {
                                let (isWord, width) = classify(buf, i)
                                if isWord { ascii = false; i += width; continue }
                            }
                            // Joiners stay inside a word only between two word characters.
                            if let jw = joinerWidth(buf, i), i + jw < n, classify(buf, i + jw).0 {
                                if jw > 1 {
                                    ascii = false
                                } else {
                                    out[length] = p[i]; length += 1
                                }
                                i += jw; continue
                            }
                            break
                        }
                        let first: UnicodeScalar = p[start] < 0x80 ? UnicodeScalar(p[start]) : decodeScalar(buf, start).0
                        if ascii {
                            sink.word(UnsafeBufferPointer(start: out, count: length), first: first,
                                      hash: WordTable.hash(padded: out, count: length))
                        } else {
                            var lower = normalize(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self))
                            lower.withUTF8 { sink.word($0, first: first, hash: WordTable.hash($0)) }
                        }
                    }
                }
            }
        }
    }

    /// The high bit of each byte of `x` that is an ASCII letter or digit.
    @inlinable @inline(__always)
    public static func asciiWordBytes(_ x: UInt64) -> UInt64 {
        let highs = ByteScan.highs, ones = ByteScan.ones
        let v = x & ~highs                  // 7 bits per byte: no carries between bytes below
        // A 7-bit byte b is >= a when b + (0x80 - a) has its high bit set, and > z when
        // b + (0x7F - z) has.
        let digit = (v &+ ones &* 0x50) & ~(v &+ ones &* 0x46)   // >= 0x30 and not > 0x39
        return (digit & ~x & highs) | asciiLetterBytes(x)
    }

    /// The high bit of each byte of `x` that is an ASCII letter.
    @inlinable @inline(__always)
    public static func asciiLetterBytes(_ x: UInt64) -> UInt64 {
        let highs = ByteScan.highs, ones = ByteScan.ones
        let l = (x & ~highs) | 0x2020_2020_2020_2020              // 7 bits, letters lowercased
        let letter = (l &+ ones &* 0x1F) & ~(l &+ ones &* 0x05)  // >= 0x61 and not > 0x7A
        return letter & ~x & highs
    }

    /// The high bit of each byte that is an ASCII letter or digit, or not ASCII: where a word
    /// may start.
    @inline(__always)
    static func wordOrNonASCII(_ x: UInt64) -> UInt64 { asciiWordBytes(x) | (x & ByteScan.highs) }

    /// What line classification counts over a line's words, in one pass (no String per word).
    public struct WordStats: Sendable {
        public var count = 0
        /// Words of `StopWords.english`.
        public var stopWords = 0
        /// Words that are not stop words, or are stop words longer than three letters.
        public var contentWords = 0
        /// Content words starting with a capital letter or a digit.
        public var cappedContentWords = 0
        public var languageEvidence = LanguageIdentifier.Evidence()
        /// A hash of the word sequence: equal words in equal order, equal hash.
        public var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    }

    public static func wordStats(_ text: String) -> WordStats {
        var sink = WordStatsSink(table: StopWords.functionWords)
        scanLowerWords(text, into: &sink)
        return sink.stats
    }

    private struct WordStatsSink: LowerWordSink {
        let table: WordTable
        var stats = WordStats()

        @inline(__always)
        mutating func word(_ lower: UnsafeBufferPointer<UInt8>, first: UnicodeScalar, hash: UInt64) {
            stats.count &+= 1
            stats.hash = (stats.hash ^ hash) &* 0x100_0000_01b3
            let flags = table.value(forBytes: lower, hash: hash) ?? 0
            stats.languageEvidence.add(functionWordFlags: flags, first: first)
            let isStop = flags & StopWords.englishStopBit != 0
            if isStop { stats.stopWords &+= 1 }
            if !isStop || lower.count > 3 {
                stats.contentWords &+= 1
                if first.isUpper || first.isDigitLike { stats.cappedContentWords &+= 1 }
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
    /// Whether `needle` (ASCII, lowercase) occurs in the text, ASCII letters compared in any
    /// case. A byte search: Foundation's `contains` bridges and compares Unicode strings.
    public func containsASCIIIgnoringCase(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        var copy = self
        return copy.withUTF8 { h in
            guard h.count >= n.count else { return false }
            for i in 0...(h.count - n.count) where h[i] | 0x20 == first {
                var k = 1
                while k < n.count, Self.asciiLower(h[i + k]) == n[k] { k += 1 }
                if k == n.count { return true }
            }
            return false
        }
    }

    /// Whether the text, spaces and tabs at its end aside, ends with `suffix` (ASCII,
    /// lowercase), ASCII letters compared in any case.
    public func hasASCIISuffixIgnoringCase(_ suffix: String) -> Bool {
        let n = Array(suffix.utf8)
        var copy = self
        return copy.withUTF8 { h in
            var end = h.count
            while end > 0, h[end - 1] == 0x20 || h[end - 1] == 0x09 { end -= 1 }
            guard end >= n.count else { return false }
            for k in 0..<n.count where Self.asciiLower(h[end - n.count + k]) != n[k] { return false }
            return true
        }
    }

    @inline(__always) private static func asciiLower(_ b: UInt8) -> UInt8 {
        b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    /// Whitespace trimmed from both ends.
    public var trimmed: String {
        // Most strings start and end with a visible ASCII character: nothing to trim, and no
        // Unicode property look-up per end.
        if let first = utf8.first, let last = utf8.last, first &- 0x21 < 0x5E, last &- 0x21 < 0x5E { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
