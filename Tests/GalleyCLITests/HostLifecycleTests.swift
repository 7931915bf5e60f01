import Foundation
import Testing

/// Discovery, chains, concurrency, conformance checking, serve, and the host's behaviour at
/// the edges of a run: signals, a closed stdout, and no process left behind.
@Suite(.serialized) struct HostLifecycleTests {
    static let fixtures = GalleyProcess.package.appendingPathComponent("Tests/Fixtures/plugins").path

    /// A private copy of the faulty fixture, so that leftover processes can be found by path.
    static func privateFaulty() throws -> (URL, URL) {
        let dir = try GalleyProcess.temporaryFolder()
        let copy = dir.appendingPathComponent("faulty-\(UUID().uuidString.prefix(8)).py")
        try FileManager.default.copyItem(atPath: fixtures + "/faulty.py", toPath: copy.path)
        return (dir, copy)
    }

    /// Plugin processes whose command line names `path` (not galley itself, nor a child caught
    /// between fork and exec, which still runs galley's image).
    static func isPython(_ pid: String) -> Bool {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").hasPrefix("python")
    }

    static func processesRunning(_ path: String) -> [String] {
        let procs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return procs.compactMap { pid -> String? in
            guard Int(pid) != nil, let cmd = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            if comm.hasPrefix("galley") { return nil }
            // The host itself, or a child between fork and exec (it still has the host's
            // command line, and the name of the host thread that spawned it).
            let argv0 = String(decoding: cmd.prefix(while: { $0 != 0 }), as: UTF8.self)
            if argv0 == "galley" || argv0.hasSuffix("/galley") { return nil }
            let text = String(decoding: cmd.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return text.contains(path) ? pid : nil
        }
    }

    /// No process of `path` left within a few seconds: a killed plugin may take a moment to
    /// vanish on a loaded machine after the host has gone; one still there after 5 s is a leak.
    static func noneRunningSoon(_ path: String) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while !processesRunning(path).isEmpty {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }

    @Test func requiredPluginsAreAddedAndOrdered() throws {
        let seeds = try GalleyProcess.run(["ingest", "seeds"])
        let r = try GalleyProcess.run(["run", "longread", "-v"], stdin: Data(seeds.stdout.utf8),
                                      environment: ["GALLEY_PLUGIN_PATH": "\(Self.fixtures):\(GalleyProcess.package.path)/Plugins/python"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("adding 'wordstats', which 'longread' requires"))
        let analyses = r.json.first?["analyses"] as? [String: Any]
        #expect(analyses?["wordstats"] != nil)
        // It received only what it asked for: id and the analyses it requires.
        #expect((analyses?["longread"] as? [String: Any])?["saw"] as? [String] == ["analyses", "id"])
    }

    @Test func jobsSpreadWorkAndKeepOrder() throws {
        // Each answer names the process that gave it: with --jobs 4 the articles are spread
        // over four instances, and still written in input order. (Speed-up is measured by
        // `galley bench relay`, not by a timed test.)
        let four = try GalleyProcess.run(["run", RunCLITests.faulty, "--jobs", "4"], stdin: RunCLITests.records(24), environment: ["FAULT": "slow=0.02"])
        #expect(four.status == 0)
        #expect(four.json.map { $0["id"] as? String } == (1...24).map { "a\($0)" })
        let pids = Set(four.json.compactMap { (($0["analyses"] as? [String: Any])?["faulty"] as? [String: Any])?["pid"] as? Int })
        #expect(pids.count == 4, "answers came from \(pids.count) instance(s)")
    }

    @Test func jobsBoundTheProcessorsTheRunUses() throws {
        // --jobs N is a processor budget for the host and every plugin it starts (Linux:
        // affinity, inherited by children), not only a count of instances.
        let available = ProcessInfo.processInfo.activeProcessorCount
        guard available >= 2 else { return }
        #if os(Linux)
        let one = try GalleyProcess.run(["run", RunCLITests.faulty, "--jobs", "1"], stdin: RunCLITests.records(4), environment: ["FAULT": "ok"])
        #expect(one.status == 0)
        let cpus = one.json.compactMap { (($0["analyses"] as? [String: Any])?["faulty"] as? [String: Any])?["cpus"] as? Int }
        #expect(cpus == [1, 1, 1, 1], "plugins ran on \(cpus) processor(s)")
        // Without --jobs the run may use every processor.
        let all = try GalleyProcess.run(["run", RunCLITests.faulty], stdin: RunCLITests.records(2), environment: ["FAULT": "ok"])
        let free = all.json.compactMap { (($0["analyses"] as? [String: Any])?["faulty"] as? [String: Any])?["cpus"] as? Int }
        #expect(free == [available, available])
        #endif
    }

    @Test(.timeLimit(.minutes(2)))
    func manyArticlesFlowWithoutDeadlock() throws {
        // Regression: input ingested on several threads arrives out of order; backpressure
        // must always admit the article the output is waiting for.
        let articles = try GalleyProcess.run(["ingest", "-"], stdin: RunCLITests.records(300)).stdout
        let input = Data(String(repeating: articles, count: 10).utf8)
        for buffer in ["1", "2", "64"] {
            let r = try GalleyProcess.run(["run", "noop", "-q", "--buffer", buffer], stdin: input)
            #expect(r.status == 0)
            #expect(r.lines.count == 3_000, "--buffer \(buffer)")
        }
        let records = try GalleyProcess.run(["run", "noop", "-q", "--buffer", "1"], stdin: RunCLITests.records(3_000))
        #expect(records.lines.count == 3_000)
    }

    @Test func pluginsListsBuiltInsAndPluginPath() throws {
        let r = try GalleyProcess.run(["plugins"], environment: ["GALLEY_PLUGIN_PATH": GalleyProcess.package.path + "/Plugins/python"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("noop") && r.stdout.contains("built-in"))
        #expect(r.stdout.contains("wordstats") && r.stdout.contains("GALLEY_PLUGIN_PATH"))
        let json = try GalleyProcess.run(["plugins", "--json"], environment: ["GALLEY_PLUGIN_PATH": GalleyProcess.package.path + "/Plugins/python"])
        #expect(json.json.contains { $0["name"] as? String == "wordstats" && ($0["provides"] as? [String]) == ["wordstats"] })
    }

    @Test(arguments: ["./Plugins/python/wordstats.py", "./Plugins/shell/headline.sh", "./Plugins/node/entities.js", "noop"])
    func examplesPassTheConformanceCheck(_ plugin: String) throws {
        let r = try GalleyProcess.run(["plugin", "check", plugin])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("all 12 checks passed"))
    }

    @Test func conformanceCheckFindsFaults() throws {
        let r = try GalleyProcess.run(["plugin", "check", RunCLITests.faulty], environment: ["FAULT": "junk_stdout"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAIL  clean stdout"))
        #expect(r.stdout.contains("FAIL  version mismatch"))
        let dead = try GalleyProcess.run(["plugin", "check", RunCLITests.faulty], environment: ["FAULT": "exit_at_start"])
        #expect(dead.status == 1 && dead.stdout.contains("FAIL  handshake"))
        // An answer with a NaN is named as such, at once, not as a missing answer after the timeout.
        let nan = try GalleyProcess.run(["plugin", "check", RunCLITests.faulty], environment: ["FAULT": "nan_on=*"])
        #expect(nan.status == 1)
        #expect(nan.stdout.contains("FAIL  process               the answer to request 1 is not valid JSON"), "\(nan.stdout)")
    }

    /// A plugin that requires another's analysis is checked on samples that carry it (it used
    /// to get bare samples, so its error answers passed as "answered with an error").
    @Test func conformanceCheckFeedsRequiredAnalyses() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plugin = try RunCLITests.pythonPlugin("sumlen", in: dir, manifest: #"provides=["sumlen"], requires=["analyses.summary"]"#,
                                                  process: #"return {"chars": len(article["analyses"]["summary"]["text"])}"#)
        let r = try GalleyProcess.run(["plugin", "check", plugin])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("PASS  required analyses     samples carry summary"), "\(r.stdout)")
        #expect(r.stdout.contains("PASS  process               answered request 1 with a result"), "\(r.stdout)")
        let orphan = try RunCLITests.pythonPlugin("orphan", in: dir, manifest: #"provides=["orphan"], requires=["analyses.nosuch"]"#, process: "return {}")
        let missing = try GalleyProcess.run(["plugin", "check", orphan])
        #expect(missing.status == 1 && missing.stdout.contains("FAIL  required analyses"), "\(missing.stdout)")
    }

    /// The check sends what a run sends: the fields the plugin requires (it sent whole
    /// articles, so a plugin reading an undeclared field passed, then failed every article of
    /// a run). A plugin that dies says why, once; options are given as a run gives them.
    @Test func conformanceCheckSendsWhatARunSendsAndTakesOptions() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let undeclared = try RunCLITests.pythonPlugin("undeclared", in: dir, manifest: #"provides=["undeclared"], requires=["title"]"#,
                                                      process: #"return {"chars": len(article["text"])}"#)
        let r = try GalleyProcess.run(["plugin", "check", undeclared])
        #expect(r.status == 1 && r.stdout.contains("FAIL  process               answered every sample article with an error"), "\(r.stdout)")
        let dies = try RunCLITests.rawPlugin("dies", in: dir, otherwise: #"raise SystemExit("cannot go on: " + m["params"]["article"]["text"])"#)
        let dead = try GalleyProcess.run(["plugin", "check", dies])
        #expect(dead.status == 1 && dead.stdout.contains("no answer to request 1: the plugin exited with status 1; its last stderr line: KeyError: 'text'"), "\(dead.stdout)")
        #expect(dead.stdout.contains("FAIL  pipelining            not run: the plugin exited with status 1; its last stderr line: KeyError: 'text'"), "\(dead.stdout)")
        // One that answers the first article and dies on the next: the checks after say so (they
        // read "no answer" without a reason, one timeout each).
        let later = try RunCLITests.rawPlugin("later", in: dir, otherwise: """
            if m["id"] != 1: print("loading model...", flush=True); sys.stderr.write("Traceback: it broke\\n"); sys.exit(3)
                    print(json.dumps({"jsonrpc": "2.0", "id": m["id"], "result": {}}), flush=True)
            """)
        let broke = try GalleyProcess.run(["plugin", "check", later])
        #expect(broke.status == 1 && broke.stdout.contains("PASS  process"), "\(broke.stdout)")
        #expect(broke.stdout.contains("FAIL  pipelining            sent 2 requests at once, got answers for []; the plugin exited with status 3; its last stderr line: Traceback: it broke"), "\(broke.stdout)")
        #expect(broke.stdout.contains("FAIL  shutdown              not run: the plugin exited with status 3"), "\(broke.stdout)")
        #expect(broke.stdout.contains("FAIL  clean stdout          non-protocol output on stdout: loading model..."), "\(broke.stdout)")
        let needsOption = try RunCLITests.pythonPlugin("needsopt", in: dir,
            manifest: #"provides=["needsopt"], requires=["title"], options={"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}"#,
            process: #"return {"n": options["n"]}"#)
        let without = try GalleyProcess.run(["plugin", "check", needsOption])
        #expect(without.status == 1 && without.stdout.contains("FAIL  options"), "\(without.stdout)")
        let with = try GalleyProcess.run(["plugin", "check", needsOption, "--option", "n=3"])
        #expect(with.status == 0 && with.stdout.contains("PASS  options"), "\(with.stdout)")
    }

    /// `galley plugin` alone, or with --help, names its commands (it was an "unknown command").
    @Test func theFirstWordOfACommandListsItsCommands() throws {
        let help = try GalleyProcess.run(["plugin", "--help"])
        #expect(help.status == 0 && help.stdout.contains("galley plugin check PATH"), "\(help.stdout)")
        let bare = try GalleyProcess.run(["plugin"])
        #expect(bare.status == 64 && bare.stderr.contains("'plugin' needs a command"), "\(bare.stderr)")
    }

    /// A plugin may drop a request it was told to cancel (the host ignores a late answer):
    /// the check passes it, and the plugin's other answers still count.
    @Test func conformanceCheckAcceptsADroppedCancelledRequest() throws {
        let r = try GalleyProcess.run(["plugin", "check", RunCLITests.faulty], environment: ["FAULT": "drop_cancelled"])
        #expect(r.stdout.contains("PASS  cancellation") && r.stdout.contains("was dropped"), "\(r.stdout)")
    }

    /// serve reads one file per `ingest` (a folder or a pipe would stall or swamp it), and keeps
    /// a bounded number of plugin chains however many option sets its clients use.
    @Test func serveBoundsWhatOneRequestCanCost() throws {
        var requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"ingest","params":{"path":"seeds"}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"ingest","params":{"path":"/dev/zero"}}"#,
        ]
        for k in 1...12 {
            requests.append(#"{"jsonrpc":"2.0","id":\#(k + 10),"method":"analyze","params":{"text":"A Title Of Some Words\n\nOne sentence here. Another one there. A third.","with":["summarize"],"options":{"sentences":\#(k)}}}"#)
        }
        let r = try GalleyProcess.run(["serve", "--stdio"], stdin: Data((requests.joined(separator: "\n") + "\n").utf8))
        let answers = Dictionary(uniqueKeysWithValues: r.json.compactMap { a in (a["id"] as? Int).map { ($0, a) } })
        #expect(((answers[1]?["error"] as? [String: Any])?["message"] as? String)?.contains("is a folder") == true, "\(r.stdout.prefix(400))")
        #expect(((answers[2]?["error"] as? [String: Any])?["message"] as? String)?.contains("not a regular file") == true)
        #expect((11...22).allSatisfy { answers[$0]?["result"] != nil }, "every analyze answered: \(r.stdout.suffix(400))")
    }

    @Test func serveSpeaksJSONRPC() throws {
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"ingest","params":{"text":"A Title That Is Long Enough\n\nBody one. Body two."}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"analyze","params":{"text":"Some Title Of Four Words\n\nOne two three.","with":["./Plugins/python/wordstats.py"],"options":{"wpm":100}}}"#,
            "not json",
            #"{"jsonrpc":"2.0","id":4,"method":"nope"}"#,
            #"{"jsonrpc":"2.0","id":5,"method":"analyze","params":{"with":["x"]}}"#,
            // A path is read as `galley ingest` reads it: a page as a page; a file of several articles is refused.
            #"{"jsonrpc":"2.0","id":7,"method":"ingest","params":{"path":"Tests/Fixtures/serve-page.html"}}"#,
            #"{"jsonrpc":"2.0","id":8,"method":"ingest","params":{"path":"seeds/scenarios/meta-ai-futures.json"}}"#,
            #"{"jsonrpc":"2.0","id":6,"method":"shutdown"}"#,
        ]
        let r = try GalleyProcess.run(["serve", "--stdio"], stdin: Data((requests.joined(separator: "\n") + "\n").utf8))
        #expect(r.status == 0)
        let byID = Dictionary(r.json.compactMap { m in (m["id"] as? Int).map { ($0, m) } }, uniquingKeysWith: { a, _ in a })
        #expect((byID[1]?["result"] as? [String: Any])?["protocol"] as? Int == 1)
        #expect((byID[2]?["result"] as? [String: Any])?["title"] as? String == "A Title That Is Long Enough")
        let analyses = ((byID[3]?["result"] as? [String: Any])?["analyses"] as? [String: Any])?["wordstats"] as? [String: Any]
        #expect(analyses?["words"] as? Int == 3)
        #expect((byID[4]?["error"] as? [String: Any])?["code"] as? Int == -32601)
        #expect((byID[5]?["error"] as? [String: Any])?["code"] as? Int == -32602)
        #expect(r.json.contains { ($0["error"] as? [String: Any])?["code"] as? Int == -32700 })
        #expect(byID[6]?["result"] is NSNull)
        let page = byID[7]?["result"] as? [String: Any]
        #expect(page?["title"] as? String == "Storm hits coast" && (page?["source"] as? [String: Any])?["format"] as? String == "html", "\(String(describing: byID[7]))")
        #expect((byID[8]?["error"] as? [String: Any])?["code"] != nil)
    }

    /// What this server does not take is refused with a reason, never silently: a batch
    /// array, a request with a null id (answers come out of order), a malformed request.
    @Test func serveRefusesBatchesAndNullIdsWithAReason() throws {
        let requests = [
            #"[{"jsonrpc":"2.0","id":1,"method":"initialize"}]"#,
            #"{"jsonrpc":"2.0","id":null,"method":"initialize"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":7}"#,
            #"{"jsonrpc":"2.0","method":"initialize"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#,
        ]
        let r = try GalleyProcess.run(["serve", "--stdio"], stdin: Data((requests.joined(separator: "\n") + "\n").utf8))
        #expect(r.status == 0)
        let messages = r.json.map { (($0["error"] as? [String: Any])?["message"] as? String) ?? "result" }
        #expect(r.json.count == 4, "a notification gets no answer: \(r.stdout)")
        #expect(messages[0].contains("batch") && messages[1].contains("not null") && messages[2].contains("method must be a string"), "\(messages)")
        #expect(r.json[0]["id"] is NSNull && r.json[1]["id"] is NSNull && r.json[2]["id"] as? Int == 2 && r.json[3]["id"] as? Int == 3)
    }

    /// A client that never reads serve's stderr (a pipe left full) still gets every answer:
    /// diagnostics are dropped rather than waited on. 200 lines of 2 KB fill a pipe three times.
    @Test func serveAnswersWhenNobodyReadsItsStderr() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plugin = try RunCLITests.pythonPlugin("noisy", in: dir, manifest: #"provides=["noisy"], requires=["title"]"#,
                                                  process: #"[print("n" * 2000, file=sys.stderr) for _ in range(200)]; sys.stderr.flush(); return {"ok": True}"#)
        let p = Process()
        p.executableURL = GalleyProcess.binary
        p.arguments = ["serve", "--stdio"]
        let input = Pipe(), output = Pipe(), errors = Pipe()  // errors: never read
        p.standardInput = input; p.standardOutput = output; p.standardError = errors
        try p.run()
        var requests = ""
        for k in 1...3 { requests += #"{"jsonrpc":"2.0","id":\#(k),"method":"analyze","params":{"text":"A Title For Article \#(k)\n\nOne two three.","with":["\#(plugin)"]}}"# + "\n" }
        input.fileHandleForWriting.write(Data(requests.utf8))
        try input.fileHandleForWriting.close()
        nonisolated(unsafe) var answered = Data()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { answered = output.fileHandleForReading.readDataToEndOfFile(); done.signal() }
        let finished = done.wait(timeout: .now() + 60) == .success
        if !finished { p.terminate() }
        p.waitUntilExit()
        #expect(finished, "serve stalled on its full stderr")
        let lines = String(decoding: answered, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3 && lines.allSatisfy { $0.contains(#""ok":true"#) }, "\(lines)")
    }

    @Test func sigintStopsCleanlyAndLeavesNoProcess() throws {
        let (dir, copy) = try Self.privateFaulty()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = Process()
        p.executableURL = GalleyProcess.binary
        p.arguments = ["run", copy.path, "--jobs", "2"]
        p.environment = ProcessInfo.processInfo.environment.merging(["FAULT": "slow=0.2"]) { $1 }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = errors
        try p.run()
        try input.fileHandleForWriting.write(contentsOf: RunCLITests.records(3))
        // Keep stdin open: the run is mid-stream when the signal comes. Wait (on a busy
        // machine, a while) until both plugin instances are up.
        let deadline = Date().addingTimeInterval(15)
        var running: [String] = []
        // Count the plugin's Python processes: a launcher on the way to Python (a pyenv shim is
        // a shell script that forks) would otherwise pass for an instance while one starts.
        repeat {
            Thread.sleep(forTimeInterval: 0.1)
            running = Self.processesRunning(copy.path).filter(Self.isPython)
        } while running.count < 2 && Date() < deadline
        #expect(running.count == 2, "two plugin instances while running")
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("interrupted"))
        #expect(Self.noneRunningSoon(copy.path), "no plugin process outlives the host")
        try? input.fileHandleForWriting.close()
    }

    /// The first output line of `executable arguments` after `input` is written, read while
    /// stdin stays open (nil if none comes within 20 s).
    static func firstLineWhileInputOpen(_ executable: URL, _ arguments: [String], input data: Data) throws -> String? {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        let input = Pipe(), output = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        defer { try? input.fileHandleForWriting.close(); p.waitUntilExit() }
        let got = NSCondition()
        nonisolated(unsafe) var firstLine: String?
        Thread.detachNewThread {
            var bytes: [UInt8] = []
            while true {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                bytes += chunk
                if let nl = bytes.firstIndex(of: 0x0A) {
                    got.lock(); firstLine = String(decoding: bytes[..<nl], as: UTF8.self); got.broadcast(); got.unlock()
                    break
                }
            }
        }
        try input.fileHandleForWriting.write(contentsOf: data)
        got.lock()
        let deadline = Date().addingTimeInterval(20)
        while firstLine == nil, got.wait(until: deadline) {}
        let line = firstLine
        got.unlock()
        return line
    }

    /// A live input (`tail -f | galley ingest - | galley run ...`): each stage writes its result
    /// while its input is still open, instead of holding it in its output buffer until more
    /// input or the end arrives.
    @Test func resultsOfALiveInputArriveWhileItIsOpen() throws {
        let record = RunCLITests.records(1)
        let run = try Self.firstLineWhileInputOpen(GalleyProcess.binary, ["run", "summarize", "-q", "--fields", "analyses.summary.text"], input: record)
        #expect(run?.contains(#""id":"a1""#) == true, "galley run: \(String(describing: run))")
        let ingest = try Self.firstLineWhileInputOpen(GalleyProcess.binary, ["ingest", "-q", "-"], input: record)
        #expect(ingest?.contains(#""id":"a1""#) == true, "galley ingest: \(String(describing: ingest))")
        let plugin = GalleyProcess.binary.deletingLastPathComponent().appendingPathComponent("galley-summarize")
        let filtered = try Self.firstLineWhileInputOpen(plugin, ["--filter"], input: Data(((ingest ?? "") + "\n").utf8))
        #expect(filtered?.contains(#""summary""#) == true, "galley-summarize --filter: \(String(describing: filtered?.prefix(80)))")
    }

    /// A plugin's --filter mode on its own: a record never ingested (text, no sentences) is
    /// said once, and a bad option is a usage error before any article (both went unsaid).
    @Test func filterModeSaysWhatIsWrong() throws {
        let plugin = GalleyProcess.binary.deletingLastPathComponent().appendingPathComponent("galley-summarize")
        let raw = try GalleyProcess.run(["--filter"], executable: plugin, stdin: RunCLITests.records(2))
        #expect(raw.stdout.split(separator: "\n").count == 2)
        #expect(raw.stderr.components(separatedBy: "has text but no sentences").count == 2, "once: \(raw.stderr)")
        let ingested = try GalleyProcess.run(["ingest", "-q", "-"], stdin: RunCLITests.records(2))
        let bad = try GalleyProcess.run(["--filter", "--option", "sentences=0"], executable: plugin, stdin: Data(ingested.stdout.utf8))
        #expect(bad.status == 64 && bad.stdout.isEmpty && bad.stderr.contains("sentences"), "\(bad.stderr)")
        // Unknown options, unknown arguments and a bare --option are usage errors in every
        // plugin (metrics and scenarios ran on, and summarize ignored what it did not know).
        let metrics = plugin.deletingLastPathComponent().appendingPathComponent("galley-metrics")
        for (exe, args) in [(metrics, ["--option", "bogus=1"]), (plugin, ["--bogus"]), (plugin, ["--option", "sentences"])] {
            let r = try GalleyProcess.run(["--filter"] + args, executable: exe, stdin: Data(ingested.stdout.utf8))
            #expect(r.status == 64 && r.stdout.isEmpty, "\(args): \(r.stderr)")
        }
        // scenarios takes the host's --pack spelling.
        let scenarios = plugin.deletingLastPathComponent().appendingPathComponent("galley-scenarios")
        let pack = GalleyProcess.package.appendingPathComponent("seeds/scenarios/meta-ai-futures.json").path
        let scored = try GalleyProcess.run(["--filter", "--pack", pack], executable: scenarios, stdin: Data(ingested.stdout.utf8))
        #expect(scored.status == 0 && scored.stdout.contains("\"scenarios\""), "\(scored.stderr)")
    }

    /// Articles whose numbers no reader can use (an offset past 64 bits, a span that ends
    /// before it starts) between good ones: every built-in plugin answers each with an error
    /// and goes on. They trapped in the plugins' JSON reader and in metrics, and a plugin run
    /// alone (`--filter`) then lost every line it had not written yet.
    @Test func unusableNumbersFailTheirArticleNotThePlugin() throws {
        let ingested = try GalleyProcess.run(["ingest", "-q", "-"], stdin: RunCLITests.records(2))
        let good = ingested.stdout.split(separator: "\n").map(String.init)
        let bad = [#"{"galley":1,"id":"big","text":"a","sentences":[{"text":"a","paragraph":0,"kind":"paragraph","start":9223372036854775808,"end":1}]}"#,
                   #"{"galley":1,"id":"back","text":"abcdefghijkl","sentences":[{"text":"a","paragraph":0,"kind":"paragraph","start":10,"end":2}]}"#]
        let input = Data(([good[0]] + bad + [good[1]]).joined(separator: "\n").utf8 + [0x0A])
        let folder = GalleyProcess.binary.deletingLastPathComponent()
        let pack = GalleyProcess.package.appendingPathComponent("seeds/scenarios/meta-ai-futures.json").path
        for (name, args) in [("summarize", [String]()), ("metrics", []), ("scenarios", ["--pack", pack])] {
            let r = try GalleyProcess.run(["--filter"] + args, executable: folder.appendingPathComponent("galley-" + name), stdin: input)
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.count == 4, "\(name): \(r.status) \(r.stderr.prefix(300))")
            for (k, id) in ["a1", "big", "back", "a2"].enumerated() where k < lines.count {
                #expect(lines[k].contains(#""id":"\#(id)""#), "\(name) line \(k)")
                let failed = lines[k].contains(#""errors":[{"stage":"\#(name)""#)
                #expect(failed == (id == "big" || id == "back"), "\(name) \(id): \(lines[k].prefix(300))")
            }
        }
    }

    @Test func closedStdoutStopsTheRunAndItsPlugins() throws {
        let (dir, copy) = try Self.privateFaulty()
        defer { try? FileManager.default.removeItem(at: dir) }
        let records = dir.appendingPathComponent("in.ndjson")
        try RunCLITests.records(3_000).write(to: records)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "FAULT=ok '\(GalleyProcess.binary.path)' run '\(copy.path)' < '\(records.path)' | head -n 2 > /dev/null"]
        let start = Date()
        try p.run()
        p.waitUntilExit()
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(Self.noneRunningSoon(copy.path))
    }

    /// The reader goes away while the input never ends (`endless | galley run x | head -1`):
    /// the run stops at its next write, with status 0, instead of reading for ever.
    @Test func aClosedStdoutStopsTheRunWhileInputStaysOpen() throws {
        signal(SIGPIPE, SIG_IGN)  // our feeding write fails once galley is gone: no signal for that
        let p = Process()
        p.executableURL = GalleyProcess.binary
        p.arguments = ["run", "noop", "-q"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        let records = RunCLITests.records(200)
        Thread.detachNewThread {
            // Feeds for ever (until the pipe breaks, or 60 s).
            let until = Date().addingTimeInterval(60)
            while Date() < until, (try? input.fileHandleForWriting.write(contentsOf: records)) != nil {}
        }
        var bytes: [UInt8] = []
        while !bytes.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            bytes += chunk
        }
        try output.fileHandleForReading.close()
        let start = Date()
        while p.isRunning && Date().timeIntervalSince(start) < 20 { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!p.isRunning, "still running 20 s after its reader went away")
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// Output that cannot be written (a full disk) is an I/O failure, status 74: records were
    /// lost, whatever --errors-in-band says of article errors.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskIsAnIOError() throws {
        let p = Process()
        p.executableURL = GalleyProcess.binary
        p.arguments = ["run", "noop", "--errors-in-band"]
        let input = Pipe(), err = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        p.standardError = err
        try p.run()
        signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: RunCLITests.records(50))
        try? input.fileHandleForWriting.close()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 74, "\(stderr)")
        #expect(stderr.contains("No space left on device"), "\(stderr)")
    }

    @Test func normalRunsReapEveryPlugin() throws {
        let (dir, copy) = try Self.privateFaulty()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try GalleyProcess.run(["run", copy.path, "--jobs", "3"], stdin: RunCLITests.records(10), environment: ["FAULT": "crash_on=a5"])
        #expect(r.json.count == 10)
        #expect(Self.processesRunning(copy.path).isEmpty)
    }
}
