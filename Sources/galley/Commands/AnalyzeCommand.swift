import Foundation
import GalleyBatch
import GalleyReport
import GalleyHost
import GalleyIngest
import GalleyIO
import GalleyJSON
import GalleyModel

/// `galley analyze`: a corpus in one command.
enum AnalyzeCommand: Command {
    static let name = "analyze"
    static let summary = "ingest files or folders, run every analysis, write NDJSON and a report"
    static let usage = "PATH... [--with a,b] [--pack FILE] [--jobs N] [--out DIR [--resume]]"
    static let details = """
    Ingests files, folders (recursively), NDJSON or '-' (stdin), runs the plugins (default:
    every built-in analysis; scenario packs from --pack or, when a folder named, or the folder
    of a file named, has a scenarios/ subfolder, the packs in it), and streams enriched articles. On a terminal it
    prints a readable digest per article; piped, one Article per line (--format to choose).

    With --out DIR it also writes articles.ndjson, metrics.csv, scenarios.csv, report.md and
    report.html. An interrupted run keeps what it finished; --resume continues it, never
    analysing an article twice, trying failed articles again and dropping those whose input
    is gone or changed. DIR must be new, empty, or an earlier run's. Duplicate articles (same title and body) are analysed once
    and reported. Progress is shown on a terminal (not with --quiet).

    Examples:
      galley analyze seeds
      galley analyze ~/scrapes --out /tmp/report --jobs 2 && xdg-open /tmp/report/report.html
      galley analyze dev.ndjson --with summarize --format ndjson | jq -r .analyses.summary.text
    """
    static let options: [OptionSpec] = [
        OptionSpec(name: "with", valueName: "A,B", help: "plugins to run (default: every built-in analysis)"),
        OptionSpec(name: "pack", valueName: "FILE", help: "scenario pack for the scenarios plugin", repeatable: true),
        OptionSpec(name: "option", valueName: "[PLUGIN.]KEY=VALUE", help: "a plugin option (repeatable)", repeatable: true, short: "o"),
        ParsedArguments.jobsOption,
        OptionSpec(name: "out", valueName: "DIR", help: "also write articles.ndjson, CSVs and reports there"),
        OptionSpec(name: "resume", help: "continue an interrupted --out run"),
        OptionSpec(name: "format", valueName: "ndjson|text|none", help: "stdout: Article NDJSON (default when piped), a digest (default on a terminal), or nothing"),
        OptionSpec(name: "timeout", valueName: "SECONDS", help: "per-request timeout (default 30)"),
        ParsedArguments.fieldsOption,
        OptionSpec(name: "fail-fast", help: "stop at the first article error"),
        OptionSpec(name: "quiet", help: "no progress or summary on stderr", short: "q"),
        OptionSpec(name: "verbose", help: "also show plugins' debug logs", short: "v"),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitStatus {
        guard !args.positional.isEmpty else { throw CLIError("galley analyze: give at least one file, folder, or '-'") }
        if args.has("resume") && args.value("out") == nil { throw CLIError("galley analyze: --resume needs --out DIR") }
        let settings = try args.runSettings()
        let format = args.value("format") ?? (isatty(1) == 1 ? "text" : "ndjson")
        guard ["ndjson", "text", "none"].contains(format) else { throw CLIError("galley analyze: --format must be ndjson, text or none") }

        var options = try args.all("option").map { s -> OptionAssignment in
            do { return try OptionAssignment(parsing: s) } catch { throw CLIError("galley analyze: \(error)") }
        }
        var plugins = try choosePlugins(args)
        let packs = try choosePacks(args, plugins: plugins)
        // "Every analysis" by default, but scenarios needs a pack: with none given or found,
        // it is left out with one note, not failed on every article. Named in --with, it runs
        // (on packs the input records carry).
        if args.value("with") == nil, plugins.contains("scenarios"), packs.isEmpty,
           !options.contains(where: { $0.key == "pack" && ($0.plugin ?? "scenarios") == "scenarios" }) {
            plugins.removeAll { $0 == "scenarios" }
            if !args.has("quiet") {
                Diagnostics.write("galley analyze: no scenario pack (give --pack FILE, or put packs in a scenarios/ folder beside the articles): scenarios left out")
            }
        }
        // Packs found beside the inputs apply to every article of the run: say which, so that
        // a mixed run does not score unrelated articles against them unnoticed.
        if args.all("pack").isEmpty, !packs.isEmpty, !args.has("quiet") {
            let names = packs.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
            Diagnostics.write("galley analyze: scenario packs found beside the inputs, scored on every article: \(names) (--pack FILE chooses)")
        }
        // Several packs travel as one JSON array; the scenarios plugin answers under "packs".
        if packs.count == 1 { options.append(try OptionAssignment(parsing: "pack=" + packs[0])) }
        if packs.count > 1 { options.append(try OptionAssignment(parsing: "pack=" + JSONWriter.string(.array(packs.map(JSONValue.string))))) }

        let log = HostLog()
        log.verbose = args.has("verbose")
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline(plugins: plugins, options: options, settings: settings, log: log,
                                    output: format == "ndjson" ? OutputWriter(fd: 1, writeBehind: Pipeline.outputBehind) : nil)
        } catch let e as HostError {
            throw CLIError("galley analyze: \(e.message)", status: e.kind == .usage ? .usage : .unavailable)
        }
        let folder: OutputFolder?
        let resumed: OutputFolder.Resumed
        do throws(OutputFolderError) {
            folder = try args.value("out").map { path throws(OutputFolderError) in try OutputFolder(path) }
            let typed: [JSONValue] = options.map { o in .string((o.plugin.map { $0 + "." } ?? "") + o.key + "=" + o.text) }
            let recipe = JSONWriter.string(.object(JSONObject([("plugins", .array(plugins.map(JSONValue.string))), ("options", .array(typed))])))
            resumed = try folder?.open(resume: args.has("resume"), recipe: recipe) ?? OutputFolder.Resumed()
        } catch {
            throw CLIError("galley analyze: \(error)", status: error.isUsage ? .usage : .cantCreate)
        }
        let digest = format == "text" ? Digest() : nil
        let progress = Progress(quiet: args.has("quiet"))
        // Reports are derived as articles finish (a resumed run's kept articles first).
        let reports = try folder.map { try ReportWriter(folder: $0) }
        if let folder, let reports, resumed.count > 0 { try folder.forEachArticle { try reports.add($0) } }
        let feed = reports.map { r in LineFeed { try r.add($0) } }
        // With --out, the folder is what the run is for: a reader of stdout that goes away
        // (`| head`) stops what goes to stdout, and the folder is still finished.
        pipeline.keepsRunningWithoutOutput = folder != nil
        var digestGone = false
        pipeline.observer = { bytes, _ in
            try folder?.append(bytes)
            feed?.send(bytes)
            if let digest, !digestGone {
                progress.clear()
                do { try digest.print(bytes) } catch OutputWriter.WriteError.closed where folder != nil { digestGone = true }
            }
        }
        pipeline.onWritten = { done, failed in progress.update(done: done, failed: failed) }
        pipeline.onTerminate = {
            folder?.suspend(); reports?.discard(); progress.finish()
            if let folder {
                Diagnostics.write("galley analyze: stopped; the finished articles are kept in \(folder.url.path): the same command with --resume goes on from there")
            }
        }
        pipeline.installSignalHandlers()

        var status = StatusTracker()
        var duplicates = 0
        var skipped = 0
        var contents = resumed.contents
        var inputKeys = InputKeys()
        var inputOrder: [String] = []
        /// Whether an earlier run already wrote this input (counting every input, in order, so
        /// that a resumed run can drop what it no longer sees and keep the file in input order).
        func alreadyDone(_ a: Article, content: String) -> Bool {
            guard folder != nil else { return false }
            let key = inputKeys.next(path: a.source.path, id: a.id, content: content)
            inputOrder.append(key)
            return resumed.done.contains(key)
        }
        if progress.isEnabled { progress.total = InputWalker.estimatedRecordCount(args.positional).map { $0 - resumed.count } }
        var walker = InputWalker()
        // An --out folder inside the input is the run's output, not its input.
        walker.excludedFolders = folder.map { [$0.url.path] } ?? []
        var notes = 0
        let outcome = pipeline.run { submit in
            do {
                try walker.walk(args.positional) { item in
                    if pipeline.isStopping { return }
                    switch item {
                    case .article(var a):
                        let key = ContentKey.of(title: a.title, text: a.text)
                        if alreadyDone(a, content: key) { skipped += 1; return }
                        if let first = contents[key] {
                            duplicates += 1
                            a.duplicate = first.id
                            a.warnings.append("duplicate of article \(first.id)\(first.path.map { " (\($0))" } ?? ""): analysed once")
                        } else {
                            contents[key] = FirstCopy(id: a.id, path: a.source.path)
                        }
                        submit(a, false)
                    case .failed(let a, let e):
                        if alreadyDone(a, content: ContentKey.of(title: a.title, text: a.text)) { skipped += 1; return }
                        log.report("galley analyze: \(e.description)")
                        status.record(e)
                        submit(a, true)
                    case .problem(let e):
                        log.report("galley analyze: \(e.description)")
                        status.record(e)
                    case .skipped(let why):
                        notes += 1
                        log.note("galley analyze: note: \(why)")
                    case .ignored(let why):
                        log.note("galley analyze: note: \(why)")
                    }
                }
            } catch {
                log.report("galley analyze: \(error)")
            }
        }
        progress.finish()
        var dropped = 0
        if let folder, let reports {
            do {
                try feed?.close()
                dropped = try folder.complete(resumed: resumed, inputOrder: inputOrder)
                if dropped > 0 {
                    // The reports saw lines that are now gone: derive them again.
                    reports.discard()
                    let fresh = try ReportWriter(folder: folder)
                    try folder.forEachArticle { try fresh.add($0) }
                    try fresh.finish()
                } else {
                    try reports.finish()
                }
            } catch {
                reports.discard()
                throw CLIError("galley analyze: writing reports: \(error)", status: .ioError)
            }
        }
        if !args.has("quiet") {
            var line = String(format: "galley analyze: %d articles in, %d out, %d failed", outcome.articlesIn, outcome.articlesOut, outcome.failed)
            if duplicates > 0 { line += ", \(duplicates) duplicate(s) analysed once" }
            if skipped > 0 { line += ", \(skipped) already done (resumed)" }
            if resumed.retried > 0 { line += ", \(resumed.retried) that had failed tried again" }
            if dropped > 0 { line += ", \(dropped) whose input is gone or changed dropped" }
            line += String(format: ", %.2f s", outcome.seconds)
            if !outcome.stageLines.isEmpty { line += "; " + outcome.stageLines.joined(separator: "; ") }
            Diagnostics.write(line)
            if notes > 0 && !log.verbose { Diagnostics.write(SkippedNote.text("galley analyze", notes)) }
            if let folder { Diagnostics.write("galley analyze: wrote \(folder.url.path)/{articles.ndjson,metrics.csv,scenarios.csv,report.md,report.html}") }
        }
        if outcome.outputFailed { return .ioError }
        if outcome.outputClosed { return .ok }
        if status.status != .ok { return status.status }
        return outcome.failed > 0 ? .articlesFailed : .ok
    }

    /// --with, or every built-in analysis next to the binary.
    static func choosePlugins(_ args: ParsedArguments) throws -> [String] {
        if let with = args.value("with") {
            let names = with.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw CLIError("galley analyze: --with needs plugin names") }
            return names
        }
        let builtIn = PluginLocator().all().filter { $0.origin == "built-in" && $0.name != "noop" }.map(\.name)
        guard !builtIn.isEmpty else { throw CLIError("galley analyze: no built-in plugins found next to galley; name some with --with", status: .unavailable) }
        return builtIn
    }

    /// --pack files, or the packs in a scenarios/ folder beside the inputs, when the chain
    /// includes the scenarios plugin.
    static func choosePacks(_ args: ParsedArguments, plugins: [String]) throws -> [String] {
        let given = args.all("pack")
        for p in given where !FileManager.default.fileExists(atPath: p) {
            throw CLIError("galley analyze: --pack \(p): no such file", status: .noInput)
        }
        if !given.isEmpty { return given.map(absolute) }
        guard plugins.contains("scenarios") else { return [] }
        var found: [String] = []
        var looked = Set<String>()
        for path in args.positional where path != "-" {
            // Beside the articles: in a folder named, or in the folder of a file named (seeds/*.txt).
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            let base = isFolder.boolValue ? URL(fileURLWithPath: path) : URL(fileURLWithPath: path).deletingLastPathComponent()
            let folder = base.appendingPathComponent("scenarios")
            guard looked.insert(folder.standardizedFileURL.path).inserted else { continue }
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            found += files.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0).path }
        }
        return found.map(absolute)
    }

    static func absolute(_ p: String) -> String {
        p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
    }
}
