@testable import GalleyHTML

/// A compact, readable picture of a parsed tree: `p('one') p('two')`, children in
/// parentheses, text in quotes. Elements without children print as their name alone.
func outline(_ d: HTMLDocument, _ n: Int32) -> String {
    switch d.kind(n) {
    case .text:
        return "'" + d.text(n) + "'"
    case .document, .element:
        let kids = d.children(n).map { outline(d, $0) }
        let name = d.kind(n) == .document ? "#document" : d.name(n)
        return kids.isEmpty ? name : name + "(" + kids.joined(separator: " ") + ")"
    }
}

/// The outline of what is inside `<body>` (or the whole document when there is no body).
func bodyOutline(_ html: String) -> String {
    let d = HTMLParser.parse(html)
    let body = d.elements(.body).first ?? HTMLDocument.root
    return d.children(body).map { outline(d, $0) }.joined(separator: " ")
}

/// The rendered text of a page's body blocks, one block per line.
func bodyText(_ html: String) -> String {
    let d = HTMLParser.parse(html)
    var c = BlockCollector(document: d, stopWords: HTMLExtractor.stopWords)
    c.collect(from: d.elements(.body).first ?? HTMLDocument.root)
    return c.blocks.map(\.string).joined(separator: "\n")
}

/// Tokens as short strings: `<p class=a>`, `</p>`, `"text"`, `<!-- -->`.
func tokens(_ html: String) -> [String] {
    var copy = html
    return copy.withUTF8 { buffer in
        var t = HTMLTokenizer(buffer)
        var out: [String] = []
        while true {
            switch t.next() {
            case .endOfFile: return out
            case .text: out.append("\"" + String(decoding: t.text, as: UTF8.self) + "\"")
            case .comment: out.append("<!-- -->")
            case .doctype: out.append("<!doctype>")
            case .endTag: out.append("</" + String(decoding: t.tagName, as: UTF8.self) + ">")
            case .startTag:
                var s = "<" + String(decoding: t.tagName, as: UTF8.self)
                for a in t.attributes {
                    s += " " + String(decoding: t.attributeBytes[a.name], as: UTF8.self) + "=" + String(decoding: t.attributeBytes[a.value], as: UTF8.self)
                }
                if t.selfClosing { s += " /" }
                out.append(s + ">")
                if t.tag.isRawText || t.tag.isEscapableRawText { t.pendingRawText = t.tag }
            }
        }
    }
}
