import Foundation
import GalleyIngest
import GalleyJSON
import GalleyIO
import GalleyModel

/// `galley bench`: throughput measurements, always next to a reference run on the same input
/// in the same session, so the figures can be read as ratios.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "measure throughput (ingest, relay), with peers timed in the same run"
    static let usage = "ingest|relay [FILE] [--repeat N]"
    static let details = """
    bench relay: Article NDJSON (default: the BBC dev set ingested, repeated to 5,000 records)
    through `cat`, `jq -c .`, `galley run noop` (a do-nothing Swift plugin: the host's own
    cost), the Python example plugin, and a CPU-heavy plugin with --jobs 1 and 2; prints
    records/s and each figure as a ratio to jq's.

    bench ingest: reads FILE (default ../shared/data/bbc/dev.ndjson) into memory, ingests every
    record and serialises the Article, N times (default 3), and reports the best run in
    articles/s and MB/s of input. For scale it also times `jq -c .` on the same file (when jq
    is installed): jq only parses and re-prints JSON, so it is a floor, not a peer.
    """
    static let options: [OptionSpec] = [
        OptionSpec(name: "repeat", valueName: "N", help: "runs to take the best of (default 3)"),
    ]

    static func run(_ args: ParsedArguments) throws -> ExitStatus {
        if args.positional.first == "relay" { return try RelayBench.run(args) }
        guard args.positional.first == "ingest" else {
            let what = args.positional.first.map { "unknown benchmark '\($0)'" } ?? "say what to measure"
            throw CLIError("galley bench: \(what): 'galley bench ingest [FILE]' or 'galley bench relay [FILE]'")
        }
        let path = args.positional.dropFirst().first ?? "../shared/data/bbc/dev.ndjson"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("galley bench: \(path): cannot read", status: .noInput)
        }
        let repeats = try args.int("repeat", default: 3, range: 1...100)
        let lines = data.split(separator: 0x0A)
        var best = Double.infinity
        var count = 0
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            count = 0
            var sink = 0
            for line in lines {
                let article: Article
                do { article = try Ingester.article(fromRecord: try JSONParser.parse(Array(line)), name: path) } catch {
                    article = Ingester.failed(IngestError(input: path, reason: "\(error)"))
                }
                sink &+= article.jsonLine.count
                count += 1
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
            if sink == 0 { print("") }
        }
        let mb = Double(data.count) / 1e6
        print(String(format: "galley ingest: %d articles, %.1f MB in %.3f s: %.0f articles/s, %.1f MB/s (best of %d, one core)",
                     count, mb, best, Double(count) / best, mb / best, repeats))
        if let jq = timeJQ(path) {
            print(String(format: "jq -c . (reference): %.3f s: %.0f records/s, %.1f MB/s; galley ingest runs at %.2fx jq's speed",
                         jq, Double(count) / jq, mb / jq, jq / best))
        }
        return .ok
    }

    static func timeJQ(_ path: String) -> Double? {
        guard let jq = ["/usr/bin/jq", "/usr/local/bin/jq"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: jq)
        p.arguments = ["-c", ".", path]
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let start = DispatchTime.now().uptimeNanoseconds
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
