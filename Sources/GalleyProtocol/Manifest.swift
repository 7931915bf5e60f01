import GalleyJSON

/// What a plugin says about itself in its `initialize` answer (PROTOCOL.md section 4).
public struct PluginManifest: Sendable, Equatable {
    public var name: String
    public var version: String
    public var protocolVersion: Int
    public var provides: [String]
    /// Article fields to send or analyses to run first; nil means the whole article.
    public var requires: [String]?
    public var uses: [String]
    /// JSON Schema of the options (type object).
    public var options: JSONValue
    public var concurrency: Int
    public var ordered: Bool
    public var description: String

    public init(name: String, version: String, protocolVersion: Int = galleyProtocolVersion, provides: [String],
                requires: [String]?, uses: [String] = [], options: JSONValue = ["type": "object", "properties": [:]],
                concurrency: Int = 1, ordered: Bool = true, description: String = "") {
        self.name = name; self.version = version; self.protocolVersion = protocolVersion; self.provides = provides
        self.requires = requires; self.uses = uses; self.options = options; self.concurrency = concurrency
        self.ordered = ordered; self.description = description
    }

    /// Wants every field of the article.
    public var wantsWholeArticle: Bool { requires == nil || requires!.contains("*") }

    /// The `initialize` result a plugin sends.
    public var initializeResult: JSONValue {
        var manifest = JSONObject([("provides", .array(provides.map(JSONValue.string)))])
        if let requires { manifest["requires"] = .array(requires.map(JSONValue.string)) }
        manifest["uses"] = .array(uses.map(JSONValue.string))
        manifest["options"] = options
        manifest["concurrency"] = JSONValue(concurrency)
        manifest["ordered"] = .bool(ordered)
        manifest["description"] = .string(description)
        return .object(JSONObject([
            ("name", .string(name)), ("version", .string(version)), ("protocol", JSONValue(protocolVersion)),
            ("manifest", .object(manifest)),
        ]))
    }

    /// Reads and checks an `initialize` result; the error names the field.
    public init(initializeResult v: JSONValue) throws(RPCError) {
        func bad(_ field: String, _ why: String) -> RPCError {
            RPCError(code: -32003, message: "invalid initialize result: '\(field)' \(why)")
        }
        guard case .object(let o) = v else { throw bad("result", "must be an object") }
        guard let name = o["name"]?.stringValue, Self.isValidName(name) else { throw bad("name", "must be a lowercase name like \"wordstats\"") }
        guard let version = o["version"]?.stringValue else { throw bad("version", "must be a string") }
        guard let proto = o["protocol"]?.intValue else { throw bad("protocol", "must be an integer") }
        guard case .object(let m)? = o["manifest"] else { throw bad("manifest", "must be an object") }
        guard case .array(let p)? = m["provides"], !p.isEmpty else { throw bad("manifest.provides", "must be a non-empty array of names") }
        var provides: [String] = []
        for item in p {
            guard let s = item.stringValue, Self.isValidName(s) else { throw bad("manifest.provides", "must hold lowercase names") }
            provides.append(s)
        }
        func strings(_ key: String) throws(RPCError) -> [String]? {
            guard let value = m[key], !value.isNull else { return nil }
            guard case .array(let a) = value else { throw bad("manifest.\(key)", "must be an array of strings") }
            var out: [String] = []
            for item in a {
                guard let s = item.stringValue else { throw bad("manifest.\(key)", "must be an array of strings") }
                out.append(s)
            }
            return out
        }
        let requires = try strings("requires")
        let uses = try strings("uses") ?? []
        var options: JSONValue = ["type": "object", "properties": [:]]
        if let opt = m["options"], !opt.isNull {
            guard case .object = opt else { throw bad("manifest.options", "must be a JSON Schema object") }
            options = opt
        }
        var concurrency = 1
        if let c = m["concurrency"], !c.isNull {
            guard let n = c.intValue, n >= 1 else { throw bad("manifest.concurrency", "must be an integer >= 1") }
            concurrency = n
        }
        var ordered = true
        if let value = m["ordered"], !value.isNull {
            guard let b = value.boolValue else { throw bad("manifest.ordered", "must be a boolean") }
            ordered = b
        }
        self.init(name: name, version: version, protocolVersion: proto, provides: provides, requires: requires,
                  uses: uses, options: options, concurrency: concurrency, ordered: ordered,
                  description: m["description"]?.stringValue ?? "")
    }

    static func isValidName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f.value >= 0x61, f.value <= 0x7A else { return false }
        return s.unicodeScalars.allSatisfy { ($0.value >= 0x61 && $0.value <= 0x7A) || ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "-" || $0 == "_" }
    }
}
