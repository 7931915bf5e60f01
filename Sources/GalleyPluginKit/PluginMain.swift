import Foundation
import GalleyIO
import GalleyJSON
import GalleyModel
import GalleyProtocol

/// What a plugin's process function gets besides the article.
public struct PluginContext: Sendable {
    /// The options from `initialize`, overridden by the request's own.
    public var options: JSONObject
    /// Top-level fields of the request's article that the Article model does not hold
    /// (for example a per-line `budget`).
    public var extra: JSONObject { article.extra }
    let article: Article
    let emit: @Sendable ([UInt8]) -> Void

    /// Sends a `log` notification (shown by the host on stderr with the plugin's name).
    public func log(_ level: String, _ message: String) {
        emit(RPC.notification(method: "log", params: ["level": .string(level), "message": .string(message)]))
    }
}

/// A failure a plugin reports for one article; becomes a JSON-RPC error answer.
public struct PluginFailure: Error, Sendable {
    public var code: Int
    public var message: String
    public init(_ message: String, code: Int = GalleyErrorCode.analysisFailed) { self.message = message; self.code = code }
}

/// Runs a Swift plugin: the whole protocol loop, so that a plugin is one function from an
/// Article to its JSON result. Also gives every Swift plugin a standalone mode,
/// `--filter`, reading Article NDJSON and writing it back with the analysis added (handy
/// under Spark or with `galley ingest ... | galley-NAME --filter`), and `--manifest`.
public enum PluginMain {
    public typealias Process = (Article, PluginContext) throws -> JSONValue
    /// A process function that writes its result's JSON itself (one value, compact, no raw
    /// newline): for a plugin whose result is large enough that building a `JSONValue` for it
    /// costs more than the writing.
    public typealias ProcessEncoded = (Article, PluginContext) throws -> [UInt8]
    public typealias CheckOptions = (JSONObject) throws -> Void

    public static func run(manifest: PluginManifest, checkOptions: CheckOptions? = nil, process: @escaping Process) -> Never {
        run(manifest: manifest, checkOptions: checkOptions, answer: { .value(try process($0, $1)) })
    }

    public static func run(manifest: PluginManifest, checkOptions: CheckOptions? = nil, processEncoded: @escaping ProcessEncoded) -> Never {
        run(manifest: manifest, checkOptions: checkOptions, answer: { .encoded(try processEncoded($0, $1)) })
    }

    /// A result as a value, or already written as JSON.
    enum Answer {
        case value(JSONValue)
        case encoded([UInt8])
    }

    typealias Answering = (Article, PluginContext) throws -> Answer

    static func run(manifest: PluginManifest, checkOptions: CheckOptions?, answer process: @escaping Answering) -> Never {
        OutputWriter.ignoreSIGPIPE()
        let args = Array(CommandLine.arguments.dropFirst())
        if args.contains("--help") || args.contains("-h") {
            print("""
            galley-\(manifest.name) \(manifest.version): \(manifest.description)
            A Galley plugin (protocol \(manifest.protocolVersion)). Run it through the host: galley run \(manifest.name)
              --filter        read Article NDJSON on stdin, write it back with analyses.\(manifest.provides[0])
              --option k=v    an option for --filter mode (repeatable)\(manifest.options["properties"]?["pack"] != nil ? "\n  --pack FILE     the scenario pack (--option pack=FILE)" : "")
              --manifest      print the initialize answer and exit
            """)
            exit(0)
        }
        if args.contains("--manifest") {
            print(JSONWriter.string(manifest.initializeResult))
            exit(0)
        }
        if args.contains("--filter") {
            var options = JSONObject()
            func usage(_ message: String) -> Never {
                Diagnostics.write("galley-\(manifest.name): \(message) (see --help)")
                exit(64)
            }
            let properties = manifest.options["properties"]?.objectValue
            var k = 0
            while k < args.count {
                switch args[k] {
                case "--filter": break
                case "--option", "-o":
                    guard k + 1 < args.count, let eq = args[k + 1].firstIndex(of: "="), eq != args[k + 1].startIndex else {
                        usage("--option expects key=value")
                    }
                    let key = String(args[k + 1][..<eq]), value = String(args[k + 1][args[k + 1].index(after: eq)...])
                    options[key] = (try? JSONParser.parse(value)) ?? .string(value)
                    k += 1
                case "--pack" where properties?["pack"] != nil:
                    // The host's spelling of the pack option works here too.
                    guard k + 1 < args.count else { usage("--pack expects a file") }
                    options["pack"] = .string(args[k + 1])
                    k += 1
                default:
                    usage("unknown argument '\(args[k])'")
                }
                k += 1
            }
            // Options the schema does not know, when it allows no others (as the host checks).
            if manifest.options["additionalProperties"] == .bool(false), let properties {
                for (key, _) in options where properties[key] == nil {
                    usage("unknown option '\(key)' (\(properties.isEmpty ? "it takes none" : "options: " + properties.keys.sorted().joined(separator: ", ")))")
                }
            }
            // Bad options are a usage error, said once, before any article (every article got
            // an error, with nothing on stderr and status 1).
            do { try checkOptions?(options) } catch {
                Diagnostics.write("galley-\(manifest.name): \(error)")
                exit(64)
            }
            exit(FilterLoop(manifest: manifest, options: options, process: process).run())
        }
        exit(ProtocolLoop(manifest: manifest, checkOptions: checkOptions, process: process).run())
    }
}

/// The JSON-RPC loop on stdin/stdout.
final class ProtocolLoop {
    let manifest: PluginManifest
    let checkOptions: PluginMain.CheckOptions?
    let process: PluginMain.Answering
    let out = OutputWriter(fd: 1)
    private var lastFlush: UInt64 = 0
    /// Nanoseconds an answer may wait in the output buffer while more requests are read.
    static let answerLatency: UInt64 = 1_000_000
    var options = JSONObject()
    var cancelled: Set<RPCID> = []

    init(manifest: PluginManifest, checkOptions: PluginMain.CheckOptions?, process: @escaping PluginMain.Answering) {
        self.manifest = manifest
        self.checkOptions = checkOptions
        self.process = process
    }

    func run() -> Int32 {
        let reader = LineReader(fd: 0)
        while true {
            let item: LineReader.Item?
            do { item = try reader.next() } catch { return 74 }
            guard let item else { break }
            switch item {
            case .tooLong(let n):
                send(RPC.error(id: nil, RPCError(code: GalleyErrorCode.lineTooLong, message: "line of \(n) bytes is over the \(reader.maximumLength)-byte limit")))
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                handle(bytes)
            }
            // Pipelined requests: answer in batches, flushing before we would wait for input,
            // and at least every `answerLatency` while busy: the host admits only so many
            // articles ahead of its output, and answers held back here for a whole buffered
            // batch would leave it waiting, and then this plugin waiting for it.
            let now = DispatchTime.now().uptimeNanoseconds
            if !reader.hasBufferedLine || now &- lastFlush >= Self.answerLatency {
                flush()
                lastFlush = now
            }
        }
        flush()
        return 0
    }

    func send(_ line: [UInt8]) {
        do { try out.writeLine(line) } catch { exit(0) }
    }

    func flush() {
        do { try out.flush() } catch { exit(0) }
    }

    func handle(_ bytes: ArraySlice<UInt8>) {
        // Nearly every line is a `process` request: read it straight into an Article. Anything
        // else (and any request the fast reader is unsure of) goes the general way below.
        if let request = ProcessRequest(bytes) {
            if cancelled.remove(request.id) != nil {
                send(RPC.error(id: request.id, RPCError(code: GalleyErrorCode.cancelled, message: "cancelled")))
            } else {
                process(id: request.id, article: request.article, options: request.options)
            }
            return
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            send(RPC.error(id: nil, RPCError(code: GalleyErrorCode.parseError, message: error.description)))
            return
        }
        let message: RPCMessage
        switch RPCMessage.decode(value) {
        case .failure(let e):
            send(RPC.error(id: value["id"].flatMap(RPCID.init), e))
            return
        case .success(let m): message = m
        }
        switch message {
        case .request(let id, let method, let params):
            switch method {
            case "initialize": initialize(id: id, params: params)
            case "process": processRequest(id: id, params: params)
            case "shutdown": send(RPC.result(id: id, .null))
            default: send(RPC.error(id: id, RPCError(code: GalleyErrorCode.methodNotFound, message: "method not found: \(method)")))
            }
        case .notification(let method, let params):
            if method == "cancel", let id = params?["id"].flatMap(RPCID.init) { cancelled.insert(id) }
        case .response, .errorResponse:
            break  // A host never sends these; ignore.
        }
    }

    func initialize(id: RPCID, params: JSONValue?) {
        let hostVersion = params?["protocol"]?.intValue ?? 0
        guard hostVersion == manifest.protocolVersion else {
            send(RPC.error(id: id, RPCError(code: GalleyErrorCode.unsupportedVersion,
                message: "plugin \(manifest.name) speaks protocol \(manifest.protocolVersion), host speaks \(hostVersion)")))
            return
        }
        options = params?["options"]?.objectValue ?? JSONObject()
        do { try checkOptions?(options) } catch {
            send(RPC.error(id: id, RPCError(code: GalleyErrorCode.invalidParams, message: "\(manifest.name): \(error)")))
            return
        }
        send(RPC.result(id: id, manifest.initializeResult))
    }

    func processRequest(id: RPCID, params: JSONValue?) {
        if cancelled.remove(id) != nil {
            send(RPC.error(id: id, RPCError(code: GalleyErrorCode.cancelled, message: "cancelled")))
            return
        }
        guard let articleJSON = params?["article"] else {
            send(RPC.error(id: id, RPCError(code: GalleyErrorCode.invalidParams, message: "params.article is missing")))
            return
        }
        let article: Article
        do { article = try Article(json: articleJSON) } catch {
            send(RPC.error(id: id, RPCError(code: GalleyErrorCode.invalidParams, message: "article: \(error)")))
            return
        }
        process(id: id, article: article, options: params?["options"]?.objectValue)
    }

    func process(id: RPCID, article: Article, options requestOptions: JSONObject?) {
        var merged = options
        for (k, v) in requestOptions ?? JSONObject() { merged[k] = v }
        let out = self.out
        let context = PluginContext(options: merged, article: article, emit: { line in try? out.writeLine(line) })
        do {
            switch try process(article, context) {
            case .value(let result): send(RPC.result(id: id, result))
            case .encoded(let bytes): send(RPC.result(id: id, raw: bytes))
            }
        } catch let f as PluginFailure {
            send(RPC.error(id: id, RPCError(code: f.code, message: f.message)))
        } catch let e as RPCError {
            send(RPC.error(id: id, e))
        } catch {
            send(RPC.error(id: id, RPCError(code: GalleyErrorCode.analysisFailed, message: "\(error)")))
        }
    }
}

/// `--filter`: Article NDJSON in, the same articles with the analysis added out.
struct FilterLoop {
    let manifest: PluginManifest
    let options: JSONObject
    let process: PluginMain.Answering

    func run() -> Int32 {
        let reader = LineReader(fd: 0)
        let out = OutputWriter(fd: 1)
        var failures = 0
        var warnedRaw = false
        while true {
            guard let item = try? reader.next() else { break }
            guard case .line(let bytes) = item, !bytes.isEmpty else { continue }
            var article: Article
            var record: JSONValue?
            do {
                if let fast = Article.fastDecoded(bytes) {
                    article = fast
                } else {
                    let value = try JSONParser.parse(bytes)
                    record = value
                    article = try Article(json: value)
                }
            } catch {
                Diagnostics.write("galley-\(manifest.name): line \(reader.lineNumber): \(error)")
                failures += 1
                // Every input line still yields one output line: the record's id (when it has
                // one) with the error attached, so a batch or Spark job loses nothing silently.
                let id = record?["id"].flatMap { $0.stringValue ?? $0.intValue.map(String.init) } ?? "line \(reader.lineNumber)"
                let failed = Article(id: id, source: ArticleSource(format: "unknown"), errors: [ArticleError(
                    stage: manifest.name, code: GalleyErrorCode.invalidInput, message: "line \(reader.lineNumber): \(error)")])
                do { try out.writeLine(failed.jsonLine) } catch { return 0 }
                continue
            }
            // A record that was never ingested has text and no sentences: say once what to do
            // (an analysis of no sentences comes out empty, without a word).
            if article.sentences.isEmpty, !article.text.isEmpty, !warnedRaw {
                warnedRaw = true
                Diagnostics.write("galley-\(manifest.name): line \(reader.lineNumber) (id \(article.id)) has text but no sentences: --filter reads Article NDJSON; ingest records first (galley ingest - | galley-\(manifest.name) --filter)")
            }
            let context = PluginContext(options: options, article: article, emit: { _ in })
            let name = manifest.provides[0]
            var line: [UInt8]
            do {
                switch try process(article, context) {
                case .value(let result):
                    article.analyses[name] = result
                    line = article.jsonLine
                case .encoded(let result):
                    // Already JSON: spliced into the written article, not parsed back first.
                    let written = article.jsonLineWithMembers()
                    line = RawJSON.addingAnalysis(name, result: result, to: written.bytes,
                                                  members: written.members.map { RawJSON.Member(key: $0.key, value: $0.value) },
                                                  close: written.close)
                }
            } catch {
                failures += 1
                let message = (error as? PluginFailure)?.message ?? "\(error)"
                Diagnostics.write("galley-\(manifest.name): article \(article.id): \(message)")
                article.errors.append(ArticleError(stage: manifest.name, code: (error as? PluginFailure)?.code ?? GalleyErrorCode.analysisFailed, message: message))
                line = article.jsonLine
            }
            do {
                try out.writeLine(line)
                // A live input: flush before waiting for the next line.
                if !reader.hasBufferedLine { try out.flush() }
            } catch { return 0 }
        }
        try? out.flush()
        return failures > 0 ? 1 : 0
    }
}
