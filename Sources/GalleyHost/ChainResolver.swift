import Foundation
import GalleyJSON
import GalleyModel
import GalleyProtocol

/// A problem that stops a run before it starts, with the exit status it deserves.
public struct HostError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case usage, unavailable }
    public var message: String
    public var kind: Kind
    public init(_ message: String, kind: Kind = .unavailable) { self.message = message; self.kind = kind }
    public var description: String { message }
}

/// `--option key=value` or `--option plugin.key=value`, as typed.
public struct OptionAssignment: Sendable, Equatable {
    public var plugin: String?
    public var key: String
    public var text: String

    public init(parsing s: String) throws(HostError) {
        guard let eq = s.firstIndex(of: "="), eq != s.startIndex else {
            throw HostError("--option expects key=value or plugin.key=value, got '\(s)'", kind: .usage)
        }
        let lhs = String(s[..<eq])
        text = String(s[s.index(after: eq)...])
        if let dot = lhs.firstIndex(of: ".") {
            plugin = String(lhs[..<dot])
            key = String(lhs[lhs.index(after: dot)...])
        } else {
            plugin = nil
            key = lhs
        }
    }

    /// What `initialize` carries of these options: each value as given, typed by guess (the
    /// schema checks them once the manifest is known).
    public static func initializeOptions(_ options: [OptionAssignment]) -> JSONObject {
        var out = JSONObject()
        for o in options { out[o.key] = o.guessed }
        return out
    }

    /// The value as JSON: a JSON literal when it parses as one (3, true, [1,2]), else a string.
    var guessed: JSONValue { (try? JSONParser.parse(text)) ?? .string(text) }
}

/// Starts the plugins a user named, learns their manifests, adds the plugins their
/// `requires` name, orders the chain so that every analysis is produced before it is read,
/// and works out what each plugin is sent.
public struct ChainResolver {
    public var locator: PluginLocator
    public var settings: RunSettings
    public var log: HostLog

    public init(locator: PluginLocator = PluginLocator(), settings: RunSettings, log: HostLog) {
        self.locator = locator
        self.settings = settings
        self.log = log
    }

    struct Launched {
        var name: String
        var path: String
        var instance: PluginInstance
        /// The options its `initialize` carried.
        var initialOptions: Set<String> = []
    }

    struct Started {
        var name: String
        var path: String
        var instance: PluginInstance
        var manifest: PluginManifest
        /// Analyses the manifest named as "analyses.NAME" (by NAME).
        var explicitAnalyses: Set<String> = []
        var initialOptions: Set<String> = []
    }

    /// "analyses.NAME" → "NAME"; other names unchanged.
    static func analysisName(_ r: String) -> String { r.hasPrefix("analyses.") ? String(r.dropFirst("analyses.".count)) : r }

    static func explicitAnalyses(_ m: PluginManifest) -> Set<String> {
        Set((m.requires ?? []).filter { $0.hasPrefix("analyses.") }.map(analysisName))
    }

    /// Resolves and starts the chain; each spec comes with its first, already initialised instance.
    func resolve(_ names: [String], options: [OptionAssignment]) throws -> [(StageSpec, PluginInstance)] {
        guard !names.isEmpty else { throw HostError("no plugin named: say which plugin to run", kind: .usage) }
        var started: [Started] = []
        var startedAll: [PluginInstance] = []
        do {
            /// Spawns a plugin and sends `initialize`; `awaitStarted` waits for its manifest.
            func launch(_ name: String) throws -> Launched {
                guard let found = locator.locate(name) else {
                    // `galley run summarize file.ndjson`: the file was meant as input.
                    if FileManager.default.fileExists(atPath: name), !FileManager.default.isExecutableFile(atPath: name) {
                        throw HostError("'\(name)' is a file, not a plugin: articles come on standard input (galley run PLUGIN < \(name))", kind: .usage)
                    }
                    // A path names one file; only a bare name is looked for in the plugin folders.
                    if name.contains("/") { throw HostError("plugin '\(name)': no such file") }
                    throw HostError("plugin '\(name)' not found (looked next to galley, in GALLEY_PLUGIN_PATH, and for galley-\(name) on PATH; see 'galley plugins')")
                }
                guard FileManager.default.isExecutableFile(atPath: found.path) else {
                    throw HostError("plugin '\(name)' at \(found.path) is not executable (chmod +x it)")
                }
                let label = found.origin == "path" ? found.name : name
                // Before its manifest is known, a plugin is only told the options addressed to
                // it by name, or all unqualified ones when it is the only plugin named. Every
                // request then carries the options checked against its schema.
                let opts = options.filter { $0.plugin == label || $0.plugin == name || ($0.plugin == nil && names.count == 1 && names[0] == name) }
                let initial = OptionAssignment.initializeOptions(opts)
                let instance: PluginInstance
                do {
                    instance = try PluginInstance(label: label, executable: found.path, log: log, maxLineBytes: settings.maxLineBytes)
                } catch {
                    throw HostError("plugin '\(label)': \(error)")
                }
                startedAll.append(instance)
                instance.sendInitialize(options: initial)
                return Launched(name: label, path: found.path, instance: instance, initialOptions: Set(initial.keys))
            }
            func manifest(of l: Launched) throws -> PluginManifest {
                do { return try l.instance.awaitManifest(timeout: settings.startTimeout) } catch let e as PluginInstance.StartError where e.refusedOptions != nil {
                    throw HostError("plugin '\(l.name)' refused its options: \(e.refusedOptions!)", kind: .usage)
                } catch {
                    throw HostError("plugin '\(l.name)' failed to start: \(error)")
                }
            }
            func awaitStarted(_ l: Launched) throws -> Started {
                var manifest = try manifest(of: l)
                // "analyses.NAME" always means another plugin's analysis; from here on the
                // chain knows it by NAME (a bare name is an analysis when a plugin provides it).
                let explicit = Self.explicitAnalyses(manifest)
                manifest.requires = manifest.requires?.map(Self.analysisName)
                manifest.uses = manifest.uses.map(Self.analysisName)
                return Started(name: l.name, path: l.path, instance: l.instance, manifest: manifest, explicitAnalyses: explicit,
                               initialOptions: l.initialOptions)
            }
            func start(_ name: String) throws -> Started { try awaitStarted(try launch(name)) }
            // The named plugins start at once: each spends its start-up while the others do.
            var launched: [Launched] = []
            for n in names where !launched.contains(where: { $0.name == n }) { launched.append(try launch(n)) }
            for l in launched { started.append(try awaitStarted(l)) }
            // Add providers of required analyses the user did not name: the plugin of that
            // name, or (for "analyses.NAME") any plugin in sight whose manifest provides it.
            var k = 0
            var catalog: [PluginCatalog.Described]?
            while k < started.count {
                for r in started[k].manifest.requires ?? [] where !Self.isArticleField(r) {
                    if started.contains(where: { $0.manifest.provides.contains(r) }) { continue }
                    let explicit = started[k].explicitAnalyses.contains(r)
                    guard let providerName = provider(of: r, searchingManifests: explicit, catalog: &catalog) else {
                        // A bare name no plugin has is a field the input records carry (`budget`).
                        if explicit {
                            throw HostError("plugin '\(started[k].name)' requires the analysis '\(r)', and no plugin provides it (looked next to galley, in GALLEY_PLUGIN_PATH and for galley-* on PATH; see 'galley plugins')")
                        }
                        continue
                    }
                    let provider = try start(providerName)
                    guard provider.manifest.provides.contains(r) else {
                        throw HostError("plugin '\(started[k].name)' requires '\(r)', but plugin '\(providerName)' provides \(provider.manifest.provides): require 'analyses.\(provider.manifest.provides[0])'")
                    }
                    log.note("galley: adding '\(providerName)', which '\(started[k].name)' requires")
                    started.append(provider)
                }
                k += 1
            }
            // Two plugins providing one analysis would overwrite each other's results, silently.
            var provider: [String: String] = [:]
            for s in started {
                for p in Set(s.manifest.provides) {
                    if let other = provider[p] {
                        throw HostError(other == s.name ? "plugin '\(s.name)' is named twice (two files, or a name and a path): run it once"
                                        : "plugins '\(other)' and '\(s.name)' both provide '\(p)': run one of them (the later result would replace the earlier)", kind: .usage)
                    }
                    provider[p] = s.name
                }
            }
            let ordered = try Self.order(started)
            try Self.checkAddressed(options, chain: ordered)
            // An unqualified option in a chain (`--pack`) reaches a plugin only once its schema
            // is known: such a plugin is started again with every option it takes, so that it
            // can refuse a bad one now (a usage error), not on every article. All restarts are
            // launched before any answer is awaited: each spends its start-up while the others do.
            let specs = try ordered.map { try spec(for: $0, in: ordered, options: options) }
            var relaunched = [PluginInstance?](repeating: nil, count: ordered.count)
            for (k, s) in ordered.enumerated() where !Set(specs[k].options.keys).isSubset(of: s.initialOptions) {
                s.instance.finishWriting()
                s.instance.process.stop(grace: 1)
                let again = try PluginInstance(label: s.name, executable: s.path, log: log, maxLineBytes: settings.maxLineBytes)
                startedAll.append(again)
                again.sendInitialize(options: specs[k].options)
                relaunched[k] = again
            }
            for k in ordered.indices {
                if let again = relaunched[k] { _ = try manifest(of: Launched(name: ordered[k].name, path: ordered[k].path, instance: again)) }
            }
            return ordered.indices.map { k in (specs[k], relaunched[k] ?? ordered[k].instance) }
        } catch {
            for i in startedAll { i.process.kill(grace: 0.2) }
            throw error
        }
    }

    /// Every option reaches some plugin: `plugin.key` names a plugin of the chain (by the
    /// name it was run by or its manifest's name), and an unqualified key is one some plugin
    /// takes. Otherwise a typo would be dropped without a word.
    static func checkAddressed(_ options: [OptionAssignment], chain: [Started]) throws {
        func described() -> String {
            chain.map { s in
                let keys = (s.manifest.options["properties"]?.objectValue?.keys ?? []).sorted()
                return "\(s.name): " + (keys.isEmpty ? "none" : keys.joined(separator: ", "))
            }.joined(separator: "; ")
        }
        for o in options {
            if let target = o.plugin {
                guard chain.contains(where: { $0.name == target || $0.manifest.name == target }) else {
                    throw HostError("option '\(target).\(o.key)': no plugin '\(target)' in this run (\(chain.map(\.name).joined(separator: ", ")))", kind: .usage)
                }
            } else if chain.count > 1 {
                let takers = chain.filter { s in
                    let schema = s.manifest.options
                    let properties = schema["properties"]?.objectValue ?? JSONObject()
                    return properties[o.key] != nil || (schema["additionalProperties"] != .bool(false) && !properties.isEmpty)
                }
                guard !takers.isEmpty else {
                    throw HostError("no plugin of this run has an option '\(o.key)' (options: \(described()))", kind: .usage)
                }
            }
        }
    }

    /// The plugin to run for analysis `r`: the plugin called `r`, or (when `searchingManifests`)
    /// the first plugin in sight whose manifest provides it. `catalog` keeps the manifests read.
    func provider(of r: String, searchingManifests: Bool, catalog: inout [PluginCatalog.Described]?) -> String? {
        if locator.locate(r) != nil { return r }
        guard searchingManifests else { return nil }
        if catalog == nil { catalog = PluginCatalog.describe(locator.all(), timeout: settings.startTimeout) }
        return catalog?.first { $0.manifest?.provides.contains(r) == true }?.found.name
    }

    static func isArticleField(_ name: String) -> Bool {
        articleFieldOrder.contains(name) || name == "*" || memberPath(name) != nil
    }

    /// Article fields whose value is an object, or an array of objects, and so can be asked
    /// for member by member.
    static let fieldsWithMembers: Set<String> = ["source", "paragraphs", "sentences", "sections", "faq", "tables", "lists", "removed", "errors"]

    /// "sentences.text": the field and the member of its objects a plugin asks for; nil for
    /// any other name.
    static func memberPath(_ name: String) -> (field: String, member: String)? {
        guard let dot = name.firstIndex(of: ".") else { return nil }
        let field = String(name[..<dot]), member = String(name[name.index(after: dot)...])
        guard fieldsWithMembers.contains(field), !member.isEmpty, !member.contains(".") else { return nil }
        return (field, member)
    }

    /// Orders stages so that providers come before the plugins that require or use them,
    /// otherwise keeping the user's order.
    static func order(_ stages: [Started]) throws -> [Started] {
        var remaining = stages
        var out: [Started] = []
        while !remaining.isEmpty {
            let produced = Set(out.flatMap(\.manifest.provides))
            let pendingProvides = Set(remaining.flatMap(\.manifest.provides))
            guard let next = remaining.firstIndex(where: { s in
                let needs = (s.manifest.requires ?? []) + s.manifest.uses
                return needs.allSatisfy { produced.contains($0) || !pendingProvides.contains($0) || s.manifest.provides.contains($0) }
            }) else {
                throw HostError("plugins depend on each other in a cycle: \(remaining.map(\.name).joined(separator: ", "))", kind: .usage)
            }
            out.append(remaining.remove(at: next))
        }
        return out
    }

    /// What a plugin is sent of each article: the article fields (nil: all of it) and the
    /// analyses of `provided` (what other stages make) it requires or uses, by their names as
    /// `analysisName` gives them. `galley plugin check` sends the same.
    /// `elementMembers`: fields asked for member by member ("sentences.text", "sentences.kind"),
    /// with those members; a field also asked for whole is not among them.
    static func inputs(of manifest: PluginManifest, provided: Set<String>)
        -> (fields: Set<String>?, analyses: Set<String>, elementMembers: [String: Set<String>]) {
        guard !manifest.wantsWholeArticle else { return (nil, [], [:]) }
        var fields: Set<String> = ["id"], analyses: Set<String> = [], members: [String: Set<String>] = [:], whole: Set<String> = []
        func field(_ name: String) {
            if let path = memberPath(name) {
                fields.insert(path.field)
                members[path.field, default: []].insert(path.member)
            } else {
                fields.insert(name)
                whole.insert(name)
            }
        }
        for r in manifest.requires ?? [] {
            // Another plugin's analysis, or an article field (a plugin's own name can also be
            // an input field, like an inline scenario pack under "scenarios").
            if provided.contains(r) && !manifest.provides.contains(r) { analyses.insert(r) } else { field(r) }
        }
        // What it uses: analyses a stage before it provides, and article fields (sent when the
        // article has them).
        for u in manifest.uses where !manifest.provides.contains(u) {
            if provided.contains(u) { analyses.insert(u) } else { field(u) }
        }
        if !analyses.isEmpty { fields.insert("analyses") }
        return (fields, analyses, members.filter { !whole.contains($0.key) })
    }

    private func spec(for s: Started, in chain: [Started], options: [OptionAssignment]) throws -> StageSpec {
        let provided = Set(chain.flatMap(\.manifest.provides))
        let required = Set((s.manifest.requires ?? []).filter { provided.contains($0) && !s.manifest.provides.contains($0) })
        let (fields, analyses, members) = Self.inputs(of: s.manifest, provided: provided)
        let opts = try OptionSchema.check(options.filter { $0.plugin == nil || $0.plugin == s.name || $0.plugin == s.manifest.name }, against: s.manifest.options,
                                          plugin: s.name, otherPlugins: chain.filter { $0.name != s.name }.map(\.manifest.options))
        return StageSpec(name: s.name, path: s.path, manifest: s.manifest, options: opts, fields: fields, analyses: analyses,
                         requiredAnalyses: required, elementMembers: members)
    }
}

/// Checks `--option` values against a plugin's options schema and converts them to the
/// declared types. The JSON Schema keywords applied (PROTOCOL.md §4): `type` (one or a list),
/// `enum`, `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`,
/// `maxLength`, `pattern`, `items` (for arrays), `required` and `additionalProperties: false`.
/// `default` is documentation: the plugin applies its own defaults.
enum OptionSchema {
    static func check(_ assignments: [OptionAssignment], against schema: JSONValue, plugin: String, otherPlugins: [JSONValue]) throws -> JSONObject {
        let properties = schema["properties"]?.objectValue ?? JSONObject()
        let closed = schema["additionalProperties"] == .bool(false)
        var out = JSONObject()
        for a in assignments {
            guard let property = properties[a.key] else {
                // An unqualified option another plugin of the chain declares is not this one's business.
                if a.plugin == nil, otherPlugins.contains(where: { $0["properties"]?[a.key] != nil }) { continue }
                if closed || a.plugin != nil || properties.isEmpty {
                    let known = properties.keys.sorted().joined(separator: ", ")
                    throw HostError("plugin '\(plugin)' has no option '\(a.key)'\(known.isEmpty ? "" : " (its options: \(known))")", kind: .usage)
                }
                out[a.key] = a.guessed
                continue
            }
            out[a.key] = try convert(a, property, plugin: plugin)
        }
        for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where out[key] == nil {
            throw HostError("plugin '\(plugin)' needs the option '\(key)' (--option \(plugin).\(key)=VALUE)", kind: .usage)
        }
        return out
    }

    static func convert(_ a: OptionAssignment, _ property: JSONValue, plugin: String) throws -> JSONValue {
        func bad(_ why: String) -> HostError { HostError("option '\(a.key)' of plugin '\(plugin)': \(why), got '\(a.text)'", kind: .usage) }
        guard let v = value(a.text, as: property) else {
            throw bad("expected \(typeNames(property).joined(separator: " or "))")
        }
        if let why = violation(v, property) { throw bad(why) }
        return v
    }

    static func typeNames(_ property: JSONValue) -> [String] {
        if let t = property["type"]?.stringValue { return [t] }
        return property["type"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The text as a value of one of the property's types, or nil. An array may be given as
    /// JSON (`["a","b"]`) or as a comma-separated list (`a,b`) of its items' type.
    static func value(_ text: String, as property: JSONValue) -> JSONValue? {
        let types = typeNames(property)
        for t in types.isEmpty ? ["any"] : types {
            switch t {
            case "integer":
                if let i = Int(text) { return JSONValue(i) }
                // JSON Schema counts a number with a zero fraction as an integer ("300.0", "3e2").
                if let d = Double(text), d.isFinite, d.rounded() == d, abs(d) < 9e15 { return JSONValue(Int(d)) }
            case "number":
                if let d = Double(text), d.isFinite {
                    return .number(text.hasPrefix("+") ? String(text.dropFirst()) : (Int(text) != nil ? String(Int(text)!) : JSONValue.format(d)))
                }
            case "boolean": if ["true", "false"].contains(text) { return .bool(text == "true") }
            case "string": return .string(text)
            case "null": if text == "null" { return .null }
            case "array":
                if let v = try? JSONParser.parse(text), v.kindName == "array" { return v }
                let items = property["items"] ?? .object(JSONObject())
                let parts = text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                let converted = parts.compactMap { value($0, as: items) }
                if converted.count == parts.count { return .array(converted) }
            case "object":
                if let v = try? JSONParser.parse(text), v.kindName == "object" { return v }
            default:
                return (try? JSONParser.parse(text)) ?? .string(text)
            }
        }
        return nil
    }

    /// Why the value breaks the property's constraints, or nil.
    static func violation(_ v: JSONValue, _ property: JSONValue) -> String? {
        if let allowed = property["enum"]?.arrayValue, !allowed.contains(v) {
            return "must be one of \(allowed.map { JSONWriter.string($0) }.joined(separator: ", "))"
        }
        if let d = v.doubleValue {
            func bound(_ key: String) -> Double? { property[key]?.doubleValue }
            if let m = bound("minimum"), d < m { return "must be at least \(JSONValue.format(m))" }
            if let m = bound("maximum"), d > m { return "must be at most \(JSONValue.format(m))" }
            if let m = bound("exclusiveMinimum"), d <= m { return "must be more than \(JSONValue.format(m))" }
            if let m = bound("exclusiveMaximum"), d >= m { return "must be less than \(JSONValue.format(m))" }
        }
        if let text = v.stringValue {
            let length = text.count
            if let m = property["minLength"]?.intValue, length < m { return "must be at least \(m) characters" }
            if let m = property["maxLength"]?.intValue, length > m { return "must be at most \(m) characters" }
            if let p = property["pattern"]?.stringValue, let regex = try? NSRegularExpression(pattern: p),
               regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                return "must match the pattern \(p)"
            }
        }
        if let items = v.arrayValue, let schema = property["items"] {
            for item in items { if let why = violation(item, schema) { return "an item \(why)" } }
        }
        return nil
    }
}
