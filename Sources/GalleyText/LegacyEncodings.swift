import Foundation

/// The legacy character sets of pages in Chinese, Japanese, Korean, Cyrillic, Greek, Central
/// European, Hebrew, Arabic and Turkish, by their WHATWG labels, decoded by Foundation's
/// converters. EUC-JP, which Foundation on Linux lacks, is rewritten as the Shift_JIS of the
/// same JIS X 0208 characters first (an arithmetic mapping).
public enum LegacyEncodings {
    /// The text, or nil when the label is not one of these or the bytes do not decode.
    public static func decode(_ bytes: [UInt8], label: String) -> (text: String, name: String)? {
        if eucJPLabels.contains(label.lowercased()) {
            return String(data: Data(shiftJIS(fromEUCJP: bytes)), encoding: .shiftJIS).map { ($0, "euc-jp") }
        }
        guard let (name, encoding) = encodings[label.lowercased()] else { return nil }
        guard let text = String(data: Data(bytes), encoding: encoding) else { return nil }
        return (text, name)
    }

    /// Whether the label names an encoding `decode` reads (when it returns nil for one of
    /// these, the bytes were not in that encoding).
    public static func knows(_ label: String) -> Bool {
        eucJPLabels.contains(label.lowercased()) || encodings[label.lowercased()] != nil
    }

    static let eucJPLabels: Set<String> = ["euc-jp", "x-euc-jp", "cseucpkdfmtjapanese"]

    /// EUC-JP as Shift_JIS: a JIS X 0208 pair (two bytes 0xA1-0xFE) maps by arithmetic, a
    /// half-width katakana (0x8E, byte) is that byte, and a JIS X 0212 character (0x8F, two
    /// bytes), which Shift_JIS cannot hold, becomes "?".
    static func shiftJIS(fromEUCJP bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { out.append(b); i += 1; continue }
            if b == 0x8E, i + 1 < bytes.count { out.append(bytes[i + 1]); i += 2; continue }
            if b == 0x8F { out.append(0x3F); i += 3; continue }
            guard b >= 0xA1, i + 1 < bytes.count, bytes[i + 1] >= 0xA1 else { out.append(0x3F); i += 1; continue }
            let j1 = Int(b) - 0x80, j2 = Int(bytes[i + 1]) - 0x80
            var s1 = (j1 + 1) / 2 + 0x70
            if s1 >= 0xA0 { s1 += 0x40 }
            var s2: Int
            if j1 % 2 == 1 { s2 = j2 + 0x1F; if s2 >= 0x7F { s2 += 1 } } else { s2 = j2 + 0x7E }
            out.append(UInt8(truncatingIfNeeded: s1)); out.append(UInt8(truncatingIfNeeded: s2))
            i += 2
        }
        return out
    }

    /// Core Foundation's encoding numbers, as Foundation takes them (0x8000_0000 | number).
    private static func cf(_ n: UInt) -> String.Encoding { String.Encoding(rawValue: 0x8000_0000 | n) }

    static let encodings: [String: (String, String.Encoding)] = {
        var table: [String: (String, String.Encoding)] = [:]
        func add(_ name: String, _ e: String.Encoding, _ labels: [String]) { for l in labels + [name] { table[l] = (name, e) } }
        add("shift_jis", .shiftJIS, ["shift-jis", "sjis", "ms_kanji", "x-sjis", "windows-31j", "csshiftjis", "ms932"])
        add("iso-2022-jp", .iso2022JP, ["csiso2022jp"])
        add("gb18030", cf(0x0632), ["gbk", "gb2312", "x-gbk", "chinese", "csgb2312", "iso-ir-58", "gb_2312", "gb_2312-80", "cp936", "windows-936"])
        add("big5", cf(0x0A03), ["big5-hkscs", "cn-big5", "x-x-big5", "csbig5"])
        add("euc-kr", cf(0x0422), ["ks_c_5601-1987", "windows-949", "korean", "cseuckr", "ks_c_5601-1989", "ksc5601", "ksc_5601", "iso-ir-149"])
        add("koi8-r", cf(0x0A02), ["koi8", "koi", "cskoi8r", "koi8_r"])
        add("koi8-u", cf(0x0A08), ["koi8-ru"])
        add("windows-1250", .windowsCP1250, ["cp1250", "x-cp1250"])
        add("windows-1251", .windowsCP1251, ["cp1251", "x-cp1251"])
        add("windows-1253", .windowsCP1253, ["cp1253", "x-cp1253"])
        add("windows-1254", .windowsCP1254, ["cp1254", "x-cp1254", "iso-8859-9", "latin5", "iso8859-9"])
        add("windows-1255", cf(0x0505), ["cp1255", "x-cp1255"])
        add("windows-1256", cf(0x0506), ["cp1256", "x-cp1256"])
        add("iso-8859-2", .isoLatin2, ["iso8859-2", "latin2", "l2", "csisolatin2"])
        add("iso-8859-5", cf(0x0205), ["iso8859-5", "cyrillic", "csisolatincyrillic"])
        add("iso-8859-7", cf(0x0207), ["iso8859-7", "greek", "greek8", "csisolatingreek"])
        add("iso-8859-15", cf(0x020F), ["iso8859-15", "latin9", "l9", "csisolatin9"])
        return table
    }()
}
