#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a text is not valid JSON, with the byte offset where reading stopped.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    /// The text is valid JSON, only not of the kind asked for (an array where an object was
    /// expected): the description then does not call it invalid.
    public var wellFormed: Bool
    public init(offset: Int, reason: String, wellFormed: Bool = false) {
        self.offset = offset; self.reason = reason; self.wellFormed = wellFormed
    }
    public var description: String { wellFormed ? reason : "invalid JSON at byte \(offset): \(reason)" }
}

/// A strict RFC 8259 parser over raw UTF-8 bytes. It exists because Foundation's generic JSON
/// is slower than `jq` (see docs/performance-notes in the shared folder) and because Galley
/// must keep key order and number text when it carries unknown fields through.
public struct JSONParser: ~Copyable {
    /// Deeper nesting than this is refused instead of risking the stack.
    public static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        var p = JSONParser(bytes)
        p.skipSpace()
        let start = p.i
        let value = try p.parseValue()
        p.skipSpace()
        if p.i != bytes.count {
            // "false alarm in the city", "42 is the answer": a sentence, not a value.
            if value.objectValue == nil, value.arrayValue == nil { throw p.notJSON(from: start) }
            throw JSONError(offset: p.i, reason: "unexpected data after the JSON value")
        }
        return value
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buf in
            do throws(JSONError) { return .success(try parse(buf)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { buf in
            do throws(JSONError) { return .success(try parse(buf)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func parse(_ text: String) throws(JSONError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Every value of a text holding one or more JSON values one after another, separated by
    /// white space or nothing: what `jq .` writes for several inputs (pretty-printed objects
    /// back to back). Throws at the first value that is not valid JSON.
    public static func parseSequence(_ bytes: [UInt8]) throws(JSONError) -> [JSONValue] {
        let result: Result<[JSONValue], JSONError> = bytes.withUnsafeBufferPointer { buf in
            var p = JSONParser(buf)
            var values: [JSONValue] = []
            p.skipSpace()
            while p.i < buf.count {
                do throws(JSONError) { values.append(try p.parseValue()) } catch { return .failure(error) }
                p.skipSpace()
            }
            return .success(values)
        }
        return try result.get()
    }

    /// Like `parseSequence`, but a broken value does not lose the rest: reading goes on at the
    /// next line that opens a value at its start, where `jq .` starts each one. Each value, or
    /// the error of a broken stretch, in order.
    public static func parseSequenceRecovering(_ bytes: [UInt8]) -> [Result<JSONValue, JSONError>] {
        bytes.withUnsafeBufferPointer { buf in
            var p = JSONParser(buf)
            var out: [Result<JSONValue, JSONError>] = []
            p.skipSpace()
            while p.i < buf.count {
                let start = p.i
                do throws(JSONError) {
                    out.append(.success(try p.parseValue()))
                } catch {
                    out.append(.failure(error))
                    // On at the first line after the value's start that opens with "{" or "[".
                    var k = Swift.max(start + 1, Swift.min(error.offset, buf.count))
                    while k < buf.count, !(buf[k - 1] == 0x0A && (buf[k] == UInt8(ascii: "{") || buf[k] == UInt8(ascii: "["))) { k += 1 }
                    p.i = k
                    p.depth = 0
                }
                p.skipSpace()
            }
            return out
        }
    }

    /// Where the first JSON value of `bytes` ends (after any spaces before it), or nil when it
    /// is not valid JSON: "[1] First." holds a whole value and then a text.
    public static func endOfFirstValue(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf in
            var p = JSONParser(buf)
            p.skipSpace()
            do throws(JSONError) { _ = try p.parseValue() } catch { return nil }
            return p.i
        }
    }

    /// One value starting at `i` (after any spaces), nested `depth` levels deep in its
    /// document; `i` moves past it. For `JSONCursor`, which reads the documents it knows field
    /// by field and hands the rest here.
    static func value(in bytes: UnsafeBufferPointer<UInt8>, at i: inout Int, depth: Int) throws(JSONError) -> JSONValue {
        var p = JSONParser(bytes)
        p.i = i
        p.depth = depth
        p.skipSpace()
        let value = try p.parseValue()
        i = p.i
        return value
    }

    /// The string whose opening quote is at `i`; `i` moves past its closing quote.
    static func string(in bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) throws(JSONError) -> String {
        var p = JSONParser(bytes)
        p.i = i
        let s = try p.parseString()
        i = p.i
        return s
    }

    // MARK: - Grammar

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private func fail(_ reason: String) -> JSONError { JSONError(offset: i, reason: reason) }

    private mutating func parseValue() throws(JSONError) -> JSONValue {
        guard i < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default:
            // A word or a sentence where a value should be: quote it ("Hello", "ñandú").
            let b = bytes[i]
            if depth == 0, b >= 0x80 || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")) { throw notJSON(from: i) }
            throw fail("unexpected character '\(printable(b))'")
        }
    }

    /// "not JSON: '...'" quoting what stands at `start`: to the line's end, at most 40 bytes,
    /// never cutting a character in two.
    private func notJSON(from start: Int) -> JSONError {
        var end = start
        while end < bytes.count, end - start < 40, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        // Back off to a character's start when the cut fell inside one.
        if end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 {
            while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        let seen = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return JSONError(offset: start, reason: "not JSON: '\(seen)' (expected an object, an array, a string, a number, true, false or null)")
    }

    private func printable(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16)
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONError) {
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        // "not json" (or "fast") read as a broken "null" helps no one: say what is there.
        guard i + n <= bytes.count else { throw notJSON(from: i) }
        for k in 0..<n where bytes[i + k] != w[k] { throw notJSON(from: i) }
        // "false alarm": a word that only starts like a literal.
        if i + n < bytes.count, bytes[i + n] | 0x20 >= UInt8(ascii: "a"), bytes[i + n] | 0x20 <= UInt8(ascii: "z") { throw notJSON(from: i) }
        i += n
    }

    private mutating func enter() throws(JSONError) {
        depth += 1
        if depth > JSONParser.maximumDepth { throw fail("nesting deeper than \(JSONParser.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(JSONError) -> JSONValue {
        try enter()
        i += 1
        var object = JSONObject()
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(object) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let key = try parseString()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after key") }
            i += 1
            skipSpace()
            let value = try parseValue()
            // Duplicate keys: the last one wins, as in most parsers (RFC 8259 leaves it open).
            if object[key] != nil { object[key] = value } else { object.appendUnchecked(key, value) }
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input in object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; break }
            throw fail("expected ',' or '}' in object")
        }
        depth -= 1
        return .object(object)
    }

    private mutating func parseArray() throws(JSONError) -> JSONValue {
        try enter()
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try parseValue())
            skipSpace()
            guard i < bytes.count else { throw fail("unexpected end of input in array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
            throw fail("expected ',' or ']' in array")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func parseNumber() throws(JSONError) -> JSONValue {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw fail("invalid number") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, isDigit(bytes[i]) { throw fail("leading zero in number") }
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("digit expected after '.'") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw fail("digit expected in exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Reads a string starting at the opening quote. Strings without escapes (nearly all of
    /// them) are made straight from the bytes after one validating scan.
    private mutating func parseString() throws(JSONError) -> String {
        i += 1
        let start = i
        var hasEscape = false
        var hasNonASCII = false
        while i < bytes.count {
            if ByteScan.plainStringBytes(bytes, at: i) { i += 8; continue }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") { hasEscape = true; i += 2; continue }
            if b < 0x20 { throw fail("unescaped control character in string") }
            if b >= 0x80 { hasNonASCII = true }
            i += 1
        }
        guard i < bytes.count else { throw JSONError(offset: start - 1, reason: "unterminated string") }
        let end = i
        i += 1
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !hasEscape {
            if !hasNonASCII { return String(decoding: raw, as: UTF8.self) }
            guard let s = String(validating: raw, as: UTF8.self) else {
                throw JSONError(offset: start, reason: "invalid UTF-8 in string")
            }
            return s
        }
        return try unescape(raw, base: start)
    }

    private func unescape(_ raw: UnsafeBufferPointer<UInt8>, base: Int) throws(JSONError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        func hex4(_ at: Int) throws(JSONError) -> UInt32 {
            guard at + 4 <= raw.count else { throw JSONError(offset: base + at, reason: "short \\u escape") }
            var v: UInt32 = 0
            for j in at..<(at + 4) {
                let c = raw[j]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw JSONError(offset: base + j, reason: "invalid hex digit in \\u escape")
                }
                v = v << 4 | d
            }
            return v
        }
        while k < raw.count {
            // Copy the run up to the next escape in one piece (long HTML fields are mostly runs).
            if raw[k] != UInt8(ascii: "\\") {
                let rest = UnsafeRawPointer(raw.baseAddress! + k)
                let j = memchr(rest, 0x5C, raw.count - k).map { k + (UnsafeRawPointer($0) - rest) } ?? raw.count
                out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[k..<j]))
                k = j
                continue
            }
            guard k + 1 < raw.count else { throw JSONError(offset: base + k, reason: "dangling escape") }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4(k)
                k += 4
                if (0xD800...0xDBFF).contains(code) {
                    // A high surrogate must pair with a low one; a lone one becomes U+FFFD.
                    if k + 6 <= raw.count, raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u") {
                        let low = try hex4(k + 2)
                        if (0xDC00...0xDFFF).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            k += 6
                        } else { code = 0xFFFD }
                    } else { code = 0xFFFD }
                } else if (0xDC00...0xDFFF).contains(code) {
                    code = 0xFFFD
                }
                appendUTF8(UnicodeScalar(code) ?? "\u{FFFD}", to: &out)
            default:
                throw JSONError(offset: base + k - 1, reason: "invalid escape '\\\(printable(e))'")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else {
            throw JSONError(offset: base, reason: "invalid UTF-8 in string")
        }
        return s
    }
}

@inline(__always)
func appendUTF8(_ scalar: UnicodeScalar, to out: inout [UInt8]) {
    let v = scalar.value
    switch v {
    case 0..<0x80: out.append(UInt8(v))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (v & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
    }
}
