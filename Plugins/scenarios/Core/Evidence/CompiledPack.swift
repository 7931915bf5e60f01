import GalleyText

/// A pack prepared for scoring: each scenario's description as weighted stems and an LSA
/// vector, its signals as stem sequences. Built once per pack, reused for every article.
public struct CompiledPack: Sendable {
    public let pack: ScenarioPack
    public let scenarios: [CompiledScenario]
    public let hasSignals: Bool

    /// Words a pack author uses to talk about the pack itself ("The article reports on ..."),
    /// dropped from descriptions (not from signals).
    static let metaWords: Set<String> = [
        "article", "story", "report", "reporting", "cover", "covering", "describe", "scenario", "text", "piece",
    ]

    public init(_ pack: ScenarioPack, stats: EnglishStats = .shared) {
        self.pack = pack
        self.scenarios = pack.scenarios.map { CompiledScenario($0, stats: stats) }
        hasSignals = scenarios.contains { !$0.signals.isEmpty }
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
    /// Unit LSA vector of name, description and positive signals.
    public let vector: [Float]
    /// Norm of the sparse term vector (description terms and signal stems), for lexical cosine.
    public let lexicalWeights: [String: Double]
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
        for (t, w) in terms { lexical[t, default: 0] += w * stats.idf(t) }
        for g in s.signals where g.weight > 0 {
            let content = TermExtractor.stems(g.text)
            for t in content { lexical[t, default: 0] += g.weight * stats.idf(t) / Double(content.count) }
        }
        lexicalWeights = lexical
        lexicalNorm = lexical.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var v = [Float](repeating: 0, count: stats.dims)
        for (t, w) in lexical { stats.accumulate(t, weight: Float(w), into: &v) }
        let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        vector = n > 0 ? v.map { $0 / n } : v
    }
}
