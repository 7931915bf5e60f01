/// Eight bytes at a time through stretches that need no look: most of an article's bytes are
/// plain text, and byte-by-byte loops over them (JSON string scanning and writing, line
/// clean-up checks) were a large part of ingest and of relaying articles.
public enum ByteScan {
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The 8 bytes at `i`, or nil when fewer are left.
    @inlinable @inline(__always)
    public static func load8(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt64? {
        guard i + 8 <= bytes.count, let base = bytes.baseAddress else { return nil }
        return UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
    }

    /// Some byte of `x` is `b` ((v - ones) & ~v & highs is non-zero exactly when v has a zero byte).
    @inlinable @inline(__always)
    public static func has(_ x: UInt64, _ b: UInt8) -> Bool {
        let v = x ^ (ones &* UInt64(b))
        return (v &- ones) & ~v & highs != 0
    }

    /// The high bit of every byte of `x` that is `b`, and nothing else (exact per byte).
    @inlinable @inline(__always)
    public static func equalMask(_ x: UInt64, _ b: UInt8) -> UInt64 {
        let v = x ^ (ones &* UInt64(b))
        let low7 = ~highs
        // Per byte: high bit set when v's byte is non-zero (no borrow across bytes).
        let nonZero = ((v & low7) &+ low7) | v
        return ~nonZero & highs
    }

    /// Some byte of `x` is below `n` (n <= 0x80).
    @inlinable @inline(__always)
    public static func hasBelow(_ x: UInt64, _ n: UInt8) -> Bool { (x &- ones &* UInt64(n)) & ~x & highs != 0 }

    /// Some byte of `x`, which must be all ASCII, lies in `lo...hi` (adding 0x80 - lo sets a
    /// byte's high bit when it is at least lo, and no sum carries into the next byte).
    @inlinable @inline(__always)
    public static func hasInRange(asciiOnly x: UInt64, _ lo: UInt8, _ hi: UInt8) -> Bool {
        let atLeastLo = x &+ ones &* UInt64(0x80 - lo), aboveHi = x &+ ones &* UInt64(0x7F - hi)
        return atLeastLo & ~aboveHi & highs != 0
    }

    /// Some byte of `x` is not ASCII.
    @inlinable @inline(__always)
    public static func hasNonASCII(_ x: UInt64) -> Bool { x & highs != 0 }

    /// Whether the 8 bytes at `i` are all printable ASCII other than `"` and `\`: nothing a
    /// JSON string scanner must look at.
    @inlinable @inline(__always)
    public static func plainStringBytes(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard let x = load8(bytes, at: i) else { return false }
        return !hasNonASCII(x) && !has(x, 0x22) && !has(x, 0x5C) && !hasBelow(x, 0x20)
    }

    /// Whether the 8 bytes at `i` can be written into a JSON string as they are (UTF-8 passes
    /// through; only `"`, `\` and control bytes are escaped).
    @inlinable @inline(__always)
    public static func needsNoEscape(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard let x = load8(bytes, at: i) else { return false }
        return !has(x, 0x22) && !has(x, 0x5C) && !hasBelow(x, 0x20)
    }
}
