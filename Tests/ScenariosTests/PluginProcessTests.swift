import Foundation
import GalleyIngest
import GalleyJSON
import GalleyModel
import Testing

/// The plugin executable as the host and the scoring harness run it. Skipped when the binary is
/// not built beside the tests.
@Suite struct PluginProcessTests {
    static let binary: URL? = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("galley-scenarios")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let debug = Folders.package.appendingPathComponent(".build/debug/galley-scenarios")
        return FileManager.default.isExecutableFile(atPath: debug.path) ? debug : nil
    }()

    func run(_ args: [String], _ input: String = "") throws -> (status: Int32, out: [JSONValue]) {
        guard let binary = Self.binary else { return (0, []) }
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = Folders.package
        let out = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = inp
        try p.run()
        try inp.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try inp.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        return (p.terminationStatus, try lines.map { try JSONParser.parse(Array($0.utf8)[...]) })
    }

    /// An ingested article line, with extra record fields carried through.
    func line(_ record: String) throws -> String {
        let a = try Ingester.article(fromRecord: try JSONParser.parse(Array(record.utf8)[...]), name: "t")
        return String(decoding: a.jsonLine, as: UTF8.self) + "\n"
    }

    let scenarios = #"[{"id":"chips","name":"Chips","description":"Chip and energy bills force the cuts.","signals":["chips"]},{"id":"bloat","name":"Bloat","description":"The company over-hired and carries bloat.","signals":["bloat"]}]"#

    @Test func theHarnessFormInline() throws {
        guard Self.binary != nil else { return }
        let input = try line(#"{"id":"a1","title":"Cuts","text":"The firm is cutting jobs because chips cost more every quarter. Energy bills doubled.","pack":"p","scenarios":\#(scenarios)}"#)
        let (status, out) = try run(["--filter"], input)
        #expect(status == 0)
        let r = try #require(out.first?["analyses"]?["scenarios"])
        #expect(r["pack"]?.stringValue == "p" && r["scenarios"]?.arrayValue?.count == 2)
        #expect(r["scenarios"]?.arrayValue?.first?["id"]?.stringValue == "chips")
        #expect((r["scenarios"]?.arrayValue?.first?["score"]?.doubleValue ?? 0) > 0.5)
    }

    /// `--filter` answers every input line, a broken one with its error attached.
    @Test func filterModeAnswersEveryLine() throws {
        guard Self.binary != nil else { return }
        let good = try line(#"{"id":"a1","title":"Cuts","text":"The firm is cutting jobs because chips cost more.","pack":"p","scenarios":\#(scenarios)}"#)
        let input = good + #"{"id":"a2","sentences":"not a list"}"# + "\nnot json at all\n" + good
        let (status, out) = try run(["--filter"], input)
        #expect(status == 1, "some lines failed")
        #expect(out.map { $0["id"]?.stringValue } == ["a1", "a2", "line 3", "a1"])
        #expect(out[1]["errors"]?.arrayValue?.first?["message"]?.stringValue?.contains("sentences") == true)
        #expect(out[2]["errors"]?.arrayValue?.count == 1)
        #expect(out[3]["analyses"]?["scenarios"] != nil)
    }

    @Test func aBadPackFileIsAnErrorNamingTheField() throws {
        guard Self.binary != nil else { return }
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-pack-\(getpid()).json")
        try Data(#"{"pack":"x","scenarios":[{"id":"a","name":"A","description":"Alpha things."},{"id":"b","name":"B"}]}"#.utf8).write(to: bad)
        defer { try? FileManager.default.removeItem(at: bad) }
        // In --filter mode a bad option is a usage error, said once on stderr, before any
        // article (each article got the error, with nothing on stderr).
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = ["--filter", "--option", "pack=\(bad.path)"]
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = inp
        try p.run()
        try inp.fileHandleForWriting.write(contentsOf: Data(try line(#"{"id":"a1","text":"Some text here."}"#).utf8))
        try inp.fileHandleForWriting.close()
        let written = out.fileHandleForReading.readDataToEndOfFile(), message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 64 && written.isEmpty)
        #expect(message.contains("'scenarios[1].description'"), "\(message)")
    }

    /// No pack at all: the article's error says how to give one, in the host's terms.
    @Test func noPackSaysHowToGiveOne() throws {
        guard Self.binary != nil else { return }
        let (status, out) = try run(["--filter"], try line(#"{"id":"a1","text":"Some text here."}"#))
        #expect(status == 1)
        let error = out.first?["errors"]?.arrayValue?.first
        #expect(error?["code"]?.intValue == -32602)
        #expect(error?["message"]?.stringValue?.hasPrefix("no scenario pack: give one with --pack FILE") == true, "\(String(describing: error))")
    }

    @Test func severalPacks() throws {
        guard Self.binary != nil else { return }
        let input = try line(#"{"id":"a1","text":"Meta is pouring billions into chips and data centers. This isn't about bloat."}"#)
        let (_, out) = try run(["--filter", "--option", #"pack=["seeds/scenarios/meta-layoffs-drivers.json","seeds/scenarios/meta-ai-futures.json"]"#], input)
        let r = try #require(out.first?["analyses"]?["scenarios"])
        #expect(r["packs"]?.arrayValue?.compactMap { $0["pack"]?.stringValue } == ["meta-layoffs-drivers", "meta-ai-futures"])
        #expect(r["pack"]?.stringValue == "meta-layoffs-drivers")
    }

    @Test func manifest() throws {
        guard Self.binary != nil else { return }
        let (_, out) = try run(["--manifest"])
        let m = try #require(out.first?["manifest"])
        #expect(m["provides"]?.arrayValue == [.string("scenarios")])
        #expect(m["requires"]?.arrayValue == [.string("*")])
        #expect(m["uses"]?.arrayValue?.contains(.string("metrics")) == true)
        #expect(m["options"]?["properties"]?["pack"] != nil)
    }
}
