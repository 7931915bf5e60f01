import Foundation
import Testing

@Suite struct CLIShellTests {
    @Test func versionAndHelp() throws {
        let v = try GalleyProcess.run(["--version"])
        #expect(v.status == 0 && v.stdout.hasPrefix("galley 0."))
        let h = try GalleyProcess.run(["--help"])
        #expect(h.status == 0 && h.stdout.contains("ingest"))
        let ih = try GalleyProcess.run(["ingest", "--help"])
        #expect(ih.status == 0 && ih.stdout.contains("Usage: galley ingest"))
    }

    /// Arguments are never ignored: `plugins NAME` shows that plugin, `plugin check A B`
    /// checks both, an unknown name or benchmark is said.
    @Test func everyArgumentCounts() throws {
        let one = try GalleyProcess.run(["plugins", "summarize"])
        #expect(one.status == 0 && one.stdout.contains("summarize") && !one.stdout.contains("metrics"), "\(one.stdout)")
        let unknown = try GalleyProcess.run(["plugins", "nosuch"])
        #expect(unknown.status == 66 && unknown.stderr.contains("no plugin named nosuch"))
        let both = try GalleyProcess.run(["plugin", "check", "noop", "summarize"])
        #expect(both.status == 0 && both.stdout.components(separatedBy: "checks passed").count == 3, "\(both.stdout)")
        let bench = try GalleyProcess.run(["bench", "foo"])
        #expect(bench.status == 64 && bench.stderr.contains("unknown benchmark 'foo'"))
    }

    @Test func usageErrorsExit64WithOneLine() throws {
        // A value forgotten before the next option ("--out -q" made a folder named "-q"), and an
        // endless or hexadecimal timeout, are usage errors too.
        for args in [[], ["frobnicate"], ["ingest"], ["ingest", "--nope", "x"], ["ingest", "--max-line-bytes", "abc", "x"],
                     ["analyze", "seeds", "--out", "-q"], ["run", "noop", "--timeout", "inf"], ["run", "noop", "--timeout", "1e9"], ["run", "noop", "--timeout", "0x10"], ["analyze", "seeds", "--out="], ["analyze", "seeds", "--out", ""]] {
            let r = try GalleyProcess.run(args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stdout.isEmpty, "stdout carries data only")
            if !args.isEmpty { #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)") }
        }
    }
}

@Suite struct IngestCLITests {
    /// Records pretty-printed back to back (`jq .`) in a .json file are records, and a broken
    /// one among them loses only itself (every record was an error, or all after it were lost).
    @Test func prettyPrintedRecordsInAFileAndABrokenOneAmongThem() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = "{\n  \"id\": \"a\",\n  \"text\": \"Alpha one. Alpha two.\"\n}\n{\n  \"id\": \"b\",\n  \"text\": \"Beta one.\"\n}\n"
        try Data(good.utf8).write(to: dir.appendingPathComponent("pretty.json"))
        let r = try GalleyProcess.run(["ingest", dir.appendingPathComponent("pretty.json").path])
        #expect(r.status == 0 && r.json.map { $0["id"] as? String } == ["a", "b"], "\(r.stderr)")
        let broken = "{\n  \"id\": \"a\",\n  \"text\": \"A.\"\n}\n{\n  \"id\": \"b\",\n  \"text\": \"B.\" oops\n}\n{\n  \"id\": \"c\",\n  \"text\": \"C.\"\n}\n"
        for args in [["ingest", "-"], ["run", "noop"]] {
            let s = try GalleyProcess.run(args, stdin: Data(broken.utf8))
            #expect(s.status == 1 || s.status == 65, "\(args): \(s.status)")
            #expect(s.json.map { ($0["errors"] as? [Any])?.isEmpty ?? true } == [true, false, true], "\(args): \(s.stdout)")
            #expect(s.json.first?["id"] as? String == "a" && s.json.last?["id"] as? String == "c")
        }
        // A document written by hand over two lines is one record, not two broken lines.
        let hand = try GalleyProcess.run(["run", "noop"], stdin: Data("{\"id\":\"a\",\n \"text\":\"Hand written. Two lines.\"}\n".utf8))
        #expect(hand.status == 0 && hand.json.count == 1, "\(hand.stderr)")
    }

    /// Empty standard input is no records, for ingest and analyze as for run (an empty Spark
    /// partition got an "empty input" error record and status 65).
    @Test func emptyStandardInputIsNoRecords() throws {
        for args in [["ingest", "-"], ["analyze", "-", "-q"], ["run", "noop"]] {
            let r = try GalleyProcess.run(args, stdin: Data())
            #expect(r.status == 0 && r.stdout.isEmpty, "\(args): \(r.status) \(r.stdout)")
        }
    }

    /// Input that is there but holds no records says so: an empty or blank named .ndjson file
    /// gets its error record (as an empty .txt did; it vanished without a word), standard
    /// input of control bytes only is a binary input (it read as blank), and standard input
    /// that cannot be read is an error with status 74 (a folder given as stdin was "no input").
    @Test func unreadableOrRecordlessInputIsSaid() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("galley-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("e.ndjson"), blank = dir.appendingPathComponent("b.jsonl")
        try Data().write(to: empty)
        try Data(" \n\n\t\n".utf8).write(to: blank)
        let files = try GalleyProcess.run(["ingest", empty.path, blank.path])
        #expect(files.status == 65 && files.json.count == 2, "\(files.status) \(files.stderr)")
        #expect(files.stderr.contains("e.ndjson: empty input") && files.stderr.contains("b.jsonl: empty input"), "\(files.stderr)")
        // A line of a form feed is a line (bad JSON), not blank: one record, not also "empty".
        let feed = dir.appendingPathComponent("f.ndjson")
        try Data([0x0C, 0x0A]).write(to: feed)
        let fed = try GalleyProcess.run(["ingest", feed.path])
        #expect(fed.json.count == 1 && !fed.stderr.contains("empty input"), "\(fed.stderr)")
        for args in [["ingest", "-"], ["run", "noop"]] {
            let nul = try GalleyProcess.run(args, stdin: Data([0, 0, 0, 0x0A]))
            #expect(nul.status != 0 && nul.json.count == 1 && nul.stderr.contains("binary"), "\(args): \(nul.status) \(nul.stderr)")
            let p = Process()
            p.executableURL = GalleyProcess.binary
            p.arguments = args
            p.standardInput = try FileHandle(forReadingFrom: dir)
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == (args[0] == "ingest" ? 74 : 1), "\(args): \(p.terminationStatus) \(stderr)")
            #expect(stderr.contains("read failed") && stdout.split(separator: 0x0A).count == 1, "\(args): \(stderr)")
        }
    }

    /// A text that starts with a bracketed time, number or word is a text (a live blog's
    /// "[12:30] ..." became one error record and its text was lost).
    @Test func aTextStartingWithABracketIsAText() throws {
        for text in ["[12:30] Live update: the vote passed.\n[12:45] Police watched.", "[1] First. Second.", "[] Empty here.",
                     "{} Empty too.", "[1, 2, 3] are the winning numbers.", "[\"Quote\"] said the man.", "{Breaking} News here."] {
            let r = try GalleyProcess.run(["ingest", "-"], stdin: Data((text + "\n").utf8))
            #expect(r.status == 0 && r.json.count == 1, "\(text): \(r.stderr)")
            #expect((r.json.first?["text"] as? String)?.hasPrefix(String(text.prefix(5))) == true, "\(text): \(r.stdout)")
        }
    }

    /// A NewsAPI article whose content and description are both null is kept, with its title
    /// and link and a warning, not turned into an error that drops them.
    @Test func anArticleWithANullBodyKeepsItsTitle() throws {
        let response = #"{"status":"ok","articles":[{"source":{"name":"Wire"},"title":"Second story","url":"https://example.com/b","description":null,"content":null}]}"#
        let r = try GalleyProcess.run(["ingest", "-"], stdin: Data(response.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json.first?["title"] as? String == "Second story" && (r.json.first?["warnings"] as? [String])?.first?.contains("null") == true, "\(r.stdout)")
    }
    /// Saved API responses read as their articles: NewsAPI's {"status","articles":[...]} and a
    /// JSON Feed's "items", with their own names for date, authors, source and HTML body. In a
    /// folder, a feed named .xml is read and an .xml that is no feed is skipped, with a note.
    @Test func wrappedArticlesAndFeedsInFolders() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(#"{"status":"ok","totalResults":1,"articles":[{"source":{"id":null,"name":"BBC News"},"author":"Jane","title":"Meta cuts jobs","description":"Meta will cut 5% of staff.","url":"https://x.example/a","publishedAt":"2026-03-17T10:00:00Z","content":"Meta will cut 5% of its staff, the company said. The cuts follow heavy AI spending."}]}"#.utf8)
            .write(to: dir.appendingPathComponent("news.json"))
        try Data(#"{"version":"https://jsonfeed.org/version/1.1","title":"F","items":[{"id":"p1","title":"Post one","content_text":"This is the first post. It has two sentences.","date_published":"2026-01-02","authors":[{"name":"Ann"}]},{"id":"p2","title":"Post two","content_html":"<p>Second post body here. Another sentence follows.</p>"}]}"#.utf8)
            .write(to: dir.appendingPathComponent("feed.json"))
        try Data(#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Storm hits coast</title><link>https://w.example/1</link><description>The storm hit the coast on Monday. Thousands lost power.</description></item></channel></rss>"#.utf8)
            .write(to: dir.appendingPathComponent("wire.xml"))
        try Data(#"<?xml version="1.0"?><config><a>1</a></config>"#.utf8).write(to: dir.appendingPathComponent("settings.xml"))
        let r = try GalleyProcess.run(["ingest", dir.path, "-v"])
        #expect(r.status == 0, "\(r.stderr)")
        let byTitle = Dictionary(r.json.compactMap { a in (a["title"] as? String).map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
        #expect(Set(byTitle.keys) == ["Meta cuts jobs", "Post one", "Post two", "Storm hits coast"], "\(r.stdout)")
        let news = byTitle["Meta cuts jobs"]
        #expect((news?["source"] as? [String: Any])?["site"] as? String == "BBC News")
        #expect((news?["published"] as? String)?.hasPrefix("2026-03-17") == true && news?["authors"] as? [String] == ["Jane"])
        #expect(byTitle["Post one"]?["authors"] as? [String] == ["Ann"] && (byTitle["Post two"]?["text"] as? String)?.hasPrefix("Second post") == true)
        // The feed's title is its items' site.
        #expect((byTitle["Post one"]?["source"] as? [String: Any])?["site"] as? String == "F")
        #expect(r.stderr.contains("settings.xml: not a news feed"), "\(r.stderr)")
    }

    /// JSON is known by its content: pretty-printed records (`jq .`) on stdin, NDJSON in a file
    /// not named .ndjson (`<(...)`, records.txt); and a text that merely starts with a bracket
    /// or a brace is a text, not broken JSON (it became error records, its article lost).
    @Test func jsonIsKnownByItsContentAndBracketedTextIsText() throws {
        let pretty = "{\n  \"id\": \"a\",\n  \"text\": \"One two three. Four five six.\"\n}\n{\n  \"id\": \"b\",\n  \"text\": \"Seven eight. Nine ten.\"\n}\n"
        for command in [["ingest", "-"], ["run", "noop"]] {
            let r = try GalleyProcess.run(command, stdin: Data(pretty.utf8))
            #expect(r.status == 0 && r.json.map { $0["id"] as? String } == ["a", "b"], "\(command): \(r.stderr)")
        }
        for text in ["[Update] Meta lays off staff\n\nMeta said it will cut 5% of jobs.\n", "{Breaking} Meta lays off staff\n\nMeta said it will cut 5% of jobs.\n"] {
            let r = try GalleyProcess.run(["ingest", "-"], stdin: Data(text.utf8))
            #expect(r.status == 0 && r.json.count == 1, "\(r.stderr)")
            #expect((r.json.first?["text"] as? String)?.contains("5% of jobs") == true, "\(r.stdout)")
        }
        // NDJSON whose first record is broken is still records: that one fails, the rest are read
        // (it became one text article of JSON, exit 0); broken pretty JSON is an error, not a text.
        let broken = "{\"id\":\"a\",\"text\":\"One.\n{\"id\":\"b\",\"text\":\"Two words.\"}\n{\"id\":\"c\",\"text\":\"Three words.\"}\n"
        for command in [["ingest", "-"], ["run", "noop"]] {
            let r = try GalleyProcess.run(command, stdin: Data(broken.utf8))
            #expect(r.json.count == 3 && r.json.suffix(2).map { $0["id"] as? String } == ["b", "c"] && r.status != 0, "\(command): \(r.stdout)")
        }
        let badPretty = try GalleyProcess.run(["ingest", "-"], stdin: Data("{\n  \"id\": \"a\"\n  \"text\": \"One.\"\n}\n".utf8))
        #expect(badPretty.status == 65 && badPretty.stderr.contains("invalid JSON"), "\(badPretty.stderr)")
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let misnamed = dir.appendingPathComponent("records.txt")
        try Data((#"{"id":"x","text":"First record here."}"# + "\n" + #"{"id":"y","text":"Second record here."}"# + "\n").utf8).write(to: misnamed)
        let r = try GalleyProcess.run(["ingest", misnamed.path])
        #expect(r.status == 0 && r.json.map { $0["id"] as? String } == ["x", "y"], "\(r.stderr)")
    }

    /// Records saved by Windows tools start with a byte order mark, and concatenated files
    /// carry one into the stream: still NDJSON, one article per record, for ingest and run.
    @Test func recordsAfterAByteOrderMarkAreStillRecords() throws {
        let mark = Data([0xEF, 0xBB, 0xBF])
        var input = mark + Data(#"{"id":"a","text":"The first record. It has a mark."}"#.utf8) + Data([0x0A])
        input += mark + Data(#"{"id":"b","text":"The second record came from another file."}"#.utf8) + Data([0x0A])
        let ingested = try GalleyProcess.run(["ingest", "-"], stdin: input)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        #expect(ingested.json.map { $0["id"] as? String } == ["a", "b"])
        let run = try GalleyProcess.run(["run", "summarize", "-q", "--fields", "analyses.summary.text"], stdin: input)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.json.map { $0["id"] as? String } == ["a", "b"])
        let array = try GalleyProcess.run(["ingest", "-"], stdin: mark + Data(#"[{"id":"c","text":"In an array."}]"#.utf8))
        #expect(array.json.map { $0["id"] as? String } == ["c"])
        let text = try GalleyProcess.run(["ingest", "-"], stdin: mark + Data("Plain text with a mark. Two sentences.".utf8))
        #expect((text.json.first?["text"] as? String)?.hasPrefix("Plain text") == true)
    }

    /// NDJSON saved as UTF-16 (with its byte order mark, as Windows tools write it) reads as
    /// records; UTF-16 plain text is still one article, and says it was UTF-16.
    @Test func utf16RecordsAreRecords() throws {
        let records = "\u{FEFF}" + #"{"id":"a","text":"The first record."}"# + "\n" + #"{"id":"b","text":"Über den zweiten."}"# + "\n"
        let little = Data(records.data(using: .utf16LittleEndian)!), big = Data(records.data(using: .utf16BigEndian)!)
        let run = try GalleyProcess.run(["run", "summarize", "-q", "--fields", "analyses.summary.text"], stdin: big)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.json.map { $0["id"] as? String } == ["a", "b"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("utf16-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: file) }
        try little.write(to: file)
        let ingested = try GalleyProcess.run(["ingest", file.path])
        #expect(ingested.status == 0, "\(ingested.stderr)")
        #expect(ingested.json.map { $0["text"] as? String } == ["The first record.", "Über den zweiten."])
        let text = try GalleyProcess.run(["ingest", "-"], stdin: Data("\u{FEFF}Plain text in UTF-16. Two sentences.".data(using: .utf16LittleEndian)!))
        #expect((text.json.first?["source"] as? [String: Any])?["encoding"] as? String == "utf-16le")
    }

    @Test func ingestsTheSeedsFolder() throws {
        let r = try GalleyProcess.run(["ingest", "seeds"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.json.count == 5)
        #expect(r.json.allSatisfy { ($0["galley"] as? Int) == 1 && ($0["errors"] as? [Any])?.isEmpty == true })
    }

    @Test func plainTextOnStdin() throws {
        let r = try GalleyProcess.run(["ingest", "-"], stdin: Data("A Title For This Story Here\n\nThe body says something. Then more.\n".utf8))
        #expect(r.status == 0)
        #expect(r.json.first?["title"] as? String == "A Title For This Story Here")
        #expect((r.json.first?["sentences"] as? [Any])?.count == 2)
    }

    @Test func badFilesAreReportedAndTheRestStillIngested() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data().write(to: dir.appendingPathComponent("a-empty.txt"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1, 2]).write(to: dir.appendingPathComponent("b-binary.txt"))
        try Data(Array("Caf".utf8) + [0xE9] + Array(" society grows. It is busy.".utf8)).write(to: dir.appendingPathComponent("c-latin1.txt"))
        try Data("Good Story Title Goes Here\n\nIt has a body. It has two sentences.".utf8).write(to: dir.appendingPathComponent("d-good.txt"))
        // A file that opens but cannot be read (works as root too, where chmod 000 would not).
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("e-unreadable.txt").path, withDestinationPath: "/proc/self/mem")
        try Data("not an article".utf8).write(to: dir.appendingPathComponent("f-image.png"))
        let r = try GalleyProcess.run(["ingest", dir.path])
        #expect(r.json.count == 5, "one record per input file (the .png is not an article file): \(r.stdout)")
        #expect(r.status == 74, "an unreadable file makes the run an I/O failure: \(r.stderr)")
        #expect(r.stderr.contains("a-empty.txt: empty input"))
        #expect(r.stderr.contains("b-binary.txt: looks like a binary file"))
        #expect(r.stderr.contains("c-latin1.txt: input is not valid UTF-8"))
        #expect(r.stderr.contains("e-unreadable.txt"))
        let good = r.json.filter { ($0["errors"] as? [Any])?.isEmpty == true }
        #expect(good.count == 2)
        #expect(good.contains { ($0["text"] as? String)?.hasPrefix("Café society grows.") == true })
    }

    /// Folders are known by device and inode: a relative link back up, a link to itself and a
    /// second link to a folder are each read once (a relative loop was followed 40 levels
    /// deep). Pipes and devices are not opened (a pipe blocked the walk for ever, /dev/zero
    /// never ended), a name that is not UTF-8 is reported, not dropped, and what was skipped
    /// is counted in one line (listed with -v).
    @Test func foldersAreReadOnceAndSpecialFilesAreNotOpened() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = dir.appendingPathComponent("sub"), real = dir.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try Data("Story In The Sub Folder\n\nIt has a body. It has two sentences.".utf8).write(to: sub.appendingPathComponent("a.txt"))
        try Data("Story In The Real Folder\n\nIt has a body too. It has two sentences.".utf8).write(to: real.appendingPathComponent("b.txt"))
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("self").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link-to-real").path, withDestinationPath: "real")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("zeros.txt").path, withDestinationPath: "/dev/zero")
        #expect(mkfifo(dir.appendingPathComponent("pipe.txt").path, 0o600) == 0)
        try Data("Some Story Title\n\nA body.".utf8).write(to: dir.appendingPathComponent("notes.doc"))
        let latin1Name = dir.path.utf8CString.dropLast().map(UInt8.init) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8)
        let fd = open(latin1Name.map { CChar(bitPattern: $0) } + [0], O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        _ = "Cafe Story Title Here\n\nA body. Two sentences.".withCString { write(fd, $0, 45) }
        close(fd)
        let r = try GalleyProcess.run(["ingest", dir.path])
        let titles = r.json.compactMap { $0["title"] as? String }.sorted()
        #expect(titles == ["Story In The Real Folder", "Story In The Sub Folder"], "\(titles)")
        #expect(r.json.count == 3, "the two stories and the record of the unreadable name")
        #expect(r.stderr.contains("the file name is not valid UTF-8"), "\(r.stderr)")
        #expect(r.stderr.contains("6 input(s) skipped in folders"), "\(r.stderr)")
        let listed = try GalleyProcess.run(["ingest", "-v", dir.path])
        for shown in ["self: a folder already read", "up: a folder already read", "real: a folder already read",
                      "pipe.txt: not a regular file", "zeros.txt: not a regular file", "notes.doc: not read (galley reads"] {
            #expect(listed.stderr.contains(shown), "\(shown): \(listed.stderr)")
        }
    }

    /// --raw keeps a plain-text file exactly as given, as it does a record's text.
    @Test func rawKeepsAPlainTextFileAsGiven() throws {
        let path = "seeds/000_5708e27ac5d725c2.txt"
        let text = try String(contentsOf: GalleyProcess.package.appendingPathComponent(path), encoding: .utf8)
        let r = try GalleyProcess.run(["ingest", "--raw", path])
        #expect(r.status == 0)
        #expect(r.json.first?["text"] as? String == text)
        #expect((r.json.first?["source"] as? [String: Any])?["format"] as? String == "text")
    }

    @Test func missingPathsExit66AndOthersAreStillRead() throws {
        let r = try GalleyProcess.run(["ingest", "no/such/file.txt", "seeds/001_f49b29d4d957eb68.txt"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("no/such/file.txt: no such file or directory"))
        #expect(r.json.count == 1)
    }

    @Test func everyNDJSONLineYieldsOneRecord() throws {
        let lines = [
            #"{"id":"ok1","title":"T","text":"Fine text. Really."}"#,
            #"{"id":"broken","text":"#,
            #"[1,2,3]"#,
            #"{"id":"notext","title":"No body"}"#,
            #"{"id":"long","text":""# + String(repeating: "x", count: 2_000) + #""}"#,
            #"{"id":"ok2","text":"Also fine.","topic":"tech"}"#,
        ]
        var input = Data(lines.joined(separator: "\n").utf8)
        // {"id":"\xFF","text":"caf\xE9."}: not UTF-8 (a Latin-1 export), read as Windows-1252 with a warning.
        input.append(contentsOf: [0x0A] + Array(#"{"id":""#.utf8) + [0xFF] + Array(#"","text":"caf"#.utf8) + [0xE9] + Array(#"."}"#.utf8) + [0x0A])
        let r = try GalleyProcess.run(["ingest", "--max-line-bytes", "1000", "-"], stdin: input)
        #expect(r.status == 65)
        #expect(r.json.count == 7, "\(r.stdout)")
        let ids = r.json.map { $0["id"] as? String ?? "" }
        #expect(ids == ["ok1", "stdin:2", "stdin:3", "notext", "stdin:5", "ok2", "ÿ"])
        #expect(r.stderr.contains("stdin:2: invalid JSON"))
        #expect(r.stderr.contains("stdin:3: expected a JSON object, found an array"))
        #expect(r.stderr.contains("stdin:4 (id notext): record has no 'text' field"))
        #expect(r.stderr.contains("stdin:5: line of 2023 bytes is over the 1000-byte limit"))
        #expect(r.json.last?["text"] as? String == "café.")
        #expect(r.json.last?["warnings"] as? [String] == ["record is not valid UTF-8; decoded as Windows-1252"])
        #expect(r.json.last(where: { $0["id"] as? String == "ok2" })?["topic"] as? String == "tech")
    }

    @Test func aFiftyMegabyteSingleLineIsRefusedClearly() throws {
        let dir = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("huge.txt")
        try Data(repeating: UInt8(ascii: "a"), count: 50 << 20).write(to: big)
        let r = try GalleyProcess.run(["ingest", big.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("huge.txt: 52428800 bytes is over the 33554432-byte limit"))
        #expect(r.json.count == 1)
    }

    @Test func aClosedStdoutStopsQuietly() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "'\(GalleyProcess.binary.path)' ingest ../shared/data/bbc/dev.ndjson seeds | head -c 100 >/dev/null; echo ${PIPESTATUS:-done}"]
        p.currentDirectoryURL = GalleyProcess.package
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!stderr.contains("internal error") && !stderr.contains("Fatal"))
    }
}
