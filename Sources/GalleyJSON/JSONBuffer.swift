/// Writes JSON straight into bytes, without building a `JSONValue` first: for documents of a
/// fixed shape written once per record (an Article per line), where the intermediate tree
/// cost more than the writing. The output is what `JSONWriter` writes for the same value.
public struct JSONBuffer {
    public private(set) var bytes: [UInt8] = []
    /// A value was just written at this level, so the next one needs a comma.
    private var needsComma = false

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    public mutating func key(_ name: String) {
        separate()
        JSONWriter.writeString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ s: String) { separate(); JSONWriter.writeString(s, to: &bytes); needsComma = true }
    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    public mutating func bool(_ b: Bool) { separate(); bytes.append(contentsOf: (b ? "true" : "false").utf8); needsComma = true }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8); needsComma = true }
    public mutating func value(_ v: JSONValue) { separate(); JSONWriter.write(v, to: &bytes); needsComma = true }

    public mutating func int(_ n: Int) {
        separate()
        needsComma = true
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

    public mutating func ints(_ items: [Int]) {
        beginArray()
        for n in items { int(n) }
        endArray()
    }

    private mutating func separate() { if needsComma { bytes.append(UInt8(ascii: ",")) } }
}
