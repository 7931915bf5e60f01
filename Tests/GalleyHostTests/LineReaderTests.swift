import Foundation
import Testing
import GalleyIO

/// LineReader on pipes (read in pipe-sized chunks) and files: every line comes back whole,
/// whatever its length against the buffer, and over-long lines are skipped and reported.
@Suite struct LineReaderTests {
    /// Lines of many sizes around the 64 KB pipe chunk, the last one without a newline.
    static let lines: [[UInt8]] = [0, 1, 10, 65_535, 65_536, 65_537, 200_000, 5, 1_500_000, 3, 70_000].enumerated().map { k, n in
        (0..<n).map { UInt8(0x61 + ($0 + k) % 26) }
    }

    static func collect(_ reader: LineReader) throws -> [LineReader.Item] {
        var out: [LineReader.Item] = []
        while let item = try reader.next() { out.append(item) }
        return out
    }

    static func bytes(_ lines: [[UInt8]], finalNewline: Bool) -> [UInt8] {
        var all: [UInt8] = []
        for (k, l) in lines.enumerated() {
            all += l
            if k + 1 < lines.count || finalNewline { all.append(0x0A) }
        }
        return all
    }

    @Test func pipeLinesComeBackWhole() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let data = Self.bytes(Self.lines, finalNewline: false)
        let writeEnd = fds[1]
        let writer = Thread {
            data.withUnsafeBytes { raw in
                var off = 0
                while off < raw.count {
                    // Small, uneven writes, so lines straddle reads.
                    let n = write(writeEnd, raw.baseAddress! + off, min(raw.count - off, 7_001))
                    if n <= 0 { break }
                    off += n
                }
            }
            close(writeEnd)
        }
        writer.start()
        let items = try Self.collect(LineReader(fd: fds[0]))
        close(fds[0])
        let got: [[UInt8]] = items.compactMap { if case .line(let s) = $0 { return Array(s) } else { return nil } }
        #expect(got.count == Self.lines.count)
        #expect(got == Self.lines)
    }

    @Test func overLongLinesAreSkippedAndReported() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("linereader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Self.bytes(Self.lines, finalNewline: true)).write(to: url)
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        let items = try Self.collect(LineReader(fd: fd, maximumLength: 100_000))
        let shape: [String] = items.map {
            switch $0 {
            case .line(let s): return "line \(s.count)"
            case .tooLong(let n): return "long \(n)"
            }
        }
        #expect(shape == ["line 0", "line 1", "line 10", "line 65535", "line 65536", "line 65537", "long 200000", "line 5",
                          "long 1500000", "line 3", "line 70000"])
    }

    /// A too-long line keeps its first bytes (to tell an answer from a notification), and a
    /// last line without a newline says so (a writer that died mid-line).
    @Test func tooLongLinesKeepTheirStartAndCutLinesSaySo() throws {
        let long = #"{"jsonrpc":"2.0","method":"log","params":{"message":""# + String(repeating: "y", count: 300_000) + "\"}}\n"
        let bytes = Array(long.utf8) + Array(#"{"id":1}"#.utf8) + [0x0A] + Array(#"{"id":2,"res"#.utf8)
        // A file, not a pipe: this is more than a pipe holds before anyone reads it.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("linereader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        do {
            let reader = LineReader(fd: fd, maximumLength: 100_000)
            guard case .tooLong = try reader.next() else { Issue.record("expected a long line"); return }
            #expect(reader.tooLongPrefix.count == 512)
            #expect(String(decoding: reader.tooLongPrefix.prefix(28), as: UTF8.self) == #"{"jsonrpc":"2.0","method":"l"#)
            guard case .line = try reader.next() else { Issue.record("expected a line"); return }
            #expect(!reader.lastLineUnterminated)
            guard case .line(let cut) = try reader.next() else { Issue.record("expected the cut line"); return }
            #expect(String(decoding: cut, as: UTF8.self) == #"{"id":2,"res"#)
            #expect(reader.lastLineUnterminated)
        }
    }

    /// Reads `bytes` through a pipe, the way standard input arrives.
    static func throughPipe<T>(_ bytes: [UInt8], _ body: (Int32) throws -> T) throws -> T {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        bytes.withUnsafeBytes { raw in _ = write(fds[1], raw.baseAddress, raw.count) }
        close(fds[1])
        defer { close(fds[0]) }
        return try body(fds[0])
    }

    static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A descriptor that cannot be read is an error, never an empty input.
    @Test func sniffReportsAReadError() {
        let fd = open("/", O_RDONLY)
        defer { close(fd) }
        let (_, lead, error) = LineReader.sniff(fd: fd)
        #expect(lead == nil && error != nil)
        #expect(LineReader.sniffRecords(fd: fd).error != nil)
    }

    /// Windows tools start files with a UTF-8 byte order mark, and concatenated files carry
    /// one into the middle of the stream: no line keeps it, and no other bytes are dropped.
    @Test func byteOrderMarksAtLineStartsAreDropped() throws {
        let input = Self.mark + Array("{\"a\":1}\n".utf8) + Self.mark + Array("{\"b\":2}\r\nx\u{FEFF}y\n".utf8) + Self.mark
        let lines = try Self.throughPipe(input) { fd in
            try Self.collect(LineReader(fd: fd)).map { item -> String in
                if case .line(let s) = item { return String(decoding: s, as: UTF8.self) }
                return "tooLong"
            }
        }
        // Only at a line's start: the mark inside "x\u{FEFF}y" stays; a last line that is only a mark is empty.
        #expect(lines == [#"{"a":1}"#, #"{"b":2}"#, "x\u{FEFF}y", ""])
    }

    /// The format sniff looks past a byte order mark (and white space) for the first byte, and
    /// hands back every byte it read.
    @Test(arguments: [
        (Self.mark + Array(" \n{\"id\":1}".utf8), UInt8(ascii: "{")),
        (Array("  [1]".utf8), UInt8(ascii: "[")),
        (Self.mark + Array("<html>".utf8), UInt8(ascii: "<")),
        ([0xEF, 0xBC, 0x81] + Array(" text".utf8), 0xEF),  // "！": begins like a mark, is not one
        ([0xEF, 0xBB], 0xEF),                                // cut short: content, not a mark
        (Self.mark + Array(" \n".utf8), nil),
        ([], nil),
        ([0xFF, 0xFE] + Array(" {}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, UInt8(ascii: "{")),  // UTF-16 JSON: as UTF-8
        ([0xFE, 0xFF] + Array("Text".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, 0xFE),           // UTF-16 text: as read
        ([0x20, 0x09, 0x0B, 0x0C, 0x0D, 0x0A], nil),           // ASCII white space only: blank
        ([0x0A, 0x00, 0x00], 0x00),                            // a NUL is content (binary input), not blank
        (Array(repeating: 0x20, count: 60_000) + [UInt8(ascii: "{")], UInt8(ascii: "{")),  // past many blocks (under a pipe's 64 KiB)
    ] as [([UInt8], UInt8?)])
    func sniffLooksPastAByteOrderMark(_ input: [UInt8], _ lead: UInt8?) throws {
        let (prefix, found, error) = try Self.throughPipe(input) { LineReader.sniff(fd: $0) }
        #expect(found == lead && error == nil)
        if let utf8 = LineReader.utf8FromUTF16(input), lead == UInt8(ascii: "{") {
            #expect(prefix == utf8)
        } else {
            #expect(input.starts(with: prefix))
            if let lead { #expect(prefix.contains(lead)) } else { #expect(prefix == input) }
        }
    }
}
