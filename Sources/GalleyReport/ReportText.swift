/// Article text as the reports show it. A page may hold anything: control characters (an
/// escape sequence would clear a reader's terminal or retitle its window from the digest),
/// line breaks inside a title, markup characters.
public enum ReportText {
    /// A quote of at most `limit` characters: cut at a word's end, with an ellipsis, when longer
    /// (it was cut mid-word, and still shown whole in quotation marks).
    static func quote(_ sentence: String, limit: Int = 240) -> String {
        guard sentence.count > limit else { return sentence }
        var cut = sentence.prefix(limit)
        if let space = cut.lastIndex(where: { $0 == " " }), cut.distance(from: cut.startIndex, to: space) > limit / 2 { cut = cut[..<space] }
        while let last = cut.last, ",;:-–—(".contains(last) || last == " " { cut = cut.dropLast() }
        return cut + "…"
    }

    /// Control characters (C0 but tab and, when kept, line breaks; DEL; C1) shown as `\x1b`.
    public static func visible(_ s: String, keepNewlines: Bool = false) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if isControl(c) && !(keepNewlines && (c == "\n" || c == "\r")) {
                let hex = String(c.value, radix: 16)
                out.append(contentsOf: ("\\x" + (hex.count < 2 ? "0" + hex : hex)).unicodeScalars)
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    /// Line breaks of every kind (CR, CR LF, U+2028, U+2029, NEL) as one space: a table row
    /// in Markdown is one line.
    public static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isBreak) else { return s }
        var out = String.UnicodeScalarView()
        var lastWasBreak = false
        for c in s.unicodeScalars {
            if isBreak(c) {
                if !lastWasBreak { out.append(" ") }
                lastWasBreak = true
            } else {
                out.append(c); lastWasBreak = false
            }
        }
        return String(out)
    }

    static func isBreak(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c.value == 0x2028 || c.value == 0x2029 || c.value == 0x85 || c.value == 0x0B || c.value == 0x0C
    }

    static func isControl(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\t") || c.value == 0x7F || (c.value >= 0x80 && c.value < 0xA0)
    }
}

/// What a report shows of a long list: items spread evenly over it (first and last kept), not
/// its first N, which would show one end of a timeline only.
public enum ReportSampling {
    public static func evenly<T>(_ items: [T], limit: Int) -> [T] {
        guard items.count > limit, limit > 1 else { return Array(items.prefix(max(limit, 0))) }
        return (0..<limit).map { items[$0 * (items.count - 1) / (limit - 1)] }
    }
}
