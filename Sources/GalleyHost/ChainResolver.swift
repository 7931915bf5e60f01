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
    }

    struct Started {
        var name: String
        var path: String
        var instance: PluginInstance
        var manifest: PluginManifest
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
                var initial = JSONObject()
                for o in opts { initial[o.key] = o.guessed }
                let instance: PluginInstance
                do {
                    instance = try PluginInstance(label: label, executable: found.path, log: log, maxLineBytes: settings.maxLineBytes)
                } catch {
                    throw HostError("plugin '\(label)': \(error)")
                }
                startedAll.append(instance)
                instance.sendInitialize(options: initial)
                return Launched(name: label, path: found.path, instance: instance)
            }
            func awaitStarted(_ l: Launched) throws -> Started {
                let manifest: PluginManifest
                do { manifest = try l.instance.awaitManifest(timeout: settings.startTimeout) } catch {
                    throw HostError("plugin '\(l.name)' failed to start: \(error)")
                }
                return Started(name: l.name, path: l.path, instance: l.instance, manifest: manifest)
            }
            func start(_ name: String) throws -> Started { try awaitStarted(try launch(name)) }
            // The named plugins start at once: each spends its start-up while the others do.
            var launched: [Launched] = []
            for n in names where !launched.contains(where: { $0.name == n }) { launched.append(try launch(n)) }
            for l in launched { started.append(try awaitStarted(l)) }
            // Add providers of required analyses the user did not name.
            var k = 0
            while k < started.count {
                for r in started[k].manifest.requires ?? [] where !Self.isArticleField(r) {
                    if started.contains(where: { $0.manifest.provides.contains(r) }) { continue }
                    if locator.locate(r) != nil {
                        let provider = try start(r)
                        guard provider.manifest.provides.contains(r) else {
                            throw HostError("plugin '\(started[k].name)' requires '\(r)', but plugin '\(r)' provides \(provider.manifest.provides)")
                        }
                        log.note("galley: adding '\(r)', which '\(started[k].name)' requires")
                        started.append(provider)
                    }
                }
                k += 1
            }
            let ordered = try Self.order(started)
            return try ordered.map { s in (try spec(for: s, in: ordered, options: options), s.instance) }
        } catch {
            for i in startedAll { i.process.kill(grace: 0.2) }
            throw error
        }
    }

    static func isArticleField(_ name: String) -> Bool { articleFieldOrder.contains(name) || name == "*" }

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

    private func spec(for s: Started, in chain: [Started], options: [OptionAssignment]) throws -> StageSpec {
        let provided = Set(chain.flatMap(\.manifest.provides))
        var fields: Set<String>? = nil
        var analyses: Set<String> = []
        if !s.manifest.wantsWholeArticle {
            var f: Set<String> = ["id"]
            for r in s.manifest.requires ?? [] {
                // Another plugin's analysis, or an article field (a plugin's own name can also
                // be an input field, like an inline scenario pack under "scenarios").
                if provided.contains(r) && !s.manifest.provides.contains(r) { analyses.insert(r) } else { f.insert(r) }
            }
            for u in s.manifest.uses where provided.contains(u) { analyses.insert(u) }
            if !analyses.isEmpty { f.insert("analyses") }
            fields = f
        }
        let opts = try OptionSchema.check(options.filter { $0.plugin == nil || $0.plugin == s.name }, against: s.manifest.options,
                                          plugin: s.name, otherPlugins: chain.filter { $0.name != s.name }.map(\.manifest.options))
        return StageSpec(name: s.name, path: s.path, manifest: s.manifest, options: opts, fields: fields, analyses: analyses)
    }
}

/// Checks `--option` values against a plugin's options schema (the subset of JSON Schema
/// manifests use: type, enum, minimum, maximum) and converts them to the declared type.
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
        return out
    }

    static func convert(_ a: OptionAssignment, _ property: JSONValue, plugin: String) throws -> JSONValue {
        func bad(_ why: String) -> HostError { HostError("option '\(a.key)' of plugin '\(plugin)': \(why), got '\(a.text)'", kind: .usage) }
        var types: [String] = []
        if let t = property["type"]?.stringValue { types = [t] }
        if let ts = property["type"]?.arrayValue { types = ts.compactMap(\.stringValue) }
        var value: JSONValue?
        for t in types.isEmpty ? ["any"] : types {
            switch t {
            case "integer": if let i = Int(a.text) { value = JSONValue(i) }
            case "number": if let d = Double(a.text), d.isFinite { value = .number(a.text.hasPrefix("+") ? String(a.text.dropFirst()) : (Int(a.text) != nil ? String(Int(a.text)!) : JSONValue.format(d))) }
            case "boolean": if ["true", "false"].contains(a.text) { value = .bool(a.text == "true") }
            case "string": value = .string(a.text)
            case "array", "object":
                if let v = try? JSONParser.parse(a.text), v.kindName == t { value = v }
            default: value = a.guessed
            }
            if value != nil { break }
        }
        guard let v = value else { throw bad("expected \(types.joined(separator: " or "))") }
        if let allowed = property["enum"]?.arrayValue, !allowed.contains(v) {
            throw bad("must be one of \(allowed.map { JSONWriter.string($0) }.joined(separator: ", "))")
        }
        if let d = v.doubleValue {
            if let min = property["minimum"]?.doubleValue, d < min { throw bad("must be at least \(JSONValue.format(min))") }
            if let max = property["maximum"]?.doubleValue, d > max { throw bad("must be at most \(JSONValue.format(max))") }
        }
        return v
    }
}
