import Foundation
import Testing

/// `galley analyze` over folders, with the Python example plugin standing in for the
/// analyses (fast and deterministic); the built-in analyses have their own suites.
@Suite(.serialized) struct AnalyzeCLITests {
    static let wordstats = GalleyProcess.package.appendingPathComponent("Plugins/python/wordstats.py").path

    func corpus(_ n: Int, in dir: URL) throws {
        for k in 1...n {
            let text = "Story Number \(k) Has A Headline\n\nThis is the body of story \(k). It has \(k + 2) words or so. Another sentence here.\n"
            try Data(text.utf8).write(to: dir.appendingPathComponent(String(format: "story-%03d.txt", k)))
        }
    }

    func lines(_ url: URL) -> [[String: Any]] {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
    }

    @Test func writesEveryOutputFile() throws {
        let out = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try GalleyProcess.run(["analyze", "seeds", "--with", Self.wordstats, "--out", out.path, "--format", "ndjson"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json.count == 5)
        for name in ["articles.ndjson", "metrics.csv", "scenarios.csv", "report.md", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("articles.ndjson.partial").path))
        #expect(lines(out.appendingPathComponent("articles.ndjson")).count == 5)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"), "self-contained")
        #expect(html.contains("The AI Rebalancing"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") && $0 != ".galley-run.json" && $0 != ".galley-lock" }
        #expect(leftovers.isEmpty, "no temporary files left: \(leftovers)")
    }

    /// One run writes a folder at a time: two runs into one --out removed each other's files
    /// (both lost everything, and one could report files that were gone). The second is
    /// refused before it touches anything, while the first holds the folder's lock.
    @Test func aFolderBeingWrittenIsRefused() throws {
        let out = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let first = try GalleyProcess.run(["analyze", "seeds", "--with", Self.wordstats, "--out", out.path, "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        // Hold the lock as a running analyze does.
        let fd = open(out.appendingPathComponent(".galley-lock").path, O_RDWR)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        let second = try GalleyProcess.run(["analyze", "seeds", "--with", Self.wordstats, "--out", out.path, "-q"])
        #expect(second.status == 73 && second.stderr.contains("is being written by another galley analyze run"), "\(second.status) \(second.stderr)")
        #expect(lines(out.appendingPathComponent("articles.ndjson")).count == 5, "the first run's files are untouched")
        close(fd)
        let third = try GalleyProcess.run(["analyze", "seeds", "--with", Self.wordstats, "--out", out.path, "-q"])
        #expect(third.status == 0, "\(third.stderr)")
    }

    /// Every analysis by default, but scenarios needs a pack: a folder without one is analysed
    /// by the rest, with one note, and the run succeeds. Named in --with, scenarios runs and
    /// says on each article that it has no pack.
    /// Packs beside the articles are found whether the folder or its files are named
    /// (`analyze seeds/*.txt` said "no scenario pack" beside seeds/scenarios/).
    @Test func packsBesideNamedFilesAreFound() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: GalleyProcess.package.appendingPathComponent("seeds").path)
            .filter { $0.hasSuffix(".txt") }.sorted().prefix(2).map { "seeds/" + $0 }
        let r = try GalleyProcess.run(["analyze"] + files + ["--format", "ndjson"])
        #expect(r.status == 0 && !r.stderr.contains("no scenario pack"), "\(r.stderr)")
        #expect(r.json.count == 2 && r.json.allSatisfy { ($0["analyses"] as? [String: Any])?["scenarios"] != nil })
    }

    @Test func withoutAPackScenariosIsLeftOut() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try corpus(2, in: dir)
        let r = try GalleyProcess.run(["analyze", dir.path, "--format", "ndjson"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("no scenario pack") && r.stderr.contains("scenarios left out"))
        let analyses = r.json.compactMap { $0["analyses"] as? [String: Any] }
        #expect(analyses.count == 2 && analyses.allSatisfy { $0["summary"] != nil && $0["scenarios"] == nil })
        let named = try GalleyProcess.run(["analyze", dir.path, "--with", "summarize,scenarios", "--format", "ndjson"])
        #expect(named.status == 1)
        #expect(named.json.allSatisfy { (($0["errors"] as? [[String: Any]])?.first?["stage"] as? String) == "scenarios" })
    }

    @Test func digestOnRequest() throws {
        let r = try GalleyProcess.run(["analyze", "seeds", "--with", Self.wordstats, "--format", "text"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("━━ The Hidden Cost of the AI Arms Race Explodes at Meta"))
        #expect(r.stdout.contains("wordstats: {\"words\":"))
    }

    /// The digest goes to a person, often through `head`: a reader that goes away ends the
    /// run quietly (it used to trap on the write: status 132, a stack trace).
    @Test func digestToAClosedReaderStopsQuietly() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let status = dir.appendingPathComponent("status")
        let r = try GalleyProcess.run(["-c", "{ '\(GalleyProcess.binary.path)' analyze seeds --with '\(Self.wordstats)' --format text; echo $? > '\(status.path)'; } | head -n 1 > /dev/null"],
                                      executable: URL(fileURLWithPath: "/bin/sh"), cwd: GalleyProcess.package)
        let stderr = r.stderr
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Broken pipe"), "\(stderr)")
        #expect((try? String(contentsOf: status, encoding: .utf8)) == "0\n")
    }

    /// With --out, the folder is the product: `| head -1` takes its line and the run still
    /// finishes every article and every report (it stopped with a partial folder, status 0).
    @Test func anOutFolderIsFinishedWhenStdoutGoesAway() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try corpus(300, in: dir.appendingPathComponent("in").creatingFolder())
        let out = dir.appendingPathComponent("out"), status = dir.appendingPathComponent("status")
        let script = "{ '\(GalleyProcess.binary.path)' analyze '\(dir.path)/in' --with '\(Self.wordstats)' --out '\(out.path)' --format ndjson -q; echo $? > '\(status.path)'; } | head -n 1 > /dev/null"
        _ = try GalleyProcess.run(["-c", script], executable: URL(fileURLWithPath: "/bin/sh"), cwd: GalleyProcess.package)
        #expect((try? String(contentsOf: status, encoding: .utf8)) == "0\n")
        #expect(lines(out.appendingPathComponent("articles.ndjson")).count == 300)
        for file in ["report.html", "report.md", "metrics.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
    }

    @Test func duplicatesAreAnalysedOnceAndReported() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try corpus(3, in: dir)
        try FileManager.default.copyItem(at: dir.appendingPathComponent("story-002.txt"), to: dir.appendingPathComponent("story-002-copy.txt"))
        let r = try GalleyProcess.run(["analyze", dir.path, "--with", Self.wordstats, "--format", "ndjson"])
        #expect(r.status == 0)
        #expect(r.json.count == 4)
        // Files are read in name order, so "story-002-copy.txt" comes first and "story-002.txt" repeats it.
        let marked = r.json.filter { $0["duplicate"] as? String != nil }
        #expect(marked.count == 1)
        #expect((marked.first?["source"] as? [String: Any])?["path"] as? String == dir.appendingPathComponent("story-002.txt").path)
        #expect((marked.first?["analyses"] as? [String: Any])?.isEmpty == true, "not analysed again")
        // Identical files share their id: the warning names the first one's file.
        #expect((marked.first?["warnings"] as? [String])?.contains { $0.contains("story-002-copy.txt") } == true, "\(marked)")
        #expect(r.stderr.contains("1 duplicate(s) analysed once"))
    }

    @Test func badFilesAreReportedAndTheRestAnalysed() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try corpus(3, in: dir)
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        try Data([0, 1, 2, 3, 0xFF, 0xD8]).write(to: dir.appendingPathComponent("image.txt"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop").path, withDestinationPath: dir.path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("unreadable.txt").path, withDestinationPath: "/proc/self/mem")
        let out = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try GalleyProcess.run(["analyze", dir.path, "--with", Self.wordstats, "--out", out.path, "--format", "none"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("empty.txt: empty input"))
        #expect(r.stderr.contains("image.txt: looks like a binary file"))
        #expect(r.stderr.contains("unreadable.txt"))
        let written = lines(out.appendingPathComponent("articles.ndjson"))
        #expect(written.filter { ($0["analyses"] as? [String: Any])?["wordstats"] != nil }.count == 3)
        #expect(written.count == 6, "one record per input file, the loop followed once")
    }

    @Test func anInterruptedRunResumesWithoutLossOrDuplication() throws {
        let dir = try GalleyProcess.temporaryFolder()
        let out = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: out) }
        try corpus(30, in: dir)
        // A slow plugin, interrupted part-way.
        let p = Process()
        p.executableURL = GalleyProcess.binary
        p.arguments = ["analyze", dir.path, "--with", RunCLITests.faulty, "--out", out.path, "--format", "none", "-q"]
        p.environment = ProcessInfo.processInfo.environment.merging(["FAULT": "slow=0.2"]) { $1 }
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        // Interrupt once some articles are written (however slowly a busy machine starts).
        let deadline = Date().addingTimeInterval(20)
        while lines(out.appendingPathComponent("articles.ndjson.partial")).count < 2 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        let partial = lines(out.appendingPathComponent("articles.ndjson.partial"))
        #expect(partial.count > 0 && partial.count < 30, "interrupted part-way: \(partial.count)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("articles.ndjson").path))
        // Tear the last line, as a crash in the middle of a write would.
        let h = try FileHandle(forWritingTo: out.appendingPathComponent("articles.ndjson.partial"))
        try h.seekToEnd()
        try h.write(contentsOf: Data(#"{"galley":1,"id":"torn"#.utf8))
        try h.close()
        let r = try GalleyProcess.run(["analyze", dir.path, "--with", RunCLITests.faulty, "--out", out.path, "--resume", "--format", "none"],
                                      environment: ["FAULT": "ok"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("already done (resumed)"))
        let all = lines(out.appendingPathComponent("articles.ndjson"))
        let ids = all.compactMap { $0["id"] as? String }
        #expect(ids.count == 30)
        #expect(Set(ids).count == 30, "no article twice")
        #expect(all.allSatisfy { ($0["analyses"] as? [String: Any])?["faulty"] != nil })
        // The reports cover both runs' articles (the kept ones are read back first), and the
        // interrupted run's temporary files are gone.
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("**30** articles"), "\(report.prefix(600))")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// `--resume` knows inputs by file, id and position among equal ids, not by id alone:
    /// records that reuse an id and identical files (same content-derived id) are all kept.
    /// Articles that failed are tried again; inputs deleted or changed since are dropped,
    /// and the reports are derived again without them.
    @Test func resumeKeepsSharedIdsRetriesFailuresAndDropsWhatIsGone() throws {
        let dir = try GalleyProcess.temporaryFolder()
        let out = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: out) }
        try corpus(3, in: dir)
        try FileManager.default.copyItem(at: dir.appendingPathComponent("story-002.txt"), to: dir.appendingPathComponent("story-002-copy.txt"))
        let records = (1...3).map { #"{"id":"x","title":"Record \#($0)","text":"Body of record number \#($0). It says something."}"# }
        try Data((records.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("records.ndjson"))
        func analyze(_ extra: [String], fault: String) throws -> GalleyProcess.Result {
            try GalleyProcess.run(["analyze", dir.path, "--with", RunCLITests.faulty, "--out", out.path, "--format", "none"] + extra,
                                  environment: ["FAULT": fault])
        }
        let first = try analyze([], fault: "error_on=x")
        #expect(first.status == 1, "\(first.stderr)")
        #expect(lines(out.appendingPathComponent("articles.ndjson")).count == 7)
        // Nothing changed: everything but the failures is kept, and they are tried again.
        let second = try analyze(["--resume"], fault: "ok")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("4 already done (resumed)") && second.stderr.contains("3 that had failed tried again"), "\(second.stderr)")
        var all = lines(out.appendingPathComponent("articles.ndjson"))
        #expect(all.count == 7)
        #expect(all.filter { $0["id"] as? String == "x" }.count == 3)
        #expect(all.allSatisfy { ($0["errors"] as? [Any] ?? []).isEmpty })
        #expect(all.filter { ($0["analyses"] as? [String: Any])?["faulty"] != nil }.count == 6, "all but the duplicate")
        // A file deleted, another edited: the first's article goes, the second's is replaced.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("story-001.txt"))
        try Data("Story Number 3 Has A New Headline\n\nThe body changed. It is new.\n".utf8).write(to: dir.appendingPathComponent("story-003.txt"))
        let third = try analyze(["--resume"], fault: "ok")
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("2 whose input is gone or changed dropped"), "\(third.stderr)")
        all = lines(out.appendingPathComponent("articles.ndjson"))
        #expect(all.count == 6)
        #expect(all.compactMap { $0["title"] as? String }.filter { $0.hasPrefix("Story Number") }.sorted()
                == ["Story Number 2 Has A Headline", "Story Number 2 Has A Headline", "Story Number 3 Has A New Headline"])
        // Still in input order, as a fresh run writes it: the retried records and the changed
        // story sit where their inputs are (they were appended at the end).
        let fresh = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: fresh) }
        _ = try GalleyProcess.run(["analyze", dir.path, "--with", RunCLITests.faulty, "--out", fresh.path, "--format", "none"], environment: ["FAULT": "ok"])
        #expect(all.map { $0["title"] as? String } == lines(fresh.appendingPathComponent("articles.ndjson")).map { $0["title"] as? String })
        let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("**6** articles"), "\(report.prefix(400))")
    }

    /// A record edited in place keeps its id: `--resume` sees its new content and analyses it
    /// again (the old line was kept), and records reordered or added keep input order.
    @Test func resumeSeesARecordEditedInPlace() throws {
        let dir = try GalleyProcess.temporaryFolder()
        let out = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: out) }
        let file = dir.appendingPathComponent("r.ndjson")
        func write(_ texts: [String]) throws {
            try Data((texts.map { #"{"id":"x","title":"T","text":"\#($0)"}"# }.joined(separator: "\n") + "\n").utf8).write(to: file)
        }
        func run(_ extra: [String]) throws -> [String] {
            let r = try GalleyProcess.run(["analyze", dir.path, "--with", "summarize", "--out", out.path, "--format", "none", "-q"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return lines(out.appendingPathComponent("articles.ndjson")).compactMap { $0["text"] as? String }
        }
        try write(["Old one. Yes.", "Old two. Yes."])
        #expect(try run([]) == ["Old one. Yes.", "Old two. Yes."])
        try write(["New zero. Added.", "Old two. Yes.", "Old one, edited. Yes."])
        #expect(try run(["--resume"]) == ["New zero. Added.", "Old two. Yes.", "Old one, edited. Yes."])
    }

    /// The output folder is Galley's: a folder holding other files is refused, a fresh run
    /// clears what an earlier one wrote, and `--resume` refuses a run asked to do otherwise.
    @Test func theOutputFolderIsGalleysAlone() throws {
        let out = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        try Data("my notes".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let refused = try GalleyProcess.run(["analyze", "seeds", "--with", Self.wordstats, "--out", out.path, "--format", "none"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("holds files galley did not write (notes.txt)"), "\(refused.stderr)")
        #expect((try? String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8)) == "my notes")
        try FileManager.default.removeItem(at: out.appendingPathComponent("notes.txt"))
        // A killed run's temporary file (its process gone) is litter, removed by the next run.
        try Data("x".utf8).write(to: out.appendingPathComponent(".metrics.csv.tmp-999999999"))
        let first = try GalleyProcess.run(["analyze", "seeds", "--with", Self.wordstats, "--out", out.path, "--format", "none"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".metrics.csv.tmp-999999999").path))
        let other = try GalleyProcess.run(["analyze", "seeds", "--with", "summarize", "--out", out.path, "--resume", "--format", "none"])
        #expect(other.status == 64)
        #expect(other.stderr.contains("made by a run with other plugins"), "\(other.stderr)")
        // A fresh run into the folder starts from nothing: no report of the earlier run stays
        // beside its articles while it runs.
        let p = Process()
        p.executableURL = GalleyProcess.binary
        p.arguments = ["analyze", "seeds", "--with", RunCLITests.faulty, "--out", out.path, "--format", "none", "-q"]
        p.environment = ProcessInfo.processInfo.environment.merging(["FAULT": "slow=0.5"]) { $1 }
        try p.run()
        let deadline = Date().addingTimeInterval(20)
        // The partial file appears once the run has cleared the folder (so no race with the clearing).
        while !FileManager.default.fileExists(atPath: out.appendingPathComponent("articles.ndjson.partial").path) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("report.md").path))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("metrics.csv").path))
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let file = out.appendingPathComponent(".galley-run.json")
        let onAFile = try GalleyProcess.run(["analyze", "seeds", "--with", Self.wordstats, "--out", file.path + "/sub", "--format", "none"])
        #expect(onAFile.status == 73 && !onAFile.stderr.contains("NSCocoaErrorDomain"), "\(onAFile.stderr)")
    }

    /// Report folders of earlier runs inside the input are output, not input: a second run
    /// with another --out reads the same articles as the first (it read the first's reports).
    @Test func earlierReportFoldersInTheInputAreNotRead() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try corpus(3, in: dir)
        let first = try GalleyProcess.run(["analyze", dir.path, "--with", Self.wordstats, "--out", dir.appendingPathComponent("out").path, "--format", "none"])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try GalleyProcess.run(["analyze", dir.path, "--with", Self.wordstats, "--out", dir.appendingPathComponent("out2").path,
                                            "--format", "none", "-v"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(lines(dir.appendingPathComponent("out2/articles.ndjson")).count == 3)
        #expect(second.stderr.contains("a galley analyze output folder"), "\(second.stderr)")
    }

    /// A bad pack is the user's mistake, found before any article is read: status 64 with
    /// the pack's fault named, as `galley run scenarios --pack` does (it used to run the whole
    /// corpus with an error on every article).
    @Test func aBadPackStopsTheRunBeforeItStarts() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pack = dir.appendingPathComponent("bad.json")
        try Data(#"{"id":"p","scenarios":[{"id":"a","name":"A","description":"one only"}]}"#.utf8).write(to: pack)
        let r = try GalleyProcess.run(["analyze", "seeds", "--pack", pack.path, "--format", "ndjson"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("plugin 'scenarios' refused its options") && r.stderr.contains("scenario pack: 'scenarios'"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// What a terminal shows of `galley ARGUMENTS` (stdout and stderr), through `script`.
    func onTerminal(_ arguments: String) throws -> String {
        try GalleyProcess.run(["-qec", "'\(GalleyProcess.binary.path)' \(arguments)", "/dev/null"],
                              executable: URL(fileURLWithPath: "/usr/bin/script")).stdout
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressShowsOnATerminalOnly() throws {
        // `script` gives galley a terminal for stderr; piped, it stays silent.
        let text = try onTerminal("analyze seeds --with '\(Self.wordstats)' --format none")
        #expect(text.contains("galley analyze: 5/5 articles"), "\(text)")
        #expect(!text.contains("\u{1B}["), "no colour or cursor codes")
        // With the digest on the same terminal, the progress line is blanked (carriage return)
        // before each article is printed, not left in front of it.
        let shown = try onTerminal("analyze seeds --with '\(Self.wordstats)' --format text")
        #expect(shown.contains("━━ "))
        // Bytes: a terminal's "\r\n" is one Character to Swift.
        let bytes = Array(shown.utf8), mark = Array("━━ ".utf8)
        var starts = 0
        for i in 0..<max(0, bytes.count - mark.count) where Array(bytes[i..<(i + mark.count)]) == mark {
            starts += 1
            #expect(i == 0 || bytes[i - 1] == 0x0D || bytes[i - 1] == 0x0A,
                    "progress left in front of the digest: \(String(decoding: bytes[max(0, i - 60)..<i], as: UTF8.self))")
        }
        #expect(starts == 5)
        let piped = try GalleyProcess.run(["analyze", "seeds", "--with", Self.wordstats, "--format", "none"])
        #expect(!piped.stderr.contains("articles, ") || !piped.stderr.contains("/s, ETA"))
        #expect(!piped.stderr.contains("\r"))
    }

    @Test func resumeNeedsAnOutputFolder() throws {
        let r = try GalleyProcess.run(["analyze", "seeds", "--resume"])
        #expect(r.status == 64)
    }
}

extension URL {
    /// This folder, created (with its parents) if need be.
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return self
    }
}
