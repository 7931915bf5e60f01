import Foundation
import Testing

/// `galley run` against real child processes: the example plugins in three languages and a
/// plugin that misbehaves on purpose (Tests/Fixtures/plugins/faulty.py, behaviour set by FAULT).
@Suite(.serialized) struct RunCLITests {
    static let faulty = GalleyProcess.package.appendingPathComponent("Tests/Fixtures/plugins/faulty.py").path

    static func records(_ n: Int) -> Data {
        Data((1...n).map { #"{"id":"a\#($0)","title":"Title \#($0)","text":"Body \#($0). More text."}"# }.joined(separator: "\n").utf8 + [0x0A])
    }

    func run(_ fault: String, _ extra: [String] = [], input: Data = RunCLITests.records(6)) throws -> GalleyProcess.Result {
        try GalleyProcess.run(["run", Self.faulty] + extra, stdin: input, environment: ["FAULT": fault])
    }

    /// ids and whether each output carries an error, in output order.
    func shape(_ r: GalleyProcess.Result) -> [String] {
        r.json.map { a in
            let id = a["id"] as? String ?? "?"
            let errors = (a["errors"] as? [Any])?.count ?? 0
            let seen = ((a["analyses"] as? [String: Any])?["faulty"] as? [String: Any])?["seen"] as? String
            if errors > 0 { return id + "!" }
            return seen == id ? id : id + "?"
        }
    }

    static let allGood = ["a1", "a2", "a3", "a4", "a5", "a6"]

    @Test func healthyPluginKeepsOrderAndCounts() throws {
        let r = try run("ok")
        #expect(r.status == 0)
        #expect(shape(r) == Self.allGood)
        #expect(r.stderr.contains("galley run: 6 in, 6 out, 0 failed"))
    }

    @Test func fieldsNarrowTheOutputAndKeepErrors() throws {
        // Only what was asked for (plus id and errors); a failed article still says so.
        let r = try run("crash_on=a3", ["--fields", "title,analyses.faulty.seen"])
        #expect(r.status == 1)
        #expect(shape(r) == ["a1", "a2", "a3!", "a4", "a5", "a6"])
        #expect(r.json.allSatisfy { Set($0.keys).isSubset(of: ["id", "title", "errors", "analyses"]) })
        #expect(r.json.first.map { (($0["analyses"] as? [String: Any])?["faulty"] as? [String: Any])?.keys.sorted() } == ["seen"])
        let ingested = try GalleyProcess.run(["ingest", "seeds", "--fields", "published,source.site"])
        #expect(ingested.json.count == 5)
        #expect(ingested.json.first?["published"] as? String == "2026-03-17")
        #expect(((ingested.json.first?["source"]) as? [String: Any])?.keys.sorted() == ["site"])
        let bad = try run("ok", ["--fields", "analyses..x"])
        #expect(bad.status == 64 && bad.stderr.contains("--fields"))
        // A bad option value names the program and the command, like every other message.
        let jobs = try run("ok", ["--jobs", "0"])
        #expect(jobs.status == 64 && jobs.stderr.hasPrefix("galley run: --jobs expects a whole number"), "\(jobs.stderr)")
    }

    /// With --fields the host writes only the members someone reads, so the output must be
    /// exactly the narrowed output of a full run, and every plugin must still get what it asked for.
    @Test func fieldsNarrowTheOutputNotWhatPluginsSee() throws {
        let input = Data(#"{"id":"r1","title":"Cuts","text":"Meta will cut 5% of staff. The plan was announced on Monday. Shares rose.","budget":{"sentences":1},"topic":"tech"}"#.utf8 + [0x0A])
        let full = try GalleyProcess.run(["run", Self.faulty, "summarize"], stdin: input, environment: ["FAULT": "ok"])
        let narrow = try GalleyProcess.run(["run", Self.faulty, "summarize", "--fields", "topic,analyses.summary"], stdin: input, environment: ["FAULT": "ok"])
        #expect(full.status == 0 && narrow.status == 0)
        let a = try #require(full.json.first), b = try #require(narrow.json.first)
        #expect(Set(b.keys) == ["id", "errors", "topic", "analyses"])
        #expect(b["topic"] as? String == "tech")
        let summary = { (o: [String: Any]) in ((o["analyses"] as? [String: Any])?["summary"] as? [String: Any]) }
        #expect(summary(b).map { NSDictionary(dictionary: $0) } == summary(a).map { NSDictionary(dictionary: $0) })
        #expect((summary(b)?["sentences"] as? [Any])?.count == 1, "the record's budget still reaches the summarizer")
        // faulty.py requires "title": it gets id and title in both runs.
        let keys = { (o: [String: Any]) in ((o["analyses"] as? [String: Any])?["faulty"] as? [String: Any])?["keys"] as? [String] }
        #expect(keys(a) == ["id", "title"])
        let both = try GalleyProcess.run(["run", Self.faulty, "--fields", "analyses.faulty.keys"], stdin: input, environment: ["FAULT": "ok"])
        #expect(both.json.first.flatMap(keys) == ["id", "title"])
    }

    @Test func aNewerArticleSchemaIsRefusedNotMisread() throws {
        // ARTICLE.md: a reader seeing a larger `galley` number must refuse the article.
        let input = Data(#"{"galley":2,"id":"n1","title":"T","text":"Body.","paragraphs":[]}"#.utf8 + [0x0A])
        let r = try GalleyProcess.run(["run", "noop"], stdin: input)
        #expect(r.status == 1)
        #expect(r.json.count == 1 && r.json.first?["id"] as? String == "n1")
        let error = (r.json.first?["errors"] as? [[String: Any]])?.first
        #expect(error?["stage"] as? String == "ingest" && (error?["message"] as? String)?.contains("schema version 2") == true)
    }

    @Test func crashOnOneArticleFailsOnlyThatArticle() throws {
        let r = try run("crash_on=a3")
        #expect(r.status == 1)
        #expect(shape(r) == ["a1", "a2", "a3!", "a4", "a5", "a6"])
        #expect(r.stderr.contains("faulty exited with status 1"))
        let error = (r.json[2]["errors"] as? [[String: Any]])?.first
        #expect(error?["stage"] as? String == "faulty" && error?["code"] as? Int == -32001)
        // The record carries the plugin's last words (a pipe() user sees only the records).
        #expect((error?["message"] as? String)?.hasSuffix("; its last stderr line: cannot handle a3") == true, "\(error ?? [:])")
    }

    /// The host grows its plugin's stdin and stdout pipes to 1 MB (requests and answers then
    /// cross in large blocks), within its budget, and leaves stderr alone (see PipeCapacity).
    @Test(.enabled(if: (try? String(contentsOfFile: "/proc/sys/fs/pipe-max-size", encoding: .utf8))
        .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.map { $0 >= 1 << 20 } ?? false))
    func aPluginsRequestAndAnswerPipesAreGrown() throws {
        let r = try run("pipe_sizes", ["--jobs", "1"], input: RunCLITests.records(1))
        let pipes = ((r.json.first?["analyses"] as? [String: Any])?["faulty"] as? [String: Any])?["pipes"] as? [Int]
        #expect(pipes == [1 << 20, 1 << 20, 65_536], "\(r.stdout)")
    }

    @Test func transientCrashIsRetriedWithoutLoss() throws {
        let r = try run("crash_third")
        #expect(r.json.count == 6)
        #expect(shape(r).filter { $0.hasSuffix("!") }.count <= 1)
        #expect(r.stderr.contains("restarting"))
    }

    @Test func hangIsTimedOutKilledAndReported() throws {
        let r = try run("hang_on=a2", ["--timeout", "0.5"])
        #expect(r.status == 1)
        #expect(shape(r) == ["a1", "a2!", "a3", "a4", "a5", "a6"])
        #expect((r.json[1]["errors"] as? [[String: Any]])?.first?["code"] as? Int == -32002)
        #expect(r.stderr.contains("no answer to request"))
        // Galley's own kill is said as such, counted as a timeout and not as a crash, and the
        // article that failed is named.
        #expect(r.stderr.contains("was stopped by galley (an answer was late)"), "\(r.stderr)")
        #expect(r.stderr.contains("2 timeout(s)") && !r.stderr.contains("crash(es)"), "\(r.stderr)")
        #expect(r.stderr.contains("article a2: no answer within 0.5 s, twice"), "\(r.stderr)")
    }

    @Test func requestsQueuedBehindSlowOnesAreNotLate() throws {
        // 0.3 s per article, four in flight, 0.8 s timeout: the fourth waits 0.9 s in the
        // plugin's pipe, but each is answered 0.3 s after the plugin could begin on it.
        let r = try run("slow=0.3", ["--timeout", "0.8", "--jobs", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(shape(r) == Self.allGood)
        #expect(!r.stderr.contains("no answer"))
        // The per-article time in the summary is the plugin's, not the time spent queued.
        #expect(r.stderr.contains("faulty 6 ok"))
        let ms = r.stderr.components(separatedBy: "faulty 6 ok, ").last?.split(separator: " ").first.flatMap { Double($0) }
        #expect(ms.map { $0 > 250 && $0 < 800 } == true, "\(r.stderr)")
    }

    @Test func pluginsOfAChainStartAtOnce() throws {
        // Two plugins that each take 1 s to answer initialize start together, not one by one.
        let folder = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["first.py", "second.py"] {
            try FileManager.default.copyItem(atPath: Self.faulty, toPath: folder.appendingPathComponent(name).path)
        }
        let began = Date()
        let r = try GalleyProcess.run(["run", folder.appendingPathComponent("first.py").path, folder.appendingPathComponent("second.py").path],
                                      stdin: RunCLITests.records(2), environment: ["FAULT": "slow_start=1"])
        let seconds = Date().timeIntervalSince(began)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json.allSatisfy { (($0["analyses"] as? [String: Any])?.keys.sorted() ?? []) == ["first", "second"] })
        #expect(seconds < 1.8, "took \(seconds) s")
    }

    @Test func inputReadWhilePluginsStartKeepsItsOrder() throws {
        // The plugin takes 0.5 s to start; meanwhile ingest reads ahead on several threads, far
        // past the stage's capacity of 4. Every article must still come out, in order (held
        // articles offered out of order once deadlocked against the stage's backpressure).
        let r = try GalleyProcess.run(["60", GalleyProcess.binary.path, "run", Self.faulty, "--buffer", "4"],
                                      executable: URL(fileURLWithPath: "/usr/bin/timeout"),
                                      stdin: RunCLITests.records(600), environment: ["FAULT": "slow_start=0.5"])
        #expect(r.status == 0, "\(r.stderr)")
        let got = shape(r), expected = (1...600).map { "a\($0)" }
        #expect(got.count == 600, "\(got.count) of 600 articles came out")
        #expect(zip(got, expected).first { $0 != $1 } == nil, "out of order or failed")
    }

    @Test func nonJSONOnStdoutIsReportedAndContained() throws {
        let r = try run("junk_stdout")
        #expect(r.status == 0)
        #expect(shape(r) == Self.allGood)
        #expect(r.stderr.contains("faulty: protocol violation: stdout line is not a JSON object"))
        #expect(r.stderr.contains("Starting faulty plugin v1"))
    }

    /// A broken answer that names its request (Python's json.dumps writes NaN) fails that
    /// article at once with -32003, where waiting for the timeout twice gave -32002; the other
    /// articles are untouched and the plugin keeps running.
    @Test func aBrokenAnswerFailsItsArticleAtOnce() throws {
        let r = try run("nan_on=a2", ["--timeout", "20"])
        #expect(r.status == 1)
        #expect(shape(r) == ["a1", "a2!", "a3", "a4", "a5", "a6"])
        let error = (r.json[1]["errors"] as? [[String: Any]])?.first
        #expect(error?["code"] as? Int == -32003, "\(String(describing: error))")
        #expect((error?["message"] as? String)?.contains("not valid JSON") == true)
        #expect(!r.stderr.contains("restart"), "\(r.stderr)")
    }

    /// The Python helper refuses to write NaN (not JSON): that article gets the plugin's own
    /// error, naming the cause, and the others their results.
    @Test func thePythonHelperTurnsANaNIntoThatArticlesError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nanplugin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let helper = GalleyProcess.package.appendingPathComponent("Plugins/python").path
        let script = dir.appendingPathComponent("ratio.py")
        try """
        #!/usr/bin/env python3
        import sys
        sys.path.insert(0, \(String(reflecting: helper)))
        from galley_plugin import run
        run(name="ratio", provides=["ratio"], requires=["title"],
            process=lambda article, options: {"ratio": float("nan") if article["id"] == "a2" else 0.5})
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let r = try GalleyProcess.run(["run", script.path, "--timeout", "20"], stdin: RunCLITests.records(3))
        #expect(r.status == 1)
        let ratios = r.json.map { (($0["analyses"] as? [String: Any])?["ratio"] as? [String: Any])?["ratio"] as? Double }
        #expect(r.json.map { $0["id"] as? String } == ["a1", "a2", "a3"] && ratios == [0.5, nil, 0.5])
        let error = (r.json[1]["errors"] as? [[String: Any]])?.first
        #expect(error?["code"] as? Int == -32603, "the plugin's own bug")
        #expect((error?["message"] as? String)?.contains("not JSON compliant") == true, "\(String(describing: error))")
        #expect(((error?["data"] as? [String: Any])?["traceback"] as? String)?.contains("Traceback") == true, "\(String(describing: error))")
    }

    /// Reports of protocol violations stop after 20 per instance; the rest are counted.
    @Test func violationReportsAreCapped() throws {
        let r = try run("nan_on=*", input: RunCLITests.records(40))
        #expect(r.json.count == 40)
        let reports = r.stderr.split(separator: "\n").filter { $0.contains("protocol violation: stdout line") }.count
        #expect(reports == 20, "\(reports) reports")
        #expect(r.stderr.contains("20 protocol violations not shown"), "\(r.stderr.suffix(300))")
    }

    @Test func stderrFloodNeitherBlocksNorDrowns() throws {
        let r = try run("flood_stderr", input: RunCLITests.records(20))
        #expect(r.status == 0)
        #expect(r.json.count == 20)
        let forwarded = r.stderr.split(separator: "\n").filter { $0.hasPrefix("[faulty] noise") }.count
        #expect(forwarded == 200)
        #expect(r.stderr.contains("stderr lines not shown"))
    }

    @Test func wrongIdsAreViolationsAndTheArticlesTimeOut() throws {
        let r = try run("wrong_id", ["--timeout", "0.3"], input: RunCLITests.records(2))
        #expect(r.status == 1)
        #expect(shape(r) == ["a1!", "a2!"])
        #expect(r.stderr.contains("answer to request 1001, which is not in flight"))
    }

    @Test func answersOutOfOrderAreMatchedById() throws {
        let r = try run("out_of_order")
        #expect(r.status == 0)
        #expect(shape(r) == Self.allGood)
    }

    @Test func secondAnswersAreIgnored() throws {
        let r = try run("twice")
        #expect(r.status == 0)
        #expect(shape(r) == Self.allGood)
        #expect(r.stderr.contains("answered twice"))
    }

    @Test func errorAnswersAreAttachedNotRetried() throws {
        let r = try run("error_on=a4")
        #expect(r.status == 1)
        #expect(shape(r) == ["a1", "a2", "a3", "a4!", "a5", "a6"])
        #expect((r.json[3]["errors"] as? [[String: Any]])?.first?["message"] as? String == "cannot analyse a4")
        // The answer's `data` is carried as sent, for the plugin's author.
        let data = (r.json[3]["errors"] as? [[String: Any]])?.first?["data"] as? [String: Any]
        #expect(data?["article"] as? String == "a4" && data?["why"] as? [String] == ["no", "body"], "\(String(describing: data))")
    }

    @Test func newerProtocolAndExitAtStartRefuseToRun() throws {
        let newer = try run("newer_protocol")
        #expect(newer.status == 69)
        #expect(newer.stderr.contains("faulty speaks protocol 2, host speaks 1"))
        #expect(newer.stdout.isEmpty)
        let dead = try run("exit_at_start")
        #expect(dead.status == 69)
        #expect(dead.stderr.contains("exited with status 3 before answering initialize") && !dead.stderr.contains("refused"), "\(dead.stderr)")
    }

    /// --fail-fast writes every article before the first failed one, and that one, in input
    /// order, then stops (it used to exit at once and lose the earlier articles in flight).
    @Test func failFastStopsAtTheFirstError() throws {
        let all = try run("ok", [], input: RunCLITests.records(50)).json.compactMap { $0["id"] as? String }
        let r = try run("error_on=a2", ["--fail-fast"], input: RunCLITests.records(50))
        #expect(r.status == 1)
        let ids = r.json.compactMap { $0["id"] as? String }
        #expect(ids == Array(all.prefix { $0 != "a2" }) + ["a2"], "\(ids)")
        #expect((r.json.last?["errors"] as? [Any])?.count == 1)
        #expect(r.stderr.contains("--fail-fast"))
        var input = RunCLITests.records(2)
        input.append(Data("{\"id\":\"broken\",\n".utf8))
        input.append(RunCLITests.records(20))
        let unreadable = try run("ok", ["--fail-fast"], input: input)
        #expect(unreadable.status == 1)
        #expect(unreadable.json.count == 3, "the two records before it and the unreadable one: \(unreadable.stdout)")
    }

    @Test func badInputLinesEachYieldOneRecord() throws {
        var input = Data(#"{"id":"a1","title":"T","text":"Fine."}"#.utf8 + [0x0A])
        input.append(Data("{\"id\":\"broken\",\n[1,2]\n\n".utf8))
        // {"id":"\xC3("}: not UTF-8, so read as Windows-1252 ("Ã("), and it has no text.
        input.append(Data([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x0A]))
        input.append(Data(#"{"id":"long","text":""#.utf8))
        input.append(Data(repeating: 0x78, count: 70_000))
        input.append(Data(#""}"#.utf8 + [0x0A]))
        input.append(Data(#"{"id":"a2","title":"T","text":"Fine too."}"#.utf8))
        let r = try run("ok", ["--max-line-bytes", "65536"], input: input)
        #expect(r.status == 1)
        #expect(r.json.map { $0["id"] as? String ?? "" } == ["a1", "stdin:2", "stdin:3", "Ã(", "stdin:6", "a2"])
        #expect(r.stderr.contains("stdin:2: invalid JSON"))
        #expect(r.stderr.contains("stdin:3: expected a JSON object, found an array"))
        #expect(r.stderr.contains("stdin:5 (id Ã(): record has no 'text' field"))
        #expect(r.stderr.contains("stdin:6: line of 70023 bytes is over the 65536-byte limit"))
    }

    /// A line that is no JSON at all is called so, with what stands there ("nope" read as a
    /// broken null was reported as "found null").
    @Test func aLineThatIsNoJSONIsCalledSo() throws {
        let input = Data("{\"id\":\"a1\",\"text\":\"Fine.\"}\nnope x\ntrue\n".utf8)
        let r = try run("ok", input: input)
        #expect(r.status == 1 && r.json.count == 3)
        #expect(r.stderr.contains("stdin:2: invalid JSON at byte 0: not JSON: 'nope x'"), "\(r.stderr)")
        #expect(r.stderr.contains("stdin:3: expected a JSON object, found a boolean"), "\(r.stderr)")
    }

    /// A Galley article is relayed as it is, but the members the host writes into must have
    /// their shape: an `analyses` string was replaced by the results without a word, and an
    /// `errors` string or a `galley` string passed on with status 0.
    @Test func aGalleyArticleTheHostCannotWriteIntoIsAnError() throws {
        let input = Data(("""
            {"galley":1,"id":"s","paragraphs":[],"sentences":[],"analyses":"kept?"}
            {"galley":1,"id":"e","paragraphs":[],"sentences":[],"errors":"oops"}
            {"galley":"1","id":"g","paragraphs":[],"sentences":[]}
            {"galley":1,"id":"ok","paragraphs":[],"sentences":[],"analyses":{"mine":1},"errors":[]}
            {"galley":1.0,"id":"one","paragraphs":[],"sentences":[]}
            """ + "\n").utf8)
        let r = try GalleyProcess.run(["run", "noop"], stdin: input)
        #expect(r.status == 1 && r.json.map { $0["id"] as? String ?? "" } == ["s", "e", "g", "ok", "one"], "\(r.stderr)")
        #expect(!r.stderr.contains("stdin:5"), "1.0 is an integer to JSON Schema: \(r.stderr)")
        #expect(r.stderr.contains("stdin:1: field 'analyses' must be an object, found a string"), "\(r.stderr)")
        #expect(r.stderr.contains("stdin:2: field 'errors' must be an array, found a string"), "\(r.stderr)")
        #expect(r.stderr.contains("stdin:3: field 'galley' must be an integer, found a string"), "\(r.stderr)")
        let ok = try #require(r.json[3]["analyses"] as? [String: Any])
        #expect(ok["mine"] as? Int == 1 && ok["noop"] != nil)
    }

    @Test func emptyInputIsFine() throws {
        let r = try run("ok", input: Data())
        #expect(r.status == 0 && r.stdout.isEmpty)
        #expect(r.stderr.contains("0 in, 0 out"))
    }

    @Test func plainTextIsIngestedFirst() throws {
        let r = try run("ok", input: Data("A Headline That Is Long Enough\n\nThe body has two sentences. Here is the second.\n".utf8))
        #expect(r.status == 0)
        #expect(r.json.count == 1)
        #expect(r.json.first?["title"] as? String == "A Headline That Is Long Enough")
    }

    /// A web page (`curl URL | galley run ...`) or a news feed on stdin is read as `galley
    /// ingest -` reads it, not as plain text with its tags.
    @Test func pagesAndFeedsOnStdinAreReadAsSuch() throws {
        let page = try Data(contentsOf: GalleyProcess.package.appendingPathComponent("Tests/Fixtures/serve-page.html"))
        let r = try run("ok", input: page)
        #expect(r.status == 0 && r.json.count == 1)
        #expect(r.json.first?["title"] as? String == "Storm hits coast")
        let feed = #"<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title><item><title>One</title><link>https://l.example/1</link><description>First story here.</description></item><item><title>Two</title><link>https://l.example/2</link><description>Second story here.</description></item></channel></rss>"#
        let f = try run("ok", input: Data(feed.utf8))
        #expect(f.status == 0)
        #expect(f.json.map { $0["id"] as? String } == ["https://l.example/1", "https://l.example/2"])
        #expect(shape(f) == ["https://l.example/1", "https://l.example/2"])
    }

    @Test func pluginsInPythonShellAndNodeChainTogether() throws {
        let seeds = try GalleyProcess.run(["ingest", "seeds"])
        let r = try GalleyProcess.run(["run", "./Plugins/python/wordstats.py", "./Plugins/shell/headline.sh", "./Plugins/node/entities.js",
                                       "--option", "wpm=200", "--option", "entities.top=2"], stdin: Data(seeds.stdout.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json.count == 5)
        for a in r.json {
            let analyses = a["analyses"] as? [String: Any] ?? [:]
            #expect((analyses["wordstats"] as? [String: Any])?["words"] as? Int ?? 0 > 500)
            #expect((analyses["headline"] as? [String: Any])?["has_title"] != nil)
            #expect(((analyses["entities"] as? [String: Any])?["names"] as? [Any])?.count == 2)
        }
        #expect((r.json[0]["analyses"] as? [String: Any]).flatMap { ($0["entities"] as? [String: Any])?["names"] as? [[String: Any]] }?.first?["name"] as? String == "Meta")
    }

    @Test func optionsAreCheckedAgainstTheSchema() throws {
        let unknown = try GalleyProcess.run(["run", "./Plugins/python/wordstats.py", "--option", "speed=3"], stdin: Data())
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("plugin 'wordstats' has no option 'speed' (its options: wpm)"))
        let low = try GalleyProcess.run(["run", "./Plugins/python/wordstats.py", "--option", "wpm=3"], stdin: Data())
        #expect(low.status == 64)
        #expect(low.stderr.contains("must be at least 50"))
        let typed = try GalleyProcess.run(["run", "./Plugins/python/wordstats.py", "--option", "wpm=fast"], stdin: Data())
        #expect(typed.stderr.contains("expected integer"))
    }

    /// Every option must reach a plugin, and options a plugin refuses are the user's mistake:
    /// status 64, not 69 ("could not start"). A typo in a plugin's name used to be dropped.
    @Test func misaddressedOrRefusedOptionsAreUsageErrors() throws {
        let refused = try GalleyProcess.run(["run", "summarize", "--option", "method=bogus"], stdin: Data())
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("plugin 'summarize' refused its options: summarize: option method must be one of"), "\(refused.stderr)")
        let typo = try GalleyProcess.run(["run", "summarize", "metrics", "--option", "sumarize.sentences=2"], stdin: Data())
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("option 'sumarize.sentences': no plugin 'sumarize' in this run (summarize, metrics)"), "\(typo.stderr)")
        // In a chain too: an unqualified option a plugin refuses stops the run at start (it
        // used to fail every article instead), and one it takes works.
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let emptyPack = dir.appendingPathComponent("empty.json")
        try Data(#"{"pack":"empty","scenarios":[]}"#.utf8).write(to: emptyPack)
        let chained = try GalleyProcess.run(["run", "metrics", "scenarios", "--pack", emptyPack.path], stdin: RunCLITests.records(2))
        #expect(chained.status == 64 && chained.stdout.isEmpty, "\(chained.stderr)")
        #expect(chained.stderr.contains("plugin 'scenarios' refused its options: scenarios: scenario pack: 'scenarios' must hold at least one scenario"), "\(chained.stderr)")
        let taken = try GalleyProcess.run(["run", "metrics", "summarize", "--option", "sentences=1"], stdin: RunCLITests.records(2))
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(taken.json.allSatisfy { ((($0["analyses"] as? [String: Any])?["summary"] as? [String: Any])?["sentences"] as? [Any])?.count == 1 })
        let nobody = try GalleyProcess.run(["run", "summarize", "metrics", "--option", "speed=2"], stdin: Data())
        #expect(nobody.status == 64)
        #expect(nobody.stderr.contains("no plugin of this run has an option 'speed' (options: summarize: method"), "\(nobody.stderr)")
        // The manifest's name addresses a plugin too, whatever its file is called.
        for file in ["wordstats.py", "galley_plugin.py"] {
            try FileManager.default.copyItem(at: GalleyProcess.package.appendingPathComponent("Plugins/python/" + file),
                                             to: dir.appendingPathComponent(file == "wordstats.py" ? "counter.py" : file))
        }
        let byManifest = try GalleyProcess.run(["run", dir.appendingPathComponent("counter.py").path, "metrics", "--option", "wordstats.wpm=100"],
                                               stdin: RunCLITests.records(1))
        #expect(byManifest.status == 0, "\(byManifest.stderr)")
        let low = try GalleyProcess.run(["run", dir.appendingPathComponent("counter.py").path, "metrics", "--option", "wordstats.wpm=1"], stdin: Data())
        #expect(low.status == 64 && low.stderr.contains("must be at least 50"), "the option reached it: \(low.stderr)")
    }

    /// A Python plugin in a fresh folder, built on the example helper: `run(...)` arguments
    /// and the body of `process(article, options)`.
    static func pythonPlugin(_ name: String, in dir: URL, manifest: String, process: String) throws -> String {
        let helper = dir.appendingPathComponent("galley_plugin.py")
        if !FileManager.default.fileExists(atPath: helper.path) {
            try FileManager.default.copyItem(at: GalleyProcess.package.appendingPathComponent("Plugins/python/galley_plugin.py"), to: helper)
        }
        let source = """
        #!/usr/bin/env python3
        import os, sys
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from galley_plugin import run

        def process(article, options):
            \(process)

        run(name="\(name)", \(manifest), process=process)

        """
        let file = dir.appendingPathComponent(name + ".py")
        try Data(source.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        return file.path
    }

    /// A plugin written without the helper: it answers `initialize` (requiring the title) and
    /// runs `otherwise` (Python, with the message in `m`) for every other message with an id.
    static func rawPlugin(_ name: String, in dir: URL, otherwise: String) throws -> String {
        let file = dir.appendingPathComponent(name + ".py")
        try Data("""
            #!/usr/bin/env python3
            import json, sys
            for line in sys.stdin:
                m = json.loads(line)
                if m.get("method") == "initialize":
                    print(json.dumps({"jsonrpc": "2.0", "id": m["id"], "result": {"name": "\(name)", "version": "1", "protocol": 1, "manifest": {"provides": ["\(name)"], "requires": ["title"]}}}), flush=True)
                elif "id" in m:
                    \(otherwise)

            """.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        return file.path
    }

    /// `requires: ["analyses.NAME"]` finds the plugin whose manifest provides NAME, whatever
    /// its file is called (a bare "summary" was taken for a record field, silently). An
    /// article whose required analysis failed is not sent to the plugin that needs it.
    @Test func requiredAnalysesAreFoundByWhatPluginsProvide() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let needsSummary = try Self.pythonPlugin("sumlen", in: dir, manifest: #"provides=["sumlen"], requires=["analyses.summary"]"#,
                                                 process: #"return {"chars": len(article["analyses"]["summary"]["text"])}"#)
        let r = try GalleyProcess.run(["run", needsSummary], stdin: RunCLITests.records(3))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json.allSatisfy { (($0["analyses"] as? [String: Any])?["sumlen"] as? [String: Any])?["chars"] as? Int ?? 0 > 0 }, "\(r.stdout)")
        // Required from the fault plugin, which fails on one article: that article is not sent on.
        let needsFaulty = try Self.pythonPlugin("needsfaulty", in: dir, manifest: #"provides=["needsfaulty"], requires=["analyses.faulty"]"#,
                                                process: #"return {"had": sorted(article["analyses"].keys())}"#)
        let pluginPath = GalleyProcess.package.appendingPathComponent("Tests/Fixtures/plugins").path
        let chained = try GalleyProcess.run(["run", needsFaulty], stdin: RunCLITests.records(3),
                                            environment: ["FAULT": "error_on=a2", "GALLEY_PLUGIN_PATH": pluginPath])
        #expect(chained.status == 1)
        let errors = chained.json[1]["errors"] as? [[String: Any]] ?? []
        #expect(errors.map { $0["code"] as? Int } == [-32007, -32009], "\(errors)")
        #expect((errors.last?["message"] as? String)?.contains("requires the analysis 'faulty', which failed") == true)
        #expect(((chained.json[0]["analyses"] as? [String: Any])?["needsfaulty"] as? [String: Any])?["had"] as? [String] == ["faulty"])
        // Nobody provides it: the run cannot start, and says why.
        let orphan = try Self.pythonPlugin("orphan", in: dir, manifest: #"provides=["orphan"], requires=["analyses.nosuch"]"#, process: "return {}")
        let missing = try GalleyProcess.run(["run", orphan], stdin: Data())
        #expect(missing.status == 69)
        #expect(missing.stderr.contains("requires the analysis 'nosuch', and no plugin provides it"), "\(missing.stderr)")
    }

    /// An answer with neither result nor error fails its article at once, saying what is
    /// missing (it was "a response needs an integer id ...", and the article timed out twice).
    @Test func anAnswerWithoutResultOrErrorFailsItsArticleAtOnce() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plugin = try Self.rawPlugin("empty", in: dir, otherwise: #"print(json.dumps({"jsonrpc": "2.0", "id": m["id"]}), flush=True)"#)
        let r = try GalleyProcess.run(["run", plugin, "--timeout", "60"], stdin: RunCLITests.records(2))
        #expect(r.status == 1 && r.json.count == 2)
        #expect(r.json.allSatisfy { (($0["errors"] as? [[String: Any]])?.first?["message"] as? String)?.contains("neither \"result\" nor \"error\"") == true }, "\(r.stdout)")
        #expect(r.stderr.contains("the answer to request 1 has neither"), "\(r.stderr)")
        // Both, or an error that is a bare string: the article fails, saying so in its words.
        let both = try Self.rawPlugin("both", in: dir, otherwise: #"print(json.dumps({"jsonrpc": "2.0", "id": m["id"], "result": 1, "error": "boom"}), flush=True)"#)
        let b = try GalleyProcess.run(["run", both, "--timeout", "60"], stdin: RunCLITests.records(1))
        let message = (b.json.first?["errors"] as? [[String: Any]])?.first?["message"] as? String
        #expect(b.status == 1 && message?.contains("both \"result\" and \"error\" (boom)") == true, "\(b.stdout)")
    }

    /// Two plugins providing one analysis cannot run together: the later result replaced the
    /// earlier, silently.
    @Test func twoProvidersOfOneAnalysisAreAUsageError() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rival = try Self.pythonPlugin("rival", in: dir, manifest: #"provides=["summary"], requires=["title"]"#, process: "return {}")
        let r = try GalleyProcess.run(["run", "summarize", rival], stdin: RunCLITests.records(1))
        #expect(r.status == 64 && r.stdout.isEmpty)
        #expect(r.stderr.contains("plugins 'summarize' and 'rival' both provide 'summary'"), "\(r.stderr)")
    }

    /// A request over the line limit is never sent: the article fails at once, saying so (the
    /// plugin could not read it, and the run waited out two timeouts to blame the plugin).
    @Test func aRequestOverTheLineLimitFailsAtOnce() throws {
        let text = (1...1200).map { "Sentence number \($0) says 5% more." }.joined(separator: " ")
        let input = Data(#"{"id":"big","title":"T","text":"\#(text)"}"#.utf8 + [0x0A])
        let r = try GalleyProcess.run(["run", "metrics", "--max-line-bytes", "65536", "--timeout", "60"], stdin: input)
        #expect(r.status == 1)
        let error = (r.json.first?["errors"] as? [[String: Any]])?.first
        #expect(error?["code"] as? Int == -32006, "\(r.stdout)")
        #expect((error?["message"] as? String)?.contains("the request would be a line of") == true, "\(r.stdout)")
    }

    /// Article fields a plugin `uses` are sent when the article has them, as its `requires`
    /// are (they were never sent: only analyses were), and used analyses when a stage made them.
    @Test func usedArticleFieldsAreSent() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plugin = try Self.pythonPlugin("keys", in: dir, manifest: #"provides=["keys"], requires=["id"], uses=["title", "deck", "analyses.summary"]"#,
                                           process: #"return sorted(article.keys()) + sorted(article.get("analyses", {}).keys())"#)
        let alone = try GalleyProcess.run(["run", plugin], stdin: RunCLITests.records(2))
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(alone.json.map { ($0["analyses"] as? [String: Any])?["keys"] as? [String] } == [["deck", "id", "title"], ["deck", "id", "title"]], "\(alone.stdout)")
        let chained = try GalleyProcess.run(["run", "summarize", plugin], stdin: RunCLITests.records(1))
        #expect((chained.json.first?["analyses"] as? [String: Any])?["keys"] as? [String] == ["analyses", "deck", "id", "title", "summary"], "\(chained.stdout)")
    }

    /// A plugin that asks for members of the sentences ("sentences.text") gets sentences with
    /// those members when nothing else reads the rest, and whole ones when something does: the
    /// output, or another plugin that asks for the whole field. Its results are the same.
    @Test func memberPathsNarrowTheSentencesAPluginIsSent() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plugin = try Self.pythonPlugin("members", in: dir, manifest: #"provides=["members"], requires=["sentences.text", "sentences.kind"]"#,
                                           process: #"return {"keys": sorted(set(k for s in article["sentences"] for k in s)), "fields": sorted(article.keys()), "n": len(article["sentences"])}"#)
        let whole = try Self.pythonPlugin("whole", in: dir, manifest: #"provides=["whole"], requires=["sentences"]"#,
                                          process: #"return sorted(set(k for s in article["sentences"] for k in s))"#)
        func keys(_ r: GalleyProcess.Result, _ name: String = "members", _ member: String = "keys") -> [[String]] {
            r.json.map { a in
                let v = (a["analyses"] as? [String: Any])?[name]
                return ((name == "members" ? (v as? [String: Any])?[member] : v) as? [String]) ?? ["?"]
            }
        }
        let input = RunCLITests.records(2)
        let narrowed = try GalleyProcess.run(["run", plugin, "--fields", "analyses.members"], stdin: input)
        #expect(narrowed.status == 0, "\(narrowed.stderr)")
        #expect(keys(narrowed) == [["kind", "text"], ["kind", "text"]], "\(narrowed.stdout)")
        #expect(keys(narrowed, "members", "fields") == [["id", "sentences"], ["id", "sentences"]], "\(narrowed.stdout)")
        #expect(narrowed.json.map { (($0["analyses"] as? [String: Any])?["members"] as? [String: Any])?["n"] as? Int } == [2, 2])
        // The output keeps whole sentences: the plugin may see them whole (never fewer members).
        let shown = try GalleyProcess.run(["run", plugin, "--fields", "sentences,analyses.members"], stdin: input)
        #expect(shown.json.map { (($0["sentences"] as? [[String: Any]])?.first?.keys.sorted()) ?? [] }
            == Array(repeating: ["end", "kind", "paragraph", "start", "text", "utf8_end", "utf8_start"], count: 2), "\(shown.stdout)")
        #expect(keys(shown).allSatisfy { Set(["kind", "text"]).isSubset(of: $0) })
        // A second plugin reading whole sentences gets them whole.
        let both = try GalleyProcess.run(["run", plugin, whole, "--fields", "analyses"], stdin: input)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(keys(both, "whole") == Array(repeating: ["end", "kind", "paragraph", "start", "text", "utf8_end", "utf8_start"], count: 2), "\(both.stdout)")
        // Without --fields the whole article is written, and the plugin's answer is the same.
        let full = try GalleyProcess.run(["run", plugin], stdin: input)
        #expect(keys(full, "members", "fields") == keys(narrowed, "members", "fields"))
        #expect(full.json.map { (($0["analyses"] as? [String: Any])?["members"] as? [String: Any])?["n"] as? Int } == [2, 2])
    }

    /// A plugin providing several analyses must answer with an object of them: anything else
    /// fails the article (it used to vanish, counted as a success).
    @Test func aMultiAnalysisAnswerOfTheWrongShapeFailsTheArticle() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plugin = try Self.pythonPlugin("pair", in: dir, manifest: #"provides=["aa", "bb"], requires=["title"]"#,
                                           process: #"return 42 if article["id"] == "a2" else {"aa": 1, "bb": 2, "cc": 3}"#)
        let r = try GalleyProcess.run(["run", plugin], stdin: RunCLITests.records(3))
        #expect(r.status == 1)
        #expect((r.json[0]["analyses"] as? [String: Any])?.keys.sorted() == ["aa", "bb"])
        #expect((r.json[1]["errors"] as? [[String: Any]])?.first?["code"] as? Int == -32003)
        #expect(r.stderr.contains("must answer with an object holding them, not a number"), "\(r.stderr)")
        #expect(r.stderr.contains("members it does not provide (cc)"), "\(r.stderr)")
    }

    /// A plugin that dies between its handshake and its first answer is seen to die (the
    /// host used to wait for it for ever, in a chain most of all, where the first plugin waits
    /// for the others to start).
    @Test func aPluginDyingRightAfterItsHandshakeIsRestartedNotWaitedFor() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let second = dir.appendingPathComponent("second.py")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.faulty), to: second)
        let start = Date()
        let r = try GalleyProcess.run(["run", Self.faulty, second.path, "--timeout", "5"], stdin: RunCLITests.records(4),
                                      environment: ["FAULT": "exit_after_init"])
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(r.status == 1)
        #expect(r.json.count == 4)
        #expect(r.json.allSatisfy { ($0["errors"] as? [[String: Any]])?.first?["stage"] as? String == "faulty" }, "\(r.stdout)")
        #expect(r.json.allSatisfy { (($0["errors"] as? [[String: Any]])?.first?["message"] as? String)?.hasSuffix("; its last stderr line: warm-up failed") == true }, "\(r.stdout)")
    }

    /// A plugin that dies while a process it started holds its stdout open is seen to die
    /// by its exit, not by end of file (which never comes): the article is retried and fails
    /// as a crash, and the run ends.
    @Test func aCrashHiddenByADetachedProcessIsStillACrash() throws {
        defer { _ = try? GalleyProcess.run(["-f", "sleep 31.5"], executable: URL(fileURLWithPath: "/usr/bin/pkill")) }
        let start = Date()
        let r = try GalleyProcess.run(["run", Self.faulty, "--timeout", "20"], stdin: RunCLITests.records(5),
                                      environment: ["FAULT": "daemon_crash_on=a3"])
        #expect(Date().timeIntervalSince(start) < 20, "seen by its exit, not after two timeouts")
        #expect(r.status == 1)
        #expect(r.json.count == 5)
        let errors = r.json[2]["errors"] as? [[String: Any]] ?? []
        #expect(errors.first?["code"] as? Int == -32001, "\(errors)")
    }

    /// An over-long line is charged to what it is: a notification is dropped (no article
    /// harmed; it used to fail the oldest request), an answer fails the request it names,
    /// whether or not the plugin answers in order (an unordered plugin's used to time out twice).
    @Test func overLongLinesAreChargedToWhatTheyAre() throws {
        let log = try run("long_log_on=a2", ["--max-line-bytes", "65536"], input: RunCLITests.records(4))
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stderr.contains("a notification of 70"), "\(log.stderr)")
        let answer = try GalleyProcess.run(["run", Self.faulty, "--max-line-bytes", "65536", "--timeout", "20"], stdin: RunCLITests.records(4),
                                           environment: ["FAULT": "long_answer_on=a2", "UNORDERED": "1"])
        #expect(answer.status == 1)
        #expect((answer.json[1]["errors"] as? [[String: Any]])?.first?["code"] as? Int == -32006, "\(answer.stdout)")
        #expect(answer.json.enumerated().allSatisfy { $0.offset == 1 || ($0.element["errors"] as? [Any])?.isEmpty == true })
    }

    /// A plugin that dies half-way through writing an answer has crashed: the article is
    /// retried (its cut-off line is not taken for a broken answer, which is final).
    @Test func anAnswerCutOffByACrashIsACrash() throws {
        let r = try run("cut_on=a2", [], input: RunCLITests.records(3))
        #expect(r.status == 1)
        let error = (r.json[1]["errors"] as? [[String: Any]])?.first
        #expect(error?["code"] as? Int == -32001, "\(String(describing: error))")
        #expect(r.stderr.contains("the last line was cut off"), "\(r.stderr)")
    }

    /// The stderr allowance is the plugin's, not each instance's: a plugin restarted for every
    /// article does not print 150 lines per restart.
    @Test func aRestartedPluginSharesOneAllowanceOfLines() throws {
        let r = try run("chatty_crasher", [], input: RunCLITests.records(6))
        #expect(r.json.count == 6)
        let shown = r.stderr.split(separator: "\n").filter { $0.hasPrefix("[faulty] starting up") }.count
        #expect(shown <= 200, "\(shown) lines shown")
        #expect(r.stderr.contains("stderr lines not shown"), "\(r.stderr.suffix(300))")
    }

    /// A --fields path that no article has (a typo) is named on stderr, even with -q; the
    /// records and the exit status are as before.
    @Test func aFieldsPathMatchingNothingIsNamed() throws {
        let r = try run("ok", ["-q", "--fields", "analyses.faulty.seen,analyses.fauly"], input: RunCLITests.records(3))
        #expect(r.status == 0)
        #expect(r.json.count == 3)
        #expect(r.stderr.contains("--fields: no article written had analyses.fauly (analyses has: faulty)"), "\(r.stderr)")
        #expect(!r.stderr.contains("faulty.seen"), "\(r.stderr)")
    }

    /// A plugin that fails on every article is given up on after ten of them (each tried
    /// twice): the rest get -32008 at once, instead of two restarts per article.
    @Test func aPluginFailingOnEveryArticleIsGivenUpOnAfterTen() throws {
        let r = try run("chatty_crasher", ["--jobs", "1"], input: RunCLITests.records(25))
        #expect(r.status == 1)
        let codes = r.json.map { (($0["errors"] as? [[String: Any]])?.first?["code"] as? Int) ?? 0 }
        #expect(codes.count == 25)
        #expect(codes.filter { $0 == -32001 }.count == 10, "\(codes)")
        #expect(codes.filter { $0 == -32008 }.count == 15, "\(codes)")
        #expect(r.stderr.contains("failed on 10 articles in a row"), "\(r.stderr.suffix(600))")
        // The records say why, for a pipe() user who sees nothing else: its last stderr line.
        let broken = r.json.compactMap { (($0["errors"] as? [[String: Any]])?.first?["message"] as? String) }.filter { $0.contains("in a row") }
        #expect(broken.count == 15 && broken.allSatisfy { $0.hasSuffix("; its last stderr line: starting up, step 149") }, "\(broken.first ?? "")")
    }

    /// Articles that crash it, with answered ones between them, never add up to that: each
    /// answer shows the plugin works.
    @Test func crashesBetweenAnswersDoNotGiveUpOnThePlugin() throws {
        let bad = (1...24).filter { $0 % 2 == 0 }.map { "a\($0)" }  // 12 poison articles, every other one
        let r = try run("crash_on=" + bad.joined(separator: ","), ["--jobs", "1"], input: RunCLITests.records(24))
        #expect(r.status == 1)
        let failed = r.json.filter { (($0["errors"] as? [Any])?.count ?? 0) > 0 }.compactMap { $0["id"] as? String }
        #expect(failed == bad, "\(failed)")
        #expect(r.json.allSatisfy { (($0["errors"] as? [[String: Any]])?.first?["code"] as? Int).map { $0 == -32001 } ?? true })
        #expect(!r.stderr.contains("in a row"))
    }

    /// An answer whose id is the request's written as a string fails that article at once
    /// (it used to time out twice per article, a minute each by default).
    @Test func anAnswerWithAStringIdFailsItsArticleAtOnce() throws {
        let start = Date()
        let r = try run("string_id", ["--timeout", "20"], input: RunCLITests.records(3))
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(r.status == 1)
        #expect(r.json.allSatisfy { ($0["errors"] as? [[String: Any]])?.first?["code"] as? Int == -32003 }, "\(r.stdout)")
        #expect(r.stderr.contains("answer with the request's id as sent"), "\(r.stderr)")
    }

    /// A plugin that does not exit when its input ends is stopped, and its author is told.
    @Test func aPluginThatLingersAtTheEndIsNamed() throws {
        let r = try run("linger", [], input: RunCLITests.records(2))
        #expect(r.status == 0)
        #expect(r.stderr.contains("killed by signal 15 (SIGTERM) when stopped at the end of the run"), "\(r.stderr)")
    }

    /// NDJSON whose first line is not an object (a header, a log line) is still records, one
    /// output line each: it used to be read whole as one article, losing every record.
    @Test func aStrayFirstLineDoesNotSwallowTheRecords() throws {
        var input = Data("plain text line\n".utf8)
        input.append(RunCLITests.records(3))
        let r = try GalleyProcess.run(["run", Self.faulty, "--errors-in-band"], stdin: input, environment: ["FAULT": "ok"])
        #expect(r.status == 0)
        #expect(r.json.map { $0["id"] as? String } == ["stdin:1", "a1", "a2", "a3"], "\(r.stdout)")
        let ingested = try GalleyProcess.run(["ingest", "-"], stdin: input)
        #expect(ingested.json.count == 4)
    }

    /// A launcher that hands over and exits 0 (`exec setsid plugin` forks) is no crash: the plugin's
    /// stdout ending is what counts then. A plugin that crashes takes the helpers it started
    /// in its process group with it.
    @Test func launchersAreNotCrashesAndCrashesLeaveNoHelpers() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let launcher = dir.appendingPathComponent("launcher.sh")
        try Data("#!/bin/sh\nexec setsid '\(Self.faulty)'\n".utf8).write(to: launcher)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: launcher.path)
        let launched = try GalleyProcess.run(["run", launcher.path], stdin: RunCLITests.records(3), environment: ["FAULT": "slow=0.4"])
        #expect(launched.status == 0, "\(launched.stderr)")
        #expect(launched.json.count == 3)
        defer { _ = try? GalleyProcess.run(["-f", "sleep 32.5"], executable: URL(fileURLWithPath: "/usr/bin/pkill")) }
        let crashed = try run("helper_crash_on=a2", [], input: RunCLITests.records(4))
        #expect(crashed.status == 1)
        let left = try GalleyProcess.run(["-f", "sleep 32.5"], executable: URL(fileURLWithPath: "/usr/bin/pgrep"))
        #expect(left.stdout.isEmpty, "helpers left behind: \(left.stdout)")
    }

    /// A plugin that closes its stdin but keeps running is stopped when a request cannot be
    /// written to it, and the waiting articles are retried: no two timeouts each.
    @Test func aPluginThatClosesItsInputIsStoppedAndRestarted() throws {
        let start = Date()
        let r = try run("close_stdin_on=a2", ["--timeout", "20"], input: RunCLITests.records(300))
        #expect(Date().timeIntervalSince(start) < 20, "not by timeouts")
        #expect(r.json.count == 300)
        #expect(r.stderr.contains("it closed its stdin while running"), "\(r.stderr.prefix(600))")
    }

    @Test func unknownPluginsAreUnavailable() throws {
        let r = try GalleyProcess.run(["run", "no-such-plugin"], stdin: Data())
        #expect(r.status == 69)
        #expect(r.stderr.contains("plugin 'no-such-plugin' not found"))
        // A path is one file: no search of plugin folders is claimed for it.
        let path = try GalleyProcess.run(["run", "./no-such-plugin.py"], stdin: Data())
        #expect(path.status == 69 && path.stderr.contains("plugin './no-such-plugin.py': no such file"), "\(path.stderr)")
    }
}

/// Memory stays bounded by the stage window however long the input: a finished article is not
/// kept after it has been written.
@Suite struct RunMemoryTests {
    /// Runs galley with stdin from `input` and stdout to /dev/null; returns its exit status and
    /// peak resident memory in KB. Python spawns it: a child's peak starts at its parent's
    /// size when spawned (Linux carries it over exec), and this test process is large.
    static func peakMemory(_ args: [String], input: URL, environment: String? = nil) throws -> (status: Int32, kilobytes: Int) {
        let script = """
        import resource, subprocess, sys
        with open(sys.argv[1], 'rb') as f:
            rc = subprocess.run(sys.argv[2:], stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        """
        let r = try GalleyProcess.run((environment.map { [$0] } ?? []) + ["python3", "-c", script, input.path, GalleyProcess.binary.path] + args,
                                      executable: URL(fileURLWithPath: "/usr/bin/env"))
        let fields = r.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 2 else { throw CocoaError(.executableLoad) }
        return (Int32(fields[0]), fields[1])
    }

    @Test func readingAheadIsBoundedInBytes() throws {
        // While a plugin takes 1 s to start, input is read ahead: 200 articles of 500 KB would
        // be 100 MB held; the read-ahead stops at 32 MB.
        let folder = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = String(repeating: "Words of a very long article. ", count: 17_000)  // 500 KB
        let url = folder.appendingPathComponent("large.ndjson")
        var data = Data()
        for k in 1...200 { data.append(Data(#"{"galley":1,"id":"m\#(k)","title":"T","text":"\#(body)","paragraphs":[]}"#.utf8 + [0x0A])) }
        try data.write(to: url)
        let faulty = GalleyProcess.package.appendingPathComponent("Tests/Fixtures/plugins/faulty.py").path
        let peak = try Self.peakMemory(["run", faulty, "-q", "--buffer", "8"], input: url, environment: "FAULT=slow_start=1")
        #expect(peak.status == 0)
        #expect(peak.kilobytes < 110_000, "peak \(peak.kilobytes) KB")
    }

    @Test func peakMemoryDoesNotGrowWithTheInput() throws {
        let folder = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Galley articles pass through ingest untouched, so the host's own holding is measured.
        let body = String(repeating: "Words of a long article. ", count: 2_000)  // 50 KB each
        func write(_ n: Int, to name: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            var data = Data()
            for k in 1...n { data.append(Data(#"{"galley":1,"id":"m\#(k)","title":"T","text":"\#(body)","paragraphs":[]}"#.utf8 + [0x0A])) }
            try data.write(to: url)
            return url
        }
        let small = try Self.peakMemory(["run", "noop", "-q", "--jobs", "1"], input: try write(100, to: "small.ndjson"))
        let large = try Self.peakMemory(["run", "noop", "-q", "--jobs", "1"], input: try write(1_200, to: "large.ndjson"))
        #expect(small.status == 0 && large.status == 0)
        // 1,100 more articles are 55 MB more input; a host that kept finished articles would
        // hold most of that at its peak.
        #expect(large.kilobytes - small.kilobytes < 20_000, "peak \(small.kilobytes) KB for 100 articles, \(large.kilobytes) KB for 1,200")
    }
}
