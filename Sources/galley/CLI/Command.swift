/// One `galley` subcommand.
protocol Command {
    /// The words that select it ("ingest", or "plugin check").
    static var name: String { get }
    static var summary: String { get }
    /// Usage line after `galley NAME`.
    static var usage: String { get }
    /// Longer help text (examples, notes).
    static var details: String { get }
    static var options: [OptionSpec] { get }
    static func run(_ args: ParsedArguments) throws -> ExitStatus
}

extension Command {
    static var details: String { "" }

    static var help: String {
        var s = "galley \(name) — \(summary)\n\nUsage: galley \(name) \(usage)\n"
        if !options.isEmpty {
            s += "\nOptions:\n"
            for o in options {
                var flag = "--\(o.name)"
                if let v = o.valueName { flag += " \(v)" }
                if let c = o.short { flag = "-\(c), " + flag }
                s += "  " + flag.padding(28) + o.help + "\n"
            }
        }
        s += "  " + "-h, --help".padding(28) + "show this help\n"
        if !details.isEmpty { s += "\n" + details + "\n" }
        return s
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + "  " : self + String(repeating: " ", count: width - count)
    }
}
