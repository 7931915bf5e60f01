import Foundation
import GalleyIngest
import Testing
@testable import MetricsCore

/// A guard against regressions on the development half of the Recognizers-Text English specs
/// (../shared/data/recognizers, skipped when absent), scored the way
/// ../shared/eval/metrics_eval.py scores them: overlapping spans of a compatible kind, one to
/// one; false positives only of the kinds a file annotates; cases the .NET reference is
/// flagged for are skipped. The figures in README.md come from that script.
@Suite struct SpecFloorTests {
    static let dir = Paths.shared.appendingPathComponent("data/recognizers")

    static let typeMap: [String: String] = [
        "number": "number", "ordinal": "ordinal", "ordinal.relative": "ordinal", "percentage": "percent", "numberrange": "range",
        "currency": "money", "dimension": "quantity", "age": "quantity", "temperature": "quantity", "datetimeV2.duration": "duration",
    ]
    static let compat: [String: Set<String>] = [
        "number": ["number", "money", "percent", "quantity"], "ordinal": ["ordinal"], "percent": ["percent"], "money": ["money"],
        "quantity": ["quantity"], "date": ["date"], "duration": ["duration"], "range": ["range"],
    ]

    static func kind(_ typeName: String) -> String? {
        if let k = typeMap[typeName] { return k }
        return typeName.hasPrefix("datetimeV2.") ? "date" : nil
    }

    /// (file, scope, floor for detection F1)
    static let floors: [(String, Set<String>, Double)] = [
        ("NumberModel", ["number"], 0.93), ("OrdinalModel", ["ordinal"], 0.95), ("PercentModel", ["percent"], 0.84),
        ("NumberRangeModel", ["range"], 0.45), ("CurrencyModel", ["money"], 0.95), ("DimensionModel", ["quantity"], 0.87),
        ("AgeModel", ["quantity"], 0.92), ("TemperatureModel", ["quantity"], 0.90), ("DateTimeModel", ["date", "duration"], 0.90),
    ]

    @Test(arguments: floors.map { $0.0 })
    func f1StaysAboveFloor(_ file: String) throws {
        let url = Self.dir.appendingPathComponent(file + ".json")
        guard FileManager.default.fileExists(atPath: url.path) else { return }   // shared data absent: nothing to check
        let (_, scope, floor) = Self.floors.first { $0.0 == file }!
        let cases = try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) as! [[String: Any]]
        var tp = 0, fp = 0, fn = 0
        for c in cases {
            let flags = ["NotSupported", "NotSupportedByDesign"].compactMap { c[$0] as? String }
            if flags.contains(where: { $0.lowercased().contains("dotnet") }) { continue }
            let input = c["Input"] as! String
            let ref = (c["Context"] as? [String: Any])?["ReferenceDateTime"] as? String
            var gold: [(Int, Int, Set<String>)] = []
            for r in c["Results"] as? [[String: Any]] ?? [] {
                let tn = (r["TypeName"] ?? r["Typename"] ?? r["typeName"]) as? String ?? ""
                guard let k = Self.kind(tn) else { continue }
                var ok = Self.compat[k]!
                if tn == "age" || tn == "datetimeV2.set" { ok.insert("duration") }
                gold.append((r["Start"] as! Int, (r["End"] as! Int) + 1, ok))
            }
            let allowed = scope.reduce(into: Set<String>()) { $0.formUnion(Self.compat[$1]!) }.union(gold.reduce(into: Set<String>()) { $0.formUnion($1.2) })
            var preds = metrics(input, published: ref).filter { allowed.contains($0.kind.rawValue) }
            preds = preds.filter { p in !preds.contains { q in q.start <= p.start && p.end <= q.end && q.end - q.start > p.end - p.start } }
            var usedGold = Set<Int>(), usedPred = Set<Int>()
            var pairs: [(Int, Int, Int)] = []
            for (gi, g) in gold.enumerated() {
                for (pi, p) in preds.enumerated() where g.2.contains(p.kind.rawValue) {
                    let ov = min(g.1, p.end) - max(g.0, p.start)
                    if ov > 0 { pairs.append((ov, gi, pi)) }
                }
            }
            for (_, gi, pi) in pairs.sorted(by: { $0.0 > $1.0 }) where !usedGold.contains(gi) && !usedPred.contains(pi) {
                usedGold.insert(gi); usedPred.insert(pi); tp += 1
            }
            fn += gold.count - usedGold.count
            fp += preds.indices.filter { !usedPred.contains($0) && scope.contains(preds[$0].kind.rawValue) }.count
        }
        let p = Double(tp) / Double(max(1, tp + fp)), r = Double(tp) / Double(max(1, tp + fn))
        let f1 = p + r > 0 ? 2 * p * r / (p + r) : 0
        #expect(f1 >= floor, "\(file): F1 \(f1) (P \(p), R \(r), tp \(tp) fp \(fp) fn \(fn)) under \(floor)")
    }
}
