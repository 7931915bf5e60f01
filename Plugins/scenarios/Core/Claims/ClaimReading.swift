import GalleyModel
import GalleyText

/// How far a sentence asserts what it says: a plain claim, a hedged one, or only the
/// description of something hypothetical (a conditional, a question, a scenario's own write-up,
/// an FAQ restatement). The scorer multiplies a sentence's evidence by `weight`.
public struct ClaimReading: Sendable, Equatable {
    public enum Mode: String, Sendable { case claim, hedged, hypothetical, question, restatement, advice, heading }
    public var mode: Mode
    /// 0...1.
    public var weight: Double
    /// The cue words found, for the evidence's `why`.
    public var cues: [String]

    /// Weights per mode; a hedge lowers, a description nearly silences.
    public static let hedgeOne = 0.6, hedgeMany = 0.4, hypothetical = 0.1, question = 0.05, restatement = 0.15, advice = 0.2, heading = 0.0
    public static let listItem = 0.8, tableRow = 0.8

    /// Whether the sentence asserts something (plainly or hedged): only such sentences are quoted
    /// as evidence. Descriptions, questions and FAQ restatements still count, faintly, in the totals.
    public var asserts: Bool { mode == .claim || mode == .hedged }

    /// Reads one sentence. `inScenarioSection` is true when a heading above it frames a scenario
    /// ("Scenario Two: ...", "The bear case"), which makes every sentence under it a description.
    public static func read(_ sentence: Sentence, words: [WordToken], inScenarioSection: Bool) -> ClaimReading {
        switch sentence.kind {
        case .heading: return ClaimReading(mode: .heading, weight: heading, cues: [])
        case .question: return ClaimReading(mode: .question, weight: question, cues: ["faq question"])
        default: break
        }
        if sentence.text.unicodeScalars.last(where: { !$0.properties.isWhitespace && !"\"'\u{201D}\u{2019})".unicodeScalars.contains($0) }) == "?" {
            return ClaimReading(mode: .question, weight: question, cues: ["?"])
        }
        var cues: [String] = []
        if let first = words.first, ClaimCues.conditionalOpeners.contains(first.lower) { cues.append(first.lower) }
        for w in words.dropFirst() where w.lower == "if" || w.lower == "unless" { cues.append(w.lower); break }
        for w in words where ClaimCues.framing.contains(w.lower) { cues.append(w.lower); break }
        if inScenarioSection { cues.append("scenario section") }
        if !cues.isEmpty { return ClaimReading(mode: .hypothetical, weight: hypothetical, cues: cues) }
        if let first = words.first, ClaimCues.imperatives.contains(first.lower), first.text.first?.isUppercase == true {
            return ClaimReading(mode: .advice, weight: advice, cues: [first.lower])
        }
        // Not a quotation's "You can see ...": someone quoted speaks to the reporter.
        let quoted = sentence.text.unicodeScalars.first.map { "\"“'‘".unicodeScalars.contains($0) } ?? false
        if !quoted, words.count >= 2, words[0].lower == "you", ClaimCues.readerModals.contains(words[1].lower) {
            return ClaimReading(mode: .advice, weight: advice, cues: ["you " + words[1].lower])
        }
        var kindWeight = 1.0
        switch sentence.kind {
        case .answer: return ClaimReading(mode: .restatement, weight: restatement, cues: ["faq answer"])
        case .listItem: kindWeight = listItem
        case .tableRow: kindWeight = tableRow
        default: break
        }
        var hedges: [String] = []
        for (k, w) in words.enumerated() where ClaimCues.hedges.contains(w.lower) {
            if w.lower == "may", k > 0, w.text == "May" { continue }  // the month
            hedges.append(w.lower)
        }
        if hedges.isEmpty { return ClaimReading(mode: .claim, weight: kindWeight, cues: []) }
        return ClaimReading(mode: .hedged, weight: kindWeight * (hedges.count == 1 ? hedgeOne : hedgeMany), cues: hedges)
    }

    /// Whether a heading frames a scenario: it names one ("Scenario Three: ...", "Outlook") or
    /// opens a conditional ("What if ...").
    public static func framesScenario(_ heading: String) -> Bool {
        let words = Tokenizer.words(heading)
        if words.contains(where: { ClaimCues.framing.contains($0.lower) }) { return true }
        if let f = words.first, ClaimCues.conditionalOpeners.contains(f.lower) { return true }
        if words.count >= 2, words[0].lower == "what", words[1].lower == "if" { return true }
        return false
    }
}
