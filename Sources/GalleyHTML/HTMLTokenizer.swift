#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A tolerant HTML tokenizer over UTF-8 bytes, following the WHATWG tokenization states that
/// change what text a page shows: tags with quoted, unquoted and duplicate attributes,
/// comments (including the abrupt `<!-->` forms), doctypes and bogus comments, character
/// references with and without ";", and the raw-text / RCDATA content of `script`, `style`,
/// `title`, `textarea` and friends. It never fails: any byte sequence yields tokens and ends.
///
/// The current token lives in the tokenizer's reusable buffers (`text`, `tagName`,
/// `attributes`) until the next call, so no token allocates.
struct HTMLTokenizer {
    enum Kind { case text, startTag, endTag, comment, doctype, endOfFile }

    struct Attribute {
        var name: Range<Int>
        var value: Range<Int>
    }

    private let p: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    /// Decoded text of a `.text` token.
    private(set) var text: [UInt8] = []
    /// Lowercased name of a tag token, and its interned form.
    private(set) var tagName: [UInt8] = []
    private(set) var tag: HTMLTag = .unknown
    private(set) var selfClosing = false
    /// Attribute names (lowercased) and decoded values live in `attributeBytes`.
    private(set) var attributes: [Attribute] = []
    private(set) var attributeBytes: [UInt8] = []
    /// The current tag's attribute names once it has `attributesScanned` of them (else empty):
    /// see `isDuplicate`.
    private var attributeNames: Set<[UInt8]> = []
    private static let attributesScanned = 16

    /// Set by the tree builder after a start tag whose content is raw text or RCDATA: the
    /// next token is that content, up to the matching end tag.
    var pendingRawText: HTMLTag?
    /// Keep the raw text as a text token (JSON-LD inside `<script type="application/ld+json">`).
    var keepsRawText = false
    /// `<plaintext>`: everything after it is text.
    var plaintext = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        p = bytes
        text.reserveCapacity(4096)
        attributes.reserveCapacity(16)
        attributeBytes.reserveCapacity(1024)
    }

    /// The value of an attribute of the current tag (`name` lowercase).
    func attributeValue(_ name: String) -> String? {
        let key = Array(name.utf8)
        for a in attributes where attributeBytes[a.name].elementsEqual(key) {
            return String(decoding: attributeBytes[a.value], as: UTF8.self)
        }
        return nil
    }

    // MARK: - Tokens

    mutating func next() -> Kind {
        if let raw = pendingRawText {
            pendingRawText = nil
            let keep = keepsRawText
            keepsRawText = false
            if readRawText(raw, keep: keep) { return .text }
        }
        let end = p.count
        while position < end {
            if plaintext {
                text.removeAll(keepingCapacity: true)
                appendText(position..<end)
                position = end
                return .text
            }
            if p[position] == UInt8(ascii: "<") {
                if let kind = readMarkup() { return kind }
                continue
            }
            if readText() { return .text }
        }
        return .endOfFile
    }

    /// Text up to the next markup; character references decoded. False when nothing was read.
    private mutating func readText() -> Bool {
        text.removeAll(keepingCapacity: true)
        let end = p.count
        var i = position
        var runStart = i
        while i < end {
            let b = p[i]
            if b == UInt8(ascii: "<") {
                // A "<" that opens no markup is text; look ahead the way the tokenizer states do.
                if i + 1 < end, startsMarkup(at: i) { break }
                i += 1
                continue
            }
            if b == UInt8(ascii: "&") {
                if let (scalar, next) = CharacterReferences.decode(p, at: i, inAttribute: false) {
                    appendText(runStart..<i)
                    text.appendUTF8(scalar)
                    i = next
                    runStart = i
                    continue
                }
            } else if b == 0 {
                appendText(runStart..<i)
                i += 1
                runStart = i
                continue
            }
            i += 1
        }
        appendText(runStart..<i)
        position = i
        return !text.isEmpty
    }

    private func startsMarkup(at i: Int) -> Bool {
        let c = p[i + 1]
        if isASCIILetter(c) || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") { return true }
        if c == UInt8(ascii: "/") { return i + 2 < p.count }
        return false
    }

    @inline(__always) private mutating func appendText(_ r: Range<Int>) {
        if !r.isEmpty { text.append(contentsOf: UnsafeBufferPointer(rebasing: p[r])) }
    }

    /// Reads the markup at `position` ("<"): a tag, a comment, a doctype, or a literal "<"
    /// returned as text. Returns nil only for the ignored end tag "</>".
    private mutating func readMarkup() -> Kind? {
        let end = p.count
        let i = position
        guard i + 1 < end else { return readLiteralLessThan() }
        let c = p[i + 1]
        if isASCIILetter(c) {
            position = i + 1
            return readTag(isEnd: false)
        }
        switch c {
        case UInt8(ascii: "/"):
            guard i + 2 < end else { return readLiteralLessThan() }
            let d = p[i + 2]
            if isASCIILetter(d) { position = i + 2; return readTag(isEnd: true) }
            if d == UInt8(ascii: ">") { position = i + 3; return nil }
            position = i + 2
            skipBogusComment()
            return .comment
        case UInt8(ascii: "!"):
            position = i + 2
            if matches("--") { position += 2; skipComment(); return .comment }
            if matchesIgnoringCase("doctype") { skipBogusComment(); return .doctype }
            skipBogusComment()
            return .comment
        case UInt8(ascii: "?"):
            position = i + 1
            skipBogusComment()
            return .comment
        default:
            return readLiteralLessThan()
        }
    }

    private mutating func readLiteralLessThan() -> Kind {
        text.removeAll(keepingCapacity: true)
        text.append(UInt8(ascii: "<"))
        position += 1
        return .text
    }

    private func matches(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard position + n <= p.count else { return false }
        let base = s.utf8Start
        for k in 0..<n where p[position + k] != base[k] { return false }
        return true
    }

    private func matchesIgnoringCase(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard position + n <= p.count else { return false }
        let base = s.utf8Start
        for k in 0..<n where p[position + k] | 0x20 != base[k] { return false }
        return true
    }

    /// After "<!--": ends at "-->", "--!>", or (abruptly) at an immediate ">" or "->"; an
    /// unclosed comment runs to the end of the input.
    private mutating func skipComment() {
        let end = p.count
        if position < end, p[position] == UInt8(ascii: ">") { position += 1; return }
        if position + 1 < end, p[position] == UInt8(ascii: "-"), p[position + 1] == UInt8(ascii: ">") { position += 2; return }
        var i = position
        while i + 2 < end {
            if p[i] == UInt8(ascii: "-"), p[i + 1] == UInt8(ascii: "-") {
                if p[i + 2] == UInt8(ascii: ">") { position = i + 3; return }
                if p[i + 2] == UInt8(ascii: "!"), i + 3 < end, p[i + 3] == UInt8(ascii: ">") { position = i + 4; return }
            }
            i += 1
        }
        position = end
    }

    /// `<!...>`, `<?...>`, `</ ...>`: everything to the next ">".
    private mutating func skipBogusComment() {
        var i = position
        while i < p.count, p[i] != UInt8(ascii: ">") { i += 1 }
        position = min(i + 1, p.count)
    }

    // MARK: - Tags

    private mutating func readTag(isEnd: Bool) -> Kind {
        let end = p.count
        tagName.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        attributeBytes.removeAll(keepingCapacity: true)
        if !attributeNames.isEmpty { attributeNames.removeAll() }
        selfClosing = false
        var i = position
        while i < end {
            let b = p[i]
            if isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") { break }
            tagName.append(b == 0 ? 0x3F : lowercased(b))
            i += 1
        }
        tag = tagName.withUnsafeBufferPointer { HTMLTag.lookup($0) }
        // Attributes, until ">" (or the end of input, which drops the tag as the spec says).
        while true {
            while i < end, isSpace(p[i]) { i += 1 }
            guard i < end else { position = end; return .endOfFile }
            let b = p[i]
            if b == UInt8(ascii: ">") { i += 1; break }
            if b == UInt8(ascii: "/") {
                i += 1
                if i < end, p[i] == UInt8(ascii: ">") { selfClosing = true; i += 1; break }
                continue
            }
            // Attribute name; a leading "=" belongs to the name.
            let nameStart = attributeBytes.count
            attributeBytes.append(lowercased(b))
            i += 1
            while i < end {
                let c = p[i]
                if isSpace(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: ">") || c == UInt8(ascii: "=") { break }
                attributeBytes.append(lowercased(c))
                i += 1
            }
            let nameRange = nameStart..<attributeBytes.count
            var j = i
            while j < end, isSpace(p[j]) { j += 1 }
            var valueRange = attributeBytes.count..<attributeBytes.count
            if j < end, p[j] == UInt8(ascii: "=") {
                j += 1
                while j < end, isSpace(p[j]) { j += 1 }
                let valueStart = attributeBytes.count
                if j < end, p[j] == UInt8(ascii: "\"") || p[j] == UInt8(ascii: "'") {
                    let quote = p[j]
                    j += 1
                    while j < end, p[j] != quote {
                        // Plain runs go in one piece; "&" and NUL take the slow path.
                        var k = j
                        while k < end, p[k] != quote, p[k] != UInt8(ascii: "&"), p[k] != 0 { k += 1 }
                        if k > j {
                            attributeBytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[j..<k]))
                            j = k
                        } else {
                            j = appendAttributeByte(at: j)
                        }
                    }
                    if j < end { j += 1 }
                } else {
                    while j < end, !isSpace(p[j]), p[j] != UInt8(ascii: ">") { j = appendAttributeByte(at: j) }
                }
                valueRange = valueStart..<attributeBytes.count
                i = j
            }
            // The first of duplicate attributes wins; later ones are dropped.
            if isDuplicate(nameRange) {
                attributeBytes.removeSubrange(nameRange.lowerBound...)
            } else {
                attributes.append(Attribute(name: nameRange, value: valueRange))
            }
        }
        position = i
        return isEnd ? .endTag : .startTag
    }

    /// One byte (or one character reference) of an attribute value; returns the next index.
    @inline(__always) private mutating func appendAttributeByte(at j: Int) -> Int {
        let b = p[j]
        if b == UInt8(ascii: "&"), let (scalar, next) = CharacterReferences.decode(p, at: j, inAttribute: true) {
            attributeBytes.appendUTF8(scalar)
            return next
        }
        attributeBytes.append(b == 0 ? 0x3F : b)
        return j + 1
    }

    /// Whether the current tag already has an attribute of this name. Most tags have a few
    /// attributes, compared one by one; from `attributesScanned` on, the names are kept in a
    /// set (this one added when new), as comparing each with all before it made a tag with
    /// 200,000 attributes take 29 s.
    private mutating func isDuplicate(_ name: Range<Int>) -> Bool {
        if attributes.count >= Self.attributesScanned {
            if attributeNames.isEmpty { attributeNames = Set(attributes.map { Array(attributeBytes[$0.name]) }) }
            return !attributeNames.insert(Array(attributeBytes[name])).inserted
        }
        for a in attributes where a.name.count == name.count {
            var same = true
            for k in 0..<name.count where attributeBytes[a.name.lowerBound + k] != attributeBytes[name.lowerBound + k] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    // MARK: - Raw text and RCDATA

    /// Content of `script`, `style`, `title`, `textarea`...: everything up to `</name` followed
    /// by a space, "/" or ">". Character references are decoded only in RCDATA (`title`,
    /// `textarea`). The end tag itself is left for the next call.
    private mutating func readRawText(_ element: HTMLTag, keep: Bool) -> Bool {
        let name = Self.rawTextNames[Int(element.rawValue)]
        let end = p.count
        var i = position
        var close = end
        while i + 1 < end {
            // Jump to the next "<" (memchr), the only byte that can start the end tag.
            guard let base = p.baseAddress, let hit = memchr(base + i, 0x3C, end - i) else { break }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard i + 1 < end else { break }
            if p[i + 1] == UInt8(ascii: "/"), i + 2 + name.count <= end {
                var same = true
                for k in 0..<name.count where lowercased(p[i + 2 + k]) != name[k] { same = false; break }
                if same {
                    let after = i + 2 + name.count
                    if after == end || isSpace(p[after]) || p[after] == UInt8(ascii: "/") || p[after] == UInt8(ascii: ">") {
                        close = i
                        break
                    }
                }
            }
            i += 1
        }
        text.removeAll(keepingCapacity: true)
        if keep {
            appendText(position..<close)
        } else if element.isEscapableRawText || element == .xmp {
            var k = position
            var runStart = k
            while k < close {
                if p[k] == UInt8(ascii: "&"), element != .xmp,
                   let (scalar, next) = CharacterReferences.decode(UnsafeBufferPointer(rebasing: p[..<close]), at: k, inAttribute: false) {
                    appendText(runStart..<k)
                    text.appendUTF8(scalar)
                    k = next
                    runStart = k
                } else {
                    k += 1
                }
            }
            appendText(runStart..<close)
        }
        position = close
        return !text.isEmpty
    }

    private static let rawTextNames: [[UInt8]] = HTMLTag.allCases.map { Array($0.name.utf8) }

    // MARK: - Byte classes

    @inline(__always) private func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0C || b == 0x0D
    }

    @inline(__always) private func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    @inline(__always) private func lowercased(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
}
