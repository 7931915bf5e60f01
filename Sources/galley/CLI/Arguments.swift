import GalleyHost
import GalleyProtocol

/// A command's declared options, and the parsed command line.
struct OptionSpec {
    var name: String
    var valueName: String?
    var help: String
    /// May be given more than once (`--option k=v --option k2=v2`).
    var repeatable = false
    var short: Character? = nil
}

struct ParsedArguments {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { flags.contains(name) }

    func int(_ name: String, default d: Int, range: ClosedRange<Int> = 1...Int.max) throws -> Int {
        guard let v = value(name) else { return d }
        guard let i = Int(v), range.contains(i) else { throw CLIError("--\(name) expects a whole number in \(range.lowerBound)...\(range.upperBound), got '\(v)'") }
        return i
    }

    /// The options `run` and `analyze` share: --jobs, --timeout, --fields, --fail-fast.
    func runSettings() throws -> RunSettings {
        var settings = RunSettings()
        if value("jobs") != nil {
            let n = try int("jobs", default: 1, range: 1...256)
            settings.processors = n
            settings.ingestThreads = min(n, settings.ingestThreads)
        }
        settings.timeout = try double("timeout", default: 30)
        settings.outputFields = try fields()
        settings.failFast = has("fail-fast")
        return settings
    }

    /// `--fields a,b.c`: what of each article to write (nil: everything).
    func fields() throws -> FieldSelection? {
        guard let list = value("fields") else { return nil }
        do { return try FieldSelection(parsing: list) } catch { throw CLIError("galley: \(error)") }
    }

    static let jobsOption = OptionSpec(name: "jobs", valueName: "N",
                                       help: "processors to use (default: all); each plugin gets N / (number of plugins) instances, rounded up", short: "j")

    static let fieldsOption = OptionSpec(name: "fields", valueName: "A,B.C",
                                         help: "write only these article fields (dotted paths reach inside: analyses.summary, and through arrays: sentences.text); id and errors are always kept")

    func double(_ name: String, default d: Double) throws -> Double {
        guard let v = value(name) else { return d }
        // Finite and at most a day: "endless" is not a timeout. Decimal only: Swift's Double
        // also reads hexadecimal ("0x10" is 16).
        guard v.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }),
              let x = Double(v), x > 0, x <= 86_400 else { throw CLIError("--\(name) expects a positive number of seconds up to 86400, got '\(v)'") }
        return x
    }

    /// Parses `args` against `specs`; `--help` is always accepted.
    static func parse(_ args: [String], specs: [OptionSpec], command: String) throws -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let a = args[i]
            defer { i += 1 }
            if onlyPositional || a == "-" || !a.hasPrefix("-") { out.positional.append(a); continue }
            if a == "--" { onlyPositional = true; continue }
            if a == "--help" || a == "-h" { out.flags.insert("help"); continue }
            var name: String
            var inline: String?
            if a.hasPrefix("--") {
                name = String(a.dropFirst(2))
                if let eq = name.firstIndex(of: "=") { inline = String(name[name.index(after: eq)...]); name = String(name[..<eq]) }
            } else {
                guard a.count == 2, let spec = specs.first(where: { $0.short == a.last }) else {
                    throw CLIError("galley \(command): unknown option '\(a)' (see 'galley \(command) --help')")
                }
                name = spec.name
            }
            guard let spec = specs.first(where: { $0.name == name }) else {
                throw CLIError("galley \(command): unknown option '--\(name)' (see 'galley \(command) --help')")
            }
            if spec.valueName != nil {
                let v: String
                if let inline { v = inline } else {
                    guard i + 1 < args.count else { throw CLIError("galley \(command): --\(name) needs a value") }
                    // "--out -q": the value was forgotten, not a folder named "-q" (a value that
                    // starts with "-" is given as --out=-q; "-" alone and negative numbers pass).
                    let next = args[i + 1]
                    if next.hasPrefix("-"), next != "-", Double(next) == nil {
                        throw CLIError("galley \(command): --\(name) needs a value, not the option '\(next)' (write --\(name)=\(next) if that is the value)")
                    }
                    i += 1
                    v = args[i]
                }
                // "--out=" or "--out $UNSET": an empty value is never meant (an empty --out wrote
                // the reports into the current folder).
                if v.allSatisfy({ $0 == " " || $0 == "\t" }) { throw CLIError("galley \(command): --\(name) needs a value, got an empty one") }
                if !spec.repeatable, out.values[name] != nil { throw CLIError("galley \(command): --\(name) given twice") }
                out.values[name, default: []].append(v)
            } else {
                if inline != nil { throw CLIError("galley \(command): --\(name) takes no value") }
                out.flags.insert(name)
            }
        }
        return out
    }
}
