/// Builds an `HTMLDocument` from tokens with the parts of the WHATWG tree-construction rules
/// that decide which text belongs to which block: implied end tags (`p`, `li`, `dd`/`dt`,
/// `option`, table rows and cells, headings), scoped end tags that never close across a
/// table or a cell, void elements, and misnested formatting end tags (`<b><p>x</b>y</p>`
/// keeps "x y" in the paragraph, as the adoption agency would). `template`, `svg` and
/// `math` subtrees are parsed and dropped: their content is never page text.
public enum HTMLParser {
    /// Parses UTF-8 bytes (see `HTMLEncoding` for other encodings).
    public static func parse(utf8 bytes: [UInt8]) -> HTMLDocument {
        bytes.withUnsafeBufferPointer { buffer in
            var builder = HTMLTreeBuilder(HTMLTokenizer(buffer))
            builder.run()
            return builder.finish()
        }
    }

    public static func parse(_ html: String) -> HTMLDocument {
        var copy = html
        return copy.withUTF8 { buffer in
            var builder = HTMLTreeBuilder(HTMLTokenizer(buffer))
            builder.run()
            return builder.finish()
        }
    }
}

struct HTMLTreeBuilder {
    /// Deeper nesting than this attaches further elements without opening them, as browsers
    /// do, so that no later recursion or scope walk can grow without bound.
    static let maximumDepth = 512

    // The document under construction, kept in the builder's own arrays (no class access in
    // the hot loop) and handed over by `finish()`.
    private var nodes: [HTMLDocument.Node] = [HTMLDocument.Node(kind: .document, tag: .unknown, parent: -1)]
    private var storage: [UInt8] = []
    private var attributes: [HTMLDocument.Attribute] = []
    private var tokenizer: HTMLTokenizer
    /// Open elements, the document node at the bottom.
    private var stack: [Int32] = [HTMLDocument.root]
    private var html: Int32 = -1
    private var head: Int32 = -1
    private var body: Int32 = -1
    /// Inside a dropped subtree: which element opened it and how deeply it is nested.
    private var discarding: HTMLTag?
    private var discardDepth = 0

    init(_ tokenizer: HTMLTokenizer) {
        self.tokenizer = tokenizer
        nodes.reserveCapacity(4096)
        storage.reserveCapacity(1 << 16)
    }

    func finish() -> HTMLDocument { HTMLDocument(nodes: nodes, storage: storage, attributes: attributes) }

    mutating func run() {
        while true {
            switch tokenizer.next() {
            case .endOfFile: return
            case .text: insertText()
            case .startTag: startTag()
            case .endTag: endTag()
            case .comment, .doctype: break
            }
        }
    }

    private var current: Int32 { stack[stack.count - 1] }
    private func tagAt(_ k: Int) -> HTMLTag { nodes[Int(stack[k])].tag }
    private var currentTag: HTMLTag { tagAt(stack.count - 1) }

    // MARK: - Start tags

    private mutating func startTag() {
        let tag = tokenizer.tag
        if let dropped = discarding {
            if tag == dropped, !tokenizer.selfClosing { discardDepth += 1 }
            // Script and style inside a dropped subtree still hide their "<" from the tokenizer.
            if tag.isRawText || tag.isEscapableRawText, !(tokenizer.selfClosing && dropped != .template) {
                tokenizer.pendingRawText = tag
            }
            return
        }
        if tag.isDiscardedSubtree {
            // A self-closing <svg/> or <math/> is complete (foreign content honours "/>").
            if tokenizer.selfClosing && tag != .template { return }
            discarding = tag
            discardDepth = 1
            return
        }
        switch tag {
        case .html:
            if html >= 0 { return }
            html = append(element: tag)
            push(html)
            return
        case .head:
            if head >= 0 || body >= 0 { return }
            head = append(element: tag)
            push(head)
            return
        case .body:
            if body >= 0 { return }
            closeHead()
            body = append(element: tag)
            push(body)
            return
        default:
            break
        }
        if currentTag == .head, !tag.belongsInHead { closeHead() }
        closeImplied(before: tag)
        let node = append(element: tag)
        if tag.isVoid { return }
        push(node)
        if tag.isRawText || tag.isEscapableRawText {
            tokenizer.pendingRawText = tag
            // Structured data is the one script content a reader of the page needs.
            if tag == .script, tokenizer.attributeValue("type").map({ Array($0.lowercased().utf8).containsSequence(Array("ld+json".utf8)) }) == true {
                tokenizer.keepsRawText = true
            }
        }
        if tag == .plaintext { tokenizer.plaintext = true }
    }

    /// The end tags a start tag implies.
    private mutating func closeImplied(before tag: HTMLTag) {
        if tag.closesParagraph, let k = inScope(.p, boundary: .button) { popTo(k) }
        switch tag {
        case .h1, .h2, .h3, .h4, .h5, .h6:
            if currentTag.isHeading { stack.removeLast() }
        case .li:
            closeListItem([.li])
        case .dd, .dt:
            closeListItem([.dd, .dt])
        case .option:
            if currentTag == .option { stack.removeLast() }
        case .optgroup:
            if currentTag == .option { stack.removeLast() }
            if currentTag == .optgroup { stack.removeLast() }
        case .tr:
            closeCell()
            if let k = inScope(.tr, boundary: .table) { popTo(k) }
        case .td, .th:
            closeCell()
        case .thead, .tbody, .tfoot:
            closeCell()
            if let k = inScope(.tr, boundary: .table) { popTo(k) }
            for section in [HTMLTag.thead, .tbody, .tfoot] { if let k = inScope(section, boundary: .table) { popTo(k) } }
        case .a, .nobr, .button:
            // A new link closes an open one (there are no nested links in HTML).
            var k = stack.count - 1
            while k > 0 {
                let t = tagAt(k)
                if t == tag { popTo(k); break }
                if t.isSpecial && t != .button { break }
                k -= 1
            }
        case .select:
            if let k = inScope(.select, boundary: .normal) { popTo(k) }
        default:
            break
        }
    }

    private mutating func closeListItem(_ items: [HTMLTag]) {
        var k = stack.count - 1
        while k > 0 {
            let t = tagAt(k)
            if items.contains(t) { popTo(k); return }
            if t.isSpecial && t != .address && t != .div && t != .p { return }
            k -= 1
        }
    }

    private mutating func closeCell() {
        var k = stack.count - 1
        while k > 0 {
            let t = tagAt(k)
            if t == .td || t == .th { popTo(k); return }
            if t == .table || t == .html || t == .template { return }
            k -= 1
        }
    }

    private mutating func closeHead() {
        if let k = stack.lastIndex(of: head), head >= 0 { popTo(k) }
    }

    // MARK: - End tags

    private mutating func endTag() {
        let tag = tokenizer.tag
        if let dropped = discarding {
            if tag == dropped {
                discardDepth -= 1
                if discardDepth == 0 { discarding = nil }
            }
            return
        }
        switch tag {
        case .html, .body:
            return
        case .head:
            if currentTag == .head { stack.removeLast() }
        case .br:
            // "</br>" is read as "<br>".
            _ = append(element: .br)
        case .p:
            // A "</p>" with no open paragraph still breaks the line: it makes an empty <p>.
            if let k = inScope(.p, boundary: .button) { popTo(k) } else { _ = append(element: .p) }
        case .li:
            if let k = inScope(.li, boundary: .listItem) { popTo(k) }
        case .dd, .dt:
            if let k = inScope(tag, boundary: .normal) { popTo(k) }
        case .h1, .h2, .h3, .h4, .h5, .h6:
            var k = stack.count - 1
            while k > 0 {
                let t = tagAt(k)
                if t.isHeading { popTo(k); return }
                if Self.isScopeBoundary(t, .normal) { return }
                k -= 1
            }
        case .td, .th, .tr, .thead, .tbody, .tfoot, .table, .caption:
            if let k = inScope(tag, boundary: .table) { popTo(k) }
        case .address, .article, .aside, .blockquote, .button, .center, .details, .dialog, .dir, .div, .dl, .fieldset,
             .figcaption, .figure, .footer, .header, .hgroup, .listing, .main, .menu, .nav, .ol, .pre, .section,
             .summary, .ul, .form, .select, .applet, .marquee, .object:
            if let k = inScope(tag, boundary: .normal) { popTo(k) }
        default:
            if tag.isFormatting { closeFormatting(tag) } else { closeAnyOther(tag) }
        }
    }

    /// A misnested formatting end tag: when block elements were opened inside it, they stay
    /// open and only the formatting element leaves the stack, so their text stays together.
    private mutating func closeFormatting(_ tag: HTMLTag) {
        var k = stack.count - 1
        var crossedBlock = false
        while k > 0 {
            let t = tagAt(k)
            if t == tag {
                if crossedBlock { stack.remove(at: k) } else { popTo(k) }
                return
            }
            if Self.isScopeBoundary(t, .normal) { return }
            if t.isSpecial { crossedBlock = true }
            k -= 1
        }
    }

    /// WHATWG "any other end tag": pop to the matching element unless a special element
    /// comes first, in which case the end tag is ignored.
    private mutating func closeAnyOther(_ tag: HTMLTag) {
        var k = stack.count - 1
        while k > 0 {
            let node = stack[k]
            let t = nodes[Int(node)].tag
            if t == tag, tag != .unknown || sameName(node) { popTo(k); return }
            if t.isSpecial { return }
            k -= 1
        }
    }

    private func sameName(_ node: Int32) -> Bool {
        let r = nodes[Int(node)].bytes
        let name = tokenizer.tagName
        guard r.count == name.count else { return false }
        for i in 0..<name.count where storage[Int(r.lowerBound) + i] != name[i] { return false }
        return true
    }

    // MARK: - Scope

    enum Scope { case normal, listItem, button, table }

    static func isScopeBoundary(_ t: HTMLTag, _ scope: Scope) -> Bool {
        switch t {
        case .html, .table, .template: return true
        case .applet, .caption, .td, .th, .marquee, .object: return scope != .table
        case .ol, .ul: return scope == .listItem
        case .button: return scope == .button
        default: return false
        }
    }

    /// Stack index of the nearest open `tag` not hidden behind a scope boundary.
    private func inScope(_ tag: HTMLTag, boundary scope: Scope) -> Int? {
        var k = stack.count - 1
        while k > 0 {
            let t = tagAt(k)
            if t == tag { return k }
            if Self.isScopeBoundary(t, scope) { return nil }
            k -= 1
        }
        return nil
    }

    private mutating func popTo(_ k: Int) {
        if k > 0 { stack.removeSubrange(k...) }
    }

    private mutating func push(_ node: Int32) {
        if stack.count < Self.maximumDepth { stack.append(node) }
    }

    // MARK: - Nodes

    private mutating func append(element tag: HTMLTag) -> Int32 {
        var node = HTMLDocument.Node(kind: .element, tag: tag, parent: current)
        if tag == .unknown {
            let start = Int32(storage.count)
            storage.append(contentsOf: tokenizer.tagName)
            node.bytes = start..<Int32(storage.count)
        }
        if !tokenizer.attributes.isEmpty {
            let first = Int32(attributes.count)
            let base = Int32(storage.count)
            storage.append(contentsOf: tokenizer.attributeBytes)
            for a in tokenizer.attributes {
                attributes.append(HTMLDocument.Attribute(
                    name: (base + Int32(a.name.lowerBound))..<(base + Int32(a.name.upperBound)),
                    value: (base + Int32(a.value.lowerBound))..<(base + Int32(a.value.upperBound))))
            }
            node.attributeRange = first..<Int32(attributes.count)
        }
        return link(node)
    }

    private mutating func link(_ node: HTMLDocument.Node) -> Int32 {
        let index = Int32(nodes.count)
        let parent = Int(node.parent)
        nodes.append(node)
        let last = nodes[parent].lastChild
        if last >= 0 { nodes[Int(last)].nextSibling = index } else { nodes[parent].firstChild = index }
        nodes[parent].lastChild = index
        return index
    }

    private mutating func insertText() {
        if discarding != nil { return }
        let text = tokenizer.text
        if currentTag == .head || current == HTMLDocument.root || currentTag == .html {
            // Whitespace between head elements is not content; anything else ends the head.
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D || $0 == 0x0C }) { return }
            if currentTag == .head { closeHead() }
        }
        let parent = current
        let last = nodes[Int(parent)].lastChild
        // Adjacent text (split by a comment or a literal "<") becomes one node.
        if last >= 0, nodes[Int(last)].kind == .text, Int(nodes[Int(last)].bytes.upperBound) == storage.count {
            storage.append(contentsOf: text)
            nodes[Int(last)].bytes = nodes[Int(last)].bytes.lowerBound..<Int32(storage.count)
            return
        }
        let start = Int32(storage.count)
        storage.append(contentsOf: text)
        var node = HTMLDocument.Node(kind: .text, tag: .unknown, parent: parent)
        node.bytes = start..<Int32(storage.count)
        _ = link(node)
    }
}
