import Foundation
import GalleyIngest
import GalleyIO
import GalleyJSON
import GalleyModel
import GalleyProtocol

/// `galley plugin check`: drives any executable through the protocol the way the host does,
/// and some ways it hopes never to (malformed lines, unknown methods, cancellation), and says
/// what conforms. One result per check.
public struct ConformanceChecker {
    public struct Check: Sendable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    public var path: String
    public var timeout: Double
    /// Options for the plugin (`--option`), as a run gives them: in `initialize`, then checked
    /// against its schema and sent with every request. A plugin that needs one can pass.
    public var options: [OptionAssignment]

    public init(path: String, timeout: Double = 10, options: [OptionAssignment] = []) {
        self.path = path
        self.timeout = timeout
        self.options = options
    }

    /// A line-level view of one plugin process, with timeouts.
    final class Session: @unchecked Sendable {
        let process: ChildProcess
        private let cond = NSCondition()
        /// Object lines, parsed (nil when only the strict parser refuses one), in order.
        private var lines: [JSONValue?] = []
        private var closed = false
        /// Every stdout line that was not a JSON object.
        private(set) var strayLines: [String] = []
        private var lastStderrLine: String?

        init(path: String) throws {
            process = try ChildProcess(executable: path)
            Thread.detachNewThread { [self] in
                let reader = LineReader(fd: process.stdoutFD)
                while let item = try? reader.next() {
                    guard case .line(let b) = item, !b.isEmpty else { continue }
                    cond.withLock {
                        do { _ = try RawJSON.members(b); lines.append(try? JSONParser.parse(b)) } catch {
                            strayLines.append(String(decoding: b.prefix(120), as: UTF8.self))
                            // A broken answer that names its request (a NaN, a byte that is not
                            // UTF-8) stands in for that answer, marked, so the check waiting for it
                            // says what is wrong at once instead of timing out.
                            if let id = RawJSON.idOfBrokenLine(b) {
                                lines.append(.object(JSONObject([("id", JSONValue(id)),
                                                                 (Session.brokenKey, .string((error as? JSONError)?.reason ?? "\(error)"))])))
                            }
                        }
                        cond.broadcast()
                    }
                }
                cond.withLock { closed = true; cond.broadcast() }
            }
            // Drain stderr so that a chatty plugin never blocks; its last line says why a plugin died.
            Thread.detachNewThread { [self] in
                let reader = LineReader(fd: process.stderrFD, chunkSize: 1 << 16)  // a stderr pipe is not grown (PipeCapacity)
                while let item = try? reader.next() {
                    guard case .line(let b) = item, let line = LastStderrLine.kept(b) else { continue }
                    cond.withLock { lastStderrLine = line }
                }
            }
        }

        func send(_ line: [UInt8]) { _ = process.write(line + [0x0A]) }

        /// The next JSON line within `seconds`, parsed.
        func next(_ seconds: Double) -> JSONValue? {
            cond.lock(); defer { cond.unlock() }
            let deadline = Date().addingTimeInterval(seconds)
            // Woken a few times a second to see whether the process itself ended (a child it
            // left behind can keep its stdout open, and nothing would be read).
            while lines.isEmpty && !closed && Date() < deadline {
                if !cond.wait(until: min(deadline, Date().addingTimeInterval(0.2))), process.poll() != nil { break }
            }
            guard !lines.isEmpty else { return nil }
            return lines.removeFirst()
        }

        /// The next message that is not a notification.
        func nextAnswer(_ seconds: Double) -> JSONValue? {
            let deadline = Date().addingTimeInterval(seconds)
            while true {
                let left = deadline.timeIntervalSinceNow
                guard left > 0, let m = next(left) else { return nil }
                if m["method"] == nil { return m }
            }
        }

        var stdoutClosed: Bool { cond.withLock { closed } }

        /// When the plugin has exited: how, with its last stderr line; nil while it runs.
        func exitDescription() -> String? {
            // The process itself, not only its stdout: a child it left behind may hold that open.
            // ChildProcess keeps the status once it has it.
            let polled = process.poll()
            guard stdoutClosed || polled != nil else { return nil }
            let status = polled ?? process.wait(seconds: 1)
            let how = status.map { "the plugin \(ChildProcess.describe($0))" } ?? "the plugin closed its stdout"
            return how + LastStderrLine.suffix(cond.withLock { lastStderrLine })
        }

        /// Marks an answer that was not valid JSON (with the reason), in place of the answer.
        static let brokenKey = "galley-check-broken-answer"
    }

    static func sampleArticles() -> [Article] {
        let texts = [
            "Meta Plans Sweeping Layoffs\n\nMeta plans to lay off 20% of its workforce, about 16,000 employees. Shares rose 2% on Monday.\n\nAnalysts said the cuts could fund AI data centres.",
            "Central Bank Holds Rates\n\nThe central bank kept its main rate at 4.5%. Inflation slowed to 2.1% in March.",
            "A short note without a title, just one sentence.",
        ]
        return texts.enumerated().map { k, t in
            var a = Ingester.article(fromText: t)
            a.id = "check-\(k + 1)"
            return a
        }
    }

    /// The samples with the analyses among `required` that some plugin in sight provides
    /// (names no plugin provides are taken for record fields, as a run takes them), or why not.
    static func addingAnalyses(_ required: [String], to samples: [Article]) -> ([Article], String?) {
        let resolver = ChainResolver(settings: RunSettings(), log: HostLog(write: { _ in }))
        var catalog: [PluginCatalog.Described]?
        var providers: [String] = []
        for r in required {
            let name = ChainResolver.analysisName(r)
            guard let p = resolver.provider(of: name, searchingManifests: true, catalog: &catalog) else {
                if r.hasPrefix("analyses.") { return (samples, "requires the analysis '\(name)', and no plugin in sight provides it") }
                continue
            }
            if !providers.contains(p) { providers.append(p) }
        }
        guard !providers.isEmpty else { return (samples, nil) }
        let results = LockedArray<[UInt8]>(count: samples.count)
        do {
            let chain = try Chain(plugins: providers, options: [], settings: RunSettings(), log: HostLog(write: { _ in }),
                                  sink: { seq, finished in results[seq] = finished.bytes })
            defer { chain.shutdown(grace: 0.5) }
            for (k, a) in samples.enumerated() { try chain.submit(seq: k, articleBytes: a.jsonLine) }
            try chain.finish(total: samples.count)
        } catch {
            return (samples, "running \(providers.joined(separator: ", ")) for the analyses it requires: \(error)")
        }
        var out = samples
        for k in out.indices {
            guard let bytes = results[k], let value = try? JSONParser.parse(bytes), let analyses = value["analyses"]?.objectValue else { continue }
            out[k].analyses = analyses
        }
        return (out, nil)
    }

    static func processRequest(id: Int, article: [UInt8], options: JSONObject = JSONObject()) -> [UInt8] {
        RPC.request(id: id, method: "process", rawParams: [("article", article), ("options", JSONWriter.bytes(.object(options)))])
    }

    /// What a run sends the plugin of an article (`ChainResolver.inputs`, cut from the article
    /// as a stage cuts it). The check sent whole articles, so a plugin reading a field it forgot
    /// to declare passed, and failed every real article.
    static func request(_ article: Article, for manifest: PluginManifest) -> [UInt8] {
        var named = manifest
        named.requires = manifest.requires?.map(ChainResolver.analysisName)
        named.uses = manifest.uses.map(ChainResolver.analysisName)
        let (fields, analyses, members) = ChainResolver.inputs(of: named, provided: Set(article.analyses.keys))
        return RawArticle(article: article, only: fields, elementMembers: members).subset(fields: fields, analyses: analyses)
    }

    /// Runs every check; stops early only when the plugin cannot even start.
    public func run() -> [Check] {
        var checks: [Check] = []
        func record(_ name: String, _ passed: Bool, _ detail: String) { checks.append(Check(name: name, passed: passed, detail: detail)) }

        guard FileManager.default.isExecutableFile(atPath: path) else {
            return [Check(name: "executable", passed: false, detail: "\(path) is not an executable file")]
        }
        let session: Session
        do { session = try Session(path: path) } catch {
            return [Check(name: "starts", passed: false, detail: "\(error)")]
        }
        defer { session.process.kill(grace: 0.2) }

        // 1. Handshake and manifest.
        let initial = OptionAssignment.initializeOptions(options)
        session.send(RPC.request(id: .int(0), method: "initialize", params: ["protocol": JSONValue(galleyProtocolVersion), "host": ["name": "galley-check", "version": "1"], "options": .object(initial)]))
        guard let answer = session.nextAnswer(timeout) else {
            record("handshake", false, session.exitDescription().map { "no answer to initialize: \($0)" } ?? "no answer to initialize within \(JSONValue.format(timeout)) s")
            return checks
        }
        guard answer["id"]?.intValue == 0, let result = answer["result"] else {
            record("handshake", false, "initialize answered with \(JSONWriter.string(answer).prefix(200))")
            return checks
        }
        record("handshake", true, "answered initialize")
        let manifest: PluginManifest
        do { manifest = try PluginManifest(initializeResult: result) } catch {
            record("manifest", false, error.message)
            return checks
        }
        let optionsOK = manifest.options["type"] == .string("object")
        record("manifest", optionsOK, optionsOK
               ? "\(manifest.name) \(manifest.version): provides \(manifest.provides), requires \(manifest.requires.map { "\($0)" } ?? "everything"), concurrency \(manifest.concurrency)\(manifest.description.isEmpty ? " (no description: recommended)" : "")"
               : "the options schema must be a JSON Schema with \"type\":\"object\"")
        record("protocol version", manifest.protocolVersion == galleyProtocolVersion,
               "plugin speaks \(manifest.protocolVersion), host speaks \(galleyProtocolVersion)")
        // The options, checked against the schema as a run checks them.
        var checked = JSONObject()
        do {
            checked = try OptionSchema.check(options, against: manifest.options, plugin: manifest.name, otherPlugins: [])
            if !options.isEmpty { record("options", true, "accepted \(options.map { "\($0.key)=\($0.text)" }.joined(separator: ", ")) against the schema") }
        } catch {
            record("options", false, "\(error)")
        }
        let requestOptions = checked

        // 2. Answers to process, and their shape. Analyses the plugin requires come from
        // their providers, run over the samples as a chain would run them.
        var samples = Self.sampleArticles()
        let needed = (manifest.requires ?? []).filter { !ChainResolver.isArticleField($0) && !manifest.provides.contains(ChainResolver.analysisName($0)) }
        if !needed.isEmpty {
            let (analysed, problem) = Self.addingAnalyses(needed, to: samples)
            if let problem { record("required analyses", false, problem) } else {
                samples = analysed
                record("required analyses", true, "samples carry \(needed.map(ChainResolver.analysisName).joined(separator: ", ")), from their providers")
            }
        }
        let requests = samples.map { Self.request($0, for: manifest) }
        session.send(Self.processRequest(id: 1, article: requests[0], options: requestOptions))
        if let a = session.nextAnswer(timeout) {
            let valid = validResponse(a, id: 1)
            if valid == nil, let error = a["error"] {
                // An error for one article is the plugin's right; an error for every sample is a
                // plugin that cannot work (a field it reads and did not declare, most often).
                var allFailed = true
                for k in 1..<requests.count {
                    session.send(Self.processRequest(id: 1 + k, article: requests[k], options: requestOptions))
                    if let b = session.nextAnswer(timeout), b["error"] == nil { allFailed = false }
                }
                let message = error["message"]?.stringValue ?? JSONWriter.string(error)
                record("process", !allFailed, allFailed
                       ? "answered every sample article with an error (\(message.prefix(160))); does it read a field it does not require, or need an option (--option KEY=VALUE)?"
                       : "answered request 1 with an error (\(message.prefix(160))), other samples with results")
            } else {
                record("process", valid == nil, valid ?? "answered request 1 with a result")
            }
        } else {
            record("process", false, session.exitDescription().map { "no answer to request 1: \($0)" }
                   ?? "no answer to a process request within \(JSONValue.format(timeout)) s")
        }
        // A plugin that has died fails the checks that need it for that one reason, said with
        // its exit status and last stderr line, whenever it died; a failure while it is dying
        // says so too (it read as a mere "no answer", and the next checks timed out in turn).
        let needingThePlugin = ["pipelining", "unknown method", "malformed input", "cancellation", "shutdown"]
        func recordCleanStdout() {
            let stray = session.strayLines
            record("clean stdout", stray.isEmpty, stray.isEmpty ? "every stdout line was a JSON-RPC message" : "non-protocol output on stdout: \(stray.first!)")
        }
        func exited(before check: String) -> Bool {
            guard let exited = session.exitDescription(), let k = needingThePlugin.firstIndex(of: check) else { return false }
            for name in needingThePlugin[k...] { record(name, false, "not run: \(exited)") }
            // What it printed before it died is still worth saying.
            if !checks.contains(where: { $0.name == "clean stdout" }) { recordCleanStdout() }
            return true
        }
        func failure(_ detail: String) -> String { session.exitDescription().map { detail + "; \($0)" } ?? detail }
        if exited(before: "pipelining") { return checks + secondInstanceChecks() }

        // 3. Pipelining: several requests in flight, answered once each, in order.
        let burst = max(2, min(manifest.concurrency, 16))
        for k in 0..<burst { session.send(Self.processRequest(id: 100 + k, article: requests[k % samples.count], options: requestOptions)) }
        var ids: [Int] = []
        var shapeProblem: String?
        for _ in 0..<burst {
            guard let a = session.nextAnswer(timeout) else { break }
            if let id = a["id"]?.intValue {
                ids.append(id)
                if shapeProblem == nil, let p = validResponse(a, id: id) { shapeProblem = p }
            }
        }
        let expected = Array(100..<(100 + burst))
        let complete = ids.sorted() == expected
        let ordered = ids == expected
        record("pipelining", complete && (ordered || !manifest.ordered) && shapeProblem == nil,
               !complete ? failure("sent \(burst) requests at once, got answers for \(ids)")
               : shapeProblem ?? (ordered ? "\(burst) requests in flight, each answered once, in order"
                                 : manifest.ordered ? "answers out of order although the manifest says ordered"
                                 : "\(burst) requests in flight, each answered once (out of order, as the manifest allows)"))

        // 4. Unknown methods.
        if exited(before: "unknown method") { return checks + secondInstanceChecks() }
        session.send(RPC.request(id: .int(200), method: "galley/unknownMethod", params: [:]))
        let unknown = session.nextAnswer(timeout)
        record("unknown method", unknown?["id"]?.intValue == 200 && unknown?["error"]?["code"]?.intValue == GalleyErrorCode.methodNotFound,
               unknown.map { "answered \(JSONWriter.string($0).prefix(160))" } ?? failure("no answer (expected error -32601)"))

        // 5. Malformed input, unknown notifications: the plugin must survive them.
        if exited(before: "malformed input") { return checks + secondInstanceChecks() }
        session.send(Array("this is not JSON".utf8))
        session.send(RPC.notification(method: "galley/somethingNew", params: ["x": 1]))
        session.send(Self.processRequest(id: 300, article: requests[1], options: requestOptions))
        var survived = false
        var parseErrorAnswer = false
        for _ in 0..<3 {
            guard let a = session.nextAnswer(timeout) else { break }
            if a["id"]?.intValue == 300 { survived = true; break }
            if a["error"]?["code"]?.intValue == GalleyErrorCode.parseError { parseErrorAnswer = true }
        }
        record("malformed input", survived, survived
               ? "kept serving after a non-JSON line\(parseErrorAnswer ? " (answered it with -32700)" : "") and an unknown notification"
               : failure("stopped answering after a non-JSON line or an unknown notification"))

        // 6. Cancellation: the cancelled request is answered at most once (a result, -32004, or
        // nothing: the host ignores a late answer), and the plugin goes on serving.
        if exited(before: "cancellation") { return checks + secondInstanceChecks() }
        session.send(Self.processRequest(id: 400, article: requests[2], options: requestOptions))
        session.send(RPC.notification(method: "cancel", params: ["id": 400]))
        session.send(Self.processRequest(id: 401, article: requests[0], options: requestOptions))
        var got: [Int] = []
        while !got.contains(401), let a = session.nextAnswer(timeout), let id = a["id"]?.intValue { got.append(id) }
        // An answer to the cancelled request may still come after the next one.
        if got.contains(401), !got.contains(400), let late = session.nextAnswer(0.5), let id = late["id"]?.intValue { got.append(id) }
        let servedOn = got.contains(401) && got.filter { $0 == 400 }.count <= 1 && got.allSatisfy { $0 == 400 || $0 == 401 }
        record("cancellation", servedOn, servedOn
               ? "a cancelled request was \(got.contains(400) ? "answered once" : "dropped"), and the plugin kept serving"
               : failure("after cancel, answers came for \(got) (expected one for 401, and at most one for the cancelled 400)"))

        // 7. stdout carries protocol lines only.
        recordCleanStdout()

        // 8. Shutdown, then exit on closed stdin.
        if exited(before: "shutdown") { return checks + secondInstanceChecks() }
        session.send(RPC.request(id: .int(500), method: "shutdown"))
        let bye = session.nextAnswer(timeout)
        session.process.closeStdin()
        let status = session.process.wait(seconds: 3)
        let answeredNull = bye?["id"]?.intValue == 500 && bye?["result"] == .null
        record("shutdown", answeredNull && status != nil && (status! & 0x7F) == 0 && (status! >> 8) & 0xFF == 0,
               !answeredNull ? "shutdown was not answered with null" :
               status == nil ? "still running 3 s after stdin closed" : "answered shutdown and \(ChildProcess.describe(status!))")

        return checks + secondInstanceChecks()
    }

    /// 9. A second instance: refuses another protocol version, exits on end of input.
    private func secondInstanceChecks() -> [Check] {
        var checks: [Check] = []
        func record(_ name: String, _ passed: Bool, _ detail: String) { checks.append(Check(name: name, passed: passed, detail: detail)) }
        if let second = try? Session(path: path) {
            second.send(RPC.request(id: .int(0), method: "initialize", params: ["protocol": 999, "options": [:]]))
            let refusal = second.nextAnswer(timeout)
            let code = refusal?["error"]?["code"]?.intValue
            let message = refusal?["error"]?["message"]?.stringValue ?? ""
            record("version mismatch", code == GalleyErrorCode.unsupportedVersion && message.contains("999"),
                   code == GalleyErrorCode.unsupportedVersion ? "refused protocol 999: \(message)"
                   : "expected error -32005 naming both versions, got \(refusal.map { JSONWriter.string($0).prefix(160) } ?? "no answer")")
            second.process.closeStdin()
            let exited = second.process.wait(seconds: 3)
            record("exits on end of input", exited != nil, exited != nil ? "exited when stdin closed" : "still running 3 s after stdin closed")
            second.process.kill(grace: 0.2)
        }
        return checks
    }

    /// nil when `a` is a well-formed answer to `id`, else what is wrong with it.
    func validResponse(_ a: JSONValue, id: Int) -> String? {
        if let reason = a[Session.brokenKey]?.stringValue { return "the answer to request \(id) is not valid JSON (\(reason))" }
        guard a["jsonrpc"] == .string("2.0") else { return "answer lacks \"jsonrpc\":\"2.0\"" }
        guard a["id"]?.intValue == id else { return "answer has id \(a["id"].map { JSONWriter.string($0) } ?? "none"), expected \(id)" }
        let hasResult = a["result"] != nil, hasError = a["error"] != nil
        guard hasResult != hasError else { return "an answer needs exactly one of result and error" }
        if hasError, a["error"]?["code"]?.intValue == nil || a["error"]?["message"]?.stringValue == nil {
            return "error needs an integer code and a string message"
        }
        return nil
    }
}
