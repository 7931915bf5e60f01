import Foundation
import GalleyIO
import GalleyJSON
import GalleyReport

/// Derives metrics.csv, scenarios.csv, report.md and report.html from the finished articles
/// in one streaming pass (plus a second over a small temporary file of table rows), so that
/// memory does not grow with the corpus. `galley analyze` feeds it each article as it is
/// written, so the derivation overlaps the analysis instead of following it. Every file
/// appears atomically, on `finish`.
public final class ReportWriter {
    private let folder: OutputFolder
    private let metrics: AtomicFile
    private let scenarios: AtomicFile
    private let rows: AtomicFile
    private let acc = ReportAccumulator()

    public init(folder: OutputFolder) throws {
        self.folder = folder
        metrics = try AtomicFile(folder.url.appendingPathComponent("metrics.csv"))
        scenarios = try AtomicFile(folder.url.appendingPathComponent("scenarios.csv"))
        rows = try AtomicFile(folder.url.appendingPathComponent(".rows.ndjson"))
        try metrics.write(CSV.line(CSV.metricsHeader))
        try scenarios.write(CSV.line(CSV.scenariosHeader))
    }

    /// One finished article (an Article NDJSON line); lines that are not JSON are skipped.
    public func add(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty, let article = try? JSONParser.parse(bytes) else { return }
        let (row, facts) = acc.add(article)
        // The spreadsheets carry the article's own title (empty when it has none, not the
        // reports' "(untitled) file.txt") and the same site in both files.
        let title = article["title"]?.stringValue ?? ""
        for f in facts { try metrics.write(CSV.line(ReportFiles.metricsFields(f, title: title, site: row.site))) }
        try ReportFiles.scenarioLines(article, row, title: title).forEach { try scenarios.write($0) }
        try rows.write(JSONWriter.string(ReportFiles.rowJSON(row)) + "\n")
    }

    /// Writes the reports and puts every file in place.
    public func finish(title: String = "Galley report") throws {
        defer { rows.discard() }
        try metrics.commit()
        try scenarios.commit()
        try rows.flush()

        let groups = acc.groups
        let counts: [(String, String)] = [
            ("articles", "\(acc.articles)"), ("failed", "\(acc.failed)"), ("duplicates", "\(acc.duplicates)"),
            ("facts extracted", "\(acc.factCount)"), ("fact groups across articles", "\(groups.count)"),
            ("conflicting groups", "\(groups.filter { $0.verdict == .conflicting }.count)"),
        ]
        for (name, format) in [("report.md", MarkdownReport.self), ("report.html", HTMLReport.self)] as [(String, ReportFormat.Type)] {
            let file = try AtomicFile(folder.url.appendingPathComponent(name))
            try file.write(format.head(title: title, counts: counts))
            try file.write(format.reconciliation(groups))
            try file.write(format.timeline(acc.timeline, total: acc.datedFacts))
            try file.write(format.articlesOpen)
            try ReportFiles.forEachRow(rows.temporary) { try file.write(format.articleRow($0)) }
            try file.write(format.articlesClose)
            try file.commit()
        }
    }

    /// An interrupted run leaves no temporary files behind.
    public func discard() {
        metrics.discard()
        scenarios.discard()
        rows.discard()
    }
}

public enum ReportFiles {
    static func metricsFields(_ f: Fact, title: String, site: String) -> [String] {
        func int(_ v: Int?) -> String { v.map(String.init) ?? "" }
        // Each row's own position (a fact repeated in an article took its first place's).
        let head: [String] = [f.articleID, title, site, f.published ?? "", int(f.sentenceIndex), int(f.start), int(f.end)]
        let values: [String] = [f.kind, f.text, CSV.number(f.value), CSV.number(f.low), CSV.number(f.high), f.date ?? ""]
        let about: [String] = [f.unit, f.qualifier, f.isConversion ? "true" : "", f.subject, f.entity, f.period, f.sentence]
        return head + values + about
    }

    static func scenarioLines(_ article: JSONValue, _ row: ArticleRow, title: String) -> [String] {
        row.judgements.flatMap { read in
            read.scores.enumerated().map { rank, s in
                let entry = read.entries.first { $0["id"]?.stringValue == s.id }
                let evidence = entry?["evidence"]?.arrayValue?.first?["text"]?.stringValue ?? ""
                return CSV.line([row.id, title, row.site, row.published, read.pack, s.id, s.name, String(format: "%.4f", s.score),
                                 read.verdict, String(rank + 1), evidence])
            }
        }
    }

    static func rowJSON(_ r: ArticleRow) -> JSONValue {
        .object(JSONObject([
            ("id", .string(r.id)), ("title", .string(r.title)), ("site", .string(r.site)), ("published", .string(r.published)),
            ("summary", .string(r.summary)),
            ("facts", JSONValue(r.facts)), ("errors", .array(r.errors.map(JSONValue.string))),
            ("duplicate", JSONValue(r.duplicateOf)),
            ("judgements", .array(r.judgements.map { j in
                .object(JSONObject([("pack", .string(j.pack)), ("verdict", .string(j.verdict)), ("evidence", .string(j.topEvidence)),
                                    ("scores", .array(j.scores.map { .object(JSONObject([("id", .string($0.id)), ("name", .string($0.name)), ("score", JSONValue($0.score))])) }))]))
            })),
        ]))
    }

    static func forEachRow(_ url: URL, _ body: (ArticleRow) throws -> Void) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let reader = LineReader(fd: fd)
        while let item = try reader.next() {
            guard case .line(let b) = item, let v = try? JSONParser.parse(b) else { continue }
            var r = ArticleRow(.object(JSONObject()))
            r.id = v["id"]?.stringValue ?? ""
            r.title = v["title"]?.stringValue ?? ""
            r.site = v["site"]?.stringValue ?? ""
            r.published = v["published"]?.stringValue ?? ""
            r.summary = v["summary"]?.stringValue ?? ""

            r.facts = v["facts"]?.intValue ?? 0
            r.errors = (v["errors"]?.arrayValue ?? []).compactMap(\.stringValue)
            r.duplicateOf = v["duplicate"]?.stringValue
            r.judgements = (v["judgements"]?.arrayValue ?? []).map { j in
                var read = ScenarioReader.Read()
                read.pack = j["pack"]?.stringValue ?? ""
                read.verdict = j["verdict"]?.stringValue ?? ""
                read.topEvidence = j["evidence"]?.stringValue ?? ""
                read.scores = (j["scores"]?.arrayValue ?? []).map { ($0["id"]?.stringValue ?? "", $0["name"]?.stringValue ?? "", $0["score"]?.doubleValue ?? 0) }
                return read
            }
            try body(r)
        }
    }
}

/// A file written under a temporary name and renamed into place on commit.
final class AtomicFile {
    let target: URL
    let temporary: URL
    private let handle: FileHandle
    private var buffer = Data()

    init(_ target: URL) throws {
        self.target = target
        temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        FileManager.default.createFile(atPath: temporary.path, contents: nil)
        handle = try FileHandle(forWritingTo: temporary)
    }

    func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try flush()
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}
