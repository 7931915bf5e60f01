import GalleyText

/// Turns sentence text into word and stem ids without allocating per token: words are cut
/// from the UTF-8 bytes, lowercased, looked up in an open-addressing table keyed by their
/// bytes, and each distinct word is stemmed and classified once per process. A value type
/// used in place (`inout`), so the hot loop pays no class-property access checks.
///
/// Words follow Galley's tokenizer (`GalleyText.Tokenizer`): letters and digits, joined by
/// word-internal apostrophes, hyphens, periods, ampersands and underscores, so "don't",
/// "AI-driven", "U.S." and "$1.13bn"'s "1.13bn" are one word each. The curly apostrophe
/// counts as "'".
public struct Lexicon: Sendable {
    /// One token of a sentence.
    public struct Token: Equatable, Sendable {
        /// The lowercased word's id.
        public var word: Int32
        /// The id of its stem (possessive "'s" removed, then Porter); a separate number space.
        public var stem: Int32
        /// A function word ("the", "would"): counted as a word, never a term.
        public var isStop: Bool
        /// A bare number ("2004", "1.5"): a term for the title match, not for similarity
        /// between sentences (shared years and counts say little about shared content).
        public var isNumber: Bool
    }

    // Open-addressing table of distinct words: slot -> word id, or -1.
    private var slots: [Int32]
    private var mask: Int
    private var wordHash: [UInt64] = []
    private var wordStart: [Int32] = []
    private var wordLength: [Int32] = []
    private var arena: [UInt8] = []
    /// Word id -> stem id and stop flag.
    private var wordStem: [Int32] = []
    private var wordStop: [Bool] = []
    private var wordNumber: [Bool] = []
    private var stemIDs: [[UInt8]: Int32] = [:]
    private var stems: [[UInt8]] = []

    /// Above this many distinct words the tables start afresh (between articles), so a
    /// never-ending stream of rare words cannot grow memory without bound.
    public var maximumWords = 1 << 21

    public init() {
        slots = Array(repeating: -1, count: 1 << 14)
        mask = (1 << 14) - 1
    }

    /// Number of distinct stems and words seen so far; ids are below these.
    public var stemCount: Int { stems.count }
    public var wordCount: Int { wordHash.count }

    /// The lowercased text of a word id, for tests and debugging.
    public func wordText(_ word: Int32) -> String {
        let start = Int(wordStart[Int(word)])
        return String(decoding: arena[start ..< start + Int(wordLength[Int(word)])], as: UTF8.self)
    }

    /// The text of a stem id, for tests and debugging.
    public func stemText(_ stem: Int32) -> String { String(decoding: stems[Int(stem)], as: UTF8.self) }

    /// Starts afresh when the tables have grown past `maximumWords`. Call between articles only:
    /// ids handed out before are invalid afterwards.
    /// - Returns: whether the tables were cleared.
    @discardableResult
    public mutating func trimIfNeeded() -> Bool {
        guard wordHash.count > maximumWords else { return false }
        slots = Array(repeating: -1, count: 1 << 14); mask = (1 << 14) - 1
        wordHash = []; wordStart = []; wordLength = []; arena = []; wordStem = []; wordStop = []; wordNumber = []
        stemIDs = [:]; stems = []
        return true
    }

    /// Calls `body` with each word token of `text`, in order.
    @inline(__always)
    public mutating func forEachToken(in text: String, _ body: (Token) -> Void) {
        var copy = text
        copy.withUTF8 { buf in forEachToken(in: buf, body) }
    }

    /// The tokens of `text` as an array (convenience for tests and short strings).
    public mutating func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        forEachToken(in: text) { out.append($0) }
        return out
    }

    /// Words longer than this many bytes are cut (never the case in prose).
    static let maximumWordBytes = 64

    public mutating func forEachToken(in buf: UnsafeBufferPointer<UInt8>, _ body: (Token) -> Void) {
        let n = buf.count
        var i = 0
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let capacity = Self.maximumWordBytes
        withUnsafeMutableBytes(of: &scratch) { raw in
            let word = raw.bindMemory(to: UInt8.self)
            var length = 0
            var hash: UInt64 = 0
            @inline(__always) func put(_ b: UInt8) {
                guard length < capacity else { return }
                word[length] = b; length += 1
                hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3  // FNV-1a
            }
            while i < n {
                // Skip separators.
                while i < n, wordWidth(buf, i) == 0 { i += buf[i] < 0x80 ? 1 : Self.scalarWidth(buf[i]) }
                guard i < n else { break }
                length = 0
                hash = 0xcbf2_9ce4_8422_2325
                while i < n {
                    let w = wordWidth(buf, i)
                    if w == 1 {
                        let b = buf[i]
                        put((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
                        i += 1
                    } else if w > 1 {
                        for k in 0..<w { put(buf[i + k]) }
                        i += w
                    } else if let jw = joinerWidth(buf, i), i + jw < n, wordWidth(buf, i + jw) > 0 {
                        put(jw == 1 ? buf[i] : 0x27)  // the curly apostrophe reads as "'"
                        i += jw
                    } else {
                        break
                    }
                }
                let id = lookup(UnsafeBufferPointer(rebasing: word[0..<length]), hash: hash)
                body(Token(word: id, stem: wordStem[Int(id)], isStop: wordStop[Int(id)], isNumber: wordNumber[Int(id)]))
            }
        }
    }

    /// Width in bytes of the letter or digit at `i`, or 0 when it is not one.
    @inline(__always) private func wordWidth(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = buf[i]
        if b < 0x80 { return (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) ? 1 : 0 }
        let (isWord, w) = Self.wordScalar(buf, i)
        return isWord ? w : 0
    }

    /// ' - . & _ and U+2019 join two word characters.
    @inline(__always) private func joinerWidth(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let b = buf[i]
        if b == 0x27 || b == 0x2D || b == 0x2E || b == 0x26 || b == 0x5F { return 1 }
        if b == 0xE2, i + 2 < buf.count, buf[i + 1] == 0x80, buf[i + 2] == 0x99 { return 3 }
        return nil
    }

    @inline(__always) static func scalarWidth(_ lead: UInt8) -> Int {
        if lead & 0xE0 == 0xC0 { return 2 }
        if lead & 0xF0 == 0xE0 { return 3 }
        if lead & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    /// Whether the non-ASCII character at `i` is a letter or digit, and its width in bytes.
    @inline(__always)
    static func wordScalar(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Bool, Int) {
        let b = buf[i]
        let width = scalarWidth(b)
        guard width > 1, i + width <= buf.count else { return (false, 1) }
        var v = UInt32(b) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for k in 1..<width { v = v << 6 | UInt32(buf[i + k] & 0x3F) }
        // General punctuation (dashes, curly quotes, ellipsis) is the common case: no lookup.
        if v >= 0x2000 && v <= 0x206F { return (false, width) }
        guard let s = UnicodeScalar(v) else { return (false, width) }
        return (s.properties.isAlphabetic || s.properties.numericType != nil, width)
    }

    /// The word id of `word`, adding it (stemmed, classified) when new.
    private mutating func lookup(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if wordHash[Int(id)] == hash, Int(wordLength[Int(id)]) == word.count {
                let start = Int(wordStart[Int(id)])
                var same = true
                for k in 0..<word.count where arena[start + k] != word[k] { same = false; break }
                if same { return id }
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(wordHash.count)
        slots[slot] = id
        wordHash.append(hash)
        wordStart.append(Int32(arena.count))
        wordLength.append(Int32(word.count))
        arena.append(contentsOf: word)
        let bytes = Array(word)
        let stop = Self.stopWords.contains(bytes), number = Self.isNumber(bytes)
        let stem = stop || number ? bytes : Self.stem(bytes)
        let stemID: Int32
        if let t = stemIDs[stem] { stemID = t } else {
            stemID = Int32(stems.count)
            stemIDs[stem] = stemID
            stems.append(stem)
        }
        wordStem.append(stemID)
        wordStop.append(stop)
        wordNumber.append(number)
        if wordHash.count * 2 > slots.count { grow() }
        return id
    }

    /// Possessive "'s" removed, then the Porter stem of a plain lowercase word.
    static func stem(_ word: [UInt8]) -> [UInt8] {
        var w = word
        if w.count > 2, w[w.count - 2] == 0x27, w[w.count - 1] == 0x73 { w.removeLast(2) }
        return PorterStemmer.stem(w)
    }

    /// Digits with decimal or thousands separators only: "2004", "1.5", "16,000".
    static func isNumber(_ word: [UInt8]) -> Bool {
        word.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for id in 0..<wordHash.count {
            var slot = Int(truncatingIfNeeded: wordHash[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// Galley's English stop words (with their apostrophes, as words keep them), plus the
    /// pieces left when an apostrophe is not between two letters.
    static let stopWords: Set<[UInt8]> = {
        var out: Set<[UInt8]> = Set(StopWords.english.map { Array($0.utf8) })
        for extra in ["s", "t", "d", "ll", "m", "re", "ve"] { out.insert(Array(extra.utf8)) }
        return out
    }()
}
