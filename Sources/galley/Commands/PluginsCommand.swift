import Foundation
import GalleyHost
import GalleyJSON

/// `galley plugins`: what the host can find, with what each says about itself.
enum PluginsCommand: Command {
    static let name = "plugins"
    static let summary = "list the plugins galley finds, with version, provides/requires and location"
    static let usage = "[NAME ...] [--json]"
    static let details = """
    Looks next to the galley binary (built-in galley-<name>), in $GALLEY_PLUGIN_PATH, and for
    galley-<name> on $PATH, starts each plugin, asks for its manifest, and stops it.
    """
    static let options: [OptionSpec] = [OptionSpec(name: "json", help: "one JSON object per plugin instead of a table")]

    static func run(_ args: ParsedArguments) throws -> ExitStatus {
        var found = PluginLocator().all()
        // Named plugins only, when names are given.
        if !args.positional.isEmpty {
            let unknown = args.positional.filter { name in !found.contains { $0.name == name } }
            guard unknown.isEmpty else {
                throw CLIError("galley plugins: no plugin named \(unknown.joined(separator: ", ")) (see 'galley plugins')", status: .noInput)
            }
            found = found.filter { args.positional.contains($0.name) }
        }
        let described = PluginCatalog.describe(found)
        if args.has("json") {
            for d in described { print(JSONWriter.string(d.json)) }
            return .ok
        }
        if described.isEmpty { print("no plugins found"); return .ok }
        print("NAME".padding(12) + "VERSION".padding(10) + "PROVIDES".padding(14) + "REQUIRES".padding(44) + "LOCATION")
        for d in described {
            let requires = d.manifest.map { $0.requires?.joined(separator: ",") ?? "*" } ?? "-"
            let version: String = d.manifest?.version ?? "?"
            let provides: String = d.manifest?.provides.joined(separator: ",") ?? "-"
            let problem: String = d.problem.map { "  ! \($0)" } ?? ""
            var line = d.found.name.padding(12) + version.padding(10) + provides.padding(14)
            line += String(requires.prefix(42)).padding(44) + d.found.path + " (\(d.found.origin))" + problem
            print(line)
        }
        return .ok
    }
}

/// `galley plugin check PATH`: the conformance checker.
enum PluginCheckCommand: Command {
    static let name = "plugin check"
    static let summary = "check that an executable speaks the Galley protocol correctly"
    static let usage = "PATH|NAME ... [--timeout SECONDS] [--option KEY=VALUE ...]"
    static let details = """
    Runs the handshake, validates the manifest, sends articles (one, then a pipelined burst),
    an unknown method, a malformed line, an unknown notification, a cancel, and shutdown, and
    checks a second instance refuses another protocol version and exits when stdin closes.
    Prints PASS or FAIL per check; exits 1 if any check fails.
    """
    static let options: [OptionSpec] = [
        OptionSpec(name: "timeout", valueName: "SECONDS", help: "time allowed per answer (default 10)"),
        OptionSpec(name: "option", valueName: "KEY=VALUE", help: "an option for the plugin (repeatable), given as a run gives it: in initialize, then with every request", repeatable: true, short: "o"),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitStatus {
        guard !args.positional.isEmpty else { throw CLIError("galley plugin check: give the plugin's path or name") }
        let timeout = try args.double("timeout", default: 10)
        let options: [OptionAssignment]
        do { options = try args.all("option").map { try OptionAssignment(parsing: $0) } } catch {
            throw CLIError("galley plugin check: \(error)")
        }
        // Every plugin named is found before any is checked: a typo is said at once.
        let targets = try args.positional.map { target in
            guard let found = PluginLocator().locate(target) else { throw CLIError("galley plugin check: \(target): not found", status: .noInput) }
            return found
        }
        var anyFailed = false
        for found in targets {
            let checks = ConformanceChecker(path: found.path, timeout: timeout, options: options).run()
            for c in checks { print("\(c.passed ? "PASS" : "FAIL")  \(c.name.padding(22))\(c.detail)") }
            let failed = checks.filter { !$0.passed }.count
            print(failed == 0 ? "\(found.path): all \(checks.count) checks passed" : "\(found.path): \(failed) of \(checks.count) checks failed")
            anyFailed = anyFailed || failed > 0
        }
        return anyFailed ? .articlesFailed : .ok
    }
}
