import Foundation
import GalleyText

/// Small text clean-ups shared by metadata readers.
enum HTMLText {
    /// Whitespace collapsed and trimmed; invisible characters removed; leftover entities in
    /// metadata values (double-escaped `&amp;quot;`) decoded once more.
    static func clean(_ s: String) -> String {
        var source = s
        if source.contains("&") {
            let doc = HTMLParser.parse(source.replacingAll("<", with: "&lt;"))
            source = doc.textContent(HTMLDocument.root)
        }
        var out = String.UnicodeScalarView()
        var space = true
        for c in source.unicodeScalars {
            switch c.value {
            case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD: continue
            default: break
            }
            if c.properties.isWhitespace {
                if !space { out.append(" ") }
                space = true
            } else {
                out.append(c)
                space = false
            }
        }
        if out.last == " " { out.removeLast() }
        return String(out)
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
            for name in piece.components(separatedBy: " and ") {
                let n = name.trimmed
                if !n.isEmpty, n.count <= 60 { parts.append(n) }
            }
        }
        return parts
    }
}
