import Foundation

/// Turns an article's features into probabilities. The weights are fit on the BBC development
/// split only by `tools/fit_calibration.py` (multinomial log loss), and written to
/// `CalibrationFit.swift`; condition weight and the verdict thresholds are set by hand.
public struct Calibration: Sendable, Equatable {
    public var semantic: Double
    public var lexical: Double
    public var evidence: Double
    public var conditions: Double
    /// Verdict: below this top probability (or this margin over the runner-up) the evidence is
    /// balanced; below `minimumSupport` of support weight it is thin. These are set by hand.
    public var decisive: Double = 0.5
    public var margin: Double = 0.15
    public var minimumSupport: Double = 0.25
    /// ... and when a rival scenario has this share of the top one's support, the quoted evidence
    /// does not tell them apart.
    public var rivalSupport: Double = 0.75
    /// ... unless the top probability is at least this (the whole article, not only the quoted
    /// sentences, then speaks for it).
    public var overwhelming: Double = 0.8

    public static let fitted = Calibration(semantic: CalibrationFit.semantic, lexical: CalibrationFit.lexical,
                                           evidence: CalibrationFit.evidence, conditions: 1.5)

    public func logit(_ f: Features) -> Double {
        f.logPrior + semantic * f.semantic + lexical * f.lexical + evidence * f.evidence + conditions * f.conditions
    }

    /// Independent scenarios: the evidence alone moves each prior.
    public func independentLogit(_ f: Features) -> Double {
        f.logPrior + evidence * f.evidence + conditions * f.conditions
    }

    public static func softmax(_ z: [Double]) -> [Double] {
        guard let m = z.max() else { return [] }
        let e = z.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    public static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
}
