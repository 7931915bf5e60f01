import Foundation
import GalleyIO
import GalleyJSON
import GalleyModel
import GalleyText

/// `open(2)` for the lock file (inside `OutputFolder`, `open` names its own method).
private func openLockFile(_ path: String) -> Int32 { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }

/// The `--out DIR` of `galley analyze`. Articles are appended to `articles.ndjson.partial` as
/// they finish (in input order); when the run completes the file is renamed to
/// `articles.ndjson`. Every derived file (CSV, reports) is written to a temporary name and
/// renamed into place, so a reader never sees half a file. An interrupted run leaves the
/// partial file; `--resume` keeps its complete lines without errors and skips their inputs.
/// The folder is Galley's alone: a run refuses a folder holding other files, and a fresh
/// (not resumed) run first removes everything an earlier one wrote.
public final class OutputFolder: @unchecked Sendable {
    public let url: URL
    let partial: URL
    public let articles: URL
    private var handle: FileHandle?
    private var pending: [UInt8] = []
    private var lastFlush = Date()
    private let lock = NSLock()
    /// Held (an exclusive `flock`) from `open` until the process ends: one run per folder.
    private var folderLock: Int32 = -1

    public struct Resumed: Sendable {
        /// Which inputs the kept lines came from (`InputKeys`): these inputs are skipped.
        public var done: Set<String> = []
        /// The kept lines' keys, in file order (to drop the stale ones when the run completes).
        var keptKeys: [String] = []
        /// Content hashes already seen (for duplicate detection across the two runs).
        public var contents: [String: FirstCopy] = [:]
        /// Lines kept.
        public var count: Int { keptKeys.count }
        /// Lines that carried errors: dropped, so that their inputs are tried again.
        public var retried = 0
        public init() {}
    }

    /// The files Galley writes here; any other file means the folder is someone else's.
    public static let ownFiles: Set<String> = ["articles.ndjson", "articles.ndjson.partial", "metrics.csv", "scenarios.csv",
                                               "report.md", "report.html", recipeFile, lockFile]
    /// Locked while a run writes the folder. Never removed: a run that removed it while another
    /// held it would let a third lock a new one beside the second.
    static let lockFile = ".galley-lock"
    /// What the run was asked to do (plugins, options, packs): `--resume` must ask the same.
    static let recipeFile = ReportFolder.recipeFile

    public init(_ path: String) throws(OutputFolderError) {
        url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputFolderError("--out \(path) is a file, not a folder")
        }
        if let failure = Self.makeFolders(url.path) {
            throw OutputFolderError("--out \(path): cannot create the folder (\(failure))")
        }
        partial = url.appendingPathComponent("articles.ndjson.partial")
        articles = url.appendingPathComponent("articles.ndjson")
    }

    /// Starts writing. With `resume`, keeps the complete, error-free lines of an earlier
    /// partial (or finished) file and returns what they cover; otherwise starts empty, after
    /// removing everything an earlier run wrote (so that no old report sits beside new
    /// articles). `recipe` describes the run; resuming one made with another recipe is refused.
    public func open(resume: Bool, recipe: String) throws(OutputFolderError) -> Resumed {
        do { return try openChecked(resume: resume, recipe: recipe) } catch let e as OutputFolderError { throw e } catch {
            throw OutputFolderError("--out \(url.path): \(Self.reason(error))")
        }
    }

    private func openChecked(resume: Bool, recipe: String) throws -> Resumed {
        var resumed = Resumed()
        let fm = FileManager.default
        // Someone else's folder is refused first, by reading only: the lock file must not be
        // left in it.
        func refuseForeignFiles() throws {
            let foreign = try fm.contentsOfDirectory(atPath: url.path).filter { !Self.ownFiles.contains($0) && Self.leftoverOwner($0) == nil }.sorted()
            guard !foreign.isEmpty else { return }
            let shown = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? ", ..." : "")
            throw OutputFolderError("--out \(url.path) holds files galley did not write (\(shown)); choose a new or empty folder", usage: true)
        }
        try refuseForeignFiles()
        // Two runs writing one folder removed each other's files: both lost everything, and one
        // could still report files that were gone. The second is refused before it touches any.
        let lockPath = url.appendingPathComponent(Self.lockFile).path
        let fd = openLockFile(lockPath)
        guard fd >= 0 else { throw OutputFolderError("--out \(url.path): cannot create \(Self.lockFile) (\(String(cString: strerror(errno))))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            close(fd)
            throw OutputFolderError(busy ? "--out \(url.path) is being written by another galley analyze run; wait for it to finish, or choose another folder"
                                         : "--out \(url.path): cannot lock \(Self.lockFile) (\(String(cString: strerror(errno))))")
        }
        folderLock = fd
        // Listed again under the lock: what was there before may have changed.
        try refuseForeignFiles()
        let names = try fm.contentsOfDirectory(atPath: url.path)
        // Temporary files of runs that were killed (their process is gone) are litter.
        for name in names {
            if let pid = Self.leftoverOwner(name), kill(pid, 0) != 0 { try? fm.removeItem(at: url.appendingPathComponent(name)) }
        }
        let recipeURL = url.appendingPathComponent(Self.recipeFile)
        if resume, let earlier = fm.contents(atPath: recipeURL.path), String(decoding: earlier, as: UTF8.self) != recipe {
            throw OutputFolderError("--resume: \(url.path) was made by a run with other plugins, options or packs (\(String(decoding: earlier, as: UTF8.self))); resume with the same ones, or start again without --resume", usage: true)
        }
        if resume {
            // A finished run can be resumed too (nothing to do but re-derive the files).
            if !fm.fileExists(atPath: partial.path), fm.fileExists(atPath: articles.path) {
                try fm.moveItem(at: articles, to: partial)
            }
            if let data = fm.contents(atPath: partial.path) {
                // Keep complete lines only: a run killed mid-write leaves a torn last line.
                let end = data.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                var kept = Data()
                var keys = InputKeys()
                for line in data[..<end].split(separator: 0x0A) where !line.isEmpty {
                    guard let v = try? JSONParser.parse(Array(line)), let id = v["id"]?.stringValue else { continue }
                    let content = ContentKey.of(title: v["title"]?.stringValue, text: v["text"]?.stringValue ?? "")
                    let key = keys.next(path: v["source"]?["path"]?.stringValue, id: id, content: content)
                    if let errors = v["errors"]?.arrayValue, !errors.isEmpty { resumed.retried += 1; continue }
                    guard resumed.done.insert(key).inserted else { continue }
                    resumed.keptKeys.append(key)
                    if v["duplicate"]?.stringValue == nil {
                        resumed.contents[content] = FirstCopy(id: id, path: v["source"]?["path"]?.stringValue)
                    }
                    kept.append(contentsOf: line)
                    kept.append(0x0A)
                }
                try kept.write(to: partial, options: .atomic)
            }
        } else {
            for name in names where name != Self.lockFile { try? fm.removeItem(at: url.appendingPathComponent(name)) }
        }
        try Data(recipe.utf8).write(to: recipeURL, options: .atomic)
        if !fm.fileExists(atPath: partial.path) { fm.createFile(atPath: partial.path, contents: nil) }
        handle = try FileHandle(forWritingTo: partial)
        try handle?.seekToEnd()
        return resumed
    }

    /// The process that owns a temporary file of ours (`.NAME.tmp-PID`), if the name is one.
    static func leftoverOwner(_ name: String) -> Int32? {
        guard name.hasPrefix("."), let dash = name.range(of: ".tmp-", options: .backwards) else { return nil }
        return Int32(name[dash.upperBound...])
    }

    /// `mkdir -p`, with the system's reason when it fails (Foundation's is an error number).
    static func makeFolders(_ path: String) -> String? {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o777) != 0 && errno != EEXIST { return "\(built): \(String(cString: strerror(errno)))" }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "\(path): not a folder"
        }
        return nil
    }

    static func reason(_ error: Error) -> String {
        if let e = error as? CocoaError, let underlying = e.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if let e = error as? CocoaError {
            switch e.code {
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or directory"
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteVolumeReadOnly: return "read-only file system"
            default: break
            }
        }
        return error.localizedDescription
    }

    /// Calls `body` with each line of the articles file (partial while the run goes on).
    public func forEachArticle(_ body: ([UInt8]) throws -> Void) throws {
        let path = FileManager.default.fileExists(atPath: partial.path) ? partial.path : articles.path
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

    /// The run finished: the partial file becomes `articles.ndjson`. A resumed run drops the
    /// kept lines whose inputs this run did not see (files deleted or changed since; a
    /// changed file's new version was analysed) and returns how many; it puts the kept lines
    /// and those it analysed (appended after them, a changed file's or a retried failure's)
    /// back in `inputOrder`, the walk's order of every input's key, so that the file stays in
    /// input order however the run was resumed.
    @discardableResult
    public func complete(resumed: Resumed = Resumed(), inputOrder: [String] = []) throws -> Int {
        try flush()
        try handle?.synchronize()
        try handle?.close()
        handle = nil
        let stale = resumed.done.subtracting(inputOrder)
        if resumed.count > 0, let data = FileManager.default.contents(atPath: partial.path) {
            let lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
            let keptCount = min(resumed.keptKeys.count, lines.count)
            var keptLine: [String: Data.SubSequence] = [:]
            for i in 0..<keptCount { keptLine[resumed.keptKeys[i]] = lines[i] }
            let analysed = lines[keptCount...]
            var out = Data()
            func add(_ line: Data.SubSequence) { out.append(contentsOf: line); out.append(0x0A) }
            if inputOrder.filter({ !resumed.done.contains($0) }).count == analysed.count {
                var next = analysed.startIndex
                for key in inputOrder {
                    if let line = keptLine[key] { add(line) } else if !resumed.done.contains(key) { add(analysed[next]); next += 1 }
                }
            } else {
                // The walk and the lines disagree (never expected): keep what is not stale, as written.
                for i in lines.indices where i >= keptCount || !stale.contains(resumed.keptKeys[i]) { add(lines[i]) }
            }
            try out.write(to: partial, options: .atomic)
        }
        if FileManager.default.fileExists(atPath: articles.path) { try FileManager.default.removeItem(at: articles) }
        try FileManager.default.moveItem(at: partial, to: articles)
        return stale.count
    }

    /// Leaves what was written (for `--resume`) and closes the file. The folder stays locked
    /// until the process ends (or this object goes): the run may still be stopping.
    public func suspend() {
        try? flush()
        try? handle?.synchronize()
        try? handle?.close()
        handle = nil
    }

    deinit {
        if folderLock >= 0 { close(folderLock) }  // closing the descriptor releases its flock
    }
}

/// The first article with some content: the one its duplicates point to (by id, and by path:
/// identical files share their content-derived id).
public struct FirstCopy: Sendable {
    public var id: String
    public var path: String?
    public init(id: String, path: String?) { self.id = id; self.path = path }
}

/// A problem with the `--out` folder, in words for the user.
public struct OutputFolderError: Error, CustomStringConvertible {
    public var description: String
    /// The folder cannot be used as asked (someone else's files, another run's recipe), as
    /// opposed to a failure of the file system.
    public var isUsage: Bool
    init(_ description: String, usage: Bool = false) { self.description = description; isUsage = usage }
}

/// Which input an article came from, for `--resume`: its file, its id, its content, and how
/// many articles of that file with that id and content came before it. Ids alone are not
/// enough: records may reuse an id, identical files get the same content-derived id, and a
/// record edited in place keeps its id (its old analysis was kept).
public struct InputKeys: Sendable {
    private var counts: [String: Int] = [:]
    public init() {}
    public mutating func next(path: String?, id: String, content: String = "") -> String {
        let base = (path ?? "-") + "\u{0}" + id + "\u{0}" + content
        let k = counts[base, default: 0]
        counts[base] = k + 1
        return base + "\u{0}" + String(k)
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
        // Collisions among one corpus's articles are not a concern at the sizes a run sees
        // (a false duplicate would need equal 64-bit hashes).
        return String(hasher.value, radix: 16)
    }
}
