/// The result for one article against one pack.
public struct ScenarioScores: Sendable {
    public var pack: String
    public var independent: Bool
    /// How much the pack's scenarios have in common in the LSA space (mean pairwise cosine).
    public var overlap: Double = 0
    public var scenarios: [ScenarioScore]
    public var verdict: Verdict
}

public struct ScenarioScore: Sendable {
    public var id: String
    public var name: String
    /// Probability: of being the scenario the evidence supports (distribution packs), or of this
    /// scenario holding (independent packs).
    public var score: Double
    /// Support first (strongest first), then opposing evidence.
    public var evidence: [EvidenceItem]
    /// Sum of support and of opposing evidence weight (claims counted once).
    public var support: Double
    public var oppose: Double
    public var conditions: [ConditionOutcome]
    /// The inputs of the calibrated score, for inspection and for fitting the calibration.
    public var features: Features
}

public struct Features: Sendable, Equatable {
    /// Cosine of article and scenario in the shipped LSA space.
    public var semantic: Double
    /// Tf-idf cosine of article and scenario terms.
    public var lexical: Double
    /// Net claim-weighted evidence (support minus opposition).
    public var evidence: Double
    /// Conditions met minus conditions failed, weighted.
    public var conditions: Double
    public var logPrior: Double
}

public struct EvidenceItem: Sendable {
    public enum Polarity: String, Sendable { case support, oppose }
    public var sentence: Int
    public var start: Int
    public var end: Int
    public var utf8Start: Int
    public var utf8End: Int
    public var text: String
    public var polarity: Polarity
    /// Signed: claim weight x diagnosticity (or the condition's weight).
    public var weight: Double
    public var why: Why
}

public struct Why: Sendable {
    /// Signals and description terms found ("not bloat" when negated).
    public var matched: [String] = []
    /// claim, hedged, hypothetical, question, restatement.
    public var claim: String = "claim"
    public var cues: [String] = []
    /// How much more the sentence favours this scenario than the others on average.
    public var diagnosticity: Double = 0
    public var similarity: Double = 0
    /// A metric condition met or failed: "workforce reduction percent >= 15: 20 >= 15".
    public var condition: String?
    /// Later sentences that repeat this claim (not counted again).
    public var repeatedIn: [Int] = []
}

public struct Verdict: Sendable, Equatable {
    /// The scenario the evidence supports, or nil: undetermined.
    public var scenario: String?
    public var confidence: Double
    public var reason: String
}
