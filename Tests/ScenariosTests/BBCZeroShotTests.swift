import Foundation
import GalleyIngest
import GalleyJSON
import GalleyModel
import ScenariosCore
import Testing

/// A quick check on the first 300 articles of the BBC development split with the shared topic
/// pack (the full figure is measured by ../shared/eval/scenario_eval.py; see the README).
/// Skipped when ../shared is not there.
@Suite struct BBCZeroShotTests {
    @Test func zeroShotTopicAccuracy() throws {
        let data = Folders.shared.appendingPathComponent("data/bbc/dev.ndjson")
        let packURL = Folders.shared.appendingPathComponent("data/bbc-topics-pack.json")
        guard FileManager.default.fileExists(atPath: data.path), FileManager.default.fileExists(atPath: packURL.path) else { return }
        let pack = CompiledPack(try PackReader.read(file: packURL.path))
        let scorer = ScenarioScorer(pack: pack)
        let text = try String(contentsOf: data, encoding: .utf8)
        var n = 0, right = 0, brier = 0.0
        for line in text.split(separator: "\n").prefix(300) {
            let record = try JSONParser.parse(Array(line.utf8)[...])
            let a = try Ingester.article(fromRecord: record, name: "bbc")
            let r = scorer.score(a)
            let gold = record["topic"]!.stringValue!
            if r.scenarios.max(by: { $0.score < $1.score })!.id == gold { right += 1 }
            brier += r.scenarios.reduce(0) { $0 + ($1.score - ($1.id == gold ? 1 : 0)) * ($1.score - ($1.id == gold ? 1 : 0)) }
            n += 1
        }
        let accuracy = Double(right) / Double(n)
        #expect(accuracy >= 0.9, "accuracy \(accuracy)")
        #expect(brier / Double(n) < 0.15, "Brier \(brier / Double(n))")
    }
}
