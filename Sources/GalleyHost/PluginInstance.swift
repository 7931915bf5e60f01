import Foundation
import GalleyIO
import GalleyJSON
import GalleyModel
import GalleyProtocol

/// What the host reports about plugins: one line each on stderr, prefixed with the plugin's
/// name. A shared sink so that tests can capture it.
public final class HostLog: @unchecked Sendable {
    private let lock = NSLock()
    public var verbose = false
    private let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void = { Diagnostics.write($0) }) { self.write = write }

    public func report(_ message: String) {
        lock.withLock { write(message) }
    }

    public func note(_ message: String) { if verbose { report(message) } }

    private var budgets: [String: ReportBudget] = [:]
    /// What a plugin may still print, shared by all its instances (one restarted for every
    /// article must not print its allowance each time).
    func budget(for plugin: String) -> ReportBudget {
        lock.withLock {
            if let b = budgets[plugin] { return b }
            let b = ReportBudget()
            budgets[plugin] = b
            return b
        }
    }
}

/// How much of one plugin's output reaches the terminal: its stderr lines and log messages
/// up to `lineLimit`, its protocol violations up to `violationLimit`; the rest is counted and
/// the counts go into the run's summary.
final class ReportBudget: @unchecked Sendable {
    static let lineLimit = 200
    static let violationLimit = 20
    private let lock = NSLock()
    private var lines = 0, violations = 0

    enum Verdict { case show, showLast, hide }

    private static func take(_ count: inout Int, _ limit: Int) -> Verdict {
        count += 1
        return count < limit ? .show : count == limit ? .showLast : .hide
    }

    func takeLine() -> Verdict { lock.withLock { Self.take(&lines, Self.lineLimit) } }

    /// Reports a protocol violation of `plugin` if its allowance has room (the last one shown
    /// says that the rest are counted).
    func reportViolation(_ text: String, plugin: String, to log: HostLog) {
        let verdict = lock.withLock { Self.take(&violations, Self.violationLimit) }
        guard verdict != .hide else { return }
        log.report("galley: \(plugin): protocol violation: \(text)")
        if verdict == .showLast { log.report("galley: \(plugin): (further protocol violations are counted, not shown)") }
    }
    var suppressedLines: Int { lock.withLock { max(0, lines - Self.lineLimit) } }
    var suppressedViolations: Int { lock.withLock { max(0, violations - Self.violationLimit) } }
}

/// How an answer to a `process` request came back.
enum Answer {
    case result(ArraySlice<UInt8>)
    case error(RPCError)
}

/// One running plugin process: the handshake, a writer thread feeding its stdin, a reader
/// thread turning its stdout into answers, and a thread forwarding its stderr. Protocol
/// violations are reported here and never reach the scheduler.
final class PluginInstance: @unchecked Sendable {
    let label: String
    let process: ChildProcess
    let log: HostLog
    let maxLineBytes: Int

    /// Called on the reader thread for every answer to a request id (never for the handshake).
    var onAnswer: (@Sendable (Int, Answer) -> Void)?
    /// Called once when the plugin ends (exit or crash), with a description; at once if it
    /// has already ended (a plugin may die between its handshake and being put to work).
    var onExit: (@Sendable (String) -> Void)? {
        get { cond.withLock { _onExit } }
        set {
            cond.lock()
            let ended = exitDescription
            _onExit = ended == nil ? newValue : nil
            cond.unlock()
            if let ended {
                // Its last stderr lines are read before anyone is told (see `lastStderrLine`).
                waitForStderr(seconds: 0.5)
                newValue?(ended)
            }
        }
    }
    private var _onExit: (@Sendable (String) -> Void)?
    private var exitDescription: String?
    /// The id of the `shutdown` request, once sent: its answer is expected, never a violation.
    private var shutdownID: Int?
    /// Called on the reader thread when it has handled every complete line it has read and is
    /// about to wait for more: answers can be acted on in one go (one wake-up per read).
    var onReadBatchEnd: (@Sendable () -> Void)?
    /// Called for an answer over the size limit, with its size and its request's id when the
    /// line's start names it (else the oldest request of an ordered plugin is failed).
    var onOversizedLine: (@Sendable (Int, Int?) -> Void)?

    private let cond = NSCondition()
    private var queue: [[UInt8]] = []
    private var writerDone = false
    /// A thread (the writer thread or a submitter in `writeQueued`) is writing a batch.
    private var writing = false
    private var handshake: Result<JSONValue, RPCError>?
    private let stderrDone = DispatchSemaphore(value: 0)
    /// What this plugin may still print (shared with its other instances).
    let budget: ReportBudget

    init(label: String, executable: String, log: HostLog, maxLineBytes: Int) throws {
        self.label = label
        self.log = log
        self.maxLineBytes = maxLineBytes
        budget = log.budget(for: label)
        process = try ChildProcess(executable: executable)
        Thread.detachNewThread { [self] in readStdout() }
        Thread.detachNewThread { [self] in readStderr() }
        Thread.detachNewThread { [self] in writeLoop() }
        Thread.detachNewThread { [self] in watchExit() }
    }

    // MARK: - Handshake

    struct StartError: Error, CustomStringConvertible {
        var message: String
        /// The plugin's own words when it refused the user's options (`-32602` to
        /// `initialize`): a usage error.
        var refusedOptions: String?
        var description: String { message }
    }

    /// Sends `initialize` and waits for the manifest.
    func initialize(options: JSONObject, timeout: Double) throws -> PluginManifest {
        sendInitialize(options: options)
        return try awaitManifest(timeout: timeout)
    }

    /// Sends `initialize` without waiting, so that several plugins can start at once.
    func sendInitialize(options: JSONObject) {
        let params: JSONValue = ["protocol": JSONValue(galleyProtocolVersion),
                                 "host": ["name": "galley", "version": JSONValue(hostVersion)],
                                 "options": .object(options)]
        send(RPC.request(id: .int(0), method: "initialize", params: params))
    }

    /// Waits for the answer to `initialize` (sent with `sendInitialize`) and reads the manifest.
    func awaitManifest(timeout: Double) throws -> PluginManifest {
        cond.lock()
        let deadline = Date().addingTimeInterval(timeout)
        while handshake == nil {
            if !cond.wait(until: deadline) { break }
        }
        let outcome = handshake
        cond.unlock()
        guard let outcome else {
            let exited = process.poll()
            process.kill()
            if let exited { throw StartError(message: "\(label) \(ChildProcess.describe(exited)) before answering initialize") }
            throw StartError(message: "\(label) did not answer initialize within \(JSONValue.format(timeout)) s")
        }
        switch outcome {
        case .failure(let e):
            process.stop(grace: 0.5)
            // An exit before the answer is no refusal ("refused initialize: exited with status 3").
            if e.code == GalleyErrorCode.pluginCrashed { throw StartError(message: "\(label) \(e.message) before answering initialize") }
            throw StartError(message: "\(label) refused initialize: \(e.message)", refusedOptions: e.code == -32602 ? e.message : nil)
        case .success(let result):
            do {
                let m = try PluginManifest(initializeResult: result)
                guard m.protocolVersion == galleyProtocolVersion else {
                    process.stop(grace: 0.5)
                    throw StartError(message: "\(label) speaks protocol \(m.protocolVersion), host speaks \(galleyProtocolVersion)")
                }
                return m
            } catch let e as RPCError {
                process.stop(grace: 0.5)
                throw StartError(message: "\(label): \(e.message)")
            }
        }
    }

    // MARK: - Writing

    /// Queues a line for the writer thread.
    func send(_ line: [UInt8]) {
        enqueue(line)
        wakeWriter()
    }

    /// Queues a line without waking the writer thread: the caller writes it with
    /// `writeQueued()` once it holds no lock. Saves a thread hand-off (a context switch on a
    /// busy processor) per request.
    func enqueue(_ line: [UInt8]) {
        cond.withLock { queue.append(line) }
    }

    /// Wakes the writer thread for lines queued with `enqueue` (for callers that must not block).
    func wakeWriter() {
        cond.withLock { if !writing && !queue.isEmpty { cond.broadcast() } }
    }

    /// Writes what is queued on the calling thread, blocking while the plugin's stdin is full,
    /// unless another thread is writing already (it takes these lines too). Only for threads
    /// that may block: never the stdout reader, whose draining the plugin may be waiting on.
    func writeQueued() {
        cond.lock()
        if !writing && !queue.isEmpty { drain() }
        cond.unlock()
    }

    private func writeLoop() {
        cond.lock()
        while true {
            if writing || queue.isEmpty {
                if writerDone && !writing && queue.isEmpty { break }
                cond.wait()
                continue
            }
            drain()
        }
        cond.unlock()
    }

    /// Writes queued lines in batches (one write call each) until none is left. Called and
    /// returns with `cond` locked; only one thread writes at a time, so requests keep their order.
    private func drain() {
        writing = true
        while !queue.isEmpty {
            var batch: [UInt8] = []
            batch.reserveCapacity(queue.reduce(0) { $0 + $1.count + 1 })
            for q in queue { batch.append(contentsOf: q); batch.append(0x0A) }
            queue.removeAll(keepingCapacity: true)
            cond.unlock()
            let ok = process.write(batch)
            cond.lock()
            if !ok {
                let stopping = writerDone
                writerDone = true
                queue.removeAll()
                // Not at the end of a run: the plugin died (its exit is handled), or it closed its
                // stdin while still running, and would never see these requests: stop it, so
                // that they are retried as after a crash instead of waiting out two timeouts.
                if !stopping { Thread.detachNewThread { [self] in stopIfInputClosed() } }
            }
        }
        writing = false
        // The writer thread may be waiting to finish (or for lines queued meanwhile), and so
        // may `waitUntilWritten`. (Not on every batch: a broadcast with a waiter is a syscall.)
        if writerDone { cond.broadcast() }
    }

    private func stopIfInputClosed() {
        Thread.sleep(forTimeInterval: 0.5)
        guard process.poll() == nil, cond.withLock({ exitDescription == nil }) else { return }
        violation("it closed its stdin while running (requests could not be sent); stopping it", [])
        process.kill()
    }

    /// After this, the writer closes the plugin's stdin once its queue is drained.
    func finishWriting() {
        cond.lock()
        writerDone = true
        cond.broadcast()
        cond.unlock()
    }

    /// After `finishWriting`: waits until every queued line has been written, at most
    /// `seconds`; whether it was. Woken by the writer as it finishes, not polled: on one
    /// processor a 10 ms poll slept through the plugin's whole shutdown.
    @discardableResult
    func waitUntilWritten(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        cond.lock(); defer { cond.unlock() }
        while !queue.isEmpty || writing {
            if !cond.wait(until: deadline) { return queue.isEmpty && !writing }
        }
        return true
    }

    // MARK: - Reading

    private func readStdout() {
        let reader = LineReader(fd: process.stdoutFD, maximumLength: maxLineBytes)
        while let item = try? reader.next() {
            switch item {
            case .tooLong(let n):
                let prefix = reader.tooLongPrefix[...]
                let keys = RawJSON.topLevelKeys(ofPrefix: prefix)
                // Only a notification (or a request) has a method or params; an answer has an id.
                if (keys.contains("method") || keys.contains("params")) && !keys.contains("id") {
                    // A notification (a huge log message): dropped, no request is harmed.
                    violation("a notification of \(n) bytes, over the \(maxLineBytes)-byte limit, dropped", prefix.prefix(80))
                } else {
                    log.report("galley: \(label): protocol violation: a line of \(n) bytes on stdout is over the \(maxLineBytes)-byte limit")
                    onOversizedLine?(n, RawJSON.idOfBrokenLine(prefix))
                }
            case .line(let bytes):
                if reader.lastLineUnterminated {
                    // The plugin died in the middle of writing it: its exit is what counts (the
                    // request is retried as after any crash).
                    violation("the last line was cut off (no newline before the end of stdout), ignored", bytes.prefix(80))
                } else if !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    handleLine(bytes)
                }
            }
            if !reader.hasBufferedLine { onReadBatchEnd?() }
        }
        // stdout closed: the plugin exited, crashed, or closed it. Reap or kill.
        var status = process.wait(seconds: 0.5)
        if status == nil { process.kill(); status = process.poll() }
        ended(ChildProcess.describe(status ?? -1))
    }

    /// The plugin is gone (its stdout ended, or it was reaped while something it started still
    /// holds stdout open): tell the stage once.
    private func ended(_ description: String) {
        cond.lock()
        guard exitDescription == nil else { cond.unlock(); return }
        exitDescription = description
        if handshake == nil { handshake = .failure(RPCError(code: GalleyErrorCode.pluginCrashed, message: description)) }
        writerDone = true
        queue.removeAll()
        let notify = _onExit
        _onExit = nil
        cond.broadcast()
        cond.unlock()
        // What the plugin started in its process group (helpers) goes with it, now: the run
        // may end before any grace would.
        process.stopGroup(grace: 0)
        // Its last stderr lines are read before anyone is told (see `lastStderrLine`).
        if notify != nil { waitForStderr(seconds: 0.5) }
        notify?(description)
    }

    /// Watches the process itself, not only its stdout: a plugin that crashes while a process
    /// it started (a daemon, a helper) keeps its stdout open would otherwise never be seen to
    /// end. A clean exit (status 0) with stdout still open is a launcher that handed over to
    /// the real plugin (`setsid plugin`, `plugin & exit`): its stdout's end is what counts then.
    private func watchExit() {
        while true {
            if cond.withLock({ exitDescription != nil }) { return }
            if let status = process.poll() {
                if status == 0 { return }
                // Give the stdout reader a moment to take the last answers and see end of file.
                Thread.sleep(forTimeInterval: 0.5)
                ended(ChildProcess.describe(status))
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Sends `shutdown` with this id (its answer is then no stray line).
    func sendShutdown(id: Int) {
        cond.withLock { shutdownID = id }
        send(RPC.request(id: .int(id), method: "shutdown"))
    }

    private func violation(_ what: String, _ bytes: ArraySlice<UInt8>) {
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
        budget.reportViolation(what + (bytes.isEmpty ? "" : ": " + text) + (bytes.count > 200 ? "..." : ""), plugin: label, to: log)
    }

    /// One line from the plugin (stderr or a log message), within its budget.
    private func relay(_ line: String) {
        let verdict = budget.takeLine()
        guard verdict != .hide else { return }
        log.report(line)
        if verdict == .showLast { log.report("[\(label)] (further stderr lines and log messages are counted, not shown)") }
    }

    private func handleLine(_ bytes: ArraySlice<UInt8>) {
        let parsed: (members: [RawJSON.Member], close: Int)
        do { parsed = try RawJSON.members(bytes) } catch {
            violation("stdout line is not a JSON object (\(error.reason))", bytes)
            // A broken answer that still names its request (Python's json.dumps writes NaN, a
            // C plugin a byte that is not UTF-8) fails that request now: waiting for its
            // timeout, twice, would cost every such article a minute.
            if let id = RawJSON.idOfBrokenLine(bytes) {
                deliver(id: id, .error(RPCError(code: GalleyErrorCode.protocolViolation,
                                                message: "the plugin's answer is not valid JSON (\(error.reason))")), raw: bytes)
            }
            return
        }
        let base = bytes.startIndex
        func member(_ key: String) -> ArraySlice<UInt8>? {
            parsed.members.last(where: { $0.key == key }).map { bytes[(base + $0.value.lowerBound)..<(base + $0.value.upperBound)] }
        }
        if let method = member("method") {
            let name = (try? JSONParser.parse(method))?.stringValue ?? ""
            if member("id") != nil {
                violation("plugins must not send requests (\(name))", bytes)
                return
            }
            handleNotification(name, params: member("params"))
            return
        }
        guard let idBytes = member("id"), let idValue = try? JSONParser.parse(idBytes) else {
            violation("a line without method or id", bytes)
            return
        }
        if let errorBytes = member("error") {
            let e = (try? JSONParser.parse(errorBytes)) ?? .null
            // An error given as a bare string keeps its words (it became "error without a message").
            var error = RPCError(code: e["code"]?.intValue ?? GalleyErrorCode.internalError,
                                 message: e["message"]?.stringValue ?? e.stringValue ?? "error without a message", data: e["data"])
            // JSON-RPC answers with a result or an error, not both: which one was meant is unclear.
            if member("result") != nil {
                violation("an answer with both \"result\" and \"error\"", bytes)
                error = RPCError(code: GalleyErrorCode.protocolViolation, message: "the plugin's answer had both \"result\" and \"error\" (\(error.message))")
            }
            if idValue.isNull {
                log.report("galley: \(label): reported an error without a request id: \(error.message)")
                return
            }
            guard let id = idValue.intValue else { violation("response with an id the host never sent", bytes); return }
            deliver(id: id, .error(error), raw: bytes)
            return
        }
        if let text = idValue.stringValue, let id = Int(text) {
            // The request's id written as a string: JSON-RPC ids must come back as sent. Which
            // request it means is clear, so that article fails now instead of timing out twice.
            violation("the answer's id is the string \"\(text)\"; answer with the request's id as sent (\(id))", bytes)
            deliver(id: id, .error(RPCError(code: GalleyErrorCode.protocolViolation,
                                            message: "the plugin answered with the id \"\(text)\", a string; the request's id is the number \(id)")), raw: bytes)
            return
        }
        guard let id = idValue.intValue else {
            violation("a response's id must be the integer the host sent", bytes)
            return
        }
        guard let result = member("result") else {
            // Which request it answers is clear: that article fails now (it waited out its
            // timeout, twice), and the message says what is missing.
            violation("the answer to request \(id) has neither \"result\" nor \"error\"", bytes)
            deliver(id: id, .error(RPCError(code: GalleyErrorCode.protocolViolation,
                                            message: "the plugin's answer had neither \"result\" nor \"error\"")), raw: bytes)
            return
        }
        deliver(id: id, .result(result), raw: bytes)
    }

    private func deliver(id: Int, _ answer: Answer, raw: ArraySlice<UInt8>) {
        if id == 0 {
            cond.lock()
            if handshake == nil {
                switch answer {
                case .result(let r): handshake = .success((try? JSONParser.parse(r)) ?? .null)
                case .error(let e): handshake = .failure(e)
                }
                cond.broadcast()
                cond.unlock()
                return
            }
            cond.unlock()
            violation("a second answer to initialize", raw)
            return
        }
        guard let onAnswer else {
            // Caught by the end of a run while starting: its answer to shutdown is expected.
            if cond.withLock({ shutdownID != id }) { violation("an answer before the handshake finished", raw) }
            return
        }
        onAnswer(id, answer)
    }

    private func handleNotification(_ method: String, params: ArraySlice<UInt8>?) {
        let p = params.flatMap { try? JSONParser.parse($0) }
        switch method {
        case "log":
            let level = p?["level"]?.stringValue ?? "info"
            let message = p?["message"]?.stringValue ?? ""
            if level == "debug" { log.note("[\(label)] debug: \(message)") } else { relay("[\(label)] \(level): \(message)") }
        case "progress":
            log.note("[\(label)] progress: \(p.map { JSONWriter.string($0) } ?? "")")
        default:
            log.note("[\(label)] unknown notification \(method)")
        }
    }

    /// The plugin's last non-blank stderr line (at most 200 bytes): its last words when it
    /// crashes, kept for the records, which are all a `pipe()` user sees.
    var lastStderrLine: String? { cond.withLock { _lastStderrLine } }
    private var _lastStderrLine: String?

    private func readStderr() {
        let reader = LineReader(fd: process.stderrFD, maximumLength: 1 << 20, chunkSize: 1 << 16)  // not grown (PipeCapacity)
        while let item = try? reader.next() {
            switch item {
            case .line(let bytes):
                if let line = LastStderrLine.kept(bytes) { cond.withLock { _lastStderrLine = line } }
                relay("[\(label)] " + String(decoding: bytes.prefix(4096), as: UTF8.self))
            case .tooLong(let n): relay("[\(label)] (a stderr line of \(n) bytes, not shown)")
            }
        }
        stderrDone.signal()
    }

    /// Waits (briefly) until everything the plugin wrote to stderr has been read.
    func waitForStderr(seconds: Double = 1) {
        if stderrDone.wait(timeout: .now() + seconds) == .success { stderrDone.signal() }
    }
}

let hostVersion = "0.1.0"
