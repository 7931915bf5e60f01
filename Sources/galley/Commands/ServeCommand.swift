import Foundation
import GalleyHost
import GalleyIngest
import GalleyIO
import GalleyJSON
import GalleyModel
import GalleyProtocol

/// `galley serve --stdio`: the host itself as a JSON-RPC server on stdin/stdout, with the
/// same framing as plugins, so any program can drive it without a shell.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "speak JSON-RPC on stdin/stdout: ingest, analyze, plugins"
    static let usage = "--stdio"
    static let details = """
    Methods (one JSON-RPC 2.0 request per line; answers in the order requests complete):
      initialize  {}                                  -> {"name":"galley","version","protocol":1,"methods":[...]}
      ingest      {"text"} | {"record":{...}} | {"path"}  -> the Article (raw: true keeps text verbatim)
      analyze     {"text"|"record"|"article", "with":["summarize",...], "options":{"k":"v"}}
                                                    -> the Article with analyses; plugins persist between calls
      plugins     {}                                  -> [{name, version, provides, requires, path, ...}]
      shutdown    {}                                  -> null; then stdin end stops the server
    Errors use the codes of protocol/PROTOCOL.md. Batches (JSON arrays) and requests with a
    null id are refused (-32600): answers come as requests complete, matched by id.
    """
    static let options: [OptionSpec] = [
        OptionSpec(name: "stdio", help: "serve on stdin/stdout (the only transport)"),
        OptionSpec(name: "timeout", valueName: "SECONDS", help: "per-request timeout for plugins (default 30)"),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitStatus {
        guard args.has("stdio") else { throw CLIError("galley serve: say --stdio (the only transport: JSON-RPC lines on stdin/stdout)") }
        var settings = RunSettings()
        settings.timeout = try args.double("timeout", default: 30)
        // A client may never read our stderr; logging must not stall the answers.
        Diagnostics.neverBlockOnPipes()
        Server(settings: settings).run()
        return .ok
    }
}

/// The serve loop. Each distinct (plugins, options) pair gets a persistent chain; the least
/// recently used idle one is stopped past `chainLimit`, and a broken one is replaced.
final class Server: @unchecked Sendable {
    let settings: RunSettings
    let out = OutputWriter(fd: 1)
    let log = HostLog()
    private let lock = NSLock()
    private struct Entry {
        var chain: Chain
        var next = 0
        var pending: [Int: RPCID] = [:]
        var lastUsed = 0
    }
    private var chains: [String: Entry] = [:]
    private var requests = 0
    /// Chains kept at once: each holds plugin processes, pipes and threads.
    static let chainLimit = 8

    init(settings: RunSettings) { self.settings = settings }

    func send(_ line: [UInt8]) {
        do { try out.writeLine(line); try out.flush() } catch {
            // The client is gone: nothing can be answered. Stop every plugin, then exit.
            stopAllPluginsAndExit(status: 0)
        }
    }

    func run() {
        let reader = LineReader(fd: 0, maximumLength: settings.maxLineBytes)
        while let item = try? reader.next() {
            switch item {
            case .tooLong(let n):
                send(RPC.error(id: nil, RPCError(code: GalleyErrorCode.lineTooLong, message: "line of \(n) bytes is over the limit")))
            case .line(let bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                handle(bytes)
            }
        }
        // End of input: answer everything still in flight, then stop the plugins.
        let all = lock.withLock { chains.values.map { ($0.chain, $0.next) } }
        // (Chains retired meanwhile finish on their own threads.)
        for (chain, total) in all {
            try? chain.finish(total: total)
            chain.shutdown()
        }
    }

    func handle(_ bytes: ArraySlice<UInt8>) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            send(RPC.error(id: nil, RPCError(code: GalleyErrorCode.parseError, message: error.description)))
            return
        }
        if case .array = value {
            send(RPC.error(id: nil, RPCError(code: GalleyErrorCode.invalidRequest,
                                             message: "a batch (JSON array) is not supported: send one request per line, and match answers by id")))
            return
        }
        // A null id is allowed by JSON-RPC but discouraged, and this server answers out of order:
        // such a request could not be told from another, so it is refused (with that null id).
        if value["method"] != nil, let rawID = value["id"], rawID.isNull {
            send(RPC.error(id: nil, RPCError(code: GalleyErrorCode.invalidRequest,
                                             message: "a request's id must be an integer or a string, not null (a notification has no id member)")))
            return
        }
        let message: RPCMessage
        switch RPCMessage.decode(value) {
        case .success(let m): message = m
        case .failure(let reason):
            send(RPC.error(id: value["id"].flatMap(RPCID.init), RPCError(code: GalleyErrorCode.invalidRequest, message: "not a JSON-RPC 2.0 request: \(reason.message)")))
            return
        }
        guard case .request(let id, let method, let params) = message else { return }
        let p = params ?? [:]
        do {
            switch method {
            case "initialize":
                send(RPC.result(id: id, ["name": "galley", "version": JSONValue(Galley.version), "protocol": JSONValue(galleyProtocolVersion),
                                         "methods": ["initialize", "ingest", "analyze", "plugins", "shutdown"]]))
            case "ingest":
                send(RPC.result(id: id, try article(from: p).json))
            case "analyze":
                try analyze(id: id, params: p)
            case "plugins":
                let described = PluginCatalog.describe(PluginLocator().all())
                send(RPC.result(id: id, .array(described.map(\.json))))
            case "shutdown":
                send(RPC.result(id: id, .null))
            default:
                send(RPC.error(id: id, RPCError(code: GalleyErrorCode.methodNotFound, message: "method not found: \(method)")))
            }
        } catch let e as RPCError {
            send(RPC.error(id: id, e))
        } catch {
            send(RPC.error(id: id, RPCError(code: GalleyErrorCode.invalidParams, message: "\(error)")))
        }
    }

    /// The article a request names: a Galley article, a record, plain text, or a file path.
    func article(from p: JSONValue) throws -> Article {
        let raw = p["raw"]?.boolValue ?? false
        if let a = p["article"] { return try Article(json: a) }
        if let r = p["record"] {
            return raw ? try Ingester.rawArticle(fromRecord: r, name: "record") : try Ingester.article(fromRecord: r, name: "record")
        }
        if let t = p["text"]?.stringValue {
            return raw ? Ingester.rawArticle(text: t, id: p["id"]?.stringValue ?? "text") : Ingester.article(fromText: t, known: KnownFields(id: p["id"]?.stringValue))
        }
        if let path = p["path"]?.stringValue {
            // One file: a folder may hold thousands of articles, a pipe or device never ends.
            var st = stat()
            guard stat(path, &st) == 0 else { throw RPCError(code: GalleyErrorCode.invalidInput, message: "\(path): \(String(cString: strerror(errno)))") }
            guard (st.st_mode & S_IFMT) == S_IFREG else {
                throw RPCError(code: GalleyErrorCode.invalidParams, message: (st.st_mode & S_IFMT) == S_IFDIR
                    ? "\(path) is a folder; 'ingest' reads one file (galley ingest reads folders)"
                    : "\(path) is not a regular file (a pipe, socket or device); 'ingest' reads one file")
            }
            // Read as `galley ingest PATH` reads it (text, a page, a record), for one article.
            var articles: [Article] = [], failure: IngestError?
            try InputWalker(raw: raw).walk([path]) { item in
                switch item {
                case .article(let a): articles.append(a)
                case .failed(_, let e), .problem(let e): failure = failure ?? e
                case .skipped, .ignored: break
                }
            }
            if articles.isEmpty, let failure { throw RPCError(code: GalleyErrorCode.invalidInput, message: failure.description) }
            guard articles.count == 1 else {
                throw RPCError(code: GalleyErrorCode.invalidParams,
                               message: "\(path) holds \(articles.count) articles; 'ingest' answers with one (read them with galley ingest)")
            }
            return articles[0]
        }
        throw RPCError(code: GalleyErrorCode.invalidParams, message: "give one of: article, record, text, path")
    }

    func analyze(id: RPCID, params p: JSONValue) throws {
        let a = try article(from: p)
        let plugins = (p["with"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard !plugins.isEmpty else { throw RPCError(code: GalleyErrorCode.invalidParams, message: "'with' must name at least one plugin") }
        var options: [OptionAssignment] = []
        for (k, v) in p["options"]?.objectValue ?? JSONObject() {
            let text = v.stringValue ?? JSONWriter.string(v)
            options.append(try OptionAssignment(parsing: "\(k)=\(text)"))
        }
        let key = JSONWriter.string(["with": p["with"] ?? .null, "options": p["options"] ?? .null])
        var retired: [Entry] = []
        lock.lock()
        requests += 1
        // A chain whose plugin could not be restarted is replaced once its requests are answered.
        if let old = chains[key], old.chain.isBroken, old.pending.isEmpty { retired.append(chains.removeValue(forKey: key)!) }
        var entry = chains[key]
        lock.unlock()
        if entry == nil {
            do {
                let chain = try Chain(plugins: plugins, options: options, settings: settings, log: log,
                    sink: { [unowned self] seq, finished in
                        let bytes = finished.bytes
                        let requestID = lock.withLock { chains[key]?.pending.removeValue(forKey: seq) }
                        if let requestID { send(RPC.result(id: requestID, raw: bytes)) }
                    })
                entry = Entry(chain: chain)
            } catch let e as HostError {
                throw RPCError(code: e.kind == .usage ? GalleyErrorCode.invalidParams : GalleyErrorCode.pluginUnavailable, message: e.message)
            }
        }
        lock.lock()
        let seq = entry!.next
        entry!.next += 1
        entry!.pending[seq] = id
        entry!.lastUsed = requests
        chains[key] = entry
        // Past the limit, the least recently used idle chains go.
        while chains.count > Self.chainLimit,
              let idle = chains.filter({ $0.key != key && $0.value.pending.isEmpty }).min(by: { $0.value.lastUsed < $1.value.lastUsed }) {
            retired.append(chains.removeValue(forKey: idle.key)!)
        }
        lock.unlock()
        for r in retired {
            let (chain, total) = (r.chain, r.next)
            Thread.detachNewThread { try? chain.finish(total: total); chain.shutdown() }
        }
        try entry!.chain.submit(seq: seq, articleBytes: a.jsonLine)
    }
}
