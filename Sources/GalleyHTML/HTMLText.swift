import GalleyText

/// Small text clean-ups shared by metadata readers.
public enum HTMLText {
    /// Character references decoded ("&amp;", "&#233;", "&eacute;"), nothing else changed; an
    /// unknown name stays as written.
    public static func decodingReferences(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        var copy = s
        return copy.withUTF8 { p in
            var out: [UInt8] = []
            out.reserveCapacity(p.count)
            var i = 0
            while i < p.count {
                if p[i] == UInt8(ascii: "&"), let (scalar, next) = CharacterReferences.decode(p, at: i, inAttribute: false) {
                    out.appendUTF8(scalar)
                    i = next
                    continue
                }
                out.append(p[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whitespace (ASCII, U+00A0 and the Unicode spaces) collapsed and trimmed, invisible
    /// characters removed, and character references left in metadata values (double-escaped
    /// `&amp;quot;` in a `content` attribute) decoded once more. Works on UTF-8 bytes.
    static func clean(_ s: String) -> String {
        var copy = s
        return copy.withUTF8 { clean($0) }
    }

    static func clean(_ p: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        var space = true
        var i = 0
        func addSpace() { if !space { out.append(0x20); space = true } }
        while i < p.count {
            let b = p[i]
            if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C { addSpace(); i += 1; continue }
            if b == UInt8(ascii: "&"), let (scalar, next) = CharacterReferences.decode(p, at: i, inAttribute: false) {
                if scalar == 0xA0 || scalar == 0x20 { addSpace() } else { out.appendUTF8(scalar); space = false }
                i = next
                continue
            }
            if b == 0xC2, i + 1 < p.count {
                if p[i + 1] == 0xA0 { addSpace(); i += 2; continue }
                if p[i + 1] == 0xAD { i += 2; continue }
            }
            if b == 0xE2, i + 2 < p.count, p[i + 1] == 0x80 {
                let c = p[i + 2]
                if c >= 0x80 && c <= 0x8A || c == 0xAF { addSpace(); i += 3; continue }   // U+2000–U+200A, U+202F
                if c >= 0x8B && c <= 0x8D { i += 3; continue }                            // zero-width
            }
            if b == 0xEF, i + 2 < p.count, p[i + 1] == 0xBB, p[i + 2] == 0xBF { i += 3; continue }
            out.append(b)
            space = false
            i += 1
        }
        if out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// "By Jane Doe and John Roe" / "Jane Doe, John Roe" -> ["Jane Doe", "John Roe"].
    static func splitNames(_ s: String) -> [String] {
        var t = clean(s)
        let lower = t.lowercased()
        for prefix in ["by ", "written by ", "words by ", "von ", "por ", "par ", "di "] where lower.hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count))
            break
        }
        // A profile URL is not a name.
        if t.hasPrefix("http://") || t.hasPrefix("https://") { return [] }
        var parts: [String] = []
        for piece in t.split(whereSeparator: { $0 == "," || $0 == "|" || $0 == ";" || $0 == "&" }) {
            for name in String(piece).replacingAll(" and ", with: "\u{1}").split(separator: "\u{1}") {
                let n = String(name).trimmed
                // Credentials after a name ("Jane Doe, MS, RDN") are not more people.
                let credential = n.count <= 5 && !n.contains(" ") && !n.contains(where: \.isLowercase)
                    || ["phd", "ph.d.", "md", "m.d."].contains(n.lowercased())
                if !n.isEmpty, n.count <= 60, !credential { parts.append(n) }
            }
        }
        return parts
    }
}
