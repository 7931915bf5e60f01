import Foundation
import Testing
@testable import GalleyBatch
@testable import GalleyReport

/// The `--out` folder on its own: what `--resume` keeps, skips, retries and drops.
@Suite struct OutputFolderTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("galley-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func line(_ id: String, path: String, failed: Bool = false) -> [UInt8] {
        Array(#"{"id":"\#(id)","title":"T \#(id)","text":"Body \#(id).","source":{"path":"\#(path)"},"errors":\#(failed ? #"[{"stage":"p","code":-32007,"message":"no"}]"# : "[]")}"#.utf8)
    }

    @Test func inputKeysCountEqualIdsPerFile() {
        var keys = InputKeys()
        let a = keys.next(path: "r.ndjson", id: "x"), b = keys.next(path: "r.ndjson", id: "x")
        let c = keys.next(path: "other.ndjson", id: "x"), d = keys.next(path: nil, id: "x")
        #expect(Set([a, b, c, d]).count == 4)
        var again = InputKeys()
        #expect(again.next(path: "r.ndjson", id: "x") == a && again.next(path: "r.ndjson", id: "x") == b)
    }

    @Test func resumeKeepsGoodLinesRetriesFailuresAndDropsTheUnseen() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        do {  // the first run ends (and lets go of the folder) before the second starts
            let first = try OutputFolder(url.path)
            _ = try first.open(resume: false, recipe: "r1")
            for l in [line("x", path: "r"), line("x", path: "r", failed: true), line("y", path: "gone.txt"), line("z", path: "z.txt")] {
                try first.append(l)
            }
            first.suspend()
        }
        // A torn last line, as a kill in mid-write leaves.
        let h = try FileHandle(forWritingTo: url.appendingPathComponent("articles.ndjson.partial"))
        try h.seekToEnd()
        try h.write(contentsOf: Data(#"{"id":"tor"#.utf8))
        try h.close()

        let second = try OutputFolder(url.path)
        let resumed = try second.open(resume: true, recipe: "r1")
        #expect(resumed.count == 3 && resumed.retried == 1)
        var keys = InputKeys()
        func content(_ id: String) -> String { ContentKey.of(title: "T \(id)", text: "Body \(id).") }
        let x0 = keys.next(path: "r", id: "x", content: content("x")), x1 = keys.next(path: "r", id: "x", content: content("x"))
        let z = keys.next(path: "z.txt", id: "z", content: content("z"))
        #expect(resumed.done.contains(x0) && !resumed.done.contains(x1) && resumed.done.contains(z))
        // This run sees x (both) and z again, not y: y's line goes; the retried x, appended, is
        // put back in input order (it was left last).
        try second.append(line("x", path: "r"))
        let dropped = try second.complete(resumed: resumed, inputOrder: [x0, x1, z])
        #expect(dropped == 1)
        let text = try String(contentsOf: url.appendingPathComponent("articles.ndjson"), encoding: .utf8)
        let ids = text.split(separator: "\n").map { String($0.dropFirst(7).prefix(1)) }
        #expect(ids == ["x", "x", "z"], "\(text)")
    }

    @Test func aFolderOfOtherFilesOrAnotherRecipeIsRefused() throws {
        let url = try folder()
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("mine".utf8).write(to: url.appendingPathComponent("notes.txt"))
        #expect(throws: OutputFolderError.self) { _ = try OutputFolder(url.path).open(resume: false, recipe: "r") }
        // Refused by reading only: nothing of Galley's is left in someone else's folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.path) == ["notes.txt"])
        try FileManager.default.removeItem(at: url.appendingPathComponent("notes.txt"))
        _ = try OutputFolder(url.path).open(resume: false, recipe: "r1")
        do {
            _ = try OutputFolder(url.path).open(resume: true, recipe: "r2")
            Issue.record("resumed with another recipe")
        } catch {
            #expect(error.isUsage && error.description.contains("other plugins, options or packs"))
        }
        #expect(OutputFolder.leftoverOwner(".metrics.csv.tmp-123") == 123)
        #expect(OutputFolder.leftoverOwner("metrics.csv") == nil)
    }
}

@Suite struct MetricsRowTests {
    /// A row says whether its amount restates another in another currency, under its header.
    @Test func aConversionIsMarkedInItsRow() {
        var f = Fact(articleID: "a", articleTitle: "A", source: "", published: nil, text: "£292,000", sentence: "S", kind: "money",
                     value: 292_000, low: nil, high: nil, date: nil, unit: "GBP", qualifier: "exact", subject: "fine", entity: "CBS", period: "2005")
        let column = CSV.metricsHeader.firstIndex(of: "conversion")!
        #expect(ReportFiles.metricsFields(f, title: "A", site: "").count == CSV.metricsHeader.count)
        #expect(ReportFiles.metricsFields(f, title: "A", site: "")[column] == "")
        f.isConversion = true
        #expect(ReportFiles.metricsFields(f, title: "A", site: "")[column] == "true")
    }
}
