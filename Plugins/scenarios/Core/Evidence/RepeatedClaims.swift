/// Finds sentences that repeat an earlier claim (an FAQ answer restating the body, a summary
/// repeating the lead), so that a claim is counted once however often it is made.
public enum RepeatedClaims {
    /// Two sentences make the same claim when their content stems overlap this much
    /// (shared / smaller set), and each has at least `minimumStems`.
    public static let overlap = 0.6, minimumStems = 4

    /// For each candidate (in reading order), the index of the earlier candidate it repeats, or nil.
    /// Prose beats FAQ answers: an answer is never the original of a body sentence. `evidence` is
    /// what the sentence matched, per scenario: two sentences that share most words but name
    /// different indicators ("blames automation" / "blames chips") are different claims.
    public static func originals(_ candidates: [(stems: Set<String>, isRestatement: Bool, evidence: Set<String>)]) -> [Int?] {
        var out = [Int?](repeating: nil, count: candidates.count)
        let limit = min(candidates.count, 600)
        for i in 0..<limit where candidates[i].stems.count >= minimumStems {
            var best: Int?
            for j in 0..<limit where j != i && out[j] == nil && candidates[j].stems.count >= minimumStems {
                // The original is the earlier one, except that a body sentence is preferred to an FAQ answer.
                let jFirst = (candidates[j].isRestatement == candidates[i].isRestatement) ? j < i : !candidates[j].isRestatement
                guard jFirst else { continue }
                if isRepeat(candidates[i].stems, candidates[j].stems), sameEvidence(candidates[i].evidence, candidates[j].evidence) { best = j; break }
            }
            out[i] = best
        }
        return out
    }

    /// Both match nothing, or mostly the same things (Jaccard >= 0.5).
    public static func sameEvidence(_ a: Set<String>, _ b: Set<String>) -> Bool {
        if a.isEmpty && b.isEmpty { return true }
        return Double(a.intersection(b).count) / Double(a.union(b).count) >= 0.5
    }

    public static func isRepeat(_ a: Set<String>, _ b: Set<String>) -> Bool {
        let small = min(a.count, b.count)
        guard small >= minimumStems else { return false }
        let shared = a.count < b.count ? a.filter(b.contains).count : b.filter(a.contains).count
        return Double(shared) / Double(small) >= overlap
    }
}
