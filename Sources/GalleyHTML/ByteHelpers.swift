/// Byte-level helpers: the parser and the extractor work on UTF-8 bytes, not on Characters.
extension Array where Element == UInt8 {
    /// Appends a scalar's UTF-8 encoding.
    @inline(__always) mutating func appendUTF8(_ v: UInt32) {
        if v < 0x80 {
            append(UInt8(v))
        } else if v < 0x800 {
            append(UInt8(0xC0 | (v >> 6))); append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            append(UInt8(0xE0 | (v >> 12))); append(UInt8(0x80 | ((v >> 6) & 0x3F))); append(UInt8(0x80 | (v & 0x3F)))
        } else {
            append(UInt8(0xF0 | (v >> 18))); append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            append(UInt8(0x80 | ((v >> 6) & 0x3F))); append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Whether `needle` occurs in the bytes.
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count, let first = needle.first else { return needle.isEmpty }
        var i = 0
        while i + needle.count <= count {
            if self[i] == first {
                var same = true
                for k in 1..<needle.count where self[i + k] != needle[k] { same = false; break }
                if same { return true }
            }
            i += 1
        }
        return false
    }
}

extension String {
    /// Every occurrence of `target` replaced; a byte-level search, no Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let source = Array(utf8), needle = Array(target.utf8), with = Array(replacement.utf8)
        guard !needle.isEmpty, needle.count <= source.count else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        var i = 0
        while i < source.count {
            if source[i] == needle[0], i + needle.count <= source.count, source[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: with)
                i += needle.count
            } else {
                out.append(source[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Byte-level substring test, no Foundation.
    func containsBytes(_ target: String) -> Bool { Array(utf8).containsSequence(Array(target.utf8)) }
}
