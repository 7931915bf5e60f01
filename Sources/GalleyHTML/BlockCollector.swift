import GalleyText

/// Walks a document in reading order and cuts its rendered text into `TextBlock`s at
/// block-level boundaries. Text that is never rendered (scripts, forms, media, hidden
/// elements) is left out; `<br><br>` splits a block, a single `<br>` is a line break.
struct BlockCollector {
    let document: HTMLDocument
    let stopWords: StopWordSet
    /// Cue of every node (see `BoilerplateCues.table`); empty means "no cues".
    let cues: [Cue]
    private(set) var blocks: [TextBlock] = []
    /// Inline elements labelled as furniture (`<span class="caption">`) that text is inside, outermost first.
    private var inlineFurniture: [(node: Int32, reason: String)] = []
    private var bufferFurnitureCharacters = 0
    private var bufferFurnitureReason: String?

    /// Text of hidden inline elements, written as removed blocks after the block they sit in.
    private var pendingHidden: [String] = []
    private var buffer: [UInt8] = []
    private var bufferLinkCharacters = 0
    private var lastWasSpace = true
    private var pendingBreaks = 0
    private var linkDepth = 0
    private var preDepth = 0
    private var quoteDepth = 0
    /// Open block-level elements, innermost last.
    private var owners: [Int32] = [HTMLDocument.root]

    init(document: HTMLDocument, stopWords: StopWordSet, cues: [Cue] = []) {
        self.document = document
        self.stopWords = stopWords
        self.cues = cues
        buffer.reserveCapacity(4096)
    }

    /// Collects the blocks under `start` (the body when there is one).
    mutating func collect(from start: Int32) {
        // A stackless walk over first-child / next-sibling / parent links: no allocation per node.
        let nodes = document.nodes
        var n = start
        while true {
            let node = nodes[Int(n)]
            var descend = false
            if node.kind == .text {
                appendText(n)
            } else if node.kind == .document {
                descend = true
            } else if node.tag.isUnrendered {
                // skipped with its subtree
            } else if isHidden(n) || isHoverCard(n) {
                // Not rendered, so not content; but what a page hides is kept in `removed`.
                hidden(n)
            } else if node.tag == .br {
                lineBreak()
            } else if node.tag != .img && node.tag != .hr && node.tag != .wbr {
                enter(n, node.tag)
                descend = true
            }
            if descend {
                if node.firstChild >= 0 { n = node.firstChild; continue }
                if node.kind == .element { leave(n, node.tag) }
            }
            // Climb until a next sibling exists, leaving each finished element.
            while n != start && nodes[Int(n)].nextSibling < 0 {
                n = nodes[Int(n)].parent
                if nodes[Int(n)].kind == .element { leave(n, nodes[Int(n)].tag) }
            }
            if n == start { break }
            n = nodes[Int(n)].nextSibling
        }
        flush()
    }

    private mutating func enter(_ n: Int32, _ tag: HTMLTag) {
        if tag.isBlockLevel {
            flush()
            owners.append(n)
        } else if !cues.isEmpty, case .furniture(let reason) = cues[Int(n)] {
            inlineFurniture.append((n, reason))
        }
        switch tag {
        case .a: linkDepth += 1
        case .pre, .listing, .xmp, .plaintext: preDepth += 1
        case .blockquote: quoteDepth += 1
        default: break
        }
        // Table cells are separate even when a row is not closed properly.
        if tag == .td || tag == .th { pendingBreaks = 0 }
    }

    private mutating func leave(_ n: Int32, _ tag: HTMLTag) {
        switch tag {
        case .a: linkDepth -= 1
        case .pre, .listing, .xmp, .plaintext: preDepth -= 1
        case .blockquote: quoteDepth -= 1
        default: break
        }
        if tag.isBlockLevel {
            flush()
            if owners.count > 1, owners.last == n { owners.removeLast() }
        } else if inlineFurniture.last?.node == n {
            inlineFurniture.removeLast()
        }
    }

    /// A hidden element's text as one block labelled "hidden" (the extractor removes it). An
    /// inline one (a hover card inside a sentence) waits until the text around it is a block,
    /// so that the sentence is not cut in two.
    private mutating func hidden(_ n: Int32) {
        let text = HTMLText.clean(document.textContent(n))
        guard !text.isEmpty else { return }
        if document.nodes[Int(n)].tag.isBlockLevel {
            flush()
            appendHidden(text)
        } else {
            pendingHidden.append(text)
        }
    }

    private mutating func appendHidden(_ text: String) {
        var block = TextBlock(kind: .paragraph, text: Array(text.utf8), owner: owners[owners.count - 1])
        block.inlineFurniture = "hidden"
        measure(&block)
        blocks.append(block)
    }

    /// A card that pops up over a name or link ("rollover", "tooltip", "popover", "hovercard"):
    /// hidden until hovered, and its links would make the paragraph around it read as a link list.
    private func isHoverCard(_ n: Int32) -> Bool {
        let node = document.nodes[Int(n)]
        guard !node.attributeRange.isEmpty, !node.tag.isBlockLevel, let r = document.attributeRange("class", of: n), r.count >= 7 else { return false }
        // Lowercased as bytes once (ASCII cues), not as a String per cue.
        let cls = document.storage.withUnsafeBufferPointer { s in
            s[Int(r.lowerBound)..<Int(r.upperBound)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        }
        return Self.hoverCardCues.contains { cls.containsSequence($0) }
    }

    static let hoverCardCues = ["rollover-people-block", "rollover-block", "tooltip", "popover", "hovercard", "hover-card"].map { Array($0.utf8) }

    /// `hidden`, `display:none` and `visibility:hidden` elements are not rendered.
    private func isHidden(_ n: Int32) -> Bool {
        let node = document.nodes[Int(n)]
        if node.attributeRange.isEmpty { return false }
        if document.attributeRange("hidden", of: n) != nil { return true }
        if let style = document.attributeRange("style", of: n), style.count >= 12 {
            return document.storage.withUnsafeBufferPointer { s in
                Self.styleHides(UnsafeBufferPointer(rebasing: s[Int(style.lowerBound)..<Int(style.upperBound)]))
            }
        }
        return false
    }

    static func styleHides(_ style: UnsafeBufferPointer<UInt8>) -> Bool {
        // Compare with spaces removed and lowercase: "display: none", "DISPLAY:NONE".
        var compact: [UInt8] = []
        compact.reserveCapacity(style.count)
        for b in style where b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { compact.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        return compact.containsSequence(displayNone) || compact.containsSequence(visibilityHidden)
    }
    private static let displayNone = Array("display:none".utf8), visibilityHidden = Array("visibility:hidden".utf8)

    // MARK: - Text

    private mutating func lineBreak() {
        pendingBreaks += 1
        if pendingBreaks >= 2 {
            // Two line breaks in a row separate paragraphs.
            flush()
            return
        }
        if !buffer.isEmpty {
            if buffer.last == 0x20 { buffer.removeLast() }
            buffer.append(0x0A)
            lastWasSpace = true
        }
    }

    private mutating func appendText(_ n: Int32) {
        let inLink = linkDepth > 0
        let pre = preDepth > 0
        let before = buffer.count
        defer {
            if let outer = inlineFurniture.first, buffer.count > before {
                bufferFurnitureCharacters += buffer.count - before
                bufferFurnitureReason = bufferFurnitureReason ?? outer.reason
            }
        }
        document.withTextBytes(n) { text in
            var i = 0
            let count = text.count
            while i < count {
                let b = text[i]
                // Whitespace, including U+00A0, collapses to one space (newlines kept in <pre>).
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C {
                    if pre {
                        if b == 0x0D { i += 1; continue }
                        buffer.append(b == 0x0A ? 0x0A : 0x20)
                        lastWasSpace = true
                    } else if !lastWasSpace {
                        buffer.append(0x20)
                        lastWasSpace = true
                    }
                    i += 1
                    continue
                }
                if b == 0xC2, i + 1 < count, text[i + 1] == 0xA0 || text[i + 1] == 0xAD {
                    if text[i + 1] == 0xA0, !lastWasSpace { buffer.append(0x20); lastWasSpace = true }
                    i += 2
                    continue
                }
                // Zero-width space, joiners and BOM are invisible.
                if b == 0xE2, i + 2 < count, text[i + 1] == 0x80, text[i + 2] >= 0x8B && text[i + 2] <= 0x8D {
                    i += 3
                    continue
                }
                if b == 0xEF, i + 2 < count, text[i + 1] == 0xBB, text[i + 2] == 0xBF { i += 3; continue }
                buffer.append(b)
                lastWasSpace = false
                pendingBreaks = 0
                if inLink, b & 0xC0 != 0x80 { bufferLinkCharacters += 1 }
                i += 1
            }
        }
    }

    private mutating func flush() {
        pendingBreaks = 0
        defer {
            if !pendingHidden.isEmpty {
                let texts = pendingHidden
                pendingHidden.removeAll()
                for t in texts { appendHidden(t) }
            }
            buffer.removeAll(keepingCapacity: true)
            bufferLinkCharacters = 0
            bufferFurnitureCharacters = 0
            bufferFurnitureReason = nil
            lastWasSpace = true
        }
        // Trim spaces and newlines at both ends.
        var a = 0, b = buffer.count
        while a < b, buffer[a] == 0x20 || buffer[a] == 0x0A { a += 1 }
        while b > a, buffer[b - 1] == 0x20 || buffer[b - 1] == 0x0A { b -= 1 }
        guard a < b else { return }
        let owner = owners[owners.count - 1]
        var block = TextBlock(kind: kind(of: owner), text: Array(buffer[a..<b]), owner: owner)
        block.linkCharacters = bufferLinkCharacters
        block.quoted = quoteDepth > 0
        // Text that sits (almost) entirely inside a labelled inline element takes its label.
        if let reason = bufferFurnitureReason, bufferFurnitureCharacters * 10 >= (b - a) * 8 { block.inlineFurniture = reason }
        measure(&block)
        blocks.append(block)
    }

    private func kind(of owner: Int32) -> TextBlock.Kind {
        let tag = document.nodes[Int(owner)].tag
        if let level = Self.headingLevel(tag) { return .heading(level: level) }
        switch tag {
        case .li:
            var k = document.nodes[Int(owner)].parent
            while k > 0 {
                let t = document.nodes[Int(k)].tag
                if t == .ol { return .listItem(ordered: true) }
                if t == .ul || t == .menu || t == .dir { return .listItem(ordered: false) }
                k = document.nodes[Int(k)].parent
            }
            return .listItem(ordered: false)
        case .td, .th:
            var k = document.nodes[Int(owner)].parent
            while k > 0, document.nodes[Int(k)].tag != .tr { k = document.nodes[Int(k)].parent }
            return .tableCell(row: k, header: tag == .th)
        case .pre, .listing, .xmp, .plaintext: return .preformatted
        case .figcaption: return .caption
        case .div:
            // A headline wrapped in a <div> inside its <h1> (templates do this) is still the heading.
            var k = document.nodes[Int(owner)].parent, depth = 0
            while k > 0, depth < 3 {
                let up = document.nodes[Int(k)].tag
                if let level = Self.headingLevel(up) { return .heading(level: level) }
                guard up == .div else { return .paragraph }
                k = document.nodes[Int(k)].parent; depth += 1
            }
            return .paragraph
        default: return .paragraph
        }
    }

    private static func headingLevel(_ tag: HTMLTag) -> Int? {
        switch tag {
        case .h1: 1
        case .h2: 2
        case .h3: 3
        case .h4: 4
        case .h5: 5
        case .h6: 6
        default: nil
        }
    }

    /// Counts characters, words, stop words and commas, and whether the block ends a sentence.
    private func measure(_ block: inout TextBlock) {
        var characters = 0, words = 0, stops = 0, commas = 0
        var wordStart = -1
        let text = block.text
        text.withUnsafeBufferPointer { t in
            var i = 0
            while i <= t.count {
                defer { i += 1 }
                let b: UInt8 = i < t.count ? t[i] : 0x20
                // Chinese and Japanese have no spaces: each ideograph or kana counts as a word,
                // and their punctuation (U+3000–U+303F) separates.
                if b >= 0xE3 && b <= 0xE9, i + 2 < t.count {
                    if wordStart >= 0 {
                        words += 1
                        if stopWords.contains(UnsafeBufferPointer(rebasing: t[wordStart..<i])) { stops += 1 }
                        wordStart = -1
                    }
                    let cp = (UInt32(b & 0x0F) << 12) | (UInt32(t[i + 1] & 0x3F) << 6) | UInt32(t[i + 2] & 0x3F)
                    if cp >= 0x3040 { words += 1 }
                    characters += 1
                    i += 2
                    continue
                }
                let isWordByte = (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b >= 0x80
                    || (b == 0x27 && wordStart >= 0)
                if isWordByte {
                    if wordStart < 0 { wordStart = i }
                } else if wordStart >= 0 {
                    words += 1
                    if stopWords.contains(UnsafeBufferPointer(rebasing: t[wordStart..<i])) { stops += 1 }
                    wordStart = -1
                }
                if i < t.count {
                    if b != 0x20 && b != 0x0A && b & 0xC0 != 0x80 { characters += 1 }
                    if b == 0x2C { commas += 1 }
                }
            }
        }
        block.characters = characters
        block.words = words
        block.stopWords = stops
        block.commas = commas
        block.endsSentence = Self.endsSentence(text)
    }

    static func endsSentence(_ text: [UInt8]) -> Bool {
        var k = text.count - 1
        // Skip closing quotes and brackets: ASCII ones and UTF-8 ’ ” » (E2 80 99 / E2 80 9D / C2 BB).
        while k >= 0 {
            let b = text[k]
            if b == 0x22 || b == 0x27 || b == 0x29 || b == 0x5D || b == 0x2A { k -= 1; continue }
            if k >= 2, text[k - 2] == 0xE2, text[k - 1] == 0x80, b == 0x99 || b == 0x9D { k -= 3; continue }
            if k >= 1, text[k - 1] == 0xC2, b == 0xBB { k -= 2; continue }
            break
        }
        guard k >= 0 else { return false }
        let b = text[k]
        if b == 0x2E || b == 0x21 || b == 0x3F { return true }
        guard k >= 2 else { return false }
        let (x, y) = (text[k - 2], text[k - 1])
        // "…", ideographic full stop "。", fullwidth "！" and "？".
        return (x == 0xE2 && y == 0x80 && b == 0xA6) || (x == 0xE3 && y == 0x80 && b == 0x82)
            || (x == 0xEF && y == 0xBC && (b == 0x81 || b == 0x9F))
    }
}
