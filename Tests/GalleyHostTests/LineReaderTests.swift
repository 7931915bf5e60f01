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
}
