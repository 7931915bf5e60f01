import Foundation
import GalleyIngest
import GalleyProtocol
import GalleyIO
import GalleyModel

/// `galley ingest`: inputs to Article NDJSON.
enum IngestCommand: Command {
    static let name = "ingest"
    static let summary = "read text, HTML, JSON or NDJSON articles and write Article NDJSON"
    static let usage = "[options] FILE|DIR|- ..."
    static let details = """
    Inputs: plain-text files (UTF-8; Latin-1/Windows-1252 converted with a warning), JSON or
    NDJSON records ({"id","title","text","url","published",...}; other fields are carried
    through; a record with an "html" field and no "text" is read as a web page), saved web
    pages (.html, .htm, .html.gz: the main content becomes the body, page furniture goes to
    "removed" with a reason; title, date, authors and site come from JSON-LD, <meta> tags and
    the markup), folders (read recursively), or '-' for standard input.

    Every input yields exactly one output line. An input that cannot be read becomes a record
    with an "errors" entry, is reported on stderr, and the exit status is non-zero at the end:
    65 bad data, 66 missing input, 74 read failure.

    Examples:
      galley ingest seeds/
      galley ingest saved-page.html.gz | jq -r .text
      cat article.txt | galley ingest - | jq '{title, published, sentences: (.sentences | length)}'
    """
    static let options: [OptionSpec] = [
        OptionSpec(name: "max-line-bytes", valueName: "N", help: "longest NDJSON line accepted (default 67108864)"),
        OptionSpec(name: "raw", help: "keep each record's text exactly as given (no cleaning), so offsets refer to it"),
        ParsedArguments.fieldsOption,
        OptionSpec(name: "quiet", help: "do not report warnings on stderr", short: "q"),
        OptionSpec(name: "verbose", help: "also list what was skipped in folders (other extensions, links to folders already read, pipes and devices, JSON without articles)", short: "v"),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitStatus {
        guard !args.positional.isEmpty else {
            throw CLIError("galley ingest: no input given (a file, a folder, or '-' for stdin); see 'galley ingest --help'")
        }
        var walker = InputWalker(maximumLineBytes: try args.int("max-line-bytes", default: 64 << 20, range: 1...(1 << 31)), raw: args.has("raw"))
        let out = OutputWriter(fd: 1)
        walker.beforeWaiting = { try out.flush() }
        let fields = try args.fields()
        var coverage = fields.map { FieldCoverage($0) }
        func line(_ a: Article) -> [UInt8] {
            guard let fields else { return a.jsonLine }
            // Written with its members' positions: narrowing and the coverage need no scan of it.
            let written = a.jsonLineWithMembers()
            let members = written.members.map { RawJSON.Member(key: $0.key, value: $0.value) }
            coverage?.note(written.bytes, members: members)
            return fields.apply(written.bytes, members: members)
        }
        defer { if !args.has("quiet") { for w in coverage?.warnings ?? [] { Diagnostics.write("galley ingest: \(w)") } } }
        var status = StatusTracker()
        var notes = 0
        defer { if notes > 0 && !args.has("verbose") && !args.has("quiet") { Diagnostics.write(SkippedNote.text("galley ingest", notes)) } }
        do {
            try walker.walk(args.positional) { item in
                switch item {
                case .article(let a):
                    if !args.has("quiet") { for w in a.warnings { Diagnostics.write("galley ingest: \(a.source.path ?? a.id): \(w)") } }
                    try out.writeLine(line(a))
                case .failed(let a, let e):
                    Diagnostics.write("galley ingest: \(e.description)")
                    status.record(e)
                    try out.writeLine(line(a))
                case .problem(let e):
                    Diagnostics.write("galley ingest: \(e.description)")
                    status.record(e)
                case .skipped(let why):
                    notes += 1
                    if args.has("verbose") { Diagnostics.write("galley ingest: note: \(why)") }
                case .ignored(let why):
                    if args.has("verbose") { Diagnostics.write("galley ingest: note: \(why)") }
                }
            }
            try out.flush()
        } catch OutputWriter.WriteError.closed {
            return .ok
        } catch let e as OutputWriter.WriteError {
            throw CLIError("galley ingest: \(e)", status: .ioError)
        }
        return status.status
    }
}

/// The exit status a run earns from its input problems: the most telling one wins.
struct StatusTracker {
    private(set) var missing = false, unreadable = false, bad = false

    mutating func record(_ e: IngestError) {
        switch e.kind {
        case .missing: missing = true
        case .unreadable: unreadable = true
        case .badData: bad = true
        }
    }

    var status: ExitStatus {
        if missing { return .noInput }
        if unreadable { return .ioError }
        if bad { return .dataError }
        return .ok
    }
}

/// One line saying how much a folder walk skipped on purpose, and how to see it.
enum SkippedNote {
    static func text(_ command: String, _ count: Int) -> String {
        "\(command): \(count) input(s) skipped in folders (other extensions, JSON without articles, links to folders already read, pipes or devices); -v lists them"
    }
}
