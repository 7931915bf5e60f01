import Foundation
import Testing

/// Live output validated against protocol/*.schema.json with Python's jsonschema (skipped
/// when that package is not installed).
@Suite struct SchemaTests {
    static let checker = GalleyProcess.package.appendingPathComponent("Tests/Fixtures/check_schemas.py").path
    static let protocolDir = GalleyProcess.package.appendingPathComponent("protocol").path

    static var jsonschemaAvailable: Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import jsonschema, referencing"]
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    func validate(_ kind: String, _ content: String) throws -> (Int32, String) {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("input.ndjson")
        try Data(content.utf8).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Self.checker, Self.protocolDir, kind, file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    @Test(.enabled(if: jsonschemaAvailable))
    func ingestOutputMatchesTheArticleSchema() throws {
        let r = try GalleyProcess.run(["ingest", "seeds"])
        let (status, report) = try validate("article", r.stdout)
        #expect(status == 0, "\(report)")
        let analysed = try GalleyProcess.run(["run", "./Plugins/python/wordstats.py"], stdin: Data(r.stdout.utf8))
        #expect(try validate("article", analysed.stdout).0 == 0)
    }

    /// The built-in plugins' results match protocol/metrics, summary and scenarios schemas.
    @Test(.enabled(if: jsonschemaAvailable))
    func builtInAnalysesMatchTheirSchemas() throws {
        let r = try GalleyProcess.run(["analyze", "seeds", "--format", "ndjson", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let (status, report) = try validate("analyses", r.stdout)
        #expect(status == 0, "\(report)")
        // A wrong result is caught: a summary sentence without its index.
        let broken = r.stdout.replacingOccurrences(of: #"{"index":"#, with: #"{"position":"#)
        #expect(broken != r.stdout)
        #expect(try validate("analyses", broken).0 == 1)
    }

    @Test(.enabled(if: jsonschemaAvailable))
    func seedPacksMatchThePackSchemaAndBadIDsDoNot() throws {
        // The schema must compile in any validator (Python's re has no \p{L}) and say what the
        // pack reader says: seed packs pass, an id with a space or a slash does not.
        let folder = GalleyProcess.package.appendingPathComponent("seeds/scenarios")
        let packs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!packs.isEmpty)
        let lines = try packs.map { name -> String in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return String(decoding: try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: data)), as: UTF8.self)
        }
        let (status, report) = try validate("pack", lines.joined(separator: "\n"))
        #expect(status == 0, "\(report)")
        for bad in ["two words", "a/b", "Undetermined", #"\u0001x"#] {
            let pack = #"{"pack":"p","scenarios":[{"id":"\#(bad)","name":"A","description":"a"},{"id":"b","name":"B","description":"b"}]}"#
            #expect(try validate("pack", pack).0 == 1, "\(bad)")
        }
        // A letter written with a combining mark is a letter, for the schema and the plugin alike.
        let marked = #"{"pack":"p","scenarios":[{"id":"cafe\u0301","name":"A","description":"a"},{"id":"b","name":"B","description":"b"}]}"#
        #expect(try validate("pack", marked).0 == 0)
    }

    @Test(.enabled(if: jsonschemaAvailable))
    func htmlIngestMatchesTheArticleSchema() throws {
        let page = """
        <!doctype html><html><head><title>Markets rally - Example News</title>
        <meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2025-03-04T10:00:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Markets rally</h1><p>Stocks rose sharply on Tuesday as investors cheered the news. The index gained 2%.</p>
        <p>Analysts said the rally could continue into the spring, although risks remain.</p>
        <figure><img src="x.jpg"><figcaption>Traders at work. Photo: Agency</figcaption></figure></article>
        <aside class="related"><a href="/a">Another story</a></aside><footer>Copyright Example</footer></body></html>
        """
        let record = try JSONSerialization.data(withJSONObject: ["id": "page-1", "html": page])
        let r = try GalleyProcess.run(["ingest", "-"], stdin: record + Data([0x0A]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json.first?["title"] as? String == "Markets rally")
        let (status, report) = try validate("article", r.stdout)
        #expect(status == 0, "\(report)")
    }

    @Test(.enabled(if: jsonschemaAvailable))
    func transcriptMatchesTheMessageSchemas() throws {
        let transcript = try String(contentsOfFile: Self.protocolDir + "/examples/wordstats-session.ndjson", encoding: .utf8)
        let (status, report) = try validate("transcript", transcript)
        #expect(status == 0, "\(report)")
    }

    @Test(.enabled(if: jsonschemaAvailable))
    func examplePluginsAnswerInitializeBySchema() throws {
        var results: [String] = []
        for plugin in ["Plugins/python/wordstats.py", "Plugins/shell/headline.sh", "Plugins/node/entities.js"] {
            let p = Process()
            p.executableURL = GalleyProcess.package.appendingPathComponent(plugin)
            let input = Pipe(), output = Pipe()
            p.standardInput = input
            p.standardOutput = output
            try p.run()
            try input.fileHandleForWriting.write(contentsOf: Data(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocol":1}}"#.utf8 + [0x0A]))
            try input.fileHandleForWriting.close()
            let answer = try JSONSerialization.jsonObject(with: output.fileHandleForReading.readDataToEndOfFile()) as? [String: Any]
            p.waitUntilExit()
            let result = try JSONSerialization.data(withJSONObject: answer?["result"] ?? [:])
            results.append(String(decoding: result, as: UTF8.self))
        }
        let (status, report) = try validate("initialize", results.joined(separator: "\n"))
        #expect(status == 0, "\(report)")
    }

    /// A request narrowed by member paths ("sentences.text") validates: its objects may lack
    /// the members nobody asked for; what they hold keeps its type. A whole article's objects
    /// still need every member (the narrowed reading is the only one that lets them go).
    @Test(.enabled(if: jsonschemaAvailable))
    func narrowedRequestsMatchTheProcessSchema() throws {
        func request(_ article: String) -> String {
            #"{"line":{"jsonrpc":"2.0","id":1,"method":"process","params":{"article":"# + article + #","options":{}}}}"#
        }
        let narrowed = request(#"{"id":"a","title":"T","sentences":[{"text":"Hi.","kind":"paragraph"}],"faq":[{"paragraphs":[1]}],"#
            + #""sections":[{"heading":null}],"tables":[{"header":true}],"lists":[{"ordered":false}],"#
            + #""removed":[{"reason":"ad"}],"errors":[{"stage":"ingest"}]}"#)
        #expect(try validate("transcript", narrowed).0 == 0)
        for broken in [#"{"id":"a","sentences":[{"text":5}]}"#, #"{"id":"a","sentences":[{"text":"Hi.","start":-1}]}"#,
                       #"{"id":"a","title":7,"sentences":[{"text":"Hi."}]}"#, #"{"sentences":[{"text":"Hi."}]}"#,
                       // Every field's members keep their types, not only those of sentences and FAQ pairs.
                       #"{"id":"a","sections":[{"heading":3}]}"#, #"{"id":"a","tables":[{"rows":["a"]}]}"#,
                       #"{"id":"a","lists":[{"items":[1]}]}"#, #"{"id":"a","removed":[{"reason":"weather"}]}"#,
                       #"{"id":"a","errors":[{"code":"x"}]}"#] {
            #expect(try validate("transcript", request(broken)).0 == 1, "\(broken)")
        }
        #expect(try validate("article", #"{"id":"a","sentences":[{"text":"Hi.","kind":"paragraph"}]}"#).0 == 1)
    }

    @Test func theCheckerCanFail() throws {
        guard Self.jsonschemaAvailable else { return }
        let (status, _) = try validate("article", #"{"id":"x","paragraphs":[{"text":"t","kind":"poem","start":0,"end":1,"utf8_start":0,"utf8_end":1}]}"#)
        #expect(status == 1)
    }
}
