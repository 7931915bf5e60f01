import Foundation
import GalleyIngest
import GalleyIO
import GalleyJSON
import GalleyModel
import GalleyProtocol

/// How input lines become articles before the first plugin.
public enum IngestMode: Sendable {
    /// Galley articles pass through; other records and plain text are ingested.
    case auto
    /// Records keep their text verbatim (`Ingester.rawArticle`), so offsets refer to it.
    case raw
}

/// What a run did, for the summary line and the exit status.
public struct RunOutcome: Sendable {
    public var articlesIn = 0
    public var articlesOut = 0
    public var failed = 0
    public var seconds: Double = 0
    public var interrupted = false
    public var outputClosed = false
    /// Writing the output failed (a full disk): records were lost.
    public var outputFailed = false
    public var stageLines: [String] = []
    /// `--fields` paths that no written article had (`FieldCoverage`).
    public var fieldWarnings: [String] = []
}

/// A whole `galley run`: input -> ingest -> plugin chain -> output, in input order, one
/// output line per input line. Owns signal handling and teardown: on SIGINT/SIGTERM, a
/// closed stdout or `--fail-fast`, every plugin is stopped (close stdin, SIGTERM, SIGKILL)
/// and reaped before the process exits.
public final class Pipeline: @unchecked Sendable {
    private(set) var chainRef: Chain!
    let settings: RunSettings
    let log: HostLog
    let mode: IngestMode
    let output: OutputWriter?
    private let lock = NSLock()
    private var written = 0
    /// Written articles that carry an `errors` entry: counted on the way out, so the count is
    /// exactly what the output holds.
    private var writtenWithErrors = 0
    private var stopping = false
    /// Input already being read and ingested while the plugins start (`readingAhead`).
    private var readAhead: ReadAhead?
    /// `--fields` paths no written article had yet (written by the sink, which runs on one thread).
    private var fieldCoverage: FieldCoverage?

    /// Called with every finished article, in order, after it is written (for `analyze`'s files).
    public var observer: ((_ bytes: [UInt8], _ failed: Bool) throws -> Void)?
    /// Articles in input order as they finish, for progress displays.
    public var onWritten: ((_ written: Int, _ failed: Int) -> Void)?
    /// Runs just before a signal or --fail-fast exits the process (to close files).
    public var onTerminate: (() -> Void)?
    /// When stdout is not the run's only product (`analyze --out`): a reader that goes away
    /// (`| head`) stops the writing to stdout, not the run. Written by the sink's thread.
    public var keepsRunningWithoutOutput = false
    private var outputDropped = false

    /// Resolves and starts the chain (throws `HostError` if it cannot). `output` nil writes
    /// nothing to stdout (the observer still sees every article). With `readingAhead`, input
    /// from that descriptor is read and ingested while the plugins start (a few milliseconds
    /// each run would otherwise spend waiting), and `run()` takes its articles from there.
    public init(plugins: [String], options: [OptionAssignment], settings: RunSettings, log: HostLog,
                mode: IngestMode = .auto, locator: PluginLocator = PluginLocator(),
                output: OutputWriter? = OutputWriter(fd: 1, writeBehind: Pipeline.outputBehind),
                readingAhead fd: Int32? = nil) throws {
        self.settings = settings
        self.log = log
        self.mode = mode
        self.output = output
        if let n = settings.processors, ProcessorBudget.allowed().count > n {
            if let kept = ProcessorBudget.limit(to: n) {
                log.note("galley: --jobs \(n): running on processor(s) \(kept.map(String.init).joined(separator: ","))")
            } else {
                log.note("galley: note: --jobs \(n) cannot pin processors on this system; plugins get \(settings.instances(forStages: plugins.count)) instance(s) each")
            }
        }
        fieldCoverage = settings.outputFields.map(FieldCoverage.init)
        // After the processor budget: threads inherit the affinity of the one that starts them.
        if let fd {
            let ahead = ReadAhead()
            readAhead = ahead
            Thread.detachNewThread { [self] in ahead.finish(total: readInput(fd: fd, ahead.deliver)) }
        }
        do {
            chainRef = try Chain(plugins: plugins, options: options, settings: settings, log: log, locator: locator,
            sink: { [unowned self] _, finished in
                let bytes = finished.bytes, failed = finished.failed
                if let output, !lock.withLock({ outputDropped }) {
                    let line = settings.outputFields?.apply(bytes, members: finished.members, nested: finished.nested) ?? bytes
                    fieldCoverage?.note(bytes, members: finished.members)
                    do throws(OutputWriter.WriteError) { try output.writeLine(line) } catch {
                        if !dropOutput(error) {
                            outputGone(error)
                            throw error
                        }
                    }
                }
                try observer?(bytes, failed)
                let counts: (Int, Int) = lock.withLock {
                    written += 1
                    if failed { writtenWithErrors += 1 }
                    return (written, writtenWithErrors)
                }
                onWritten?(counts.0, counts.1)
                // --fail-fast stops here, where articles leave in input order: everything before
                // the first failed article, and that article, are written; nothing after it.
                if failed, settings.failFast {
                    log.report("galley: stopping at the first error (--fail-fast): article \(written)\(Self.failureSummary(bytes))")
                    terminate(status: 1)
                }
            },
            idle: { [unowned self] in
                guard !outputDropped else { return }
                do throws(OutputWriter.WriteError) { try output?.flushSoon() } catch { if !dropOutput(error) { outputGone(error) } }
            })
        } catch {
            // Reading ahead stops at its next line; what it read is dropped with the run.
            lock.withLock { stopping = true }
            readAhead?.cancel()
            throw error
        }
        // A failure found by the output's writer thread ends the run even when no more
        // output comes to find it (the input is open but quiet).
        output?.onFailure = { [unowned self] error in if !dropOutput(error) { outputGone(error) } }
    }

    /// Whether a closed stdout is only stdout's loss (`keepsRunningWithoutOutput`): then nothing
    /// more is written there and the run goes on.
    private func dropOutput(_ error: OutputWriter.WriteError) -> Bool {
        guard keepsRunningWithoutOutput, case .closed = error else { return false }
        lock.withLock { outputDropped = true }
        return true
    }

    /// SIGINT and SIGTERM stop the run cleanly (exit status 130).
    public func installSignalHandlers() {
        SignalTrap.shared.onSignal = { [unowned self] in
            log.report("galley: interrupted; stopping plugins")
            // A reader that has stopped reading must not keep us from stopping.
            terminate(status: 130, flushWithin: 1)
        }
    }

    /// The output cannot take more: the reader went away (`| head`: nothing more is wanted,
    /// status 0) or writing failed (a full disk: status 74, EX_IOERR). Either way the run
    /// stops now, even while its input stays open.
    func outputGone(_ error: OutputWriter.WriteError) {
        if case .io = error {
            log.report("galley: cannot write output: \(error)")
            terminate(status: 74, flushWithin: 0)
        } else {
            terminate(status: 0, flushWithin: 0)
        }
    }

    /// Stops everything now and exits the process with `status`. What was written is flushed
    /// first, waiting at most `flushWithin` seconds when given.
    func terminate(status: Int32, flushWithin: Double? = nil) {
        lock.lock()
        if stopping { lock.unlock(); return }
        stopping = true
        lock.unlock()
        chainRef.abort()
        if let output {
            if let limit = flushWithin {
                let flushed = DispatchSemaphore(value: 0)
                Thread.detachNewThread { try? output.flush(); flushed.signal() }
                _ = flushed.wait(timeout: .now() + limit)
            } else {
                try? output.flush()
            }
        }
        onTerminate?()
        chainRef.shutdown(grace: 0.3, reportBadExits: false)
        exit(status)
    }

    /// Reads input from `fd` until end of file and runs it through the chain.
    /// (With `readingAhead`, the input is that descriptor's and `inputFD` is not read.)
    public func run(inputFD: Int32 = 0) -> RunOutcome {
        if let ahead = readAhead {
            return run { deliver in
                ahead.attach(deliver)
                return ahead.waitForTotal()
            }
        }
        return run { deliver in self.readInput(fd: inputFD, deliver) }
    }

    /// Feeds the chain from a producer of articles (and whether the article already failed).
    /// Used by `analyze` to read paths.
    public func run(producing produce: (_ submit: (Article, Bool) -> Void) -> Void) -> RunOutcome {
        run { (deliver: @escaping (Int, IncomingArticle, Bool) -> Void) -> Int in
            var seq = 0
            produce { article, failed in
                deliver(seq, .built(article), failed)
                seq += 1
            }
            return seq
        }
    }

    /// " (id): stage: message" of a failed article's first error, for --fail-fast's last word.
    static func failureSummary(_ bytes: [UInt8]) -> String {
        let article = try? JSONParser.parse(bytes)
        let id = article?["id"]?.stringValue.map { " (\($0))" } ?? ""
        guard let first = article?["errors"]?.arrayValue?.first else { return id + ": an error" }
        return id + ": " + (first["stage"]?.stringValue.map { $0 + ": " } ?? "") + (first["message"]?.stringValue ?? "an error")
    }

    /// True once a signal or --fail-fast has begun stopping the run.
    public var isStopping: Bool { lock.withLock { stopping } }

    /// `produce` delivers articles with their input position (0, 1, 2, ... in any order: ingest
    /// may run on several threads) and returns how many it delivered.
    private func run(_ produce: (@escaping (Int, IncomingArticle, Bool) -> Void) -> Int) -> RunOutcome {
        let start = Date()
        var outcome = RunOutcome()
        let members = membersNeeded
        let deliver: (Int, IncomingArticle, Bool) -> Void = { [unowned self] seq, article, failed in
            chainRef.submit(seq: seq, article: article.written(members))
        }
        let seq = produce(deliver)
        outcome.articlesIn = seq
        do {
            try chainRef.finish(total: seq)
            if !lock.withLock({ outputDropped }) { try output?.flush() }
        } catch OutputWriter.WriteError.closed {
            if !dropOutput(.closed) { outcome.outputClosed = true }
        } catch {
            log.report("galley: cannot write output: \(error)")
            outcome.outputClosed = true
            outcome.outputFailed = true
        }
        // A signal or --fail-fast is stopping the run on another thread, which exits the process.
        if lock.withLock({ stopping }) { while true { pause() } }
        chainRef.shutdown()
        outcome.seconds = Date().timeIntervalSince(start)
        lock.withLock {
            outcome.articlesOut = written
            outcome.failed = writtenWithErrors
        }
        outcome.stageLines = chainRef.summaries
        outcome.fieldWarnings = fieldCoverage?.warnings ?? []
        return outcome
    }

    /// The top-level members of an ingested article that anyone downstream reads, when that is
    /// known: with `--fields`, and no observer that keeps whole articles, an article is written
    /// with only the selected fields, the fields its plugins require, and what the host itself
    /// looks at (`id`, `errors`, `duplicate`, `analyses`). The output is the same either way;
    /// the members nobody reads are simply never written. Nil (everything) otherwise, or when
    /// a plugin asks for the whole article. Of a field that plugins ask for member by member
    /// (`sentences.text`) and nothing else reads whole, only the members asked for are written.
    var membersNeeded: ArticleProjection? {
        guard observer == nil, let selection = settings.outputFields else { return nil }
        var needed = ArticleProjection(fields: [])
        needed.add(fields: ["id", "errors", "duplicate", "analyses"], members: [:])
        needed.add(fields: Set(selection.children.keys), members: [:])
        for stage in chainRef.stages {
            guard let fields = stage.spec.fields else { return nil }
            needed.add(fields: fields, members: stage.spec.elementMembers)
        }
        return needed
    }

    // MARK: - Input

    /// Reads stdin: plain text (one article) or NDJSON lines, ingested on several threads
    /// (ingest is the costliest step the host does itself; plugins run in their own processes).
    private func readInput(fd: Int32, _ deliver: @escaping (Int, IncomingArticle, Bool) -> Void) -> Int {
        // Sniff: NDJSON starts with "{". Anything else is read whole, as `galley ingest -`
        // reads it: a JSON array of records, a news feed, a web page (`curl URL | galley run
        // summarize`), or one plain-text article.
        func unreadable(_ error: LineReader.ReadError) -> Int {
            let failure = IngestError.unreadableStandardInput(error)
            log.report("galley: \(failure)")
            deliver(0, .built(Ingester.failed(failure)), true)
            return 1
        }
        let (prefix, sniffed, records, readError) = LineReader.sniffRecords(fd: fd)
        if let readError { return unreadable(readError) }
        guard let lead = sniffed else { return 0 }
        if !records {
            let bytes: [UInt8]
            do { bytes = prefix + (try LineReader.readAll(fd: fd, limit: Ingester.defaultMaximumBytes)) } catch { return unreadable(error) }
            var seq = 0
            try? InputWalker(maximumLineBytes: settings.maxLineBytes, raw: mode == .raw).readWholeInput(bytes, lead: lead) { item in
                switch item {
                case .article(let a): deliver(seq, .built(a), false)
                case .failed(let a, let e): log.report("galley: \(e)"); deliver(seq, .built(a), true)
                case .problem(let e): log.report("galley: \(e)"); return
                case .skipped(let why), .ignored(let why): log.report("galley: \(why)"); return
                }
                seq += 1
            }
            return seq
        }
        let reader = LineReader(fd: fd, maximumLength: settings.maxLineBytes, prefix: prefix)
        let workers = max(1, min(settings.ingestThreads, 8))
        nonisolated(unsafe) let deliverFromWorker = deliver  // Chain.submit is thread-safe
        // Input is read on as it comes, up to `inputAhead` bytes of lines not yet ingested: a
        // writer that feeds us between pauses of its own (a script's garbage collector) then
        // hands everything over while it can, instead of waiting for our pace line by line.
        let pool = WorkerPool<(seq: Int, line: [UInt8], label: String)>(
            workers: workers, capacity: 4096, maximumSize: Self.inputAhead, size: { $0.line.count }) { [self] job in
            ingest(job.line, label: job.label) { deliverFromWorker(job.seq, $0, $1) }
        }
        var seq = 0
        while !lock.withLock({ stopping }) {
            let item: LineReader.Item?
            do { item = try reader.next() } catch {
                log.report("galley: reading input: \(error)")
                break
            }
            guard let item else { break }
            let label = "stdin:\(reader.lineNumber)"
            let mine = seq
            switch item {
            case .tooLong(let n):
                fail(IngestError(input: label, reason: "line of \(n) bytes is over the \(settings.maxLineBytes)-byte limit")) { deliver(mine, $0, $1) }
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                pool.submit((mine, Array(bytes), label))
                // Reading on would block: let the workers have what is queued meanwhile.
                if !reader.hasBufferedLine { pool.flush() }
            }
            seq += 1
        }
        pool.finish()
        return seq
    }

    /// Bytes of input lines read but not yet ingested, at most.
    static let inputAhead = 8 << 20
    /// Bytes of finished output waiting for a slow reader, at most (`OutputWriter.writeBehind`).
    public static let outputBehind = 8 << 20

    private func fail(_ e: IngestError, record: JSONObject = JSONObject(), id: String? = nil, _ submit: (IncomingArticle, Bool) -> Void) {
        log.report("galley: \(e.description)")
        submit(.built(Ingester.failed(e, id: id, record: record)), true)
    }

    private func ingest(_ line: [UInt8], label: String, _ submit: (IncomingArticle, Bool) -> Void) {
        // A record that cannot be a Galley article is parsed once, for ingest. Anything the
        // parser refuses, or that is not an object, goes the way below, which reports it.
        if mode == .raw || !Self.mayBeGalleyArticle(line), let value = try? JSONParser.parse(line), value.objectValue != nil {
            build(value, label: label, submit)
            return
        }
        // A line the parsers refuse: a record that is not UTF-8 (a Latin-1 export) is read as
        // Windows-1252; anything else is reported.
        func refused(_ error: JSONError) {
            if let record = Ingester.recordFromNonUTF8Line(line[...]) {
                build(record, label: label, windows1252: true, submit)
            } else {
                fail(IngestError(input: label, reason: error.description), submit)
            }
        }
        let raw: RawArticle
        do { raw = try RawArticle(bytes: line) } catch {
            // The fast reader only sees that no object starts here; the full parser says what
            // is there ("nope" is not JSON, not "null").
            do { _ = try JSONParser.parse(line); refused(error) } catch let precise { refused(precise) }
            return
        }
        // A Galley article passes through untouched (after validation).
        if mode == .auto, let version = raw.value("galley"), raw.value("paragraphs") != nil {
            func refuse(_ reason: String) {
                fail(IngestError(input: label, reason: reason), record: (try? JSONParser.parse(line))?.objectValue ?? JSONObject(), id: raw.id, submit)
            }
            // A newer schema may mean what this host would misread: refuse it (ARTICLE.md).
            if let v = Self.integer(version), v > Article.schemaVersion {
                refuse("article schema version \(v) is newer than this Galley's \(Article.schemaVersion)")
                return
            }
            if let problem = Self.shapeProblem(raw) {
                refuse(problem)
                return
            }
            submit(.raw(raw), raw.hasErrors)
            return
        }
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            refused(error)
            return
        }
        build(value, label: label, submit)
    }

    /// What is wrong with the members of a Galley article the host itself reads or writes:
    /// results are spliced into `analyses` and failures into `errors`, so a string there was
    /// replaced or passed on without a word. The rest of the article is relayed as it is.
    static func shapeProblem(_ raw: RawArticle) -> String? {
        func kind(_ key: String) -> String? {
            guard let v = raw.value(key), let parsed = try? JSONParser.parse(v) else { return nil }
            return parsed.kindPhrase
        }
        if let b = raw.value("analyses")?.first, b != UInt8(ascii: "{") { return "field 'analyses' must be an object, found \(kind("analyses") ?? "something else")" }
        if let b = raw.value("errors")?.first, b != UInt8(ascii: "[") { return "field 'errors' must be an array, found \(kind("errors") ?? "something else")" }
        if let v = raw.value("galley"), integer(v) == nil { return "field 'galley' must be an integer, found \(kind("galley") ?? "something else")" }
        return nil
    }

    /// A JSON number that is an integer, as JSON Schema reads one (1.0 included).
    static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
        Double(String(decoding: bytes, as: UTF8.self)).flatMap { Int(exactly: $0) }
    }

    /// Whether a line may hold a top-level "galley" member: it has the word, or an escape
    /// that could spell it. Scanning every record's members only to learn that it has none
    /// was 2% of the host's work on plain records.
    static func mayBeGalleyArticle(_ line: [UInt8]) -> Bool {
        RawArticle.contains(line[...], galleyWord) || RawArticle.contains(line[...], unicodeEscape)
    }
    private static let galleyWord = Array("galley".utf8), unicodeEscape = Array("\\u".utf8)

    /// Ingests a parsed record (not a Galley article).
    private func build(_ value: JSONValue, label: String, windows1252: Bool = false, _ submit: (IncomingArticle, Bool) -> Void) {
        do {
            var article = mode == .raw ? try Ingester.rawArticle(fromRecord: value, name: label)
                                       : try Ingester.article(fromRecord: value, name: label)
            if windows1252 { Ingester.markWindows1252(&article) }
            submit(.built(article), false)
        } catch {
            let id = value["id"].flatMap { $0.stringValue ?? $0.intValue.map(String.init) }
            fail(error, record: value.objectValue ?? JSONObject(), id: id ?? label, submit)
        }
    }
}

/// Articles ingested before the chain is ready: held (up to `capacity` articles or
/// `byteCapacity` bytes, then ingest waits) until `attach` hands them, and every later one,
/// to the chain.
final class ReadAhead: @unchecked Sendable {
    private let cond = NSCondition()
    private var held: [(seq: Int, article: IncomingArticle, failed: Bool)] = []
    private var target: ((Int, IncomingArticle, Bool) -> Void)?
    private var cancelled = false
    private var total: Int?
    private var heldBytes = 0
    static let capacity = 256
    static let byteCapacity = 32 << 20

    func deliver(_ seq: Int, _ article: IncomingArticle, _ failed: Bool) {
        cond.lock()
        while target == nil && !cancelled && (held.count >= Self.capacity || heldBytes >= Self.byteCapacity) { cond.wait() }
        if cancelled { cond.unlock(); return }
        if let target {
            cond.unlock()
            target(seq, article, failed)
            return
        }
        held.append((seq, article, failed))
        heldBytes += article.approximateSize
        cond.unlock()
    }

    /// From now on articles go to `target`; those held go first, in input order: the chain
    /// admits an article only within its capacity of the next one to be passed on, so a later
    /// one offered first would wait forever for an earlier one queued behind it here.
    func attach(_ target: @escaping (Int, IncomingArticle, Bool) -> Void) {
        cond.lock()
        let waiting = held.sorted { $0.seq < $1.seq }
        held = []
        heldBytes = 0
        self.target = target
        cond.broadcast()
        cond.unlock()
        for h in waiting { target(h.seq, h.article, h.failed) }
    }

    func finish(total n: Int) {
        cond.withLock { total = n; cond.broadcast() }
    }

    /// Waits until the input has been read to its end; returns how many articles it held.
    func waitForTotal() -> Int {
        cond.lock()
        while total == nil { cond.wait() }
        let n = total!
        cond.unlock()
        return n
    }

    func cancel() {
        cond.withLock { cancelled = true; held = []; heldBytes = 0; cond.broadcast() }
    }
}
