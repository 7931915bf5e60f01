/// Writes JSON straight into bytes, without building a `JSONValue` first: for documents of a
/// fixed shape written once per record (an Article per line), where the intermediate tree
/// cost more than the writing. The output is what `JSONWriter` writes for the same value.
public struct JSONBuffer {
    public private(set) var bytes: [UInt8] = []
    /// The top-level object's members as written: key and the byte range of its value (what
    /// a raw-JSON scan of `bytes` would find, without the scan).
    public private(set) var members: [(key: String, value: Range<Int>)] = []
    /// A value was just written at this level, so the next one needs a comma.
    private var needsComma = false
    private var depth = 0
    private var memberKey: String?
    private var memberStart = 0

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); depth += 1; needsComma = false }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); depth -= 1; ended() }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); depth += 1; needsComma = false }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); depth -= 1; ended() }

    /// A member's key given as a literal: a plain name, copied as it is (no escaping to look for).
    public mutating func key(_ name: StaticString) {
        separate()
        let n = name.utf8CodeUnitCount
        assert((0..<n).allSatisfy { name.utf8Start[$0] >= 0x20 && name.utf8Start[$0] != 0x22 && name.utf8Start[$0] != 0x5C })
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: n))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
        if depth == 1 { memberKey = name.description; memberStart = bytes.count }
    }

    /// A member's key from a String (escaped as needed).
    public mutating func key(string name: String) {
        separate()
        JSONWriter.writeString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
        if depth == 1 { memberKey = name; memberStart = bytes.count }
    }

    public mutating func string(_ s: String) { separate(); JSONWriter.writeString(s, to: &bytes); ended() }
    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    public mutating func bool(_ b: Bool) { separate(); bytes.append(contentsOf: (b ? "true" : "false").utf8); ended() }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8); ended() }
    public mutating func value(_ v: JSONValue) { separate(); JSONWriter.write(v, to: &bytes); ended() }

    /// A value ended: the next one at this level needs a comma; a top-level member is complete.
    private mutating func ended() {
        needsComma = true
        if depth == 1, let k = memberKey { members.append((k, memberStart..<bytes.count)); memberKey = nil }
    }

    public mutating func int(_ n: Int) {
        separate()
        defer { ended() }
        if n < 0 { bytes.append(contentsOf: String(n).utf8); return }
        if n < 10 { bytes.append(0x30 + UInt8(n)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = n
        withUnsafeMutableBytes(of: &digits) { d in
            while v > 0 { d[19 - count] = 0x30 + UInt8(v % 10); v /= 10; count += 1 }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(20 - count)...]))
        }
    }

    public mutating func int(_ n: Int?) { if let n { int(n) } else { null() } }

    public mutating func strings(_ items: [String]) {
        beginArray()
        for s in items { string(s) }
        endArray()
    }

    private mutating func separate() { if needsComma { bytes.append(UInt8(ascii: ",")) } }
}
