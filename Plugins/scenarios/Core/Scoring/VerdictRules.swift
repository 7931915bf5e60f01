import Foundation

extension ScenarioScorer {
    /// The scenario the evidence supports, or undetermined when it is thin or balanced.
    func verdict(_ scores: [ScenarioScore]) -> Verdict {
        let order = scores.indices.sorted { scores[$0].score > scores[$1].score }
        guard let top = order.first else { return Verdict(scenario: nil, confidence: 0, reason: "no scenarios") }
        let best = scores[top]
        let p1 = round(best.score, 3)
        if pack.pack.independent {
            // Say which test failed: a high probability with no quoted support is thin evidence.
            if best.support < calibration.minimumSupport {
                return Verdict(scenario: nil, confidence: p1, reason: "thin evidence: support weight \(String(format: "%.2f", best.support)) for \(best.id)")
            }
            guard best.score >= calibration.decisive + 0.1 else {
                return Verdict(scenario: nil, confidence: p1, reason: "no scenario is supported with probability >= \(calibration.decisive + 0.1)")
            }
            return Verdict(scenario: best.id, confidence: p1, reason: "most probable of the independent scenarios")
        }
        let p2 = order.count > 1 ? scores[order[1]].score : 0
        if best.support < calibration.minimumSupport {
            return Verdict(scenario: nil, confidence: p1, reason: "thin evidence: support weight \(String(format: "%.2f", best.support)) for \(best.id)")
        }
        let rival = scores.filter { $0.id != best.id }.max { $0.support < $1.support }
        if let rival, best.score < calibration.overwhelming, rival.support >= calibration.rivalSupport * best.support {
            return Verdict(scenario: nil, confidence: p1, reason: "balanced: support \(String(format: "%.2f", best.support)) for \(best.id) vs \(String(format: "%.2f", rival.support)) for \(rival.id)")
        }
        if best.score < calibration.decisive || best.score - p2 < calibration.margin {
            let runner = order.count > 1 ? scores[order[1]].id : "-"
            return Verdict(scenario: nil, confidence: p1, reason: "balanced: \(best.id) \(String(format: "%.2f", best.score)) vs \(runner) \(String(format: "%.2f", p2))")
        }
        return Verdict(scenario: best.id, confidence: p1, reason: "support \(String(format: "%.2f", best.support)), opposition \(String(format: "%.2f", best.oppose))")
    }
}
