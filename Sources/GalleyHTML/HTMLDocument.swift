/// A parsed page: a flat array of nodes linked as a tree, with every text and attribute
/// stored once in one UTF-8 buffer. Node 0 is the document itself.
public final class HTMLDocument {
    public enum NodeKind: UInt8, Sendable { case document, element, text }

    public struct Node: Sendable {
        public var kind: NodeKind
        public var tag: HTMLTag
        public var parent: Int32
        public var firstChild: Int32 = -1
        public var lastChild: Int32 = -1
        public var nextSibling: Int32 = -1
        /// Text nodes: the text in `storage`. Unknown elements: the element name.
        var bytes: Range<Int32> = 0..<0
        /// Elements: the attributes' range in `attributes`.
        var attributeRange: Range<Int32> = 0..<0
    }

    struct Attribute {
        var name: Range<Int32>
        var value: Range<Int32>
    }

    public let nodes: [Node]
    let storage: [UInt8]
    let attributes: [Attribute]

    init(nodes: [Node], storage: [UInt8], attributes: [Attribute]) {
        self.nodes = nodes
        self.storage = storage
        self.attributes = attributes
    }

    public static let root: Int32 = 0

    // MARK: - Reading

    public func kind(_ n: Int32) -> NodeKind { nodes[Int(n)].kind }
    public func tag(_ n: Int32) -> HTMLTag { nodes[Int(n)].tag }
    public func parent(_ n: Int32) -> Int32 { nodes[Int(n)].parent }

    /// Lowercase element name ("div", "my-widget").
    public func name(_ n: Int32) -> String {
        let node = nodes[Int(n)]
        guard node.kind == .element else { return node.kind == .text ? "#text" : "#document" }
        return node.tag == .unknown ? string(node.bytes) : node.tag.name
    }

    /// The text of a text node.
    public func text(_ n: Int32) -> String {
        let node = nodes[Int(n)]
        return node.kind == .text ? string(node.bytes) : ""
    }

    /// UTF-8 bytes of a text node, without copying.
    func withTextBytes<R>(_ n: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let r = nodes[Int(n)].bytes
        return storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(r.lowerBound)..<Int(r.upperBound)])) }
    }

    func string(_ r: Range<Int32>) -> String {
        storage.withUnsafeBufferPointer { String(decoding: $0[Int(r.lowerBound)..<Int(r.upperBound)], as: UTF8.self) }
    }

    public func children(_ n: Int32) -> ChildSequence { ChildSequence(document: self, upcoming: nodes[Int(n)].firstChild) }

    public struct ChildSequence: Sequence, IteratorProtocol {
        let document: HTMLDocument
        var upcoming: Int32
        public mutating func next() -> Int32? {
            guard upcoming >= 0 else { return nil }
            defer { upcoming = document.nodes[Int(upcoming)].nextSibling }
            return upcoming
        }
    }

    /// The value of an attribute (names are lowercase), or nil.
    public func attribute(_ name: String, of n: Int32) -> String? {
        attributeRange(name, of: n).map { string($0) }
    }

    func attributeRange(_ name: String, of n: Int32) -> Range<Int32>? {
        let node = nodes[Int(n)]
        guard node.kind == .element, !node.attributeRange.isEmpty else { return nil }
        var key = name
        return key.withUTF8 { k in
            storage.withUnsafeBufferPointer { s in
                for a in Int(node.attributeRange.lowerBound)..<Int(node.attributeRange.upperBound) {
                    let attr = attributes[a]
                    guard attr.name.count == k.count else { continue }
                    var same = true
                    for i in 0..<k.count where s[Int(attr.name.lowerBound) + i] != k[i] { same = false; break }
                    if same { return attr.value }
                }
                return nil
            }
        }
    }

    /// Every attribute of an element, in source order.
    public func attributes(of n: Int32) -> [(name: String, value: String)] {
        let node = nodes[Int(n)]
        guard node.kind == .element else { return [] }
        return (Int(node.attributeRange.lowerBound)..<Int(node.attributeRange.upperBound)).map {
            (string(attributes[$0].name), string(attributes[$0].value))
        }
    }

    /// Elements with a tag, in document order.
    public func elements(_ tag: HTMLTag) -> [Int32] {
        var out: [Int32] = []
        for (i, node) in nodes.enumerated() where node.kind == .element && node.tag == tag { out.append(Int32(i)) }
        return out
    }

    /// One past the last node of `n`'s subtree: the next sibling of `n` or of its nearest
    /// ancestor that has one.
    public func subtreeEnd(_ n: Int32) -> Int {
        var k = n
        while k >= 0 {
            let next = nodes[Int(k)].nextSibling
            if next >= 0 { return Int(next) }
            k = nodes[Int(k)].parent
        }
        return nodes.count
    }

    /// All the text under a node, concatenated as it appears (no whitespace clean-up). With
    /// `lineBreaks`, a `<br>` is a line break: "By Jane Doe<br>Associated Press" is two lines,
    /// not "Jane DoeAssociated Press".
    public func textContent(_ n: Int32, lineBreaks: Bool = false) -> String {
        var bytes: [UInt8] = []
        for d in Int(n)..<subtreeEnd(n) {
            if nodes[d].kind == .text {
                let r = nodes[d].bytes
                bytes.append(contentsOf: storage[Int(r.lowerBound)..<Int(r.upperBound)])
            } else if lineBreaks, nodes[d].kind == .element, nodes[d].tag == .br {
                bytes.append(0x0A)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when `ancestor` is `n` or contains it.
    public func contains(_ ancestor: Int32, _ n: Int32) -> Bool {
        var k = n
        while k >= 0 { if k == ancestor { return true }; k = nodes[Int(k)].parent }
        return false
    }
}
