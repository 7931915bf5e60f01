import Foundation
import GalleyJSON
import GalleyProtocol

/// Starts plugins just long enough to read their manifests (for `galley plugins` and `serve`).
public enum PluginCatalog {
    public struct Described: Sendable {
        public var found: PluginLocator.Found
        public var manifest: PluginManifest?
        public var problem: String?

        public var json: JSONValue {
            var o = JSONObject([("name", .string(found.name)), ("path", .string(found.path)), ("origin", .string(found.origin))])
            if let m = manifest {
                o["version"] = .string(m.version)
                o["provides"] = .array(m.provides.map(JSONValue.string))
                o["requires"] = m.requires.map { .array($0.map(JSONValue.string)) } ?? .null
                o["uses"] = .array(m.uses.map(JSONValue.string))
                o["options"] = m.options
                o["concurrency"] = JSONValue(m.concurrency)
                o["description"] = .string(m.description)
            }
            if let problem { o["problem"] = .string(problem) }
            return .object(o)
        }
    }

    /// Handshakes with every plugin in parallel (each stopped right after).
    public static func describe(_ found: [PluginLocator.Found], timeout: Double = 5) -> [Described] {
        let results = LockedArray<Described?>(count: found.count)
        DispatchQueue.concurrentPerform(iterations: found.count) { k in
            let f = found[k]
            let silent = HostLog(write: { _ in })
            do {
                let instance = try PluginInstance(label: f.name, executable: f.path, log: silent, maxLineBytes: 1 << 20)
                defer { instance.process.stop(grace: 0.5) }
                let m = try instance.initialize(options: JSONObject(), timeout: timeout)
                instance.send(RPC.request(id: .int(1), method: "shutdown"))
                results[k] = Described(found: f, manifest: m, problem: nil)
            } catch {
                results[k] = Described(found: f, manifest: nil, problem: "\(error)")
            }
        }
        return results.values.compactMap { $0 }
    }
}

/// A fixed-size array filled from several threads.
final class LockedArray<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    subscript(i: Int) -> T? {
        get { lock.withLock { storage[i] } }
        set { lock.withLock { storage[i] = newValue } }
    }
    var values: [T] { lock.withLock { storage.compactMap { $0 } } }
}
