import GalleyJSON

/// Reading and editing JSON objects as bytes, without building values. The host relays
/// articles it does not need to look inside: it validates each line, picks out the few
/// members it needs (`id`, the fields a plugin asked for) and splices a plugin's result into
/// `analyses`, all on the raw bytes (see docs/performance-notes: Foundation's generic JSON is
/// slower than jq, raw-byte I/O is near cat).
public enum RawJSON {
    /// The integer `"id"` member at the top level of a line that is not valid JSON (a `NaN`,
    /// a byte that is not UTF-8, a bad escape): enough to tell which request a broken answer
    /// was for. Strings are skipped by their quotes and escapes, nesting by brackets; nil when
    /// the line has no such member.
    public static func idOfBrokenLine(_ bytes: ArraySlice<UInt8>) -> Int? {
        let end = bytes.endIndex
        var i = bytes.startIndex, depth = 0
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        while i < end {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < end, bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                guard j < end else { return nil }
                if depth == 1, j - i == 3, bytes[i + 1] == UInt8(ascii: "i"), bytes[i + 2] == UInt8(ascii: "d") {
                    var k = j + 1
                    while k < end, isSpace(bytes[k]) { k += 1 }
                    guard k < end, bytes[k] == UInt8(ascii: ":") else { i = j + 1; continue }
                    k += 1
                    while k < end, isSpace(bytes[k]) { k += 1 }
                    var value = 0, digits = 0
                    while k < end, bytes[k] >= 0x30, bytes[k] <= 0x39, digits < 18 {
                        value = value * 10 + Int(bytes[k] - 0x30); digits += 1; k += 1
                    }
                    guard digits > 0, k == end || isSpace(bytes[k]) || bytes[k] == UInt8(ascii: ",") || bytes[k] == UInt8(ascii: "}") else { return nil }
                    return value
                }
                i = j + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The top-level keys of an object whose text may be cut short (the start of a line too
    /// long to read), as far as the text goes.
    public static func topLevelKeys(ofPrefix bytes: ArraySlice<UInt8>) -> [String] {
        var keys: [String] = []
        var i = bytes.startIndex, depth = 0
        var expectingKey = false
        while i < bytes.endIndex {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < bytes.endIndex, bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                guard j < bytes.endIndex else { return keys }
                if depth == 1 && expectingKey { keys.append(String(decoding: bytes[(i + 1)..<j], as: UTF8.self)) }
                expectingKey = false
                i = j + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ","): if depth == 1 { expectingKey = true }
            default: break
            }
            i += 1
        }
        return keys
    }

    /// The kind of JSON value that starts with byte `b`, for messages ("an array", "a number").
    public static func kindName(startingWith b: UInt8?) -> String {
        guard let b else { return "nothing" }
        switch b {
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return "a number"
        default: return "text that is not JSON"
        }
    }

    /// A top-level member of an object: its decoded key and the byte range of its value.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: Range<Int>
        public init(key: String, value: Range<Int>) { self.key = key; self.value = value }

        /// The same member with its value `delta` bytes further on.
        public func shifted(by delta: Int) -> Member {
            Member(key: key, value: (value.lowerBound + delta)..<(value.upperBound + delta))
        }
    }

    /// The members of an object after member `key`'s value changed size by `delta` (the
    /// members after it move), or, when there is no such member, after `key` was appended
    /// before the closing brace at `close` (`setting` does both).
    public static func members(_ members: [Member], afterEditing key: String, delta: Int, close: Int) -> [Member] {
        var ms = members
        if let k = ms.lastIndex(where: { $0.key == key }) {
            ms[k].value = ms[k].value.lowerBound..<(ms[k].value.upperBound + delta)
            for j in ms.indices where j > k { ms[j] = ms[j].shifted(by: delta) }
        } else if delta != 0 {
            // `,"key":value` (no comma in an empty object): the value ends at the new brace.
            var encodedKey: [UInt8] = []
            JSONWriter.writeString(key, to: &encodedKey)
            let start = close + (ms.isEmpty ? 0 : 1) + encodedKey.count + 1
            ms.append(Member(key: key, value: start..<(close + delta)))
        }
        return ms
    }

    /// The members of a JSON object, validating the whole text (grammar and UTF-8) on the way.
    /// Throws the same errors as `JSONParser`, naming the byte offset.
    public static func members(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONError) -> (members: [Member], close: Int) {
        var s = Scanner(bytes: bytes)
        s.skipSpace()
        guard s.i < bytes.count else { throw JSONError(offset: 0, reason: "empty line") }
        guard bytes[s.i] == UInt8(ascii: "{") else {
            // Valid JSON of another kind ("[1,2]", "true") is not called invalid.
            let wellFormed = (try? JSONParser.parse(bytes)) != nil
            throw JSONError(offset: s.i, reason: "expected a JSON object, found \(s.kindAtCursor)", wellFormed: wellFormed)
        }
        s.i += 1
        var out: [Member] = []
        s.skipSpace()
        var close = s.i
        if s.i < bytes.count, bytes[s.i] == UInt8(ascii: "}") {
            close = s.i
            s.i += 1
        } else {
            while true {
                s.skipSpace()
                guard s.i < bytes.count, bytes[s.i] == UInt8(ascii: "\"") else { throw s.fail("expected a string key") }
                let keyStart = s.i
                let hasEscape = try s.skipString()
                let key: String
                if hasEscape {
                    key = (try JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[keyStart..<s.i]))).stringValue ?? ""
                } else {
                    key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(keyStart + 1)..<(s.i - 1)]), as: UTF8.self)
                }
                s.skipSpace()
                guard s.i < bytes.count, bytes[s.i] == UInt8(ascii: ":") else { throw s.fail("expected ':' after key") }
                s.i += 1
                s.skipSpace()
                let valueStart = s.i
                try s.skipValue(depth: 1)
                out.append(Member(key: key, value: valueStart..<s.i))
                s.skipSpace()
                guard s.i < bytes.count else { throw s.fail("unexpected end of input in object") }
                if bytes[s.i] == UInt8(ascii: ",") { s.i += 1; continue }
                if bytes[s.i] == UInt8(ascii: "}") { close = s.i; s.i += 1; break }
                throw s.fail("expected ',' or '}' in object")
            }
        }
        s.skipSpace()
        if s.i != bytes.count { throw s.fail("unexpected data after the JSON value") }
        return (out, close)
    }

    /// The byte ranges of a JSON array's elements, validating the whole text on the way.
    public static func elements(_ bytes: ArraySlice<UInt8>) throws(JSONError) -> [Range<Int>] {
        let r: Result<[Range<Int>], JSONError> = bytes.withUnsafeBufferPointer { b in
            var s = Scanner(bytes: b)
            s.skipSpace()
            guard s.i < b.count, b[s.i] == UInt8(ascii: "[") else { return .failure(s.fail("expected a JSON array")) }
            s.i += 1
            var out: [Range<Int>] = []
            s.skipSpace()
            if s.i < b.count, b[s.i] == UInt8(ascii: "]") {
                s.i += 1
            } else {
                while true {
                    s.skipSpace()
                    let start = s.i
                    do throws(JSONError) { try s.skipValue(depth: 1) } catch { return .failure(error) }
                    out.append(start..<s.i)
                    s.skipSpace()
                    guard s.i < b.count else { return .failure(s.fail("unexpected end of input in array")) }
                    if b[s.i] == UInt8(ascii: ",") { s.i += 1; continue }
                    if b[s.i] == UInt8(ascii: "]") { s.i += 1; break }
                    return .failure(s.fail("expected ',' or ']' in array"))
                }
            }
            s.skipSpace()
            if s.i != b.count { return .failure(s.fail("unexpected data after the JSON value")) }
            return .success(out)
        }
        return try r.get()
    }

    public static func members(_ bytes: [UInt8]) throws(JSONError) -> (members: [Member], close: Int) {
        let r: Result<(members: [Member], close: Int), JSONError> = bytes.withUnsafeBufferPointer { b in
            do throws(JSONError) { return .success(try members(b)) } catch { return .failure(error) }
        }
        return try r.get()
    }

    public static func members(_ bytes: ArraySlice<UInt8>) throws(JSONError) -> (members: [Member], close: Int) {
        let r: Result<(members: [Member], close: Int), JSONError> = bytes.withUnsafeBufferPointer { b in
            do throws(JSONError) { return .success(try members(b)) } catch { return .failure(error) }
        }
        return try r.get()
    }

    /// Builds `{"k":v,...}` from chosen members of `bytes`, in their original order.
    public static func object(from bytes: [UInt8], members: [Member], keeping keep: (String) -> Bool) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(bytes.count)
        var first = true
        for m in members where keep(m.key) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONWriter.writeString(m.key, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: bytes[m.value])
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Returns `bytes` (an object) with member `key` set to `value` (raw JSON bytes): replaced
    /// in place when present, appended before the closing brace otherwise.
    public static func setting(_ key: String, to value: [UInt8], in bytes: [UInt8], members: [Member], close: Int) -> [UInt8] {
        if let m = members.last(where: { $0.key == key }) {
            var out = Array(bytes[..<m.value.lowerBound])
            out.reserveCapacity(bytes.count + value.count)
            out.append(contentsOf: value)
            out.append(contentsOf: bytes[m.value.upperBound...])
            return out
        }
        var out = Array(bytes[..<close])
        out.reserveCapacity(bytes.count + value.count + key.utf8.count + 4)
        if !members.isEmpty { out.append(UInt8(ascii: ",")) }
        JSONWriter.writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: value)
        out.append(contentsOf: bytes[close...])
        return out
    }

    /// Adds `name: result` to the object under `analyses` (creating it when absent), keeping
    /// every other byte of the article as it was.
    public static func addingAnalysis(_ name: String, result: [UInt8], to article: [UInt8]) throws(JSONError) -> [UInt8] {
        let (ms, close) = try members(article)
        return addingAnalysis(name, result: result, to: article, members: ms, close: close)
    }

    public static func addingAnalysis(_ name: String, result: [UInt8], to article: [UInt8], members ms: [Member], close: Int) -> [UInt8] {
        guard let analyses = ms.last(where: { $0.key == "analyses" }),
              article[analyses.value.lowerBound] == UInt8(ascii: "{") else {
            var obj: [UInt8] = [UInt8(ascii: "{")]
            JSONWriter.writeString(name, to: &obj)
            obj.append(UInt8(ascii: ":"))
            obj.append(contentsOf: result)
            obj.append(UInt8(ascii: "}"))
            return setting("analyses", to: obj, in: article, members: ms, close: close)
        }
        let inner = Array(article[analyses.value])
        guard let parsed = try? members(inner) else { return article }
        let updated = setting(name, to: result, in: inner, members: parsed.members, close: parsed.close)
        return setting("analyses", to: updated, in: article, members: ms, close: close)
    }

    /// `setting` on an object whose members are known, also returning the new object's
    /// members and closing brace: an editor that keeps the positions needs no rescan.
    public static func settingWithMembers(_ key: String, to value: [UInt8], in bytes: [UInt8], members: [Member],
                                          close: Int) -> (bytes: [UInt8], members: [Member], close: Int) {
        let out = setting(key, to: value, in: bytes, members: members, close: close)
        let delta = out.count - bytes.count
        return (out, Self.members(members, afterEditing: key, delta: delta, close: close), close + delta)
    }

    /// Appends `item` (raw JSON) to the array under `key`, creating the array when absent.
    public static func appending(_ item: [UInt8], toArray key: String, in bytes: [UInt8], members ms: [Member], close: Int) -> [UInt8] {
        guard let m = ms.last(where: { $0.key == key }), bytes[m.value.lowerBound] == UInt8(ascii: "[") else {
            return setting(key, to: [UInt8(ascii: "[")] + item + [UInt8(ascii: "]")], in: bytes, members: ms, close: close)
        }
        // The closing bracket is the value's last byte; the array is empty when only spaces precede it.
        let closing = m.value.upperBound - 1
        let empty = bytes[(m.value.lowerBound + 1)..<closing].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        var out = Array(bytes[..<closing])
        out.reserveCapacity(bytes.count + item.count + 1)
        if !empty { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: item)
        out.append(contentsOf: bytes[closing...])
        return out
    }

    // MARK: - The validating skipper

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        func fail(_ reason: String) -> JSONError { JSONError(offset: i, reason: reason) }

        var kindAtCursor: String { RawJSON.kindName(startingWith: i < bytes.count ? bytes[i] : nil) }

        @inline(__always) mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        /// Skips a string at the cursor (on its opening quote); returns whether it had escapes.
        mutating func skipString() throws(JSONError) -> Bool {
            let start = i
            i += 1
            var escaped = false
            while i < bytes.count {
                if ByteScan.plainStringBytes(bytes, at: i) { i += 8; continue }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return escaped }
                if b == UInt8(ascii: "\\") {
                    escaped = true
                    guard i + 1 < bytes.count else { break }
                    let e = bytes[i + 1]
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                    case UInt8(ascii: "u"):
                        guard i + 6 <= bytes.count else { throw fail("short \\u escape") }
                        for k in 2..<6 where !isHex(bytes[i + k]) { throw JSONError(offset: i + k, reason: "invalid hex digit in \\u escape") }
                        i += 6
                    default:
                        throw fail("invalid escape")
                    }
                    continue
                }
                if b < 0x20 { throw fail("unescaped control character in string") }
                if b < 0x80 { i += 1; continue }
                // UTF-8: validate the sequence.
                let n: Int
                switch b {
                case 0xC2...0xDF: n = 2
                case 0xE0...0xEF: n = 3
                case 0xF0...0xF4: n = 4
                default: throw fail("invalid UTF-8 in string")
                }
                guard i + n <= bytes.count else { throw fail("invalid UTF-8 in string") }
                for k in 1..<n where bytes[i + k] & 0xC0 != 0x80 { throw fail("invalid UTF-8 in string") }
                if n == 3 {
                    let c = bytes[i + 1]
                    if (b == 0xE0 && c < 0xA0) || (b == 0xED && c > 0x9F) { throw fail("invalid UTF-8 in string") }
                } else if n == 4 {
                    let c = bytes[i + 1]
                    if (b == 0xF0 && c < 0x90) || (b == 0xF4 && c > 0x8F) { throw fail("invalid UTF-8 in string") }
                }
                i += n
            }
            throw JSONError(offset: start, reason: "unterminated string")
        }

        @inline(__always) func isHex(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
        }

        mutating func skipValue(depth: Int) throws(JSONError) {
            guard depth <= JSONParser.maximumDepth else { throw fail("nesting deeper than \(JSONParser.maximumDepth) levels") }
            guard i < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[i] {
            case UInt8(ascii: "\""): _ = try skipString()
            case UInt8(ascii: "{"):
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                    _ = try skipString()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after key") }
                    i += 1
                    skipSpace()
                    try skipValue(depth: depth + 1)
                    skipSpace()
                    guard i < bytes.count else { throw fail("unexpected end of input in object") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return }
                    throw fail("expected ',' or '}' in object")
                }
            case UInt8(ascii: "["):
                i += 1
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
                while true {
                    skipSpace()
                    try skipValue(depth: depth + 1)
                    skipSpace()
                    guard i < bytes.count else { throw fail("unexpected end of input in array") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return }
                    throw fail("expected ',' or ']' in array")
                }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
            default: throw fail("unexpected character")
            }
        }

        mutating func literal(_ word: StaticString) throws(JSONError) {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { throw notJSON() }
            for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw notJSON() }
            i += n
        }

        /// What stands where a value was expected, quoted (built only on failure).
        func notJSON() -> JSONError {
            fail("not JSON: '\(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<Swift.min(bytes.count, i + 20)]).prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self))'")
        }

        mutating func skipNumber() throws(JSONError) {
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail("invalid number") }
            if bytes[i] == 0x30 {
                i += 1
                if i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { throw fail("leading zero in number") }
            } else {
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail("digit expected after '.'") }
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail("digit expected in exponent") }
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            }
        }
    }
}
