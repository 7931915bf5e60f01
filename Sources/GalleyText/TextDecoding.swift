/// Turning input bytes into text: UTF-8 when it is valid, UTF-16 when a byte-order mark says
/// so, otherwise Windows-1252 (a superset of Latin-1 for printable text) with a warning.
public enum TextDecoding {
    public struct Decoded: Sendable, Equatable {
        public var text: String
        /// "utf-8", "utf-16le", "utf-16be" or "windows-1252".
        public var encoding: String
        /// Set when the bytes were not UTF-8 and had to be converted.
        public var warning: String?
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case binary(reason: String)
        public var description: String {
            switch self {
            case .empty: return "empty input"
            case .binary(let reason): return "looks like a binary file (\(reason)), not text"
            }
        }
    }

    public static func decode(_ bytes: [UInt8]) throws(Failure) -> Decoded {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return decodeUTF16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return decodeUTF16(bytes.dropFirst(2), littleEndian: false) }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty }
        // A stray NUL in a text (a scrape's) is dropped later with other control characters;
        // a binary file has many, and control characters besides.
        if let reason = binaryReason(body, strayNULs: true) { throw .binary(reason: reason) }
        if let text = String(validating: body, as: UTF8.self) {
            return Decoded(text: text, encoding: "utf-8", warning: nil)
        }
        let invalidAt = firstInvalidUTF8(body)
        // UTF-8 with a few stray bytes (a Windows quote pasted in): the stray bytes alone are
        // Windows-1252. Decoding the whole file so turned every other accent into mojibake.
        let (text, stray, valid) = decodeUTF8ReadingStrayBytesAs1252(body)
        if valid >= stray, valid > 0 {
            return Decoded(text: text, encoding: "utf-8",
                           warning: "input is not valid UTF-8: \(stray) stray byte\(stray == 1 ? "" : "s") (the first at offset \(invalidAt)) read as Windows-1252")
        }
        return Decoded(text: decodeWindows1252(body), encoding: "windows-1252",
                       warning: "input is not valid UTF-8 (first bad byte at offset \(invalidAt)); decoded as Windows-1252")
    }

    /// The bytes as UTF-8, each byte that is no part of a valid sequence read as Windows-1252;
    /// with how many such stray bytes, and how many valid multi-byte sequences, there were.
    static func decodeUTF8ReadingStrayBytesAs1252(_ bytes: ArraySlice<UInt8>) -> (String, stray: Int, valid: Int) {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        var stray = 0, valid = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { scalars.append(UnicodeScalar(b)); i += 1; continue }
            let n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if n > 0, i + n <= bytes.endIndex {
                // Decoded in place (no String per character); overlong forms and surrogates fail.
                var decoder = UTF8()
                var input = bytes[i..<(i + n)].makeIterator()
                if case .scalarValue(let u) = decoder.decode(&input), UTF8.width(u) == n {
                    scalars.append(u)
                    valid += 1
                    i += n
                    continue
                }
            }
            stray += 1
            scalars.append(UnicodeScalar((0x80...0x9F).contains(b) ? windows1252High[Int(b) - 0x80] : UInt32(b))!)
            i += 1
        }
        return (String(scalars), stray, valid)
    }

    /// NUL bytes, or many control characters, mean the file is not text in any encoding we read.
    /// `strayNULs`: a few NULs are counted as control characters instead (scraped pages carry
    /// the odd one; random bytes have one in 256 and a control character in nine).
    public static func binaryReason(_ bytes: ArraySlice<UInt8>, strayNULs: Bool = false) -> String? {
        let sample = bytes.prefix(65_536)
        var controls = 0
        for b in sample {
            if b == 0 && !strayNULs { return "contains NUL bytes" }
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D, b != 0x0C { controls += 1 }
        }
        if sample.count > 0, controls * 100 > sample.count * 5 { return "\(controls) control characters in the first \(sample.count) bytes" }
        return nil
    }

    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let n: Int
            switch b {
            case 0x00...0x7F: n = 1
            case 0xC2...0xDF: n = 2
            case 0xE0...0xEF: n = 3
            case 0xF0...0xF4: n = 4
            default: return i - bytes.startIndex
            }
            if i + n > bytes.endIndex { return i - bytes.startIndex }
            for k in 1..<n where bytes[i + k] & 0xC0 != 0x80 { return i - bytes.startIndex }
            i += n
        }
        return bytes.count
    }

    /// Windows-1252's 0x80–0x9F block; the rest of the byte range maps to the same code point.
    public static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    public static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            let v: UInt32 = (0x80...0x9F).contains(b) ? windows1252High[Int(b) - 0x80] : UInt32(b)
            scalars.append(UnicodeScalar(v)!)
        }
        return String(scalars)
    }

    public static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Decoded {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        return Decoded(text: String(decoding: units, as: UTF16.self), encoding: littleEndian ? "utf-16le" : "utf-16be", warning: nil)
    }
}
