import GalleyText

/// A pack prepared for scoring: each scenario's description as weighted stems and an LSA
/// vector, its signals as stem sequences. Built once per pack, reused for every article.
public struct CompiledPack: Sendable {
    public let pack: ScenarioPack
    public let scenarios: [CompiledScenario]
    public let hasSignals: Bool
    /// How much the scenarios have in common in the LSA space: their mean pairwise cosine (0 for
    /// one scenario). About 0.16 for the five BBC topics, 0.8 for three futures of one story.
    public let overlap: Float

    /// Words a pack author uses to talk about the pack itself ("The article reports on ..."),
    /// dropped from descriptions (not from signals).
    static let metaWords: Set<String> = [
        "article", "story", "report", "reporting", "cover", "covering", "describe", "scenario", "text", "piece",
    ]

    public init(_ pack: ScenarioPack, stats: EnglishStats = .shared) {
        self.pack = pack
        var scenarios = pack.scenarios.map { CompiledScenario($0, stats: stats) }
        // A scenario described with more words and signals finds more matches by chance alone:
        // scale each scenario's matches by sqrt(mean indicators / its indicators).
        let sizes = scenarios.map { Double(max(1, $0.terms.count + $0.signals.count)) }
        let mean = sizes.reduce(0, +) / Double(max(1, sizes.count))
        for j in scenarios.indices { scenarios[j].matchScale = (mean / sizes[j]).squareRoot() }
        self.scenarios = scenarios
        hasSignals = scenarios.contains { !$0.signals.isEmpty }
        var sum: Float = 0, pairs: Float = 0
        for a in 0..<scenarios.count {
            for b in (a + 1)..<max(a + 1, scenarios.count) where b < scenarios.count {
                var dot: Float = 0
                for k in 0..<stats.dims { dot += scenarios[a].vector[k] * scenarios[b].vector[k] }
                sum += dot; pairs += 1
            }
        }
        overlap = pairs > 0 ? max(0, min(1, sum / pairs)) : 0
    }
}

public struct CompiledSignal: Sendable {
    public var text: String
    /// Every word's stem, function words included (matched against `TermExtractor.sequence`).
    public var stems: [String]
    public var weight: Double
}

public struct CompiledScenario: Sendable {
    public let scenario: Scenario
    /// Description (and name) stems with their weight: idf / max idf, in (0, 1].
    public let terms: [String: Double]
    public let signals: [CompiledSignal]
    /// Multiplies every match for this scenario (see CompiledPack.init).
    public internal(set) var matchScale = 1.0
    /// Unit LSA vector of name, description and positive signals.
    public let vector: [Float]
    /// The same before normalising, plus the stems the LSA space does not know, each as its own
    /// dimension, and the norm of the whole: the article-level similarity uses all of it.
    public let lsa: [Float]
    /// Sparse vectors are kept in stem order: dot products summed in hash order would differ
    /// in the last digits from one process to the next.
    public let unseen: [(String, Double)]
    public let fullNorm: Double
    /// The sparse term vector (description terms and signal stems) and its norm, for lexical cosine.
    public let lexical: [(String, Double)]
    public let lexicalNorm: Double

    init(_ s: Scenario, stats: EnglishStats) {
        scenario = s
        var terms: [String: Double] = [:]
        for stem in TermExtractor.stems(s.name + ". " + s.description) where !CompiledPack.metaWords.contains(stem) {
            terms[stem] = stats.idf(stem) / stats.maxIdf
        }
        self.terms = terms
        signals = s.signals.map { CompiledSignal(text: $0.text, stems: TermExtractor.sequence($0.text), weight: $0.weight) }
        var lexical: [String: Double] = [:]
        for (t, w) in terms.sorted(by: { $0.key < $1.key }) { lexical[t, default: 0] += w * stats.idf(t) }
        for g in s.signals where g.weight > 0 {
            let content = TermExtractor.stems(g.text)
            for t in content { lexical[t, default: 0] += g.weight * stats.idf(t) / Double(content.count) }
        }
        self.lexical = lexical.sorted { $0.key < $1.key }
        lexicalNorm = self.lexical.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
        var v = [Float](repeating: 0, count: stats.dims)
        var unseen: [(String, Double)] = []
        for (t, w) in self.lexical where !stats.accumulate(t, weight: Float(w), into: &v) { unseen.append((t, w * stats.meanVectorNorm)) }
        self.unseen = unseen
        let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        vector = n > 0 ? v.map { $0 / n } : v
        lsa = v
        fullNorm = (Double(n * n) + unseen.reduce(0) { $0 + $1.1 * $1.1 }).squareRoot()
    }
}
