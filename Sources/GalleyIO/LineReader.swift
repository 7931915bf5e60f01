#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads newline-delimited records from a file descriptor on raw bytes: one large reusable
/// buffer, `memchr` to find line ends, no per-line `Data`. Lines longer than `maximumLength`
/// are skipped (to the next newline) and reported as `.tooLong`, so one bad line never
/// stops a stream. A final line without a newline is still returned. A UTF-8 byte order mark
/// at the start of a line is dropped: files saved by Windows tools begin with one, and
/// concatenating such files puts one at the start of a line inside the stream.
public final class LineReader {
    public enum Item {
        /// The line's bytes without the newline (and without a trailing "\r").
        case line(ArraySlice<UInt8>)
        /// A line longer than the limit; its length in bytes.
        case tooLong(Int)
    }

    public enum ReadError: Error, CustomStringConvertible {
        case io(errno: Int32)
        /// More than the limit the caller set (a device that never ends, a huge file).
        case tooLarge(limit: Int)
        public var description: String {
            switch self {
            case .io(let e): return "read failed: \(String(cString: strerror(e)))"
            case .tooLarge(let limit): return "more than \(limit) bytes, over the limit for one article"
            }
        }
    }

    public let fd: Int32
    public let maximumLength: Int
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private let chunk: Int

    /// `prefix`: bytes already taken from the descriptor (by format sniffing) that come first.
    /// `chunkSize`: bytes asked for per read; by default 1 MB, or a pipe's capacity for a pipe
    /// (a read never returns more, and a small buffer stays in cache).
    public init(fd: Int32, maximumLength: Int = 64 << 20, chunkSize: Int? = nil, prefix: [UInt8] = []) {
        self.fd = fd
        self.maximumLength = maximumLength
        self.chunk = chunkSize ?? Self.readSize(fd)
        buffer = [UInt8](repeating: 0, count: max(chunk, prefix.count * 2))
        buffer.replaceSubrange(0..<prefix.count, with: prefix)
        end = prefix.count
    }

    static func readSize(_ fd: Int32) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else { return 1 << 20 }
        // A pipe is grown first (see `PipeCapacity`): a reader at the end of a shell pipeline
        // can do it for the writer.
        guard let capacity = PipeCapacity.grow(fd) else { return 1 << 16 }
        return min(max(capacity, 1 << 16), 1 << 20)
    }

    /// The first bytes (up to 512) of the last line reported `.tooLong`: enough to tell a
    /// request's answer (`"id"`) from a notification (`"method"`).
    public private(set) var tooLongPrefix: [UInt8] = []
    /// Whether the last line returned ended at end of input without a newline (a writer that
    /// died in the middle of a line).
    public private(set) var lastLineUnterminated = false
    static let prefixKept = 512

    private func keepTooLongPrefix(upTo limit: Int) {
        tooLongPrefix = Array(buffer[start..<min(limit, start + Self.prefixKept)])
    }

    /// The next line, or nil at end of input.
    public func next() throws(ReadError) -> Item? {
        var skipping = false
        var skipped = 0
        lastLineUnterminated = false
        while true {
            if let nl = findNewline() {
                let lineEnd = nl
                var contentEnd = lineEnd
                if contentEnd > start, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                let length = skipped + (contentEnd - start)
                let slice = Self.droppingByteOrderMark(buffer[start..<contentEnd])
                if !skipping && length > maximumLength { keepTooLongPrefix(upTo: contentEnd) }
                start = lineEnd + 1
                lineNumber += 1
                if skipping || length > maximumLength { return .tooLong(length) }
                return .line(slice)
            }
            if eof {
                guard start < end else { return nil }
                var contentEnd = end
                if buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                let length = skipped + (contentEnd - start)
                let slice = Self.droppingByteOrderMark(buffer[start..<contentEnd])
                if !skipping && length > maximumLength { keepTooLongPrefix(upTo: contentEnd) }
                start = end
                lineNumber += 1
                lastLineUnterminated = true
                if skipping || length > maximumLength { return .tooLong(length) }
                return .line(slice)
            }
            // No newline in the buffer: drop what a too-long line has used, else make room.
            if end - start > maximumLength {
                if !skipping { keepTooLongPrefix(upTo: end) }
                skipping = true
                skipped += end - start
                start = 0; end = 0
            }
            try fill()
        }
    }

    /// Bytes without a UTF-8 byte order mark at their start (how `next()` returns lines).
    @inline(__always)
    public static func droppingByteOrderMark(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let s = b.startIndex
        return b.count >= 3 && b[s] == 0xEF && b[s + 1] == 0xBB && b[s + 2] == 0xBF ? b.dropFirst(3) : b
    }

    /// Reads the first bytes of `fd` up to the first that is not white space: the byte a
    /// reader tells the input's format by (nil: the input is empty or blank, or could not be
    /// read: `error`), and every byte read (`prefix`, to hand back to a `LineReader` or put in
    /// front of the rest). A UTF-8 byte order mark at the very start is kept in `prefix` but
    /// is never the lead. White space is ASCII's (space, tab, line breaks, form feed); a NUL
    /// or another control byte is content, and leads to what the input's reader says of it.
    ///
    /// UTF-16 input (a UTF-16 byte order mark first; Windows tools write it) is read whole.
    /// When it holds JSON ("{" or "[" first), `prefix` is all of it turned into UTF-8, the
    /// encoding JSON text must have, so NDJSON saved as UTF-16 still reads as records. Other
    /// UTF-16 input comes back as read, for the text and page decoders, which say what they
    /// decoded.
    public static func sniff(fd: Int32) -> (prefix: [UInt8], lead: UInt8?, error: ReadError?) {
        let (prefix, lead, error) = sniffUTF8(fd: fd)
        guard let first = lead, first == 0xFF || first == 0xFE, prefix.first == first else { return (prefix, lead, error) }
        var all = prefix, byte: UInt8 = 0
        if all.count == 1, read(fd, &byte, 1) == 1 { all.append(byte) }
        guard all.count >= 2, all[1] == (first == 0xFF ? 0xFE : 0xFF) else { return (all, first, nil) }
        all += (try? readAll(fd: fd)) ?? []
        guard let utf8 = utf8FromUTF16(all), let start = utf8.first(where: { !isBlank($0) }),
              start == UInt8(ascii: "{") || start == UInt8(ascii: "[") else { return (all, first, nil) }
        return (utf8, start, nil)
    }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// Reads in blocks (a byte at a time, a stream of 50 MB of zeros took 13 s to be found
    /// blank); `read` returns what a live input has, so this never waits for more than the
    /// first non-blank byte needs.
    private static func sniffUTF8(fd: Int32) -> (prefix: [UInt8], lead: UInt8?, error: ReadError?) {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        var prefix: [UInt8] = [], looked = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 12)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return (prefix, nil, .io(errno: errno))
            }
            if n == 0 { break }
            prefix += chunk[0..<n]
            // Until three bytes are in, a start like the mark's may still be the mark.
            if prefix.count < 3, prefix.elementsEqual(mark.prefix(prefix.count)) { continue }
            let from = max(looked, prefix.starts(with: mark) ? 3 : 0)
            if let lead = prefix[from...].first(where: { !isBlank($0) }) { return (prefix, lead, nil) }
            looked = prefix.count
        }
        // The input ended: blank, or (unmarked) with a few bytes that began like a mark.
        return (prefix, prefix.dropFirst(prefix.starts(with: mark) ? 3 : 0).first(where: { !isBlank($0) }), nil)
    }

    /// `sniff`, then whether the input is NDJSON records: its first line is a whole object
    /// ("{" ... "}"), or it does not start with "{" but the next lines are objects (a stray
    /// first line, a header, a log line before the records) — such a stream must yield one
    /// record per line, not one article of it all. Input that starts with "{" otherwise (a
    /// pretty-printed document, as `jq .` writes, or a text like "{Breaking} ...") is not.
    /// `prefix` holds every byte read, to be read again.
    public static func sniffRecords(fd: Int32) -> (prefix: [UInt8], lead: UInt8?, records: Bool, error: ReadError?) {
        var (prefix, lead, error) = sniff(fd: fd)
        guard let first = lead else { return (prefix, nil, false, error) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var newlines = prefix.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        var ended = false
        // Reads on until `wanted` lines are in (at most 1 MiB). A live input (`tail -f`) is read
        // only as far as the decision needs: a record on the first line decides at once.
        func peek(lines wanted: Int) {
            while !ended, prefix.count < 1 << 20, newlines < wanted {
                let n = chunk.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress!, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ended = true; break }
                prefix += chunk[0..<n]
                newlines += chunk[0..<n].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            }
        }
        if first == UInt8(ascii: "{") {
            peek(lines: 1)
            guard let start = prefix.firstIndex(of: first) else { return (prefix, lead, true, nil) }
            let end = prefix[start...].firstIndex(of: 0x0A)
            let line = prefix[start..<(end ?? prefix.endIndex)]
            // A record on the first line: it ends with "}", or a key follows the brace on it
            // (a broken record, whose neighbours still count). "{" alone (pretty-printed) or
            // "{Breaking}" is not: the next lines decide.
            let lastByte = line.last(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D })
            if lastByte == UInt8(ascii: "}") && (end != nil || ended) { return (prefix, lead, true, nil) }
            // A first line left open (ending in "," ":" "{" or "[") is a document written over
            // several lines, not a record.
            let leftOpen = lastByte.map { ",:{[".utf8.contains($0) } ?? false
            if !leftOpen, line.dropFirst().first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "\"") { return (prefix, lead, true, nil) }
            if end == nil && !ended { return (prefix, lead, false, nil) }
        }
        peek(lines: 6)
        return (prefix, lead, looksLikeRecordLines(prefix), nil)
    }

    /// Lines after the first that are, at least half of them, one-line JSON objects.
    public static func looksLikeRecordLines(_ bytes: [UInt8]) -> Bool {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        let lines = bytes.split(separator: 0x0A).filter { !$0.allSatisfy(isSpace) }
        // The last line may be cut short by the peek: only complete lines count.
        let complete = bytes.last == 0x0A ? lines : Array(lines.dropLast())
        let rest = complete.dropFirst().prefix(5)
        guard !rest.isEmpty else { return false }
        let objects = rest.filter { line in
            line.first(where: { !isSpace($0) }) == UInt8(ascii: "{") && line.last(where: { !isSpace($0) }) == UInt8(ascii: "}")
        }.count
        return objects * 2 >= rest.count
    }

    /// Bytes that start with a UTF-16 byte order mark, as UTF-8 (without the mark); nil for
    /// any other bytes.
    public static func utf8FromUTF16(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 2, bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF else { return nil }
        let little = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(little ? b << 8 | a : a << 8 | b)
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// A complete line is already buffered: `next()` will not block. Writers of pipelined
    /// answers flush when this turns false, so replies go out in batches, never late.
    public var hasBufferedLine: Bool { findNewline() != nil }

    private func findNewline() -> Int? {
        guard start < end else { return nil }
        return buffer.withUnsafeBufferPointer { buf -> Int? in
            guard let p = memchr(buf.baseAddress! + start, 0x0A, end - start) else { return nil }
            return buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func fill() throws(ReadError) {
        if start > 0 {
            // Move the unread tail to the front.
            let remaining = end - start
            if remaining > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + start, remaining)
                }
            }
            start = 0
            end = remaining
        }
        if buffer.count - end < chunk / 2 {
            buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, chunk)))
        }
        let n = buffer.withUnsafeMutableBufferPointer { b -> Int in
            while true {
                let r = read(fd, b.baseAddress! + end, b.count - end)
                if r < 0 && errno == EINTR { continue }
                return r
            }
        }
        if n < 0 { throw .io(errno: errno) }
        if n == 0 { eof = true } else { end += n }
    }

    /// Reads everything that remains (for whole-file inputs such as plain text on stdin).
    public static func readAll(fd: Int32, limit: Int = .max) throws(ReadError) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { b -> Int in
                while true {
                    let r = read(fd, b.baseAddress!, b.count)
                    if r < 0 && errno == EINTR { continue }
                    return r
                }
            }
            if n < 0 { throw .io(errno: errno) }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit { throw .tooLarge(limit: limit) }
        }
    }
}
