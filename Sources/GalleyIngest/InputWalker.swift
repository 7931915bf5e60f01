import Foundation
import GalleyHTML
import GalleyIO
import GalleyJSON
import GalleyModel

/// What one input produced.
public enum InputItem {
    /// An article (possibly carrying warnings).
    case article(Article)
    /// An input that could not be read as an article: the record carries the error, so
    /// counts in and out still match.
    case failed(Article, IngestError)
    /// A problem that yields no record (a path that does not exist).
    case problem(IngestError)
    /// Something in a folder not read, with why (another extension, a folder reached again
    /// through a link, a pipe or device).
    case skipped(String)
    /// A scenario pack found among the inputs: expected there, and no article.
    case ignored(String)
}

/// Walks files, folders (recursively, symlink loops detected) and standard input, and turns
/// each input into articles, streaming NDJSON so memory stays flat on large files.
public struct InputWalker {
    public var maximumLineBytes: Int
    /// Records' text, and plain-text files, are kept exactly as given (see `Ingester.rawArticle`).
    public var raw = false
    /// Called when reading NDJSON records on would wait for input (a live stream): the
    /// caller flushes what it has written, so each article goes out while the input is open.
    public var beforeWaiting: (() throws -> Void)?
    /// Extensions read when walking a folder; explicit file arguments are read whatever they are.
    public static let folderExtensions: Set<String> = ["txt", "text", "md", "markdown", "json", "ndjson", "jsonl", "html", "htm",
                                                       "rss", "atom", "xml"]
    /// Read in folders only when they hold a news feed (an .xml file may be anything).
    static let feedExtensions: Set<String> = ["rss", "atom", "xml"]
    /// Compressed pages read when walking a folder (`page.html.gz`).
    public static let compressedPageSuffixes = [".html.gz", ".htm.gz"]

    /// Whether a walk reads this file when it meets it in a folder (any file named is read).
    static func readsInFolder(_ name: String) -> Bool {
        folderExtensions.contains((name as NSString).pathExtension.lowercased()) || isPage(name)
    }

    static func isPage(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm") || compressedPageSuffixes.contains { lower.hasSuffix($0) }
    }

    public init(maximumLineBytes: Int = 64 << 20, raw: Bool = false) { self.maximumLineBytes = maximumLineBytes; self.raw = raw }

    /// Folders never read when walking (the `--out` folder of a run, when it lies inside its input).
    public var excludedFolders: [String] = []

    public func walk(_ paths: [String], _ emit: (InputItem) throws -> Void) throws {
        for path in paths {
            if path == "-" { try readStandardInput(emit); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                try emit(.problem(IngestError(input: path, reason: "no such file or directory", kind: .missing)))
                continue
            }
            if isDirectory.boolValue {
                // Folders already read, by device and inode: a link back up (a loop) or a
                // second link to the same folder is not read again.
                var visited = Set(excludedFolders.compactMap(FileIdentity.init(path:)))
                try walkFolder(path, visited: &visited, emit)
            } else {
                try readFile(path, explicit: true, emit)
            }
        }
    }

    /// A file's device and inode: the same for every path (and link) that reaches it.
    struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
        init?(path: String) {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
        }
    }

    private func walkFolder(_ path: String, visited: inout Set<FileIdentity>, _ emit: (InputItem) throws -> Void) throws {
        if let identity = FileIdentity(path: path), !visited.insert(identity).inserted {
            try emit(.skipped("\(path): a folder already read (a symbolic link loop, or a second link to it), not read again"))
            return
        }
        let names: [[UInt8]]
        do { names = try Self.entryNames(path) } catch {
            let failure = IngestError(input: path, reason: "cannot read folder (\(String(cString: strerror(error.code.rawValue))))", kind: .unreadable)
            try emit(.failed(Ingester.failed(failure, path: path), failure))
            return
        }
        for raw in names {
            // A name that is not UTF-8 (a Latin-1 archive) cannot be carried in an Article's
            // path or reopened from it: said, not silently dropped.
            guard let name = String(validating: raw, as: UTF8.self) else {
                let shown = String(decoding: raw, as: UTF8.self)
                let failure = IngestError(input: (path as NSString).appendingPathComponent(shown),
                                          reason: "the file name is not valid UTF-8; rename it to read it", kind: .unreadable)
                try emit(.failed(Ingester.failed(failure, path: failure.input), failure))
                continue
            }
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            var st = stat()
            guard stat(child, &st) == 0 else {
                var link = stat()
                let why = lstat(child, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK ? "broken symbolic link" : String(cString: strerror(errno))
                try emit(.skipped("\(child): \(why)"))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                // A report folder of an earlier `galley analyze --out` (it holds the run's
                // recipe): its articles and reports are output, not more input.
                if access(child + "/" + Self.reportFolderMark, F_OK) == 0 {
                    try emit(.skipped("\(child): a galley analyze output folder (it holds \(Self.reportFolderMark)), not read"))
                    continue
                }
                try walkFolder(child, visited: &visited, emit)
            case S_IFREG:
                if Self.readsInFolder(name) {
                    try readFile(child, explicit: false, emit)
                } else {
                    try emit(.skipped("\(child): not read (galley reads \(Self.folderExtensionList) files in folders; name the file to read it anyway)"))
                }
            default:
                // A pipe would block the walk, a device never end: only read when named.
                try emit(.skipped("\(child): not a regular file (a pipe, socket or device), not read"))
            }
        }
    }

    /// The file `galley analyze --out` leaves in its folder.
    public static let reportFolderMark = ReportFolder.recipeFile

    static let folderExtensionList = (folderExtensions.sorted().map { "." + $0 } + compressedPageSuffixes).joined(separator: ", ")

    /// The names in a folder as bytes, sorted, without "." entries and hidden files.
    static func entryNames(_ path: String) throws(POSIXError) -> [[UInt8]] {
        guard let dir = opendir(path) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    private func readFile(_ path: String, explicit: Bool, _ emit: (InputItem) throws -> Void) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let failure = IngestError(input: path, reason: "cannot open (\(String(cString: strerror(errno))))", kind: .unreadable)
            try emit(.failed(Ingester.failed(failure, path: path), failure))
            return
        }
        defer { close(fd) }
        if ext == "ndjson" || ext == "jsonl" {
            try readRecords(fd: fd, name: path, emit)
            return
        }
        let bytes: [UInt8]
        do { bytes = try LineReader.readAll(fd: fd, limit: Ingester.defaultMaximumBytes) } catch {
            // Too much is the input's fault (a data error); a failed read is the system's.
            var size = stat()
            let failure: IngestError
            if case .tooLarge(let limit) = error {
                let reason = fstat(fd, &size) == 0 && (size.st_mode & S_IFMT) == S_IFREG
                    ? "\(size.st_size) bytes is over the \(limit)-byte limit for one article" : error.description
                failure = IngestError(input: path, reason: reason)
            } else {
                failure = IngestError(input: path, reason: error.description, kind: .unreadable)
            }
            try emit(.failed(Ingester.failed(failure, path: path), failure))
            return
        }
        if ext == "json" {
            try readJSONDocument(bytes, name: path, explicit: explicit, emit)
            return
        }
        // JSON by its content whatever the name (`<(jq ...)`, /dev/stdin, records.txt), or a
        // text that starts with a bracket.
        if let lead = bytes.drop(while: { $0 <= 0x20 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }).first,
           lead == UInt8(ascii: "{") || lead == UInt8(ascii: "[") {
            try readJSONOrText(bytes, name: path, emit)
            return
        }
        if FeedReader.looksLikeFeed(bytes) {
            try readFeed(bytes, name: path, emit)
            return
        }
        if !explicit, Self.feedExtensions.contains(ext) {
            try emit(.skipped("\(path): not a news feed (RSS or Atom), not read"))
            return
        }
        if Self.isPage(path) || ext == "gz" || Self.looksLikeHTML(bytes) {
            try emitPage(bytes, name: path, emit)
            return
        }
        try emitText(bytes, name: path, emit)
    }

    /// An RSS or Atom feed: one article per item, named "FILE#1", "FILE#2", ...
    private func readFeed(_ bytes: [UInt8], name: String, _ emit: (InputItem) throws -> Void) throws {
        let records = FeedReader.records(bytes)
        guard !records.isEmpty else {
            let failure = IngestError(input: Self.label(name), reason: "a news feed without items")
            try emit(.failed(Ingester.failed(failure, path: Self.path(name)), failure))
            return
        }
        for (k, record) in records.enumerated() {
            try emitRecord(record, name: "\(Self.label(name))#\(k + 1)", path: Self.path(name), emit)
        }
    }

    /// How an input is named in messages and ids ("-" is standard input), and its file path.
    static func label(_ name: String) -> String { name == "-" ? "stdin" : name }
    static func path(_ name: String) -> String? { name == "-" ? nil : name }

    private func emitText(_ bytes: [UInt8], name: String, _ emit: (InputItem) throws -> Void) throws {
        let label = Self.label(name)
        if raw {
            // Kept exactly as given, like a record's text under --raw, so offsets refer to the file.
            try emitFile(name: name, emit) { (_: KnownFields) throws(IngestError) in try Ingester.rawArticle(fromTextBytes: bytes, name: label) }
            return
        }
        try emitFile(name: name, emit) { (known: KnownFields) throws(IngestError) in try Ingester.article(fromTextBytes: bytes, name: label, known: known) }
    }

    private func emitPage(_ bytes: [UInt8], name: String, _ emit: (InputItem) throws -> Void) throws {
        let label = Self.label(name)
        try emitFile(name: name, emit) { (known: KnownFields) throws(IngestError) in try Ingester.article(fromHTMLBytes: bytes, name: label, known: known) }
    }

    /// One article from one whole file (or stdin, "-"): the article, or the failure it became.
    private func emitFile(name: String, _ emit: (InputItem) throws -> Void,
                          _ make: (KnownFields) throws(IngestError) -> Article) throws {
        let path = Self.path(name)
        let made: Result<Article, IngestError>
        do throws(IngestError) { made = .success(try make(KnownFields(path: path))) } catch { made = .failure(error) }
        switch made {
        case .success(var article):
            article.source.path = path
            try emit(.article(article))
        case .failure(let error):
            try emit(.failed(Ingester.failed(error, path: path), error))
        }
    }

    /// Markup at the start (after a BOM and spaces): a doctype, `<html>`, `<head>`, `<body>` or a comment.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, bytes[start] <= 0x20 { start += 1 }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 64)], as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<body", "<!--", "<meta"].contains { head.hasPrefix($0) }
    }

    /// Input that starts like JSON without being one record per line: a JSON document or
    /// several back to back (`jq .` pretty-prints), each an article or an array of them; or,
    /// when it is not JSON at all, a text that happens to start with a bracket ("[Update] ...").
    func readJSONOrText(_ marked: [UInt8], name: String, _ emit: (InputItem) throws -> Void) throws {
        let bytes = LineReader.utf8FromUTF16(marked) ?? Array(LineReader.droppingByteOrderMark(marked[...]))
        let values: [JSONValue]
        do { values = try JSONParser.parseSequence(bytes) } catch {
            // Meant as JSON ("{" or "[" then a key, a value or another bracket), it is reported,
            // record by record when it is one per line; a text that starts with a bracket
            // ("[Update] ...", "{Breaking} ...") is a text.
            guard Self.meantAsJSON(bytes) else { try emitText(marked, name: name, emit); return }
            if LineReader.looksLikeRecordLines(bytes) {
                try readRecordLines(bytes, name: name, emit)
            } else {
                try readValuesRecovering(bytes, name: name, emit)
            }
            return
        }
        guard !values.isEmpty else { try emitText(marked, name: name, emit); return }
        let records = values.flatMap(Self.records(in:))
        for (k, record) in records.enumerated() {
            try emitRecord(record, name: records.count == 1 ? Self.label(name) : "\(Self.label(name))[\(k)]", path: Self.path(name), emit)
        }
    }

    /// JSON values back to back with a broken one among them (a `jq .` stream cut short or
    /// hand-edited): the good ones are read, each broken stretch is one error.
    private func readValuesRecovering(_ bytes: [UInt8], name: String, _ emit: (InputItem) throws -> Void) throws {
        let results = JSONParser.parseSequenceRecovering(bytes)
        var k = 0
        for result in results {
            let label = results.count == 1 ? Self.label(name) : "\(Self.label(name))[\(k)]"
            k += 1
            switch result {
            case .success(let value):
                let records = Self.records(in: value)
                for (j, record) in records.enumerated() {
                    try emitRecord(record, name: records.count == 1 ? label : "\(label)[\(j)]", path: Self.path(name), emit)
                }
            case .failure(let error):
                let failure = IngestError(input: label, reason: error.description)
                try emit(.failed(Ingester.failed(failure, path: Self.path(name)), failure))
            }
        }
    }

    /// Whether bytes that start with "{" or "[" (and are not JSON as a whole) were meant as
    /// JSON. A whole value followed by another is a stream with a broken value later; a whole
    /// value followed by words is a text ("[1] First.", "[] Empty", "[1, 2, 3] are the
    /// numbers"). A broken first value was meant as JSON when a key or a record follows its
    /// bracket ("{\"id\"...", "[{..."), not a word or a time ("{Breaking}", "[12:30] Live").
    static func meantAsJSON(_ bytes: [UInt8]) -> Bool {
        guard let open = bytes.firstIndex(where: { $0 > 0x20 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) else { return false }
        if let end = JSONParser.endOfFirstValue(bytes) {
            guard let after = bytes[end...].first(where: { $0 > 0x20 }) else { return false }
            return after == UInt8(ascii: "{") || after == UInt8(ascii: "[")
        }
        guard let next = bytes[(open + 1)...].first(where: { $0 > 0x20 }) else { return false }
        return next == UInt8(ascii: "\"") || (bytes[open] == UInt8(ascii: "[") && (next == UInt8(ascii: "{") || next == UInt8(ascii: "[")))
    }

    /// A .json file: one record, an array of records, or (leniently) NDJSON.
    private func readJSONDocument(_ marked: [UInt8], name: String, explicit: Bool, _ emit: (InputItem) throws -> Void) throws {
        // A byte order mark (Windows tools write one) is not part of the JSON; UTF-16 becomes UTF-8.
        let bytes = LineReader.utf8FromUTF16(marked) ?? Array(LineReader.droppingByteOrderMark(marked[...]))
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            // Several values: NDJSON under a .json name, or records pretty-printed back to back.
            if bytes.contains(0x0A), let first = bytes.firstIndex(where: { $0 > 0x20 }), bytes[first] == UInt8(ascii: "{") {
                if LineReader.looksLikeRecordLines(bytes) || (try? JSONParser.parse(bytes[first..<(bytes[first...].firstIndex(of: 0x0A) ?? bytes.endIndex)])) != nil {
                    try readRecordLines(bytes, name: name, emit)
                } else {
                    try readValuesRecovering(bytes, name: name, emit)
                }
                return
            }
            let failure = IngestError(input: name, reason: error.description)
            try emit(.failed(Ingester.failed(failure, path: name), failure))
            return
        }
        let records = Self.records(in: value)
        if !explicit, !records.contains(where: { Self.looksLikeArticle($0) }) {
            // A scenario pack beside the articles is expected there; other JSON is counted
            // among what was skipped (it was dropped without a word).
            if value["scenarios"]?.arrayValue != nil {
                try emit(.ignored("\(name): a scenario pack, not articles"))
            } else {
                try emit(.skipped("\(name): JSON without article records (no 'text' field), not read"))
            }
            return
        }
        for (k, record) in records.enumerated() {
            try emitRecord(record, name: records.count == 1 ? name : "\(name)[\(k)]", path: name, emit)
        }
    }

    public static func looksLikeArticle(_ v: JSONValue) -> Bool {
        guard case .object(let o) = v else { return false }
        return RecordFields.textKeys.contains { o[$0] != nil } || RecordFields.htmlKeys.contains { o[$0] != nil } || o["galley"] != nil
    }

    /// The records a parsed JSON value holds: an array's elements, the value itself, or, for
    /// an API's or a feed's wrapper object that is no article itself ({"status":"ok",
    /// "articles":[...]}, a JSON Feed's "items"), the first array of articles among its members.
    static func records(in value: JSONValue) -> [JSONValue] {
        if case .array(let items) = value { return items }
        guard let (_, items) = wrappedArticles(in: value) else { return [value] }
        // A JSON Feed's title names the site its items come from.
        guard value["version"]?.stringValue?.contains("jsonfeed.org") == true, let site = value["title"]?.stringValue else { return items }
        return items.map { item in
            guard case .object(var fields) = item, fields["site"] == nil else { return item }
            fields["site"] = .string(site)
            return .object(fields)
        }
    }

    /// An object that is no article but holds an array of them, and under which key.
    static func wrappedArticles(in value: JSONValue) -> (key: String, items: [JSONValue])? {
        guard case .object(let o) = value, !looksLikeArticle(value) else { return nil }
        for (key, member) in o {
            if case .array(let items) = member, items.contains(where: looksLikeArticle) { return (key, items) }
        }
        return nil
    }

    private func emitRecord(_ record: JSONValue, name: String, path: String?, windows1252: Bool = false,
                            _ emit: (InputItem) throws -> Void) throws {
        // A saved API response on one line (`curl ... | galley ingest -`): its articles, each
        // named after the line ("stdin:1[0]"). Ingest converts; `run` keeps one record per line.
        if Self.wrappedArticles(in: record) != nil {
            for (k, item) in Self.records(in: record).enumerated() { try emitRecord(item, name: "\(name)[\(k)]", path: path, windows1252: windows1252, emit) }
            return
        }
        do {
            var article = raw ? try Ingester.rawArticle(fromRecord: record, name: name) : try Ingester.article(fromRecord: record, name: name)
            if article.source.path == nil { article.source.path = path }
            if windows1252 { Ingester.markWindows1252(&article) }
            try emit(.article(article))
        } catch let failure as IngestError {
            let id = record["id"].flatMap { $0.stringValue ?? ($0.intValue.map(String.init)) }
            try emit(.failed(Ingester.failed(failure, id: id ?? name, path: path, record: record.objectValue ?? JSONObject()), failure))
        }
    }

    /// Streams NDJSON records from a descriptor; each line yields exactly one item.
    public func readRecords(fd: Int32, name: String, prefix: [UInt8] = [], _ emit: (InputItem) throws -> Void) throws {
        // A file is sniffed here (standard input was already): NDJSON saved as UTF-16 comes back as UTF-8.
        let reader = LineReader(fd: fd, maximumLength: maximumLineBytes, prefix: prefix.isEmpty ? LineReader.sniff(fd: fd).prefix : prefix)
        var lines = 0
        while true {
            let item: LineReader.Item?
            do { item = try reader.next() } catch {
                let failure = IngestError(input: Self.label(name), reason: error.description, kind: .unreadable)
                try emit(.failed(Ingester.failed(failure, path: Self.path(name)), failure))
                return
            }
            guard let item else {
                // A named file with no record still gets one, as an empty text file does (empty
                // standard input is no records: a Spark partition may be empty).
                if lines == 0, name != "-" {
                    let failure = IngestError(input: Self.label(name), reason: "empty input: no records")
                    try emit(.failed(Ingester.failed(failure, path: Self.path(name)), failure))
                }
                return
            }
            if case .line(let bytes) = item, Self.isBlankRecordLine(bytes) {} else { lines += 1 }
            try handleRecordLine(item, lineNumber: reader.lineNumber, name: name, emit)
            if let beforeWaiting, !reader.hasBufferedLine { try beforeWaiting() }
        }
    }

    private func readRecordLines(_ bytes: [UInt8], name: String, _ emit: (InputItem) throws -> Void) throws {
        var number = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            try handleRecordLine(.line(LineReader.droppingByteOrderMark(line)), lineNumber: number, name: name, emit)
        }
    }

    /// A line of records that holds nothing: skipped, and not counted as a record.
    static func isBlankRecordLine(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }

    private func handleRecordLine(_ item: LineReader.Item, lineNumber: Int, name: String, _ emit: (InputItem) throws -> Void) throws {
        let label = "\(Self.label(name)):\(lineNumber)"
        let path = Self.path(name)
        switch item {
        case .tooLong(let length):
            let failure = IngestError(input: label, reason: "line of \(length) bytes is over the \(maximumLineBytes)-byte limit")
            try emit(.failed(Ingester.failed(failure, path: path), failure))
        case .line(let bytes):
            if Self.isBlankRecordLine(bytes) { return }
            let value: JSONValue
            do { value = try JSONParser.parse(bytes) } catch {
                if let record = Ingester.recordFromNonUTF8Line(bytes) {
                    try emitRecord(record, name: label, path: path, windows1252: true, emit)
                    return
                }
                let failure = IngestError(input: label, reason: error.description)
                try emit(.failed(Ingester.failed(failure, path: path), failure))
                return
            }
            try emitRecord(value, name: label, path: path, emit)
        }
    }

    /// Standard input: NDJSON when it starts with "{", a JSON array with "[", an HTML page
    /// with "<" (or gzip's magic bytes), else plain text.
    private func readStandardInput(_ emit: (InputItem) throws -> Void) throws {
        let (prefix, sniffed, records, readError) = LineReader.sniffRecords(fd: 0)
        if let readError {
            let failure = IngestError.unreadableStandardInput(readError)
            try emit(.failed(Ingester.failed(failure), failure))
            return
        }
        // Empty standard input is no records, as for `run`, `jq` and `cat`: a Spark partition
        // may be empty, and must yield nothing (an empty named file still gets its record).
        guard let lead = sniffed else { return }
        if records {
            // Put the sniffed bytes back in front of the stream.
            try readRecords(fd: 0, name: "-", prefix: prefix, emit)
            return
        }
        let rest: [UInt8]
        do { rest = try LineReader.readAll(fd: 0, limit: Ingester.defaultMaximumBytes) } catch {
            let failure = IngestError.unreadableStandardInput(error)
            try emit(.failed(Ingester.failed(failure), failure))
            return
        }
        try readWholeInput(prefix + rest, lead: lead, emit)
    }

    /// Standard input that is not NDJSON, read whole: a JSON array with "[", a news feed or an
    /// HTML page with "<" (or gzip's magic bytes), else plain text. `lead` is its first byte
    /// that is not white space (`LineReader.sniff`). `galley run` reads such input this way too.
    public func readWholeInput(_ bytes: [UInt8], lead: UInt8, _ emit: (InputItem) throws -> Void) throws {
        if lead == UInt8(ascii: "[") || lead == UInt8(ascii: "{") {
            try readJSONOrText(bytes, name: "-", emit)
        } else if lead == UInt8(ascii: "<"), FeedReader.looksLikeFeed(bytes) {
            try readFeed(bytes, name: "-", emit)
        } else if lead == UInt8(ascii: "<") || Gzip.isGzip(Array(bytes.prefix(2))) {
            try emitPage(bytes, name: "-", emit)
        } else {
            try emitText(bytes, name: "-", emit)
        }
    }
}
