import Foundation

/// Finds plugin executables. Order: an explicit path (anything with a "/"), the built-in
/// plugins next to the `galley` binary (`galley-<name>`), the folders in
/// `$GALLEY_PLUGIN_PATH` (`galley-<name>`, `<name>`, `<name>.py|.sh|.js`), then
/// `galley-<name>` on `$PATH`. Never the current directory unless given as a path.
public struct PluginLocator: Sendable {
    public struct Found: Sendable, Equatable {
        public var name: String
        public var path: String
        /// "built-in", "GALLEY_PLUGIN_PATH", "PATH" or "path".
        public var origin: String
    }

    public var builtInFolder: String?
    public var pluginPath: [String]
    public var searchPath: [String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, builtInFolder: String? = PluginLocator.executableFolder()) {
        self.builtInFolder = builtInFolder
        pluginPath = (environment["GALLEY_PLUGIN_PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        // An empty PATH entry means the current directory: never search it implicitly.
        searchPath = (environment["PATH"] ?? "").split(separator: ":", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
    }

    /// The folder holding the running executable.
    public static func executableFolder() -> String? {
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return (link as NSString).deletingLastPathComponent
    }

    static let scriptExtensions = ["", ".py", ".sh", ".js"]

    public func locate(_ nameOrPath: String) -> Found? {
        if nameOrPath.contains("/") {
            let absolute = nameOrPath.hasPrefix("/") ? nameOrPath : FileManager.default.currentDirectoryPath + "/" + nameOrPath
            let standardized = (absolute as NSString).standardizingPath
            guard FileManager.default.fileExists(atPath: standardized) else { return nil }
            return Found(name: Self.pluginName(fromFile: standardized), path: standardized, origin: "path")
        }
        if let folder = builtInFolder, let p = executable(in: folder, named: "galley-" + nameOrPath) {
            return Found(name: nameOrPath, path: p, origin: "built-in")
        }
        for folder in pluginPath {
            for candidate in ["galley-" + nameOrPath] + Self.scriptExtensions.map({ nameOrPath + $0 }) {
                if let p = executable(in: folder, named: candidate) { return Found(name: nameOrPath, path: p, origin: "GALLEY_PLUGIN_PATH") }
            }
        }
        for folder in searchPath {
            if let p = executable(in: folder, named: "galley-" + nameOrPath) { return Found(name: nameOrPath, path: p, origin: "PATH") }
        }
        return nil
    }

    /// Every plugin visible from here, first occurrence of each name winning.
    public func all() -> [Found] {
        var out: [Found] = []
        var seen: Set<String> = []
        func add(_ folder: String, origin: String, prefixed: Bool) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for file in names.sorted() {
                if prefixed && !file.hasPrefix("galley-") { continue }
                guard let p = executable(in: folder, named: file) else { continue }
                var name = Self.pluginName(fromFile: p)
                if prefixed { name = String(file.dropFirst("galley-".count)) }
                guard !name.isEmpty, !name.contains("."), seen.insert(name).inserted else { continue }
                out.append(Found(name: name, path: p, origin: origin))
            }
        }
        if let folder = builtInFolder { add(folder, origin: "built-in", prefixed: true) }
        for folder in pluginPath { add(folder, origin: "GALLEY_PLUGIN_PATH", prefixed: false) }
        for folder in searchPath { add(folder, origin: "PATH", prefixed: true) }
        return out
    }

    static func pluginName(fromFile path: String) -> String {
        var name = (path as NSString).lastPathComponent
        if name.hasPrefix("galley-") { name.removeFirst("galley-".count) }
        for ext in scriptExtensions where !ext.isEmpty && name.hasSuffix(ext) { name.removeLast(ext.count) }
        return name
    }

    private func executable(in folder: String, named name: String) -> String? {
        let path = (folder as NSString).appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return path
    }
}
