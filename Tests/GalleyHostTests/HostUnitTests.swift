import Foundation
import Testing
@testable import GalleyHost
@testable import GalleyJSON
@testable import GalleyProtocol
import GalleyIO
import GalleyModel

@Suite struct OptionTests {
    let schema: JSONValue = ["type": "object", "additionalProperties": false, "properties": [
        "sentences": ["type": "integer", "minimum": 1],
        "ratio": ["type": "number", "maximum": 1],
        "order": ["type": "string", "enum": ["text", "rank"]],
        "strict": ["type": "boolean"],
    ]]

    func check(_ s: String) throws -> JSONObject {
        try OptionSchema.check([try OptionAssignment(parsing: s)], against: schema, plugin: "summarize", otherPlugins: [])
    }

    @Test func convertsToTheDeclaredType() throws {
        #expect(try check("sentences=3")["sentences"] == 3)
        #expect(try check("ratio=0.25")["ratio"] == .number("0.25"))
        #expect(try check("order=rank")["order"] == "rank")
        #expect(try check("strict=true")["strict"] == true)
        #expect(try check("summarize.sentences=2")["sentences"] == 2)
        // JSON Schema's integers include numbers with a zero fraction; a fraction is no integer.
        #expect(try check("sentences=3.0")["sentences"] == 3)
        #expect(try check("sentences=3e1")["sentences"] == 30)
        #expect(throws: HostError.self) { try check("sentences=3.5") }
    }

    @Test func refusesWithMessagesNamingPluginAndOption() {
        for (input, fragment) in [("sentences=two", "expected integer"), ("sentences=0", "at least 1"), ("ratio=2", "at most 1"),
                                  ("order=random", "must be one of"), ("colour=red", "has no option 'colour'"), ("strict=yes", "expected boolean")] {
            do { _ = try check(input); Issue.record("accepted \(input)") } catch {
                #expect("\(error)".contains(fragment), "\(input): \(error)")
                #expect("\(error)".contains("summarize"))
            }
        }
        #expect(throws: HostError.self) { try OptionAssignment(parsing: "novalue") }
    }

    /// The rest of the JSON Schema keywords PROTOCOL.md lists: exclusive bounds, string
    /// lengths and patterns, array items (a comma list or JSON), required options.
    @Test func appliesTheDocumentedSchemaKeywords() throws {
        let schema: JSONValue = ["type": "object", "required": ["tag"], "properties": [
            "ratio": ["type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1],
            "tag": ["type": "string", "pattern": "^[a-z]+$", "minLength": 2, "maxLength": 5],
            "kinds": ["type": "array", "items": ["type": "string", "enum": ["money", "percent", "date"]]],
            "sizes": ["type": "array", "items": ["type": "integer", "minimum": 1]],
        ]]
        func check(_ given: [String]) throws -> JSONObject {
            try OptionSchema.check(given.map { try OptionAssignment(parsing: $0) }, against: schema, plugin: "p", otherPlugins: [])
        }
        let ok = try check(["tag=abc", "ratio=0.5", "kinds=money, percent", "sizes=[1,2]"])
        #expect(ok["kinds"] == ["money", "percent"])
        #expect(ok["sizes"] == [1, 2])
        #expect(try check(["tag=abc", "sizes=3,4"])["sizes"] == [3, 4])
        for (given, fragment) in [(["tag=abc", "ratio=0"], "must be more than 0"), (["tag=abc", "ratio=1"], "must be less than 1"),
                                  (["tag=ABC"], "must match the pattern"), (["tag=abcdefgh"], "at most 5 characters"),
                                  (["tag=a"], "at least 2 characters"), (["tag=abc", "kinds=money,cash"], "an item must be one of"),
                                  (["tag=abc", "sizes=1,x"], "expected array"), (["tag=abc", "sizes=0"], "an item must be at least 1"),
                                  (["ratio=0.5"], "needs the option 'tag'")] {
            do { _ = try check(given); Issue.record("accepted \(given)") } catch {
                #expect("\(error)".contains(fragment), "\(given): \(error)")
                #expect((error as? HostError)?.kind == .usage)
            }
        }
    }

    @Test func unqualifiedOptionsGoToThePluginsThatDeclareThem() throws {
        let other: JSONValue = ["type": "object", "properties": ["wpm": ["type": "integer"]]]
        let opts = try OptionSchema.check([try OptionAssignment(parsing: "wpm=200")], against: schema, plugin: "summarize", otherPlugins: [other])
        #expect(opts.isEmpty)
    }
}

@Suite struct ChainOrderTests {
    func started(_ name: String, provides: [String], requires: [String]?, uses: [String] = []) -> ChainResolver.Started {
        // The instance is never used by `order`; a placeholder process stands in.
        ChainResolver.Started(name: name, path: "/bin/true", instance: Self.placeholder,
                              manifest: PluginManifest(name: name, version: "1", provides: provides, requires: requires, uses: uses))
    }
    static let placeholder = try! PluginInstance(label: "placeholder", executable: "/bin/cat", log: HostLog(write: { _ in }), maxLineBytes: 1024)

    @Test func providersComeFirstAndUserOrderIsKeptOtherwise() throws {
        let chain = [started("scenarios", provides: ["scenarios"], requires: ["sentences"], uses: ["metrics"]),
                     started("summarize", provides: ["summary"], requires: ["sentences"]),
                     started("metrics", provides: ["metrics"], requires: ["text"])]
        #expect(try ChainResolver.order(chain).map(\.name) == ["summarize", "metrics", "scenarios"])
    }

    /// "sentences.text" asks for the sentences with that member; asking for a field whole wins
    /// over asking for its members; a dotted name that is not an article field's member
    /// ("analyses.summary", "budget.sentences") is no member path.
    @Test func memberPathsAskForMembersOfAFieldsObjects() {
        let m = PluginManifest(name: "p", version: "1", provides: ["p"],
                               requires: ["title", "sentences.text", "sentences.kind", "faq.paragraphs", "budget"], uses: ["faq", "source.site"])
        let inputs = ChainResolver.inputs(of: m, provided: [])
        #expect(inputs.fields == ["id", "title", "sentences", "faq", "budget", "source"])
        #expect(inputs.elementMembers == ["sentences": ["text", "kind"], "source": ["site"]])
        #expect(ChainResolver.memberPath("sentences.text")! == ("sentences", "text"))
        for name in ["analyses.summary", "budget.sentences", "sentences", "sentences.", "sentences.a.b", "title.x"] {
            #expect(ChainResolver.memberPath(name) == nil, "\(name)")
        }
        #expect(ChainResolver.isArticleField("paragraphs.kind") && !ChainResolver.isArticleField("budget.sentences"))
    }

    /// What the host writes of an ingested article is the union of what its readers read: a
    /// field anyone reads whole is written whole, whatever the order.
    @Test func projectionsUniteReaders() {
        var a = ArticleProjection(fields: [])
        a.add(fields: ["id", "sentences", "faq"], members: ["sentences": ["text"], "faq": ["paragraphs"]])
        a.add(fields: ["sentences"], members: ["sentences": ["kind"]])
        #expect(a.fields == ["id", "sentences", "faq"] && a.elementMembers == ["sentences": ["text", "kind"], "faq": ["paragraphs"]])
        a.add(fields: ["faq"], members: [:])
        #expect(a.elementMembers == ["sentences": ["text", "kind"]])
        a.add(fields: ["faq"], members: ["faq": ["question"]])
        #expect(a.elementMembers["faq"] == nil, "once whole, whole")
    }

    @Test func cyclesAreRefused() {
        let chain = [started("a", provides: ["a"], requires: ["b"]), started("b", provides: ["b"], requires: ["a"])]
        #expect(throws: HostError.self) { try ChainResolver.order(chain) }
    }
}

@Suite struct LocatorTests {
    @Test func searchOrderAndNeverTheCurrentDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("galley-locator-\(UUID().uuidString)")
        let builtIn = root.appendingPathComponent("bin"), extra = root.appendingPathComponent("extra"), path = root.appendingPathComponent("path")
        for d in [builtIn, extra, path] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: root) }
        func make(_ url: URL) throws {
            try Data("#!/bin/sh\n".utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        try make(builtIn.appendingPathComponent("galley-alpha"))
        try make(extra.appendingPathComponent("alpha.py"))
        try make(extra.appendingPathComponent("beta.py"))
        try make(path.appendingPathComponent("galley-gamma"))
        try make(path.appendingPathComponent("delta"))
        let locator = PluginLocator(environment: ["GALLEY_PLUGIN_PATH": extra.path, "PATH": "::\(path.path)"], builtInFolder: builtIn.path)
        #expect(locator.locate("alpha")?.origin == "built-in")
        #expect(locator.locate("beta")?.path == extra.appendingPathComponent("beta.py").path)
        #expect(locator.locate("gamma")?.origin == "PATH")
        #expect(locator.locate("delta") == nil, "on PATH only galley-<name> counts")
        #expect(locator.locate("nothing") == nil)
        #expect(locator.locate(extra.appendingPathComponent("beta.py").path)?.name == "beta")
        #expect(locator.all().map(\.name) == ["alpha", "beta", "gamma"])
    }
}

@Suite struct JobsTests {
    @Test func processorsAreSharedOutAmongStages() {
        var s = RunSettings()
        #expect(s.instances(forStages: 3) == 1, "no --jobs: one instance each")
        s.processors = 2
        #expect(s.instances(forStages: 1) == 2, "one heavy plugin gets every processor")
        #expect(s.instances(forStages: 3) == 1, "three stages already share two processors")
        s.processors = 8
        #expect(s.instances(forStages: 3) == 3)
        #expect(s.instances(forStages: 0) == 8)
        s.processors = 1
        #expect(s.instances(forStages: 4) == 1)
    }

    @Test func theBudgetNeverWidensWhatTheProcessMayUse() {
        // Asking for at least as many processors as allowed changes nothing (and so is safe
        // to call from a test process).
        let allowed = ProcessorBudget.allowed()
        #expect(ProcessorBudget.limit(to: max(1, allowed.count)) == nil)
        #expect(ProcessorBudget.limit(to: allowed.count + 5) == nil)
        #expect(ProcessorBudget.allowed() == allowed)
        #if os(Linux)
        #expect(!allowed.isEmpty && allowed.count <= ProcessInfo.processInfo.processorCount)
        #endif
    }

    @Test func theBudgetStartsAtTheProcessorTheRunIsOn() {
        // The kernel starts a program on the least busy processor: two `--jobs 1` runs side
        // by side must not both take processor 0.
        #expect(ProcessorBudget.choose(1, from: [0, 1, 2, 3], current: 2) == [2])
        #expect(ProcessorBudget.choose(2, from: [0, 1, 2, 3], current: 3) == [0, 3])
        #expect(ProcessorBudget.choose(3, from: [0, 2, 4, 6], current: 4) == [0, 4, 6])
        // Unknown, or a processor outside the allowed set (it moved): the first allowed ones.
        #expect(ProcessorBudget.choose(2, from: [4, 5, 6], current: nil) == [4, 5])
        #expect(ProcessorBudget.choose(1, from: [4, 5, 6], current: 1) == [4])
        #expect(ProcessorBudget.choose(5, from: [1, 2], current: 2) == [1, 2])
        #expect(ProcessorBudget.choose(1, from: [], current: 0) == [])
    }
}

@Suite struct ChildProcessTests {
    @Test func aChildInheritsOnlyItsThreeStreams() throws {
        // A descriptor this process holds without close-on-exec (Foundation's Pipe is one)
        // must not reach a plugin: a leaked write end would keep another process's stdin open.
        let leaky = Pipe()
        defer { try? leaky.fileHandleForWriting.close(); try? leaky.fileHandleForReading.close() }
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "ls /proc/$$/fd"])
        child.closeStdin()
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(child.stdoutFD, &buffer, buffer.count)
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        child.stop(grace: 5)
        let fds = Set(String(decoding: out, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init))
        #expect(fds == ["0", "1", "2"], "the child holds \(fds.sorted())")
    }

    /// A plugin's stderr pipe is never grown: growth is kept for the pipes a run's
    /// throughput rides on (see PipeCapacity).
    @Test func aChildsStderrPipeIsNotGrown() throws {
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "read line; exit 0"])
        defer { child.stop(grace: 5) }
        #if os(Linux)
        #expect(fcntl(child.stderrFD, 1032) == 65_536)
        #endif
        child.closeStdin()
    }

    /// Where the spawn cannot be told to close everything (no posix_spawn_file_actions_addclosefrom_np:
    /// older glibc, or a fully static build), every inheritable descriptor is made close-on-exec.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/fd")))
    func withoutCloseFromDescriptorsAreMarkedCloseOnExec() throws {
        let leaky = Pipe()
        defer { try? leaky.fileHandleForWriting.close(); try? leaky.fileHandleForReading.close() }
        let fd = leaky.fileHandleForWriting.fileDescriptor
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) & ~FD_CLOEXEC)
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC == 0)
        ChildProcess.markInheritableDescriptorsCloseOnExec()
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(0, F_GETFD) >= 0, "the standard streams are left alone")
    }
}

@Suite struct ProcessGroupTests {
    /// Live (not zombie) processes in process group `group`.
    static func liveMembers(of group: pid_t) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard entry.first?.isNumber == true, let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat"),
                  let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return false }
            let fields = String(decoding: stat[(close + 1)...], as: UTF8.self).split(separator: " ")
            return fields.count > 2 && fields[2] == "\(group)" && fields[0] != "Z"
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/stat")))
    func whatAPluginStartedIsStoppedWithIt() throws {
        // A plugin that leaves a helper running (as a pyenv shim or a careless script does):
        // stopping the plugin stops its whole process group.
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "sleep 60 & read line; exit 0"])
        Thread.sleep(forTimeInterval: 0.2)
        #expect(Self.liveMembers(of: child.pid).count == 2, "the shell and its sleep")
        child.stop(grace: 0.3)
        #expect(Self.liveMembers(of: child.pid).isEmpty)
    }
}

/// Requests reach a plugin whole and in the order they were queued, whether the submitting
/// threads write them (`writeQueued`) or the writer thread does (`send`, `wakeWriter`).
@Suite struct RequestWritingTests {
    @Test func linesFromManyWritersArriveWholeAndInQueueOrder() throws {
        // `cat` answers each line with itself: a response line carrying the request's id.
        let instance = try PluginInstance(label: "cat", executable: "/bin/cat", log: HostLog(write: { _ in }), maxLineBytes: 1 << 20)
        let received = NSCondition()
        nonisolated(unsafe) var ids: [Int] = []
        nonisolated(unsafe) var batchEnds = 0
        instance.onAnswer = { id, _ in received.withLock { ids.append(id) } }
        instance.onReadBatchEnd = { received.withLock { batchEnds += 1; received.broadcast() } }
        let total = 8_000
        let order = NSLock()  // ids are handed out and queued under one lock, as the stage does
        nonisolated(unsafe) var next = 1
        let padding = String(repeating: "x", count: 3_000)  // lines that fill the pipe
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for k in 0..<(total / 4) {
                let direct: Bool = order.withLock {
                    let line = Array(#"{"jsonrpc":"2.0","id":\#(next),"result":{"pad":"\#(padding)"}}"#.utf8)
                    next += 1
                    switch (thread + k) % 3 {
                    case 0: instance.send(line); return false
                    case 1: instance.enqueue(line); instance.wakeWriter(); return false
                    default: instance.enqueue(line); return true
                    }
                }
                if direct { instance.writeQueued() }
            }
        }
        instance.writeQueued()
        instance.wakeWriter()
        received.lock()
        let deadline = Date().addingTimeInterval(30)
        while ids.count < total, received.wait(until: deadline) {}
        let got = ids, ends = batchEnds
        received.unlock()
        instance.finishWriting()
        instance.process.stop(grace: 1)
        #expect(got == Array(1...total))
        #expect(ends >= 1 && ends <= total)
    }
}

/// The end of a run waits for queued requests to be written, woken by the writer rather than
/// polling, and gives up at its limit when the plugin never reads.
@Suite struct WaitUntilWrittenTests {
    /// 3 MB: more than a plugin's (grown) pipe holds.
    static let lines = (1...100).map { Array(#"{"jsonrpc":"2.0","id":\#($0),"result":{"pad":"\#(String(repeating: "x", count: 30_000))"}}"#.utf8) }

    static func script(_ body: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("galley-wait-\(UUID().uuidString).sh")
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url.path
    }

    @Test func returnsOnceEveryQueuedLineIsWritten() throws {
        // More than a pipe holds, so the writer blocks until the plugin reads.
        let instance = try PluginInstance(label: "late reader", executable: try Self.script("sleep 0.2; cat > /dev/null"),
                                          log: HostLog(write: { _ in }), maxLineBytes: 1 << 20)
        for line in Self.lines { instance.enqueue(line) }
        instance.wakeWriter()
        instance.finishWriting()
        #expect(instance.waitUntilWritten(seconds: 10))
        instance.process.stop(grace: 1)
    }

    @Test func givesUpAtItsLimitWhenThePluginNeverReads() throws {
        OutputWriter.ignoreSIGPIPE()  // as the host does: the killed plugin's stdin is still being written
        let instance = try PluginInstance(label: "non-reader", executable: try Self.script("exec sleep 5"),
                                          log: HostLog(write: { _ in }), maxLineBytes: 1 << 20)
        for line in Self.lines { instance.enqueue(line) }
        instance.wakeWriter()
        instance.finishWriting()
        #expect(!instance.waitUntilWritten(seconds: 0.2))
        instance.process.kill(grace: 0.1)
    }
}

/// The host keeps the positions of `analyses`' members while it adds results and errors, so
/// that `--fields analyses.x` picks a result without reading the article again.
@Suite struct RawArticleTests {
    static func scanned(_ a: RawArticle) -> [RawJSON.Member]? {
        guard let m = a.members.last(where: { $0.key == "analyses" }),
              let inner = try? RawJSON.members(a.bytes[m.value]) else { return nil }
        return inner.members.map { $0.shifted(by: m.value.lowerBound) }
    }

    @Test func analysesMembersFollowEveryEdit() throws {
        var a = RawArticle(article: Article(id: "a1", title: "T", text: "Body."))
        #expect(a.analysesMembers == [])
        a.addAnalysis("summary", Array(#"{"text":"x"}"#.utf8)[...])
        #expect(a.analysesMembers == Self.scanned(a))
        a.addAnalysis("metrics", Array(#"[1,2,{"k":"v"}]"#.utf8)[...])
        #expect(a.analysesMembers == Self.scanned(a))
        a.addAnalysis("summary", Array(#"{"text":"a much longer summary \"quoted\""}"#.utf8)[...])
        #expect(a.analysesMembers == Self.scanned(a))
        #expect(a.analysesMembers?.map(\.key) == ["summary", "metrics"])
        a.addError(stage: "x", code: -32001, message: "errors come before analyses")
        #expect(a.analysesMembers == Self.scanned(a))
        // Narrowing with the known positions is narrowing with a scan.
        let selection = try FieldSelection(parsing: "analyses.summary.text,analyses.metrics")
        let known = selection.apply(a.bytes, members: a.members, nested: ["analyses": a.analysesMembers!])
        #expect(known == selection.apply(a.bytes))
        #expect(String(decoding: known, as: UTF8.self).contains(#""summary":{"text":"a much longer summary \"quoted\""}"#))
    }

    @Test func unknownAnalysesAreReadWhenFirstEdited() throws {
        let line = Array(#"{"id":"p","analyses":{"prior":{"n":1}},"x":2}"#.utf8)
        var a = try RawArticle(bytes: line)
        #expect(a.analysesMembers == nil)
        a.addAnalysis("summary", Array("{}".utf8)[...])
        #expect(a.analysesMembers == Self.scanned(a))
        #expect(a.analysesMembers?.map(\.key) == ["prior", "summary"])
    }
}

@Suite struct IngestRoutingTests {
    /// Only a line that could hold a top-level "galley" member (the word, or an escape that
    /// could spell it) is scanned as a possible Galley article; other records are parsed once.
    @Test func recordsWithoutTheWordSkipTheArticleScan() {
        func may(_ s: String) -> Bool { Pipeline.mayBeGalleyArticle(Array(s.utf8)) }
        #expect(!may(#"{"id":"a","title":"T","text":"Body £ text."}"#))
        #expect(!may(#"{"id":"a","text":"gallery, galle, alley"}"#))
        #expect(may(#"{"galley":1,"id":"a","paragraphs":[]}"#))
        #expect(may(#"{"id":"a","text":"a galley proof"}"#))  // scanned, then ingested as a record
        #expect(may(#"{"\u0067alley":1,"id":"a","paragraphs":[]}"#))
        #expect(may(#"{"id":"a","text":"caf\u00e9"}"#))
        #expect(!may("") && may("galley") && !may("galle"))
    }
}

/// A plugin's last stderr line goes into records: capped at 200 bytes, cut between characters.
@Suite struct LastStderrLineTests {
    @Test func theCapCutsBetweenCharacters() {
        let euros = String(repeating: "€", count: 100)  // 3 bytes each
        let cut = LastStderrLine.prefix(euros, utf8Bytes: 200)
        #expect(cut == String(repeating: "€", count: 66) && !cut.contains("\u{FFFD}"))
        #expect(LastStderrLine.prefix("short", utf8Bytes: 200) == "short")
    }
}

@Suite struct PipeCapacityTests {
    /// Whether this machine lets an unprivileged pipe grow to the preferred size.
    static var canGrow: Bool {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/proc/sys/fs/pipe-max-size", encoding: .utf8),
              let limit = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return false }
        return limit >= PipeCapacity.preferred
        #else
        return false
        #endif
    }

    static func pipe() -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        _ = Glibc.pipe(&fds)
        return (fds[0], fds[1])
    }

    @Test(.enabled(if: canGrow))
    func aPipeGrowsFromEitherEnd() throws {
        let allowance = PipeCapacity.Allowance(budget: 8 << 20)
        for end in 0..<2 {
            let (r, w) = Self.pipe()
            defer { close(r); close(w) }
            #expect(fcntl(r, 1032) < Int32(PipeCapacity.preferred), "a new pipe starts small")
            #expect(allowance.grow(end == 0 ? r : w) == PipeCapacity.preferred)
            #expect(fcntl(end == 0 ? w : r, 1032) == Int32(PipeCapacity.preferred), "one pipe, both ends")
            #expect(allowance.grow(end == 0 ? w : r) == PipeCapacity.preferred, "growing it again costs nothing")
        }
    }

    /// Pipe buffers count against a per-user quota shared with every program of the user:
    /// a process grows no more than its budget, and the rest keep the default.
    @Test(.enabled(if: canGrow))
    func growthStaysWithinTheBudget() throws {
        let allowance = PipeCapacity.Allowance(budget: 2 * (PipeCapacity.preferred - 65_536))
        var sizes: [Int?] = []
        var open: [Int32] = []
        for _ in 0..<3 {
            let (r, w) = Self.pipe()
            open += [r, w]
            sizes.append(allowance.grow(w))
        }
        for fd in open { close(fd) }
        #expect(sizes == [PipeCapacity.preferred, PipeCapacity.preferred, 65_536])
    }

    @Test func whatIsNotAPipeIsLeftAlone() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("galley-pipe-\(getpid())").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x\n".utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        #expect(PipeCapacity.grow(fd) == nil)
        #expect(PipeCapacity.grow(-1) == nil)
    }
}
