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
    Errors use the codes of protocol/PROTOCOL.md.
    """
    static let options: [OptionSpec] = [
        OptionSpec(name: "stdio", help: "serve on stdin/stdout (the only transport)"),
        OptionSpec(name: "timeout", valueName: "SECONDS", help: "per-request timeout for plugins (default 30)"),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitStatus {
        guard args.has("stdio") else { throw CLIError("galley serve: say --stdio (the only transport: JSON-RPC lines on stdin/stdout)") }
        var settings = RunSettings()
        settings.timeout = try args.double("timeout", default: 30)
        Server(settings: settings).run()
        return .ok
    }
}

/// The serve loop. Each distinct (plugins, options) pair gets a persistent chain.
final class Server: @unchecked Sendable {
    let settings: RunSettings
    let out = OutputWriter(fd: 1)
    let log = HostLog()
    private let lock = NSLock()
    private var chains: [String: (chain: Chain, next: Int, pending: [Int: RPCID])] = [:]

    init(settings: RunSettings) { self.settings = settings }

    func send(_ line: [UInt8]) {
        do { try out.writeLine(line); try out.flush() } catch { exit(0) }
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
        guard case .success(let message) = RPCMessage.decode(value) else {
            send(RPC.error(id: value["id"].flatMap(RPCID.init), RPCError(code: GalleyErrorCode.invalidRequest, message: "not a JSON-RPC 2.0 request")))
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
        lock.lock()
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
                entry = (chain, 0, [:])
            } catch let e as HostError {
                throw RPCError(code: e.kind == .usage ? GalleyErrorCode.invalidParams : GalleyErrorCode.pluginUnavailable, message: e.message)
            }
        }
        lock.lock()
        let seq = entry!.next
        entry!.next += 1
        entry!.pending[seq] = id
        chains[key] = entry
        lock.unlock()
        try entry!.chain.submit(seq: seq, articleBytes: a.jsonLine)
    }
}
