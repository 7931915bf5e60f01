import Foundation
import GalleyIO
import GalleyJSON

/// The `--out DIR` of `galley analyze`. Articles are appended to `articles.ndjson.partial` as
/// they finish (in input order); when the run completes the file is renamed to
/// `articles.ndjson`. Every derived file (CSV, reports) is written to a temporary name and
/// renamed into place, so a reader never sees half a file. An interrupted run leaves the
/// partial file; `--resume` keeps its complete lines and skips their inputs.
public final class OutputFolder: @unchecked Sendable {
    public let url: URL
    let partial: URL
    public let articles: URL
    private var handle: FileHandle?
    private var pending: [UInt8] = []
    private var lastFlush = Date()
    private let lock = NSLock()

    public struct Resumed: Sendable {
        /// Ids of the articles already written (their inputs are skipped).
        public var ids: Set<String> = []
        /// Content hashes already seen (for duplicate detection across the two runs).
        public var contents: [String: String] = [:]
        public var count = 0
        public init() {}
    }

    public init(_ path: String) throws {
        url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        partial = url.appendingPathComponent("articles.ndjson.partial")
        articles = url.appendingPathComponent("articles.ndjson")
    }

    /// Starts writing. With `resume`, keeps the complete lines of an earlier partial (or
    /// finished) file and returns what they cover; otherwise starts empty.
    public func open(resume: Bool) throws -> Resumed {
        var resumed = Resumed()
        let fm = FileManager.default
        if resume {
            // A finished run can be resumed too (nothing to do but re-derive the files).
            if !fm.fileExists(atPath: partial.path), fm.fileExists(atPath: articles.path) {
                try fm.moveItem(at: articles, to: partial)
            }
            if let data = fm.contents(atPath: partial.path) {
                // Keep complete lines only: a run killed mid-write leaves a torn last line.
                let end = data.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                var kept = Data()
                for line in data[..<end].split(separator: 0x0A) where !line.isEmpty {
                    guard let v = try? JSONParser.parse(Array(line)), let id = v["id"]?.stringValue else { continue }
                    guard resumed.ids.insert(id).inserted else { continue }
                    resumed.count += 1
                    if v["duplicate"]?.stringValue == nil {
                        resumed.contents[ContentKey.of(title: v["title"]?.stringValue, text: v["text"]?.stringValue ?? "")] = id
                    }
                    kept.append(contentsOf: line)
                    kept.append(0x0A)
                }
                try kept.write(to: partial, options: .atomic)
            }
        } else {
            try? fm.removeItem(at: partial)
            try? fm.removeItem(at: articles)
        }
        if !fm.fileExists(atPath: partial.path) { fm.createFile(atPath: partial.path, contents: nil) }
        handle = try FileHandle(forWritingTo: partial)
        try handle?.seekToEnd()
        return resumed
    }

    /// Calls `body` with each line of the partial articles file.
    public func forEachArticle(_ body: ([UInt8]) throws -> Void) throws {
        let path = partial.path
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { try? handle.close() }
        let reader = LineReader(fd: handle.fileDescriptor)
        while let item = try reader.next() {
            if case .line(let bytes) = item, !bytes.isEmpty { try body(Array(bytes)) }
        }
    }

    /// Appends one article. Written out at least every quarter second, so that a run killed
    /// without warning loses at most that much work to --resume.
    public func append(_ line: [UInt8]) throws {
        try lock.withLock {
            pending.append(contentsOf: line)
            pending.append(0x0A)
            let now = Date()
            if pending.count >= 1 << 16 || now.timeIntervalSince(lastFlush) >= 0.25 {
                try flushLocked()
                lastFlush = now
            }
        }
    }

    public func flush() throws { try lock.withLock { try flushLocked() } }

    private func flushLocked() throws {
        guard !pending.isEmpty else { return }
        try handle?.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// The run finished: the partial file becomes `articles.ndjson`.
    public func complete() throws {
        try flush()
        try handle?.synchronize()
        try handle?.close()
        handle = nil
        if FileManager.default.fileExists(atPath: articles.path) { try FileManager.default.removeItem(at: articles) }
        try FileManager.default.moveItem(at: partial, to: articles)
    }

    /// Leaves what was written (for `--resume`) and closes the file.
    public func suspend() {
        try? flush()
        try? handle?.synchronize()
        try? handle?.close()
        handle = nil
    }
}

/// The identity of an article's content, for duplicate detection: equal title and body,
/// equal key, whatever ids the records carried.
public enum ContentKey {
    public static func of(title: String?, text: String) -> String {
        var hasher = FNV1a()
        hasher.add(title ?? "")
        hasher.add("\n")
        hasher.add(text)
        return hasher.hex
    }

    /// 64-bit FNV-1a: fast, and collisions among one corpus's articles are not a concern at
    /// the sizes a run sees (a false duplicate would need equal 64-bit hashes).
    struct FNV1a {
        var value: UInt64 = 0xcbf29ce484222325
        mutating func add(_ s: String) {
            for b in s.utf8 { value = (value ^ UInt64(b)) &* 0x100000001b3 }
        }
        var hex: String { String(value, radix: 16) }
    }
}
