import Foundation

/// The whole article as weighted stems: an LSA vector for the stems the shipped space knows, an
/// exact-match dimension for each stem it does not know ("metaverse", "GPU"), and the tf-idf
/// weights, for comparing the article with each scenario.
struct ArticleProfile {
    var vector: [Float]
    var unseen: [String: Double] = [:]
    var tfidf: [String: Double] = [:]
    var tfidfNorm = 0.0
    var fullNorm = 0.0

    /// `weights`: claim-weighted counts of each stem (title included).
    init(weights: [String: Double], stats: EnglishStats) {
        vector = [Float](repeating: 0, count: stats.dims)
        var unseenSquares = 0.0
        // Sorted: float sums must not follow the per-process hash order (same input, same output).
        for (stem, tf) in weights.sorted(by: { $0.key < $1.key }) where tf > 0 {
            let (df, row) = stats.lookup(stem)
            let w = (tf >= 1 ? 1 + log(tf) : tf) * stats.idf(df: df)
            tfidf[stem] = w
            tfidfNorm += w * w
            if row >= 0 {
                stats.add(row: row, weight: Float(w), into: &vector)
            } else {
                let u = w * stats.meanVectorNorm
                unseen[stem] = u
                unseenSquares += u * u
            }
        }
        tfidfNorm = tfidfNorm.squareRoot()
        fullNorm = (Double(vector.reduce(0) { $0 + $1 * $1 }) + unseenSquares).squareRoot()
    }

    /// Cosine with the scenario in the LSA space extended by the unseen stems.
    func similarity(to sc: CompiledScenario) -> Double {
        guard fullNorm > 0, sc.fullNorm > 0 else { return 0 }
        var dot = 0.0
        for k in 0..<vector.count { dot += Double(vector[k] * sc.lsa[k]) }
        for (t, w) in sc.unseen { if let d = unseen[t] { dot += d * w } }
        return dot / (fullNorm * sc.fullNorm)
    }

    /// Tf-idf cosine with the scenario's words and signals.
    func lexicalSimilarity(to sc: CompiledScenario) -> Double {
        guard tfidfNorm > 0, sc.lexicalNorm > 0 else { return 0 }
        var dot = 0.0
        for (t, w) in sc.lexical { if let d = tfidf[t] { dot += d * w } }
        return dot / (tfidfNorm * sc.lexicalNorm)
    }
}
