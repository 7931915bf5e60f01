import Foundation
import Testing

/// `galley analyze seeds --out DIR` with every built-in plugin: the outputs, and the
/// reconciliation of the seeds' layoff figures (they disagree).
@Suite struct SeedReportTests {
    @Test func seedsProduceEveryOutputAndTheirLayoffFiguresAreReconciled() throws {
        let out = try GalleyProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try GalleyProcess.run(["analyze", "seeds", "--out", out.path, "--format", "none"])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        // The planned cut: 20% (marsbit), 20% or more (seed 003), ~16,000 vs nearly 1,000 people.
        guard let range = md.range(of: "### Meta workforce reduction, 2026: conflicting") else {
            Issue.record("no conflicting 2026 group:\n\(md.prefix(3000))"); return
        }
        let group = String(md[range.lowerBound...].prefix(while: { _ in true }).split(separator: "###", maxSplits: 2).first ?? "")
        #expect(group.contains("**16,000 employees**") && group.contains("**1,000 employees**"))
        #expect(group.contains("16,000 employees vs 1,000 employees (people): conflicting"))
        #expect(group.contains("**20%** (Meta Continues to Lay Off 20%"))
        #expect(group.contains("The AI Rebalancing"))
        // The 2023 "Year of Efficiency" cuts: more than 20,000 jobs against the table's 13% - 15%.
        #expect(md.contains("### Meta workforce reduction, 2023: side by side"))
        let y2023 = String(md[md.range(of: "### Meta workforce reduction, 2023")!.lowerBound...]).split(separator: "###").first ?? ""
        #expect(y2023.contains("**20,000 jobs**") && y2023.contains("**13% - 15%**"))

        let metrics = try String(contentsOf: out.appendingPathComponent("metrics.csv"), encoding: .utf8).split(separator: "\r\n")
        #expect(metrics.first?.hasPrefix("article_id,title,site,published,sentence_index,start,end,kind,text,value") == true)
        #expect(metrics.count > 50)
        #expect(metrics.contains { $0.contains(",quantity,\"16,000 employees\",16000,") })
        let scenarios = try String(contentsOf: out.appendingPathComponent("scenarios.csv"), encoding: .utf8).split(separator: "\r\n")
        #expect(scenarios.count > 5)
        // Both spreadsheets say the same of an article: its own title (none for a seed without
        // one, not "(untitled) ...") and its site (not its file's path).
        #expect(!metrics.contains { $0.contains("(untitled)") || $0.contains("/seeds/") } && !scenarios.contains { $0.contains("(untitled)") })
        #expect(metrics.contains { $0.contains(",marsbit,2026-03-17,") } && scenarios.contains { $0.contains(",marsbit,2026-03-17,") })
        // Every row's offsets select its own text in its article (a fact repeated in an
        // article took the first one's place).
        let articles = String(decoding: try Data(contentsOf: out.appendingPathComponent("articles.ndjson")), as: UTF8.self)
            .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let textOf = Dictionary(articles.compactMap { a in (a["id"] as? String).flatMap { id in (a["text"] as? String).map { (id, Array($0.unicodeScalars)) } } },
                                uniquingKeysWith: { a, _ in a })
        let sentencesOf = Dictionary(articles.compactMap { a in (a["id"] as? String).map { ($0, (a["sentences"] as? [[String: Any]] ?? []).map { $0["text"] as? String ?? "" }) } },
                                     uniquingKeysWith: { a, _ in a })
        let parsed = try CSVRows.parse(String(contentsOf: out.appendingPathComponent("metrics.csv"), encoding: .utf8))
        let header = parsed[0]
        let (idCol, startCol, endCol, textCol) = (header.firstIndex(of: "article_id")!, header.firstIndex(of: "start")!, header.firstIndex(of: "end")!, header.firstIndex(of: "text")!)
        let (indexCol, sentenceCol) = (header.firstIndex(of: "sentence_index")!, header.firstIndex(of: "sentence")!)
        var misplaced = 0
        for row in parsed.dropFirst() {
            guard let scalars = textOf[row[idCol]], let a = Int(row[startCol]), let b = Int(row[endCol]), a <= b, b <= scalars.count else { misplaced += 1; continue }
            var cut = ""; cut.unicodeScalars.append(contentsOf: scalars[a..<b])
            if cut != row[textCol] { misplaced += 1 }
            // The sentence index names the sentence the row quotes.
            if let k = Int(row[indexCol]), let sentences = sentencesOf[row[idCol]], k < sentences.count, sentences[k] != row[sentenceCol] { misplaced += 1 }
        }
        #expect(misplaced == 0 && parsed.count > 50, "\(misplaced) of \(parsed.count - 1) rows")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("badge conflicting") && html.contains("<svg"))
    }
}

/// Same input, same output, byte for byte, in every process: Swift seeds its hash per process,
/// so a sum taken in dictionary order differs in the last digits from run to run (the Spark
/// path compares its output with `analyze`'s article for article).
@Suite struct DeterminismTests {
    static let bbc = GalleyProcess.package.deletingLastPathComponent().path + "/shared/data/bbc/dev.ndjson"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: bbc)))
    func everyAnalysisIsTheSameInEveryProcess() throws {
        let records = try String(contentsOfFile: Self.bbc, encoding: .utf8).split(separator: "\n").prefix(250).joined(separator: "\n") + "\n"
        let pack = GalleyProcess.package.deletingLastPathComponent().path + "/shared/data/bbc-topics-pack.json"
        var outputs: [String] = []
        for _ in 0..<2 {
            let r = try GalleyProcess.run(["analyze", "-", "--pack", pack, "--format", "ndjson", "-q"], stdin: Data(records.utf8))
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(r.stdout)
        }
        #expect(outputs[0].split(separator: "\n").count == 250)
        let differing = zip(outputs[0].split(separator: "\n"), outputs[1].split(separator: "\n")).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) of 250 articles differ between two runs")
    }
}

/// RFC 4180 rows (quoted fields may hold commas, quotes and line breaks).
enum CSVRows {
    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text.unicodeScalars)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" { if it.first == "\"" { field.unicodeScalars.append(c); it.removeFirst() } else { quoted = false } }
                else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r" { continue }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
