/// Eight bytes at a time through the plain stretches of JSON strings: most of an article's
/// bytes are string contents that need no look (no quote, backslash, control or non-ASCII
/// byte), and a byte-by-byte loop over them was the larger part of scanning an article line.
public enum ByteScan {
    /// Whether the 8 bytes at `i` are all printable ASCII other than `"` and `\`.
    @inlinable @inline(__always)
    public static func plainStringBytes(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + 8 <= bytes.count, let base = bytes.baseAddress else { return false }
        let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A zero byte in v: (v - ones) & ~v & highs (exact as to whether any byte is zero).
        @inline(__always) func anyZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let quote = anyZero(x ^ (ones &* 0x22))
        let backslash = anyZero(x ^ (ones &* 0x5C))
        let control = (x &- ones &* 0x20) & ~x & highs
        return (x & highs) | quote | backslash | control == 0
    }
}
