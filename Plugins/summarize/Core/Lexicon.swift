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
        /// The word's id within the current document (see `beginDocument`), numbered from 0
        /// in order of first use; -1 for stop words and numbers.
        public var local: Int32
    }

    /// One cell of the open-addressing table: a word's 64-bit FNV-1a hash (with its length
    /// mixed in), which stands for the word, what the word reads as, and its id in the
    /// current document. Probing touches this one array only, and the per-document id lives
    /// in the cell the probe already brought into cache. Two distinct words would have to
    /// share all 64 bits to be confused: odds of about 3 in 10^8 over a whole million-word
    /// vocabulary, and the cost would be two rare words counted as one term.
    struct Slot {
        var hash: UInt64 = 0
        var word: Int32 = -1  // -1: empty
        var stem: Int32 = 0
        var local: Int32 = -1
        var stamp: UInt16 = 0
        var isStop = false
        var isNumber = false
    }

    private var slots: [Slot]
    private var mask: Int
    private var count = 0
    /// The current document's number (stamps older than this are stale) and its word count.
    private var generation: UInt16 = 1
    public private(set) var localCount = 0
    /// The words' bytes, for `wordText` (tests and debugging).
    private var arena: [UInt8] = []
    private var wordStart: [Int32] = [0]
    /// Stems are interned too, so "layoffs" and "layoff" share one stem id (keyed, like
    /// words, by hash and length).
    private var stemIDs: [StemKey: Int32] = [:]
    private var stems: [[UInt8]] = []

    struct StemKey: Hashable {
        var hash: UInt64
        var length: Int
        func hash(into h: inout Hasher) { h.combine(hash) }
    }

    /// Above this many distinct words the tables start afresh (between articles), so a
    /// never-ending stream of rare words cannot grow memory without bound.
    public var maximumWords = 1 << 21

    /// Starts with room for 32k words (a year of news vocabulary grows it further), and with
    /// the stop words in place, so a new word never needs the stop-word check.
    public init() {
        slots = Array(repeating: Slot(), count: Self.initialSlots)
        mask = Self.initialSlots - 1
        for w in Self.stopWords.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            w.withUnsafeBufferPointer { b in _ = token(b, hash: Self.fnv(b) ^ UInt64(b.count) << 56) }
        }
    }

    /// Starts a new document: per-document word ids (`Token.local`) begin again at 0.
    public mutating func beginDocument() {
        generation &+= 1
        if generation == 0 {  // wrapped: forget every stamp once
            slots.withUnsafeMutableBufferPointer { sl in for k in sl.indices { sl[k].stamp = 0 } }
            generation = 1
        }
        localCount = 0
    }

    static let initialSlots = 1 << 16

    static func fnv(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in b { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return h
    }

    /// Number of distinct stems and words seen so far; ids are below these.
    public var stemCount: Int { stems.count }
    public var wordCount: Int { count }

    /// The lowercased text of a word id, for tests and debugging.
    public func wordText(_ word: Int32) -> String {
        String(decoding: arena[Int(wordStart[Int(word)]) ..< Int(wordStart[Int(word) + 1])], as: UTF8.self)
    }

    /// The text of a stem id, for tests and debugging.
    public func stemText(_ stem: Int32) -> String { String(decoding: stems[Int(stem)], as: UTF8.self) }

    /// Starts afresh when the tables have grown past `maximumWords`. Call between articles only:
    /// ids handed out before are invalid afterwards.
    /// - Returns: whether the tables were cleared.
    @discardableResult
    public mutating func trimIfNeeded() -> Bool {
        guard count > maximumWords else { return false }
        self = Lexicon()
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
        guard let p = buf.baseAddress, buf.count > 0 else { return }
        let n = buf.count
        var i = 0
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let capacity = Self.maximumWordBytes
        withUnsafeMutableBytes(of: &scratch) { raw in
            let word = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            while i < n {
                // Skip separators: ASCII ones by arithmetic, others by their Unicode class.
                var w = 0
                while i < n {
                    let b = p[i]
                    if b < 0x80 {
                        if (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 { w = 1; break }
                        i += 1
                    } else {
                        let (isWord, width) = Self.wordScalar(buf, i)
                        if isWord { w = width; break }
                        i += width
                    }
                }
                guard w > 0 else { break }
                var length = 0
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
                while true {
                    if w == 1 {
                        var b = p[i]
                        if b &- 0x41 < 26 { b |= 0x20 }
                        if length < capacity { word[length] = b; length += 1; hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
                        i += 1
                    } else {
                        for k in 0..<w where length < capacity {
                            word[length] = p[i + k]; length += 1; hash = (hash ^ UInt64(p[i + k])) &* 0x100_0000_01b3
                        }
                        i += w
                    }
                    guard i < n else { break }
                    let b = p[i]
                    if b < 0x80, (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 { w = 1; continue }
                    if b >= 0x80 {
                        let (isWord, width) = Self.wordScalar(buf, i)
                        if isWord { w = width; continue }
                    }
                    // A joiner between two word characters stays in the word.
                    guard let jw = Self.joinerWidth(buf, i), i + jw < n else { break }
                    let next = Self.wordWidth(buf, i + jw)
                    guard next > 0 else { break }
                    let j: UInt8 = jw == 1 ? b : 0x27  // the curly apostrophe reads as "'"
                    if length < capacity { word[length] = j; length += 1; hash = (hash ^ UInt64(j)) &* 0x100_0000_01b3 }
                    i += jw
                    w = next
                }
                body(token(UnsafeBufferPointer(start: word, count: length), hash: hash ^ UInt64(length) << 56))
            }
        }
    }

    /// Width in bytes of the letter or digit at `i`, or 0 when it is not one.
    @inline(__always) static func wordWidth(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = buf[i]
        if b < 0x80 { return (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) ? 1 : 0 }
        let (isWord, w) = Self.wordScalar(buf, i)
        return isWord ? w : 0
    }

    /// ' - . & _ and U+2019 join two word characters.
    @inline(__always) static func joinerWidth(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
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

    /// The token of `word`, adding the word (stemmed, classified) when new, and giving it its
    /// per-document id when this is its first use in the document.
    @inline(__always)
    private mutating func token(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Token {
        let mask = self.mask, generation = self.generation
        var nextLocal = Int32(localCount)
        let (found, free): (Token?, Int) = slots.withUnsafeMutableBufferPointer { sl in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                if sl[slot].word < 0 { return (nil, slot) }
                if sl[slot].hash == hash {
                    if sl[slot].stamp != generation {
                        sl[slot].stamp = generation
                        if sl[slot].isStop || sl[slot].isNumber { sl[slot].local = -1 } else { sl[slot].local = nextLocal; nextLocal += 1 }
                    }
                    let c = sl[slot]
                    return (Token(word: c.word, stem: c.stem, isStop: c.isStop, isNumber: c.isNumber, local: c.local), slot)
                }
                slot = (slot + 1) & mask
            }
        }
        localCount = Int(nextLocal)
        if let found { return found }
        return insert(word, hash: hash, slot: free)
    }

    private mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, slot: Int) -> Token {
        let id = Int32(count)
        count += 1
        arena.append(contentsOf: word)
        wordStart.append(Int32(arena.count))
        let bytes = Array(word)
        // Stop words are all in the table from the start (see init), so a new word is one
        // only while init fills the table.
        let stop = stems.count < Self.stopWords.count && Self.stopWords.contains(bytes)
        let number = Self.isNumber(bytes)
        let stem = stop || number ? bytes : Self.stem(bytes)
        let key = stem.withUnsafeBufferPointer { StemKey(hash: Self.fnv($0), length: $0.count) }
        let stemID: Int32
        if let t = stemIDs[key] { stemID = t } else {
            stemID = Int32(stems.count)
            stemIDs[key] = stemID
            stems.append(stem)
        }
        var local: Int32 = -1
        if !stop && !number { local = Int32(localCount); localCount += 1 }
        slots[slot] = Slot(hash: hash, word: id, stem: stemID, local: local, stamp: generation, isStop: stop, isNumber: number)
        if count * 2 > slots.count { grow() }
        return Token(word: id, stem: stemID, isStop: stop, isNumber: number, local: local)
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
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for cell in old where cell.word >= 0 {
            var slot = Int(truncatingIfNeeded: cell.hash) & mask
            while slots[slot].word >= 0 { slot = (slot + 1) & mask }
            slots[slot] = cell
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
