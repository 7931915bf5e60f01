import GalleyText

/// Finds a saved page's character encoding and converts it to UTF-8, in the order the WHATWG
/// encoding-sniffing algorithm uses: a byte-order mark, then a `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">` in the first bytes, then
/// the content itself (valid UTF-8 is UTF-8), and Windows-1252 as the last resort.
public enum HTMLEncoding {
    public struct Decoded: Sendable {
        /// The page as UTF-8.
        public var utf8: [UInt8]
        /// WHATWG name of the encoding read ("utf-8", "windows-1252", "utf-16le").
        public var encoding: String
        /// How the encoding was found: "bom", "meta", "content" or "default".
        public var source: String
        public var warning: String?
    }

    /// How far into the page a `<meta>` declaration is looked for (the spec says 1024 bytes;
    /// real pages often put it later, after a long comment or many other tags).
    static let prescanLength = 8192

    public static func decode(_ bytes: [UInt8]) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(utf8: repairUTF8(Array(bytes.dropFirst(3))), encoding: "utf-8", source: "bom")
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return utf16(bytes.dropFirst(2), littleEndian: false) }
        let validUTF8 = String(validating: bytes, as: UTF8.self) != nil
        if let label = declaredCharset(bytes) {
            switch canonicalName(label) {
            case "utf-8":
                if validUTF8 { return Decoded(utf8: bytes, encoding: "utf-8", source: "meta") }
                return Decoded(utf8: repairUTF8(bytes), encoding: "utf-8", source: "meta",
                               warning: "page declares UTF-8 but holds invalid bytes; they became U+FFFD")
            case "windows-1252":
                return Decoded(utf8: Array(TextDecoding.decodeWindows1252(bytes[...]).utf8), encoding: "windows-1252", source: "meta")
            case "utf-16le", "utf-16be":
                // A meta tag readable as ASCII cannot be in a UTF-16 page: the spec reads it as UTF-8.
                break
            default:
                if let (text, name) = LegacyEncodings.decode(bytes, label: label) {
                    return Decoded(utf8: Array(text.utf8), encoding: name, source: "meta")
                }
                let fallback = validUTF8 ? "utf-8" : "windows-1252"
                let text = validUTF8 ? bytes : Array(TextDecoding.decodeWindows1252(bytes[...]).utf8)
                // A charset Galley reads whose decoding failed: the page's bytes are not in it (a
                // UTF-8 page that says Shift_JIS). It was reported as a charset Galley cannot read.
                let why = LegacyEncodings.knows(label) ? "but its bytes are not in that charset" : "which Galley does not decode"
                return Decoded(utf8: text, encoding: fallback, source: "default",
                               warning: "page declares charset '\(label)', \(why); read as \(fallback)")
            }
        }
        if validUTF8 { return Decoded(utf8: bytes, encoding: "utf-8", source: "content") }
        return Decoded(utf8: Array(TextDecoding.decodeWindows1252(bytes[...]).utf8), encoding: "windows-1252", source: "default",
                       warning: "page declares no charset and is not valid UTF-8; decoded as Windows-1252")
    }

    /// WHATWG maps ASCII and Latin-1 labels to Windows-1252, whose superset they are.
    static func canonicalName(_ label: String) -> String {
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "ascii",
             "us-ascii", "iso-ir-100", "ibm819", "cp819", "csisolatin1", "ansi_x3.4-1968", "iso88591", "iso_8859-1:1987":
            return "windows-1252"
        case "utf-16", "utf-16le": return "utf-16le"
        case "utf-16be": return "utf-16be"
        default: return label
        }
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Decoded {
        Decoded(utf8: Array(TextDecoding.decodeUTF16(bytes, littleEndian: littleEndian).text.utf8),
                encoding: littleEndian ? "utf-16le" : "utf-16be", source: "bom")
    }

    /// Invalid sequences become U+FFFD, so the rest of the page still reads.
    static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
        if String(validating: bytes, as: UTF8.self) != nil { return bytes }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    // MARK: - The meta prescan

    /// The charset a `<meta>` tag near the top declares (lowercased label), skipping comments.
    public static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(prescanLength))
        return head.withUnsafeBufferPointer { buffer -> String? in
            var tokenizer = HTMLTokenizer(buffer)
            while true {
                switch tokenizer.next() {
                case .endOfFile: return nil
                case .startTag:
                    if tokenizer.tag == .body { return nil }
                    if tokenizer.tag == .meta, let label = charset(inMeta: tokenizer) { return label }
                    // Script and style content is not markup: skip it as the parser would.
                    if tokenizer.tag.isRawText || tokenizer.tag.isEscapableRawText { tokenizer.pendingRawText = tokenizer.tag }
                default: break
                }
            }
        }
    }

    private static func charset(inMeta t: HTMLTokenizer) -> String? {
        var charset: String?
        var content: String?
        var httpEquivContentType = false
        for a in t.attributes {
            let name = String(decoding: t.attributeBytes[a.name], as: UTF8.self)
            let value = String(decoding: t.attributeBytes[a.value], as: UTF8.self)
            switch name {
            case "charset": charset = value
            case "content": content = value
            case "http-equiv": httpEquivContentType = value.lowercased().trimmed == "content-type"
            default: break
            }
        }
        if let c = charset?.trimmed.lowercased(), !c.isEmpty { return c }
        if httpEquivContentType, let c = content { return charsetParameter(c) }
        return nil
    }

    /// `text/html; charset="utf-8"` -> "utf-8".
    static func charsetParameter(_ content: String) -> String? {
        let lower = content.lowercased()
        guard let r = lower.firstRange(of: "charset") else { return nil }
        var rest = lower[r.upperBound...].drop(while: { $0 == " " })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        if let q = rest.first, q == "\"" || q == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix(while: { $0 != q })).trimmed
        }
        let value = rest.prefix(while: { $0 != ";" && $0 != " " && $0 != "\t" })
        return value.isEmpty ? nil : String(value)
    }
}
