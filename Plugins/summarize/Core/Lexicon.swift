import GalleyJSON
import GalleyText

/// Turns sentence text into word and stem ids without allocating per token: words are cut
/// from the UTF-8 bytes, lowercased, looked up in an open-addressing table keyed by their
/// bytes' hash, and each distinct word is stemmed and classified once per process. A value
/// type used in place (`inout`), so the hot loop pays no class-property access checks.
///
/// Words follow Galley's tokenizer (`GalleyText.Tokenizer`): letters and digits, joined by
/// word-internal apostrophes, hyphens, periods, ampersands and underscores, so "don't",
/// "AI-driven", "U.S." and "$1.13bn"'s "1.13bn" are one word each. The curly apostrophe
/// counts as "'".
public struct Lexicon: Sendable {
    /// One token of a sentence.
    public struct Token: Equatable, Sendable {
        /// The lowercased word's 64-bit hash, which stands for the word (see `Cell`).
        public var word: UInt64
        /// The id of its stem (possessive "'s" removed, then Porter), numbered from 0.
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

    /// One cell of the open-addressing table, 16 bytes: a word's key (`Lexicon.key`: its hash,
    /// length mixed in, low bit set so that 0 means empty), which stands for the word; its stem id and
    /// class; and its id in the current document with the document's stamp. Probing touches
    /// this one array only, and the per-document id lives in the cell the probe already
    /// brought into cache. Two distinct words would have to share all 64 bits to be confused:
    /// odds of about 3 in 10^8 over a whole million-word vocabulary, and the cost would be
    /// two rare words counted as one term.
    struct Cell {
        var hash: UInt64 = 0
        /// Stem id in the low 30 bits; bit 30: a number; bit 31: a stop word.
        var stemAndClass: UInt32 = 0
        /// Per-document id in the low 20 bits (all ones: none); the document stamp above.
        var localAndStamp: UInt32 = 0
    }

    static let numberBit: UInt32 = 1 << 30, stopBit: UInt32 = 1 << 31
    static let noLocal: UInt32 = 0xF_FFFF, stampShift: UInt32 = 20

    /// Everything but the table: the words' and stems' bytes and the stem index.
    struct Store: Sendable {
        var count = 0
        /// True while `Lexicon.init` adds the stop words; no later word is one.
        var addingStopWords = false
        /// The words' bytes, for `wordText` (tests and debugging).
        var arena: [UInt8] = []
        var wordHashes: [UInt64] = []
        var wordStarts: [Int32] = [0]
        /// Stems are interned too, so "layoffs" and "layoff" share one stem id: an
        /// open-addressing table keyed, like words, by a 64-bit hash (0: empty).
        var stemHashes = [UInt64](repeating: 0, count: 1 << 15)
        var stemSlotIDs = [Int32](repeating: 0, count: 1 << 15)
        var stemArena: [UInt8] = []
        var stemStarts: [Int32] = [0]

        /// The id of a stem, interning it when new.
        mutating func stemID(_ stem: UnsafeBufferPointer<UInt8>) -> Int32 {
            let key = (WordTable.hash(stem) ^ UInt64(stem.count) << 56) | 1
            var mask = stemHashes.count - 1
            var slot = Int(truncatingIfNeeded: key >> 1) & mask
            while stemHashes[slot] != 0 {
                if stemHashes[slot] == key { return stemSlotIDs[slot] }
                slot = (slot + 1) & mask
            }
            let id = Int32(stemStarts.count - 1)
            stemArena.append(contentsOf: stem); stemStarts.append(Int32(stemArena.count))
            stemHashes[slot] = key; stemSlotIDs[slot] = id
            if Int(id + 1) > Lexicon.capacity(of: stemHashes.count) {  // grow
                let oldHashes = stemHashes, oldIDs = stemSlotIDs
                stemHashes = [UInt64](repeating: 0, count: oldHashes.count * 2)
                stemSlotIDs = [Int32](repeating: 0, count: oldHashes.count * 2)
                mask = stemHashes.count - 1
                for k in oldHashes.indices where oldHashes[k] != 0 {
                    var s = Int(truncatingIfNeeded: oldHashes[k] >> 1) & mask
                    while stemHashes[s] != 0 { s = (s + 1) & mask }
                    stemHashes[s] = oldHashes[k]; stemSlotIDs[s] = oldIDs[k]
                }
            }
            return id
        }

        /// Adds a word: its stem id and class bits.
        mutating func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UInt32 {
            count += 1
            arena.append(contentsOf: word)
            wordHashes.append(hash); wordStarts.append(Int32(arena.count))
            // Stop words are all added first (see Lexicon.init); later words never are one.
            let stop = addingStopWords && Lexicon.stopWords.contains(Array(word))
            let number = Lexicon.isNumber(word)
            var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            let id: Int32 = withUnsafeMutableBytes(of: &buffer) { raw in
                let b = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                let stem: UnsafeBufferPointer<UInt8>
                if stop || number {
                    stem = word
                } else {
                    // Possessive "'s" removed, then Porter.
                    var w = word
                    if w.count > 2, w[w.count - 2] == 0x27, w[w.count - 1] == 0x73 { w = UnsafeBufferPointer(rebasing: w.dropLast(2)) }
                    stem = UnsafeBufferPointer(start: b, count: PorterStemmer.stem(w, into: b))
                }
                return self.stemID(stem)
            }
            return UInt32(id) | (number ? Lexicon.numberBit : 0) | (stop ? Lexicon.stopBit : 0)
        }
    }

    private var cells: [Cell]
    private var mask: Int
    private var store = Store()
    /// The current document's stamp (12 bits, never 0) and its number of distinct words.
    private var stamp: UInt32 = 1
    public private(set) var localCount = 0

    /// Above this many distinct words the tables start afresh (between articles), so a
    /// never-ending stream of rare words cannot grow memory without bound.
    public var maximumWords = 1 << 21

    /// Starts with room for 26k words, and with the stop words in place, so a new word never
    /// needs the stop-word check.
    public init() {
        cells = Array(repeating: Cell(), count: Self.initialCells)
        mask = Self.initialCells - 1
        store.addingStopWords = true
        for w in Self.stopWords.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            w.withUnsafeBufferPointer { b in _ = tokens(in: b) }
        }
        store.addingStopWords = false
    }

    static let initialCells = 1 << 15

    /// Entries a table of `cells` cells takes before it grows: four fifths. Linear probing
    /// stays short at that load (a hit takes about three cells, mostly one cache line), and
    /// the word table stays half the size it is at one half full: 512 KB for a news corpus'
    /// 25k words, which keeps it in a core's L2 cache, where the probe was the tokenizer's
    /// main stall (4% of the plugin's time, measured on the BBC set).
    @inline(__always) static func capacity(of cells: Int) -> Int { cells * 4 / 5 }

    /// A word's key: `WordTable.hash` of its lowercased bytes (read from a buffer with room
    /// past them), its length mixed in and the low bit set (0 marks an empty cell).
    @inline(__always)
    static func key(_ word: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        (WordTable.hash(padded: word, count: length) ^ UInt64(length) << 56) | 1
    }

    /// The lowercased text of a word, for tests and debugging.
    public func wordText(_ word: UInt64) -> String {
        guard let k = store.wordHashes.firstIndex(of: word) else { return "" }
        return String(decoding: store.arena[Int(store.wordStarts[k]) ..< Int(store.wordStarts[k + 1])], as: UTF8.self)
    }

    /// The text of a stem id, for tests and debugging.
    public func stemText(_ stem: Int32) -> String {
        String(decoding: store.stemArena[Int(store.stemStarts[Int(stem)]) ..< Int(store.stemStarts[Int(stem) + 1])], as: UTF8.self)
    }

    /// Starts a new document: per-document word ids (`Token.local`) begin again at 0.
    public mutating func beginDocument() {
        stamp += 1
        if stamp >= 1 << (32 - Self.stampShift) {  // wrapped: forget every stamp once
            cells.withUnsafeMutableBufferPointer { c in
                for k in c.indices { c[k].localAndStamp = Self.noLocal }
            }
            stamp = 1
        }
        localCount = 0
    }

    /// Starts afresh when the tables have grown past `maximumWords`. Call between articles only:
    /// ids handed out before are invalid afterwards.
    /// - Returns: whether the tables were cleared.
    @discardableResult
    public mutating func trimIfNeeded() -> Bool {
        guard store.count > maximumWords else { return false }
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

    mutating func tokens(in buf: UnsafeBufferPointer<UInt8>) -> [Token] {
        var out: [Token] = []
        forEachToken(in: buf) { out.append($0) }
        return out
    }

    /// Words longer than this many bytes are cut (never the case in prose).
    static let maximumWordBytes = 64

    public mutating func forEachToken(in buf: UnsafeBufferPointer<UInt8>, _ body: (Token) -> Void) {
        guard buf.count > 0 else { return }
        // The scan stops whenever the table reaches its capacity, so that it can grow; most
        // texts take one scan.
        var from = 0
        while from < buf.count {
            if store.count >= Self.capacity(of: cells.count) { grow() }
            from = scan(buf, from: from, body)
        }
    }

    /// Tokenizes `buf` from byte `from` until its end, or until the table is at capacity (after
    /// adding a word); returns where it stopped.
    private mutating func scan(_ buf: UnsafeBufferPointer<UInt8>, from: Int, _ body: (Token) -> Void) -> Int {
        let p = buf.baseAddress!
        let n = buf.count, mask = self.mask, stamp = self.stamp
        let full = Self.capacity(of: cells.count)
        var localCount = UInt32(self.localCount)
        // The word's lowercased bytes: `capacity` of them, and room for an 8-byte store or read past.
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let capacity = Self.maximumWordBytes
        var i = from
        Self.byteClass.withUnsafeBufferPointer { byteClass in
        cells.withUnsafeMutableBufferPointer { cells in
        withUnsafeMutableBytes(of: &scratch) { raw in
            let word = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            while i < n, store.count < full {
                // Skip separators: ASCII ones by table, others by their Unicode class.
                var w = 0
                while i < n {
                    let c = byteClass[Int(p[i])]
                    if c >= Self.wordByte { w = 1; break }
                    if c == Self.nonASCII {
                        let (isWord, width) = Self.wordScalar(buf, i)
                        if isWord { w = width; break }
                        i += width
                    } else {
                        i += 1
                    }
                }
                guard w > 0 else { break }
                var length = 0
                while true {
                    if w == 1 {
                        if i &+ 8 <= n {
                            // A run of ASCII letters and digits, 8 bytes at a time (see Tokenizer.scanLowerWords).
                            let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                            let run = Tokenizer.asciiWordBytes(x)
                            let k = run == ByteScan.highs ? 8 : (~run & ByteScan.highs).trailingZeroBitCount &>> 3
                            if length &+ 8 <= capacity {
                                UnsafeMutableRawPointer(word + length).storeBytes(of: x | 0x2020_2020_2020_2020, as: UInt64.self)
                                length &+= k
                            } else {
                                for j in 0..<k where length < capacity { word[length] = byteClass[Int(p[i + j])]; length += 1 }
                            }
                            i &+= k
                        } else {
                            let c = byteClass[Int(p[i])]  // the byte, lowercased
                            if length < capacity { word[length] = c; length += 1 }
                            i += 1
                        }
                    } else {
                        for k in 0..<w where length < capacity { word[length] = p[i + k]; length += 1 }
                        i += w
                    }
                    guard i < n else { break }
                    let b = p[i], c = byteClass[Int(b)]
                    if c >= Self.wordByte { w = 1; continue }
                    if c == Self.separator { break }
                    if c == Self.nonASCII {
                        let (isWord, width) = Self.wordScalar(buf, i)
                        if isWord { w = width; continue }
                    }
                    // A joiner between two word characters stays in the word.
                    guard let jw = Self.joinerWidth(buf, i), i + jw < n else { break }
                    let next = Self.wordWidth(buf, i + jw)
                    guard next > 0 else { break }
                    let j: UInt8 = jw == 1 ? b : 0x27  // the curly apostrophe reads as "'"
                    if length < capacity { word[length] = j; length += 1 }
                    i += jw
                    w = next
                }
                let key = Self.key(word, length)
                // Probe; add the word when it is new.
                var slot = Int(truncatingIfNeeded: key >> 1) & mask
                while cells[slot].hash != key {
                    if cells[slot].hash == 0 {
                        let stemAndClass = store.add(UnsafeBufferPointer(start: word, count: length), hash: key)
                        cells[slot] = Cell(hash: key, stemAndClass: stemAndClass, localAndStamp: Self.noLocal)
                        break
                    }
                    slot = (slot + 1) & mask
                }
                // Its id in this document, given on first use.
                let sc = cells[slot].stemAndClass
                let isStop = sc & Self.stopBit != 0, isNumber = sc & Self.numberBit != 0
                var ls = cells[slot].localAndStamp
                if ls >> Self.stampShift != stamp {
                    let local = isStop || isNumber || localCount >= Self.noLocal ? Self.noLocal : localCount
                    if local != Self.noLocal { localCount += 1 }
                    ls = local | stamp << Self.stampShift
                    cells[slot].localAndStamp = ls
                }
                let local = ls & Self.noLocal
                body(Token(word: key, stem: Int32(sc & (Self.numberBit - 1)), isStop: isStop, isNumber: isNumber,
                           local: local == Self.noLocal ? -1 : Int32(local)))
            }
        }
        }
        }
        self.localCount = Int(localCount)
        return i
    }

    /// What each byte is to the tokenizer: an ASCII letter or digit reads as itself lowercased
    /// (a value of at least `wordByte`); the others are a separator, a possible joiner
    /// (' - . & _) or the lead byte of a non-ASCII character, looked at more closely.
    static let separator: UInt8 = 0, joiner: UInt8 = 1, nonASCII: UInt8 = 2, wordByte: UInt8 = 0x30
    static let byteClass: [UInt8] = (0..<256).map { v -> UInt8 in
        let b = UInt8(v)
        if b >= 0x80 { return nonASCII }
        if b >= 0x30 && b <= 0x39 { return b }
        if b >= 0x61 && b <= 0x7A { return b }
        if b >= 0x41 && b <= 0x5A { return b | 0x20 }
        if b == 0x27 || b == 0x2D || b == 0x2E || b == 0x26 || b == 0x5F { return joiner }
        return separator
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

    /// Digits with decimal or thousands separators only: "2004", "1.5", "16,000".
    static func isNumber(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        word.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C }
    }

    private mutating func grow() {
        let old = cells
        cells = Array(repeating: Cell(), count: old.count * 2)
        mask = cells.count - 1
        for cell in old where cell.hash != 0 {
            var slot = Int(truncatingIfNeeded: cell.hash >> 1) & mask
            while cells[slot].hash != 0 { slot = (slot + 1) & mask }
            cells[slot] = cell
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
