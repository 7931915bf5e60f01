import Foundation
import GalleyHost
import GalleyIO

/// `galley run A [B ...]`: Article NDJSON (or records, or plain text) through plugins.
enum RunCommand: Command {
    static let name = "run"
    static let summary = "run plugins over articles on stdin, in order, supervised"
    static let usage = "PLUGIN [PLUGIN ...] [options] < input"
    static let details = """
    Reads articles on stdin: Galley Article NDJSON (from 'galley ingest'), JSON records
    ({"id","title","text",...}, ingested first), a web page or a news feed, or plain text
    (one article). Writes one line per
    input line, in input order, each article with the plugins' results under analyses.<name>.

    Plugins run as persistent child processes speaking the line protocol (protocol/PROTOCOL.md),
    pipelined up to each plugin's declared window. Plugins that a named plugin requires are added
    and ordered automatically. A plugin that crashes or hangs is killed and restarted; the
    article is retried once, then written with an "errors" entry, and the run goes on.

    PLUGIN is a name ('summarize'; see 'galley plugins') or a path ('./Plugins/python/wordstats.py').

    Exit status: 0 all articles processed; 1 every record written but some carry errors (0 with
    --errors-in-band); 64 usage; 69 a plugin could not be started; 70 records were lost;
    74 the output could not be written; 130 interrupted. A reader that goes away (| head)
    ends the run with 0.

    Examples:
      galley ingest seeds | galley run summarize | jq -r .analyses.summary.text
      cat article.txt | galley run metrics scenarios --pack seeds/scenarios/meta-layoffs-drivers.json
      galley run ./Plugins/python/wordstats.py --option wpm=200 < articles.ndjson
    """
    static let options: [OptionSpec] = [
        OptionSpec(name: "option", valueName: "[PLUGIN.]KEY=VALUE", help: "a plugin option (repeatable); checked against its schema", repeatable: true, short: "o"),
        OptionSpec(name: "pack", valueName: "FILE", help: "scenario pack for plugins with a 'pack' option"),
        ParsedArguments.jobsOption,
        OptionSpec(name: "timeout", valueName: "SECONDS", help: "per-request timeout (default 30)"),
        ParsedArguments.fieldsOption,
        OptionSpec(name: "buffer", valueName: "N", help: "articles held per plugin instance (default 64; bounds memory)"),
        OptionSpec(name: "start-timeout", valueName: "SECONDS", help: "time a plugin has to answer initialize (default 10)"),
        OptionSpec(name: "max-line-bytes", valueName: "N", help: "longest line accepted, in and out (default 67108864)"),
        OptionSpec(name: "raw", help: "keep each record's text verbatim (no cleaning), so offsets refer to it"),
        OptionSpec(name: "fail-fast", help: "stop at the first article error"),
        OptionSpec(name: "errors-in-band", help: "exit 0 when every record was written, even if some carry errors (for Spark's pipe())"),
        OptionSpec(name: "quiet", help: "no summary line on stderr", short: "q"),
        OptionSpec(name: "verbose", help: "also show plugins' debug logs and progress", short: "v"),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitStatus {
        guard !args.positional.isEmpty else { throw CLIError("galley run: name at least one plugin (see 'galley plugins')") }
        var settings = try args.runSettings()
        settings.startTimeout = try args.double("start-timeout", default: 10)
        // The limit holds for plugins' lines too: below 64 KiB a manifest may not fit.
        settings.maxLineBytes = try args.int("max-line-bytes", default: 64 << 20, range: (64 << 10)...(1 << 31))
        settings.capacityPerInstance = try args.int("buffer", default: 64, range: 1...4096)
        var options: [OptionAssignment] = []
        do {
            options = try args.all("option").map { try OptionAssignment(parsing: $0) }
            if let pack = args.value("pack") {
                guard FileManager.default.fileExists(atPath: pack) else { throw CLIError("galley run: --pack \(pack): no such file", status: .noInput) }
                options.append(try OptionAssignment(parsing: "pack=" + AnalyzeCommand.absolute(pack)))
            }
        } catch let e as HostError {
            throw CLIError("galley run: \(e.message)")
        }
        return try execute(plugins: args.positional, options: options, settings: settings,
                           mode: args.has("raw") ? .raw : .auto, quiet: args.has("quiet"), verbose: args.has("verbose"),
                           errorsInBand: args.has("errors-in-band"))
    }

    /// Shared by `run` and `analyze`: start the chain, run stdin through it, report.
    static func execute(plugins: [String], options: [OptionAssignment], settings: RunSettings, mode: IngestMode,
                        quiet: Bool, verbose: Bool, errorsInBand: Bool = false, inputFD: Int32 = 0) throws -> ExitStatus {
        let log = HostLog()
        log.verbose = verbose
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline(plugins: plugins, options: options, settings: settings, log: log, mode: mode, readingAhead: inputFD)
        } catch let e as HostError {
            throw CLIError("galley run: \(e.message)", status: e.kind == .usage ? .usage : .unavailable)
        }
        pipeline.installSignalHandlers()
        let outcome = pipeline.run(inputFD: inputFD)
        // Said even with -q (which only drops the summary): most likely a typo in a path.
        for warning in outcome.fieldWarnings { Diagnostics.write("galley run: \(warning)") }
        if !quiet {
            var line = String(format: "galley run: %d in, %d out, %d failed, %.2f s", outcome.articlesIn, outcome.articlesOut, outcome.failed, outcome.seconds)
            if !outcome.stageLines.isEmpty { line += "; " + outcome.stageLines.joined(separator: "; ") }
            Diagnostics.write(line)
        }
        if outcome.outputFailed { return .ioError }
        if outcome.outputClosed { return .ok }
        if outcome.articlesOut != outcome.articlesIn {
            Diagnostics.write("galley run: \(outcome.articlesIn - outcome.articlesOut) article(s) were not written")
            return .software
        }
        return outcome.failed > 0 && !errorsInBand ? .articlesFailed : .ok
    }
}
