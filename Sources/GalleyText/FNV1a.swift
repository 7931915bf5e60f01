/// 64-bit FNV-1a over bytes: a fast hash for keys within one run (an article's content
/// identity, a report's anchors, a cache of verdicts), not for input an adversary chooses.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Starts from the offset basis mixed with `seed` (a tag that keys apart equal bytes).
    public init(seed: UInt64) { value ^= seed }

    @inline(__always) public mutating func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }

    public mutating func add(_ s: String) { for b in s.utf8 { add(b) } }

    public static func hash(_ s: String) -> UInt64 {
        var h = FNV1a()
        h.add(s)
        return h.value
    }
}
