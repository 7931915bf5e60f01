import Foundation
import GalleyHost
import GalleyIO
import GalleyModel
import GalleyProtocol

/// The `galley` command: dispatches to one subcommand, maps failures to exit statuses.
enum Galley {
    static let version = "0.1.0"

    static let commands: [any Command.Type] = [
        IngestCommand.self,
        RunCommand.self,
        AnalyzeCommand.self,
        PluginsCommand.self,
        PluginCheckCommand.self,
        ServeCommand.self,
        BenchCommand.self,
    ]

    static var overview: String {
        var s = """
        galley — analyse news articles from the shell.

        Galley reads articles (plain text, web pages, JSON or NDJSON records), turns each into an
        Article (title, deck, date, sections, sentences with offsets, FAQ, tables, lists, removed
        boilerplate) and writes one JSON object per line on stdout. Analyses are plugins in any
        language that galley runs over pipes: summarize, metrics and scenarios are built in.

        Start with:  galley analyze seeds

        Usage: galley <command> [options] [arguments]

        Commands:

        """
        for c in commands { s += "  " + c.name.padding(16) + c.summary + "\n" }
        s += """

        Options:
          --version       print the version
          -h, --help      show this help

        Run 'galley <command> --help' for a command's options.
        """
        return s
    }

    static func main(_ argv: [String]) -> Int32 {
        OutputWriter.ignoreSIGPIPE()
        // Signals are caught before any plugin starts, so none can leave a child behind.
        SignalTrap.shared.install()
        var args = Array(argv.dropFirst())
        guard let first = args.first else {
            Diagnostics.write(overview)
            return ExitStatus.usage.rawValue
        }
        if first == "--help" || first == "-h" || first == "help" {
            if args.count > 1, let c = find(Array(args.dropFirst())) { print(c.0.help, terminator: ""); return 0 }
            print(overview)
            return 0
        }
        if first == "--version" || first == "version" {
            print("galley \(version) (protocol \(galleyProtocolVersion), article schema \(Article.schemaVersion))")
            return 0
        }
        guard let (command, consumed) = find(args) else {
            // The first word of a longer command ("plugin" of "plugin check"): name its commands.
            let longer = commands.filter { $0.name.hasPrefix(first + " ") }
            if !longer.isEmpty {
                let wantsHelp = args.count > 1 && (args[1] == "--help" || args[1] == "-h")
                let list = longer.map { "  galley \($0.name) \($0.usage)\n      \($0.summary)" }.joined(separator: "\n")
                if wantsHelp { print("Commands:\n" + list); return 0 }
                Diagnostics.write("galley: '\(first)' needs a command:\n" + list)
                return ExitStatus.usage.rawValue
            }
            Diagnostics.write("galley: unknown command '\(first)' (see 'galley --help')")
            return ExitStatus.usage.rawValue
        }
        args.removeFirst(consumed)
        do {
            let parsed = try ParsedArguments.parse(args, specs: command.options, command: command.name)
            if parsed.has("help") { print(command.help, terminator: ""); return 0 }
            let status = try command.run(parsed).rawValue
            return SignalTrap.shared.interrupted ? ExitStatus.interrupted.rawValue : status
        } catch let e as CLIError {
            // A failure caused by an interrupt (plugins stopped while starting) is the interrupt.
            if SignalTrap.shared.interrupted { return ExitStatus.interrupted.rawValue }
            // Every message names the program and command, as the commands' own ones do.
            Diagnostics.write(e.message.hasPrefix("galley") ? e.message : "galley \(command.name): \(e.message)")
            return e.status.rawValue
        } catch {
            if SignalTrap.shared.interrupted { return ExitStatus.interrupted.rawValue }
            Diagnostics.write("galley: internal error: \(error)")
            return ExitStatus.software.rawValue
        }
    }

    /// Longest match of command words ("plugin check" before "plugin").
    static func find(_ args: [String]) -> (any Command.Type, Int)? {
        var best: (any Command.Type, Int)?
        for c in commands {
            let words = c.name.split(separator: " ").map(String.init)
            if args.count >= words.count, Array(args.prefix(words.count)) == words, words.count > (best?.1 ?? 0) {
                best = (c, words.count)
            }
        }
        return best
    }
}
