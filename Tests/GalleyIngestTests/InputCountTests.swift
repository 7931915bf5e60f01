import Foundation
import Testing
@testable import GalleyIngest
import GalleyJSON

/// The progress line's ETA counts records ahead of a run by the walk's own rules: its count
/// is the number of records the walk then gives.
@Suite struct InputCountTests {
    @Test func theCountIsWhatTheWalkGives() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("count-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let record = #"{"id":"r","title":"T","text":"Profits rose 5% in the quarter."}"#
        try write("lines.ndjson", [record, record, record].joined(separator: "\n"))  // no final newline
        try write("api.json", #"{"status":"ok","articles":[\#(record),\#(record)]}"#)
        try write("pretty.json", "{\n  \"id\": \"p1\",\n  \"text\": \"One.\"\n}\n{\n  \"id\": \"p2\",\n  \"text\": \"Two.\"\n}\n")
        try write("pack.json", #"{"scenarios":[{"name":"x"}]}"#)
        try write("feed.xml", "<rss><channel><title>S</title><item><title>A</title><description>Text a.</description></item><item><title>B</title><description>Text b.</description></item></channel></rss>")
        try write("config.xml", "<config><a>1</a></config>")
        try write("story.txt", "A story. It has words.")
        try write("notes.csv", "a,b\n1,2\n")
        try write("config.json", #"{"theme":"dark"}"#)
        try write(".hidden/secret.txt", "Not read.")
        try write("reports/\(InputWalker.reportFolderMark)", "{}")
        try write("reports/articles.ndjson", record + "\n" + record + "\n")
        var walked = 0
        var skipped: [String] = [], ignored: [String] = []
        try InputWalker().walk([dir.path]) { item in
            switch item {
            case .article, .failed: walked += 1
            case .skipped(let why): skipped.append(why)
            case .ignored(let why): ignored.append(why)
            default: break
            }
        }
        // JSON that holds no articles is counted as skipped (it went without a word); a
        // scenario pack is expected beside articles.
        #expect(skipped.contains { $0.contains("config.json: JSON without article records") }, "\(skipped)")
        #expect(ignored.count == 1 && ignored[0].contains("pack.json: a scenario pack"), "\(ignored)")
        #expect(walked == 3 + 2 + 2 + 2 + 1)
        #expect(InputWalker.estimatedRecordCount([dir.path]) == walked)
        #expect(InputWalker.estimatedRecordCount([dir.appendingPathComponent("api.json").path, "-"]) == nil, "standard input cannot be counted")
    }
}

/// A record's publication date is read into ISO 8601 whatever its form, so that relative dates
/// resolve ("Tue, 19 Nov 2019 10:00:00 GMT" left them unresolved, "1700000000" became 1700);
/// what is no date is left out, with a warning (the Article's `published` is ISO 8601 or null).
@Suite struct PublishedDateTests {
    @Test(arguments: [
        ("2019-11-19T10:00:00Z", "2019-11-19T10:00:00Z"), ("2019-11", "2019-11"), ("2019", "2019"),
        ("Tue, 19 Nov 2019 10:00:00 GMT", "2019-11-19T10:00:00Z"), ("November 19, 2019", "2019-11-19"),
        ("19 November 2019", "2019-11-19"), ("1700000000", "2023-11-14T22:13:20Z"), ("1700000000000", "2023-11-14T22:13:20Z"),
        ("2019-11-19 10:30:00", "2019-11-19T10:30:00"), ("2019-11-19Z", "2019-11-19"),
    ])
    func readable(_ given: String, _ iso: String) {
        let (value, warning) = PublishedDate.normalized(given)
        #expect(value == iso && warning == nil, "\(given) -> \(value), \(warning ?? "")")
    }

    @Test func unreadableIsLeftOutWithAWarning() {
        for given in ["2024-13-45", "yesterday", "soon, we hope"] {
            let (value, warning) = PublishedDate.normalized(given)
            #expect(value == nil && warning?.contains("published '\(given)'") == true, "\(given)")
        }
    }

    @Test func aRecordsDateResolvesItsRelativeDates() throws {
        let a = try Ingester.article(fromRecord: .object(JSONObject([("id", "a"), ("published", "Tue, 19 Nov 2019 10:00:00 GMT"), ("text", "Prices rose yesterday.")])), name: "r")
        #expect(a.published == "2019-11-19T10:00:00Z" && a.warnings.isEmpty)
    }

    /// A header field of the wrong type is left out with a warning (a title given as a number
    /// vanished without a word, while a text given as one is an error); null is simply absent.
    @Test func aHeaderFieldOfTheWrongTypeIsLeftOutWithAWarning() throws {
        let a = try Ingester.article(fromRecord: .object(JSONObject([("id", "a"), ("title", 5), ("url", .object(JSONObject([("x", 1)]))),
                                                                     ("deck", .null), ("published", 1_574_157_600), ("text", "Prices rose.")])), name: "r")
        #expect(a.title == nil && a.source.url == nil && a.published == "2019-11-19T10:00:00Z")
        #expect(a.warnings == ["field 'title' must be a string, found a number: left out",
                               "field 'url' must be a string, found an object: left out"], "\(a.warnings)")
    }
}
