/// Writes JSON straight into bytes, without building a `JSONValue` first: for documents of a
/// fixed shape written once per record (an Article per line), where the intermediate tree
/// cost more than the writing. The output is what `JSONWriter` writes for the same value.
///
/// The bytes live in one growing allocation written through a pointer: an Article line is
/// tens of thousands of small appends (keys, numbers, punctuation), and an Array's per-append
/// checks were a large part of writing it.
public struct JSONBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    public private(set) var count = 0
    /// The top-level object's members as written: key and the byte range of its value (what
    /// a raw-JSON scan of `bytes` would find, without the scan).
    public private(set) var members: [(key: String, value: Range<Int>)] = []
    /// A value was just written at this level, so the next one needs a comma.
    private var needsComma = false
    private var depth = 0
    private var memberKey: String?
    private var memberStart = 0

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    // MARK: Raw appends

    @inline(__always) private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    @inline(__always) private mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always) private mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count += n
    }

    // MARK: Structure

    public mutating func beginObject() { separate(); append(UInt8(ascii: "{")); depth += 1; needsComma = false }
    public mutating func endObject() { append(UInt8(ascii: "}")); depth -= 1; ended() }
    public mutating func beginArray() { separate(); append(UInt8(ascii: "[")); depth += 1; needsComma = false }
    public mutating func endArray() { append(UInt8(ascii: "]")); depth -= 1; ended() }

    /// A member's key given as a literal: a plain name, copied as it is (no escaping to look for).
    public mutating func key(_ name: StaticString) {
        separate()
        let n = name.utf8CodeUnitCount
        assert((0..<n).allSatisfy { name.utf8Start[$0] >= 0x20 && name.utf8Start[$0] != 0x22 && name.utf8Start[$0] != 0x5C })
        reserve(n + 3)
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: name.utf8Start, count: n)
        base[count + n + 1] = UInt8(ascii: "\"")
        base[count + n + 2] = UInt8(ascii: ":")
        count += n + 3
        needsComma = false
        if depth == 1 { memberKey = name.description; memberStart = count }
    }

    /// A member's key from a String (escaped as needed).
    public mutating func key(string name: String) {
        separate()
        writeString(name)
        append(UInt8(ascii: ":"))
        needsComma = false
        if depth == 1 { memberKey = name; memberStart = count }
    }

    // MARK: Values

    public mutating func string(_ s: String) { separate(); writeString(s); ended() }
    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    public mutating func bool(_ b: Bool) {
        separate()
        if b { literal("true") } else { literal("false") }
        ended()
    }
    public mutating func null() { separate(); literal("null"); ended() }

    public mutating func value(_ v: JSONValue) {
        separate()
        var out: [UInt8] = []
        JSONWriter.write(v, to: &out)
        out.withUnsafeBufferPointer { if let p = $0.baseAddress { append(p, $0.count) } }
        ended()
    }

    public mutating func int(_ n: Int) {
        separate()
        defer { ended() }
        if n < 0 {
            var s = String(n)
            s.withUTF8 { if let p = $0.baseAddress { append(p, $0.count) } }
            return
        }
        if n < 10 { append(0x30 + UInt8(n)); return }
        var digits = 0
        var v = n
        while v > 0 { digits += 1; v /= 10 }
        reserve(digits)
        v = n
        var at = count + digits - 1
        while v > 0 { base[at] = 0x30 + UInt8(v % 10); v /= 10; at -= 1 }
        count += digits
    }

    public mutating func int(_ n: Int?) { if let n { int(n) } else { null() } }

    /// A number as `JSONValue(Double)` writes it (whole numbers without a fraction).
    public mutating func number(_ d: Double) {
        separate()
        if !writeFourPlaces(d) {
            var text = JSONValue.format(d)
            text.withUTF8 { if let p = $0.baseAddress { append(p, $0.count) } }
        }
        ended()
    }

    /// A value with at most four decimal places (a score rounded to 1e-4), written as the
    /// shortest text that reads back as it, which is its decimal form: what `JSONValue.format`
    /// gives, without the general float printer. False (nothing written) for other values.
    private mutating func writeFourPlaces(_ d: Double) -> Bool {
        guard d.isFinite, abs(d) < 1e9 else { return false }
        let scaled = (d * 10_000).rounded()
        // Only when scaling and rounding loses nothing is d exactly "its decimal".
        guard scaled / 10_000 == d, d != d.rounded() else { return false }
        var units = Int64(abs(scaled))
        reserve(24)
        if d < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var places = 4
        while units % 10 == 0 { units /= 10; places -= 1 }
        // Digits of `units`, at least one more than the places (a leading "0." when below 1).
        var digits = 0
        var v = units
        repeat { digits += 1; v /= 10 } while v > 0
        digits = max(digits, places + 1)
        var at = count + digits  // the point takes one position
        v = units
        for k in 0..<digits {
            if k == places { base[at] = UInt8(ascii: "."); at -= 1 }
            base[at] = 0x30 + UInt8(v % 10)
            v /= 10
            at -= 1
        }
        count += digits + 1
        return true
    }

    /// One JSON string made of `parts` with a space between each two: the same bytes as
    /// writing their joined text, without building it.
    public mutating func string(joining parts: [String]) {
        separate()
        append(UInt8(ascii: "\""))
        for (k, part) in parts.enumerated() {
            if k > 0 { append(0x20) }
            var s = part
            s.withUTF8 { escape($0) }
        }
        append(UInt8(ascii: "\""))
        ended()
    }

    public mutating func strings(_ items: [String]) {
        beginArray()
        for s in items { string(s) }
        endArray()
    }

    @inline(__always) private mutating func literal(_ word: StaticString) {
        append(word.utf8Start, word.utf8CodeUnitCount)
    }

    /// A value ended: the next one at this level needs a comma; a top-level member is complete.
    @inline(__always) private mutating func ended() {
        needsComma = true
        if depth == 1, let k = memberKey { members.append((k, memberStart..<count)); memberKey = nil }
    }

    @inline(__always) private mutating func separate() { if needsComma { append(UInt8(ascii: ",")) } }

    /// `s` as a JSON string, escaped as `JSONWriter.writeString` does: runs that need no
    /// escape are copied whole.
    private mutating func writeString(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            reserve(buf.count + 2)
            append(UInt8(ascii: "\""))
            escape(buf)
            append(UInt8(ascii: "\""))
        }
    }

    /// The bytes of a JSON string's content, escaped (`JSONWriter.escaping`).
    private mutating func escape(_ buf: UnsafeBufferPointer<UInt8>) {
        reserve(buf.count)
        JSONWriter.escaping(buf) { piece in
            if let p = piece.baseAddress { append(p, piece.count) }
        }
    }
}
