/// Seeded generators for tests that draw random input and must repeat it exactly.

/// SplitMix64 (Steele, Lea and Flood): good statistics from a single 64-bit state.
public struct SplitMix {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<n.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Knuth's MMIX linear congruential generator, read from its high bits: what the tokenizer
/// tests have always drawn their texts with.
public struct LinearCongruential {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    /// A number in 0..<n.
    public mutating func below(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33) % n
    }

    /// A text of random `pieces` joined, at least `bytes` long in UTF-8.
    public mutating func text(of pieces: [String], bytes: Int) -> String {
        var t = ""
        while t.utf8.count < bytes { t += pieces[below(pieces.count)] }
        return t
    }

    /// A text of `count` random `pieces` joined.
    public mutating func text(of pieces: [String], count: Int) -> String {
        var t = ""
        for _ in 0..<count { t += pieces[below(pieces.count)] }
        return t
    }
}
