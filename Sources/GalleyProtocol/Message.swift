import GalleyJSON

/// The protocol version this build speaks (PROTOCOL.md, "Versions").
public let galleyProtocolVersion = 1

/// A JSON-RPC request id: an integer or a string.
public enum RPCID: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init?(_ v: JSONValue) {
        switch v {
        case .string(let s): self = .string(s)
        case .number: if let i = v.intValue { self = .int(i) } else { return nil }
        default: return nil
        }
    }

    public var json: JSONValue {
        switch self { case .int(let i): return JSONValue(i); case .string(let s): return .string(s) }
    }

    public var description: String {
        switch self { case .int(let i): return String(i); case .string(let s): return "\"\(s)\"" }
    }
}

/// One protocol line, decoded. Results and params stay as JSON values.
public enum RPCMessage: Sendable {
    case request(id: RPCID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    case response(id: RPCID, result: JSONValue)
    case errorResponse(id: RPCID?, error: RPCError)

    /// Decodes a parsed line; nil with a reason when it is not a JSON-RPC 2.0 message.
    public static func decode(_ value: JSONValue) -> Result<RPCMessage, RPCError> {
        guard case .object(let o) = value else {
            return .failure(RPCError(code: -32600, message: "a message must be a JSON object, found \(value.kindPhrase)"))
        }
        guard o["jsonrpc"] == .string("2.0") else {
            return .failure(RPCError(code: -32600, message: "missing \"jsonrpc\":\"2.0\""))
        }
        let id = o["id"].flatMap(RPCID.init)
        if let m = o["method"] {
            guard case .string(let method) = m else { return .failure(RPCError(code: -32600, message: "method must be a string")) }
            if let rawID = o["id"], !rawID.isNull {
                guard let id else { return .failure(RPCError(code: -32600, message: "id must be an integer or a string")) }
                return .success(.request(id: id, method: method, params: o["params"]))
            }
            return .success(.notification(method: method, params: o["params"]))
        }
        if let e = o["error"] {
            guard let code = e["code"]?.intValue, let message = e["message"]?.stringValue else {
                return .failure(RPCError(code: -32600, message: "error needs an integer code and a string message"))
            }
            return .success(.errorResponse(id: id, error: RPCError(code: code, message: message, data: e["data"])))
        }
        if let result = o["result"] {
            guard let id else { return .failure(RPCError(code: -32600, message: "a response needs an id")) }
            return .success(.response(id: id, result: result))
        }
        return .failure(RPCError(code: -32600, message: "neither a request, a notification nor a response"))
    }
}

/// A JSON-RPC error object.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: JSONValue?
    public init(code: Int, message: String, data: JSONValue? = nil) { self.code = code; self.message = message; self.data = data }
    public var description: String { "\(message) (\(code))" }

    public var json: JSONValue {
        var o = JSONObject([("code", JSONValue(code)), ("message", .string(message))])
        if let data { o["data"] = data }
        return .object(o)
    }
}

/// Encoders for the lines both sides write.
public enum RPC {
    public static func request(id: RPCID, method: String, params: JSONValue? = nil) -> [UInt8] {
        var o = JSONObject([("jsonrpc", "2.0"), ("id", id.json), ("method", .string(method))])
        if let params { o["params"] = params }
        return JSONWriter.bytes(.object(o))
    }

    /// A request whose params hold pre-encoded JSON: `{"article":<bytes>,"options":<bytes>}`.
    /// The article's bytes are spliced in, never re-encoded.
    public static func request(id: Int, method: String, rawParams: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rawParams.reduce(64) { $0 + $1.1.count + $1.0.utf8.count + 4 })
        out.append(contentsOf: #"{"jsonrpc":"2.0","id":"#.utf8)
        out.append(contentsOf: String(id).utf8)
        out.append(contentsOf: #","method":"#.utf8)
        JSONWriter.writeString(method, to: &out)
        out.append(contentsOf: #","params":{"#.utf8)
        for (k, (key, value)) in rawParams.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: value)
        }
        out.append(contentsOf: "}}".utf8)
        return out
    }

    public static func notification(method: String, params: JSONValue? = nil) -> [UInt8] {
        var o = JSONObject([("jsonrpc", "2.0"), ("method", .string(method))])
        if let params { o["params"] = params }
        return JSONWriter.bytes(.object(o))
    }

    public static func result(id: RPCID, _ result: JSONValue) -> [UInt8] {
        JSONWriter.bytes(.object(JSONObject([("jsonrpc", "2.0"), ("id", id.json), ("result", result)])))
    }

    /// A result whose value is already encoded.
    public static func result(id: RPCID, raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
        out.append(contentsOf: JSONWriter.bytes(id.json))
        out.append(contentsOf: #","result":"#.utf8)
        out.append(contentsOf: raw)
        out.append(UInt8(ascii: "}"))
        return out
    }

    public static func error(id: RPCID?, _ error: RPCError) -> [UInt8] {
        JSONWriter.bytes(.object(JSONObject([("jsonrpc", "2.0"), ("id", id?.json ?? .null), ("error", error.json)])))
    }
}
