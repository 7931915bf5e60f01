#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a JSON document of a known shape field by field, straight from its bytes, without
/// building a `JSONValue` tree: for the documents every record carries (an Article, a
/// request), where the tree and its tear-down cost more than the reading.
///
/// The cursor is a fast path only. It accepts nothing `JSONParser` would refuse, but it gives
/// up (`Mismatch`) on anything its caller did not plan for: a value of another type, an
/// escaped or repeated key, a number that is not a plain integer. The caller then reads the
/// document the general way, which decides and words any error, so both ways always agree.
public struct JSONCursor {
    /// The document is not the shape the fast path reads (or not valid JSON).
    public struct Mismatch: Error, Sendable {
        public init() {}
    }

    public let bytes: UnsafeBufferPointer<UInt8>
    public private(set) var position: Int
    private var depth = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    @inline(__always) private mutating func skipSpace() {
        while position < bytes.count {
            let b = bytes[position]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            position += 1
        }
    }

    @inline(__always) private mutating func peek() -> UInt8? {
        skipSpace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Whether only spaces are left.
    public mutating func atEnd() -> Bool { peek() == nil }

    // MARK: Containers

    /// Enters an object; read its members with `nextKey(&first)`.
    public mutating func beginObject() throws(Mismatch) { try enter(UInt8(ascii: "{")) }

    /// Enters an array; read its elements while `nextElement(&first)` is true.
    public mutating func beginArray() throws(Mismatch) { try enter(UInt8(ascii: "[")) }

    private mutating func enter(_ opening: UInt8) throws(Mismatch) {
        guard peek() == opening else { throw Mismatch() }
        position += 1
        depth += 1
        guard depth <= JSONParser.maximumDepth else { throw Mismatch() }
    }

    /// The next member's key (its raw bytes, valid until the cursor's buffer goes), with the
    /// cursor on its value; nil when the object ends. `first` starts true for each object.
    public mutating func nextKey(_ first: inout Bool) throws(Mismatch) -> UnsafeBufferPointer<UInt8>? {
        guard try next(&first, closing: UInt8(ascii: "}")) else { return nil }
        // Keys are short ASCII names; anything escaped goes the general way.
        let key = try plainASCIIString()
        guard peek() == UInt8(ascii: ":") else { throw Mismatch() }
        position += 1
        return key
    }

    /// Whether another element follows (the cursor then is on it); false when the array ends.
    public mutating func nextElement(_ first: inout Bool) throws(Mismatch) -> Bool {
        try next(&first, closing: UInt8(ascii: "]"))
    }

    /// Past the comma before another member or element (none before the first): true; past the
    /// container's `closing` bracket: false.
    private mutating func next(_ first: inout Bool, closing: UInt8) throws(Mismatch) -> Bool {
        guard let b = peek() else { throw Mismatch() }
        if b == closing {
            position += 1
            depth -= 1
            return false
        }
        if !first {
            guard b == UInt8(ascii: ",") else { throw Mismatch() }
            position += 1
        }
        first = false
        return true
    }

    // MARK: Scalars

    /// Consumes a `null` if one is next.
    public mutating func takeNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), position + 4 <= bytes.count, bytes[position + 1] == UInt8(ascii: "u"),
              bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l") else { return false }
        position += 4
        return true
    }

    public mutating func string() throws(Mismatch) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw Mismatch() }
        do { return try JSONParser.string(in: bytes, at: &position) } catch { throw Mismatch() }
    }

    /// The bytes of a string with no escapes and only ASCII in it (a name, a kind), without
    /// making a String; a mismatch for anything else.
    public mutating func plainASCIIString() throws(Mismatch) -> UnsafeBufferPointer<UInt8> {
        guard peek() == UInt8(ascii: "\"") else { throw Mismatch() }
        let start = position + 1
        var k = start
        while k < bytes.count {
            let b = bytes[k]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { throw Mismatch() }
            k += 1
        }
        guard k < bytes.count else { throw Mismatch() }
        position = k + 1
        return UnsafeBufferPointer(rebasing: bytes[start..<k])
    }

    /// A string or null.
    public mutating func optionalString() throws(Mismatch) -> String? {
        if takeNull() { return nil }
        return try string()
    }

    /// A plain integer literal (`-12`, `0`): what a writer of integers writes. Anything else
    /// (a fraction, an exponent, too many digits) is a mismatch.
    public mutating func int() throws(Mismatch) -> Int {
        guard var b = peek() else { throw Mismatch() }
        var negative = false
        if b == UInt8(ascii: "-") {
            negative = true
            position += 1
            guard position < bytes.count else { throw Mismatch() }
            b = bytes[position]
        }
        guard b >= 0x30, b <= 0x39 else { throw Mismatch() }
        var value = 0
        var digits = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            // Digits past the 18th are only counted: accumulating them could overflow (a trap).
            if digits < 18 { value = value &* 10 &+ Int(bytes[position] &- 0x30) }
            digits += 1
            position += 1
        }
        // A leading zero is invalid JSON; 18 digits always fit; a fraction or exponent follows.
        if digits > 18 || (digits > 1 && b == 0x30) { throw Mismatch() }
        if position < bytes.count {
            let next = bytes[position]
            if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { throw Mismatch() }
        }
        return negative ? -value : value
    }

    /// An integer or null.
    public mutating func optionalInt() throws(Mismatch) -> Int? {
        if takeNull() { return nil }
        return try int()
    }

    public mutating func bool() throws(Mismatch) -> Bool {
        guard let b = peek() else { throw Mismatch() }
        if b == UInt8(ascii: "t"), position + 4 <= bytes.count, bytes[position + 1] == UInt8(ascii: "r"),
           bytes[position + 2] == UInt8(ascii: "u"), bytes[position + 3] == UInt8(ascii: "e") {
            position += 4
            return true
        }
        if b == UInt8(ascii: "f"), position + 5 <= bytes.count, bytes[position + 1] == UInt8(ascii: "a"),
           bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "s"), bytes[position + 4] == UInt8(ascii: "e") {
            position += 5
            return false
        }
        throw Mismatch()
    }

    /// A boolean or null.
    public mutating func optionalBool() throws(Mismatch) -> Bool? {
        if takeNull() { return nil }
        return try bool()
    }

    // MARK: Anything else

    /// The next value, whatever it is, read by the general parser (for the parts a reader
    /// carries through without looking inside).
    public mutating func value() throws(Mismatch) -> JSONValue {
        do { return try JSONParser.value(in: bytes, at: &position, depth: depth) } catch { throw Mismatch() }
    }

    /// Skips the next value, checking it as the general parser would.
    public mutating func skipValue() throws(Mismatch) { _ = try value() }

    /// Whether the bytes of `key` are exactly `name`.
    @inline(__always)
    public static func matches(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        guard key.count == n else { return false }
        guard n > 0, let k = key.baseAddress else { return true }
        return memcmp(k, name.utf8Start, n) == 0
    }
}
