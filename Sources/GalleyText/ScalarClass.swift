/// Character classes with an ASCII fast path. `Unicode.Scalar.Properties` lookups are a
/// table search each; news text is mostly ASCII, so check that first.
extension UnicodeScalar {
    @inlinable @inline(__always) public var isSpace: Bool {
        value < 0x80 ? (value == 0x20 || (value >= 0x09 && value <= 0x0D)) : properties.isWhitespace
    }
    @inlinable @inline(__always) public var isLower: Bool {
        value < 0x80 ? (value >= 0x61 && value <= 0x7A) : properties.isLowercase
    }
    @inlinable @inline(__always) public var isUpper: Bool {
        value < 0x80 ? (value >= 0x41 && value <= 0x5A) : properties.isUppercase
    }
    @inlinable @inline(__always) public var isLetter: Bool {
        value < 0x80 ? ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A) : properties.isAlphabetic
    }
    @inlinable @inline(__always) public var isDigitLike: Bool {
        value < 0x80 ? (value >= 0x30 && value <= 0x39) : properties.numericType != nil
    }
    @inlinable @inline(__always) public var isAlphanumeric: Bool { isLetter || isDigitLike }
}

extension String {
    /// Lowercase with an ASCII fast path.
    public var fastLowercased: String {
        var ascii = true
        var hasUpper = false
        for b in utf8 {
            if b >= 0x80 { ascii = false; break }
            if b >= 0x41 && b <= 0x5A { hasUpper = true }
        }
        guard ascii else { return lowercased() }
        guard hasUpper else { return self }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

extension String {
    /// The UTF-8 bytes as a buffer: a loop over a buffer is several times faster than one over
    /// `utf8`, which checks the string's representation at every step.
    @inlinable
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = self
        return try copy.withUTF8(body)
    }

    /// Every byte is ASCII.
    public var isASCII: Bool {
        withUTF8Bytes { bytes in
            var i = 0
            let n = bytes.count
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= n {
                    if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                    i += 8
                }
            }
            while i < n { if bytes[i] >= 0x80 { return false }; i += 1 }
            return true
        }
    }
}

extension String {
    /// The Unicode scalars as an array, decoded in one pass from the UTF-8 bytes:
    /// `Array(unicodeScalars)` counts them first (a whole decoding pass) and then decodes them
    /// again to copy, and appending from the scalar view pays its generic decoding per scalar.
    public var scalarArray: [UnicodeScalar] {
        withUTF8Bytes { bytes in
            [UnicodeScalar](unsafeUninitializedCapacity: bytes.count) { out, count in
                let n = bytes.count
                var i = 0, k = 0
                while i < n {
                    let b = bytes[i]
                    if b < 0x80 { out[k] = UnicodeScalar(b); i += 1; k += 1; continue }
                    let (scalar, width) = Tokenizer.decodeScalar(bytes, i)
                    out[k] = scalar
                    i += width; k += 1
                }
                count = k
            }
        }
    }
}
