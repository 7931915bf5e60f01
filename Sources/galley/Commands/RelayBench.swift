import Foundation
import GalleyHost
import GalleyIngest
import GalleyIO

/// `galley bench relay`: the host's throughput next to `cat` and `jq -c .` on the same input,
/// in one run, best of N wall-clock times each.
enum RelayBench {
    static func run(_ args: ParsedArguments) throws -> ExitStatus {
        let repeats = try args.int("repeat", default: 3, range: 1...20)
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("galley-bench-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let input: String
        if let given = args.positional.dropFirst().first {
            input = given
        } else {
            input = work.appendingPathComponent("articles.ndjson").path
            try makeArticles(to: input, me: me)
        }
        // stat(2), not FileManager's attributes: those look up the owner's name, which a fully
        // static release build would do through the system's name-service libraries.
        var info = stat()
        guard stat(input, &info) == 0 else {
            throw CLIError("galley bench relay: \(input): cannot read", status: .noInput)
        }
        let size = Int(info.st_size)
        let records = try countLines(input)
        print(String(format: "input: %d records, %.1f MB, %.1f KB per record", records, Double(size) / 1e6, Double(size) / Double(records) / 1024))
        let python = FileManager.default.fileExists(atPath: "Plugins/python/wordstats.py") ? "./Plugins/python/wordstats.py" : nil
        let burner = FileManager.default.fileExists(atPath: "Tests/Fixtures/plugins/faulty.py") ? "Tests/Fixtures/plugins/faulty.py" : nil
        var cases: [(String, String)] = [("cat", "cat"), ("jq -c .", "jq -c ."),
                                         ("galley run noop", "'\(me)' run noop -q"),
                                         ("galley run noop --jobs 2", "'\(me)' run noop -q --jobs 2")]
        if let python { cases.append(("galley run wordstats.py (Python)", "'\(me)' run \(python) -q")) }
        if let burner {
            cases.append(("CPU-heavy plugin (2 ms/article), --jobs 1", "FAULT=burn=2 '\(me)' run \(burner) -q"))
            cases.append(("CPU-heavy plugin (2 ms/article), --jobs 2", "FAULT=burn=2 '\(me)' run \(burner) -q --jobs 2"))
        }
        var jqTime: Double?
        var burnOne: Double?
        for (label, command) in cases {
            guard let t = best(of: repeats, "\(command) < '\(input)' > /dev/null") else {
                print("\(label.padding(46))failed or not installed")
                continue
            }
            if label == "jq -c ." { jqTime = t }
            if label.hasSuffix("--jobs 1") { burnOne = t }
            var line = String(format: "%@%8.3f s %10.0f records/s", label.padding(46), t, Double(records) / t)
            if let jq = jqTime { line += String(format: "   %5.2fx jq", jq / t) }
            if label.hasSuffix("--jobs 2"), label.hasPrefix("CPU"), let one = burnOne { line += String(format: "   %4.2fx --jobs 1", one / t) }
            print(line)
        }
        return .ok
    }

    /// The BBC dev set as Galley articles, repeated to 5,000 lines.
    static func makeArticles(to path: String, me: String) throws {
        let source = "../shared/data/bbc/dev.ndjson"
        guard FileManager.default.fileExists(atPath: source) else {
            throw CLIError("galley bench relay: give an Article NDJSON file (the default input \(source) is missing)", status: .noInput)
        }
        let once = path + ".once"
        guard best(of: 1, "'\(me)' ingest -q '\(source)' > '\(once)'") != nil else { throw CLIError("galley bench relay: ingest failed", status: .software) }
        let lines = try String(contentsOfFile: once, encoding: .utf8).split(separator: "\n")
        var out = ""
        for k in 0..<5_000 { out += lines[k % lines.count] + "\n" }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func countLines(_ path: String) throws -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)", status: .noInput) }
        return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Best wall-clock time of a shell command over `n` runs; nil when it fails.
    static func best(of n: Int, _ command: String) -> Double? {
        var bestTime = Double.infinity
        for _ in 0..<n {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", "set -o pipefail; " + command]
            p.standardError = FileHandle(forWritingAtPath: "/dev/null")
            let start = DispatchTime.now().uptimeNanoseconds
            guard (try? p.run()) != nil else { return nil }
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { return nil }
            bestTime = min(bestTime, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return bestTime
    }
}
