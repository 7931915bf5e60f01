/// Up to 16 ASCII bytes packed into two words: the key of every name table in the parser
/// (tag names, character references, stop words, class-name cues).
struct PackedName: Hashable, Sendable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    init() {}

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= 16 else { return nil }
        for (k, b) in bytes.enumerated() {
            if k < 8 { low |= UInt64(b) << (8 * UInt64(k)) } else { high |= UInt64(b) << (8 * UInt64(k - 8)) }
        }
    }

    init?(_ string: String) {
        let bytes = Array(string.utf8)
        guard let key = bytes.withUnsafeBufferPointer({ PackedName($0) }) else { return nil }
        self = key
    }

    /// A multiplicative hash: these tables are built once from fixed word lists, so a cheap
    /// hash is enough and beats the standard library's seeded SipHash in the hot loops.
    @inline(__always) var mixed: UInt64 {
        (low &* 0x9E37_79B9_7F4A_7C15) ^ ((high &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F)
    }
}

/// A read-only open-addressing table keyed by `PackedName`, built once from a word list.
struct PackedNameTable<Value: Sendable>: Sendable {
    private var keys: [PackedName]
    private var values: [Value?]
    private var used: [Bool]
    private let mask: Int
    private let shift: UInt64

    init(_ entries: [(PackedName, Value)]) {
        var capacity = 16
        while capacity < entries.count * 4 { capacity <<= 1 }
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        keys = Array(repeating: PackedName(), count: capacity)
        values = Array(repeating: nil, count: capacity)
        used = Array(repeating: false, count: capacity)
        for (k, v) in entries {
            var slot = Int(truncatingIfNeeded: k.mixed >> shift) & mask
            while used[slot], keys[slot] != k { slot = (slot + 1) & mask }
            if used[slot] { continue }  // the first entry for a key wins
            used[slot] = true
            keys[slot] = k
            values[slot] = v
        }
    }

    @inline(__always) subscript(_ key: PackedName) -> Value? {
        var slot = Int(truncatingIfNeeded: key.mixed >> shift) & mask
        while used[slot] {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inline(__always) func contains(_ key: PackedName) -> Bool { self[key] != nil }
}
