/// Compact JSON serialisation into a byte buffer: no spaces, keys in their stored order,
/// non-ASCII text written as raw UTF-8, and never a raw newline (so one value is one line).
public enum JSONWriter {
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, to: &out)
        return out
    }

    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    public static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in object {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    public static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in escaping(buf) { out.append(contentsOf: $0) } }
        out.append(UInt8(ascii: "\""))
    }

    /// The content of a JSON string, escaped, in pieces: `emit` gets each run of bytes that
    /// needs no escape, copied whole, and each escape sequence, in order. UTF-8 passes
    /// through; `"`, `\` and control bytes are escaped. Shared by `writeString` and `JSONBuffer`.
    @inline(__always)
    static func escaping(_ buf: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var runStart = 0
        var k = 0
        while k < buf.count {
            if ByteScan.needsNoEscape(buf, at: k) { k += 8; continue }
            let b = buf[k]
            let at = k
            k += 1
            guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
            if runStart < at { emit(UnsafeBufferPointer(rebasing: buf[runStart..<at])) }
            runStart = at + 1
            escapeSequences[Int(b)].withUnsafeBufferPointer { emit($0) }
        }
        if runStart < buf.count { emit(UnsafeBufferPointer(rebasing: buf[runStart..<buf.count])) }
    }

    /// By byte, up to `\`: the escape sequence of a byte that needs one.
    private static let escapeSequences: [[UInt8]] = (0...0x5C).map { b -> [UInt8] in
        switch b {
        case 0x22: return Array(#"\""#.utf8)
        case 0x5C: return Array(#"\\"#.utf8)
        case 0x0A: return Array(#"\n"#.utf8)
        case 0x0D: return Array(#"\r"#.utf8)
        case 0x09: return Array(#"\t"#.utf8)
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            return Array(#"\u00"#.utf8) + [hex[b >> 4], hex[b & 0xF]]
        default: return []
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of the value.
    public var description: String { JSONWriter.string(self) }
}
