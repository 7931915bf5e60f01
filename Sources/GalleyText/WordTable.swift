/// A fixed table from words to small values, looked up by a word's UTF-8 bytes. Tokenizers hold
/// the bytes of a word before they build its String, and a `Set<String>` look-up hashes with
/// SipHash through String's generic paths: this is the per-word look-up of ingest and the
/// analyses. Open addressing over `WordTable.hash` (8 bytes at a time); keys stored back to
/// back in one byte buffer. A class over raw buffers: a look-up copies no array and retains
/// nothing.
public final class WordTable: @unchecked Sendable {  // immutable after init
    @usableFromInline let keyBytes: UnsafeBufferPointer<UInt8>
    /// Open-addressing slots, each with its word's hash and length: a probe compares those
    /// before it reads any key bytes, and for a word of at most 8 bytes they decide alone.
    @usableFromInline let slots: UnsafeBufferPointer<Slot>
    @usableFromInline let starts: UnsafeBufferPointer<Int32>
    @usableFromInline let values: UnsafeBufferPointer<UInt32>

    @usableFromInline struct Slot {
        @usableFromInline var hash: UInt64 = 0
        @usableFromInline var length: Int32 = 0
        /// Index of the entry, or -1 when the slot is empty.
        @usableFromInline var entry: Int32 = -1
        @usableFromInline init() {}
    }
    @usableFromInline let mask: Int
    /// A Bloom filter over the words' hashes (two bits per word, 4,096 bits; a few hundred
    /// words leave about 4% of other words passing): most words a text asks about are in no
    /// table, and this answers for them from half a kilobyte that stays in cache, where the
    /// probe reads slots, entries and key bytes.
    @usableFromInline let filter: UnsafeBufferPointer<UInt64>
    @usableFromInline static let filterWords = 64
    /// The longest word's length in bytes.
    @usableFromInline let longest: Int

    /// Later pairs replace earlier ones with the same word.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, UInt32) {
        var bytes: [UInt8] = [], starts: [Int32] = [], lengths: [Int32] = [], values: [UInt32] = []
        var seen: [String: Int] = [:]
        for (word, value) in pairs {
            if let k = seen[word] { values[k] = value; continue }
            seen[word] = values.count
            starts.append(Int32(bytes.count))
            lengths.append(Int32(word.utf8.count))
            values.append(value)
            bytes.append(contentsOf: word.utf8)
        }
        var capacity = 16
        while capacity < values.count * 2 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        bytes.withUnsafeBufferPointer { all in
            for k in values.indices {
                let key = UnsafeBufferPointer(rebasing: all[Int(starts[k])..<Int(starts[k] + lengths[k])])
                let h = WordTable.hash(key)
                var i = Int(truncatingIfNeeded: h) & (capacity - 1)
                while slots[i].entry >= 0 { i = (i + 1) & (capacity - 1) }
                slots[i].hash = h
                slots[i].length = lengths[k]
                slots[i].entry = Int32(k)
            }
        }
        var filter = [UInt64](repeating: 0, count: WordTable.filterWords)
        var longest = 0
        bytes.withUnsafeBufferPointer { all in
            for k in values.indices {
                longest = max(longest, Int(lengths[k]))
                let h = WordTable.hash(UnsafeBufferPointer(rebasing: all[Int(starts[k])..<Int(starts[k] + lengths[k])]))
                let (b1, b2) = WordTable.filterBits(h)
                filter[b1 >> 6] |= 1 << UInt64(b1 & 63)
                filter[b2 >> 6] |= 1 << UInt64(b2 & 63)
            }
        }
        self.filter = WordTable.copy(filter)
        self.longest = longest
        keyBytes = WordTable.copy(bytes)
        self.slots = WordTable.copy(slots)
        self.starts = WordTable.copy(starts)
        self.values = WordTable.copy(values)
        mask = capacity - 1
    }

    deinit {
        for p in [keyBytes.baseAddress.map(UnsafeRawPointer.init), slots.baseAddress.map(UnsafeRawPointer.init),
                  filter.baseAddress.map(UnsafeRawPointer.init),
                  starts.baseAddress.map(UnsafeRawPointer.init),
                  values.baseAddress.map(UnsafeRawPointer.init)] {
            p.map { UnsafeMutableRawPointer(mutating: $0).deallocate() }
        }
    }

    private static func copy<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
        let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = p.initialize(from: array)
        return UnsafeBufferPointer(rebasing: p[0..<array.count])
    }

    /// A set of words (each with the value 1).
    public convenience init<S: Sequence>(words: S) where S.Element == String { self.init(words.map { ($0, UInt32(1)) }) }

    @inlinable
    public func value(forBytes word: UnsafeBufferPointer<UInt8>) -> UInt32? {
        value(forBytes: word, hash: WordTable.hash(word))
    }

    /// The same, given the word's `WordTable.hash` (a tokenizer has it from the scan).
    @inlinable @inline(__always)
    public func value(forBytes word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UInt32? {
        guard word.count <= longest else { return nil }
        let (b1, b2) = WordTable.filterBits(hash)
        guard filter[b1 >> 6] & (1 << UInt64(b1 & 63)) != 0, filter[b2 >> 6] & (1 << UInt64(b2 & 63)) != 0 else { return nil }
        let n = word.count
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot.entry < 0 { return nil }
            if slot.hash == hash, Int(slot.length) == n {
                // Up to 8 bytes a word is one chunk, and `hash` is a bijection of the chunk for
                // a given length: equal hashes are equal words.
                if n <= 8 { return values[Int(slot.entry)] }
                var p = Int(starts[Int(slot.entry)])
                var equal = true
                for b in word { if keyBytes[p] != b { equal = false; break }; p += 1 }
                if equal { return values[Int(slot.entry)] }
            }
            i = (i + 1) & mask
        }
    }

    @inlinable
    public func value(for word: String) -> UInt32? {
        var w = word
        return w.withUTF8 { value(forBytes: $0) }
    }

    @inlinable public func contains(bytes word: UnsafeBufferPointer<UInt8>) -> Bool { value(forBytes: word) != nil }
    @inlinable public func contains(_ word: String) -> Bool { value(for: word) != nil }

    /// A word's hash: its bytes 8 at a time (little-endian, the last chunk zero-padded), each
    /// chunk mixed in with a multiply and a shift, then the length and a final mix. Chunks, not
    /// bytes: a tokenizer that reads a word 8 bytes at a time hashes it with one multiply per
    /// chunk (`hash(padded:count:)`).
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return finish(seed, count: 0) }
        let n = bytes.count
        var h = seed
        var k = 0
        while k + 8 <= n {
            h = mix(h, UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
            k += 8
        }
        if k < n {
            var tail: UInt64 = 0
            for j in k..<n { tail |= UInt64(base[j]) << UInt64(8 * (j - k)) }
            h = mix(h, tail)
        }
        return finish(h, count: n)
    }

    /// The same for a word whose buffer can be read to the next multiple of 8 bytes past its
    /// end (what is there is ignored).
    @inlinable @inline(__always)
    public static func hash(padded base: UnsafePointer<UInt8>, count n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        var h = seed
        var k = 0
        while k + 8 <= n {
            h = mix(h, raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            k += 8
        }
        if k < n {
            let tail = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) & (~UInt64(0) >> UInt64(64 - 8 * (n - k)))
            h = mix(h, tail)
        }
        return finish(h, count: n)
    }

    /// The filter's two bits for a hash: from its high bits (the table's slots use the low ones).
    @inlinable @inline(__always)
    static func filterBits(_ h: UInt64) -> (Int, Int) {
        (Int(truncatingIfNeeded: h >> 52), Int(truncatingIfNeeded: (h >> 40) & 0xFFF))
    }

    @usableFromInline static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inlinable @inline(__always)
    static func mix(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
        let x = (h ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 29)
    }

    @inlinable @inline(__always)
    static func finish(_ h: UInt64, count: Int) -> UInt64 {
        var x = (h ^ UInt64(count)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return x
    }
}
