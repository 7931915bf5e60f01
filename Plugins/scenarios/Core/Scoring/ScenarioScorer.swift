import Foundation
import GalleyModel
import GalleyText

/// Scores one article against a pack: reads every sentence as a claim (or not), weighs what it
/// says by how well it tells the scenarios apart, counts a repeated claim once, applies metric
/// conditions, and turns the totals into calibrated probabilities and a verdict.
public struct ScenarioScorer: Sendable {
    public let pack: CompiledPack
    public var calibration: Calibration
    public var maxSupport = 5
    public var maxOppose = 3
    let stats: EnglishStats

    /// How much a sentence's LSA similarity counts next to its lexical matches.
    public static let semanticWeight = 0.3
    /// A sentence's net relevance is capped at this, so that one sentence cannot decide alone.
    public static let sentenceCap = 3.0
    /// A sentence supports a scenario only when its relevance beats the others' average by this
    /// share of its own: evidence that fits every scenario equally tells them apart not at all.
    public static let diagnosticShare = 0.25
    /// Smallest evidence weight worth quoting.
    public static let quoteThreshold = 0.03

    public init(pack: CompiledPack, calibration: Calibration = .fitted, stats: EnglishStats = .shared) {
        self.pack = pack; self.calibration = calibration; self.stats = stats
    }

    public func score(_ article: Article, metrics: [MetricItem] = []) -> ScenarioScores {
        let k = pack.scenarios.count
        let framed = scenarioParagraphs(article)
        let tokenized = article.sentences.map { TokenizedSentence($0.text) }
        let local = LocalFrequency(tokenized)
        var readings: [SentenceEvidence] = []
        readings.reserveCapacity(article.sentences.count)
        for (i, s) in article.sentences.enumerated() {
            readings.append(SentenceMatcher.read(s, index: i, pack: pack, inScenarioSection: framed.contains(s.paragraph),
                                                 tokens: tokenized[i], local: local, stats: stats))
        }
        let originals = RepeatedClaims.originals(readings.map { r in
            var keys = Set<String>()
            for (j, m) in r.matched.enumerated() { for x in m { keys.insert("\(j):\(x)") } }
            return (r.stems, r.reading.mode == .restatement, keys)
        })
        var repeats = [[Int]](repeating: [], count: readings.count)
        for (i, o) in originals.enumerated() { if let o { repeats[o].append(i) } }

        // Per sentence and scenario: net relevance, then diagnosticity.
        var net = [[Double]](repeating: [Double](repeating: 0, count: k), count: readings.count)
        for (i, r) in readings.enumerated() {
            for j in 0..<k {
                var sem = r.semantic[j] * Self.semanticWeight
                if r.negated[j] && r.lexical[j] < 0 { sem *= -0.5 }  // a denial is not topical support
                net[i][j] = max(-Self.sentenceCap, min(Self.sentenceCap, r.lexical[j] + sem))
            }
        }
        func diagnosticity(_ i: Int, _ j: Int) -> Double {
            guard k > 1, !pack.pack.independent else { return net[i][j] }
            var others = 0.0  // what the sentence says for the others; a denial of another is no support for this one
            for m in 0..<k where m != j { others += max(0, net[i][m]) }
            return net[i][j] - others / Double(k - 1)
        }

        // Article-level features.
        var evidenceTotals = [Double](repeating: 0, count: k)
        var supportTotals = [Double](repeating: 0, count: k)
        var opposeTotals = [Double](repeating: 0, count: k)
        var docWeights: [String: Double] = [:]
        if let title = article.title {
            for stem in TermExtractor.stems(title) { docWeights[stem, default: 0] += 1 }
        }
        var contributing = 0
        for (i, r) in readings.enumerated() {
            let topical = r.reading.mode == .heading ? 0.5 : max(r.reading.weight, 0.2)
            for (stem, c) in r.counts { docWeights[stem, default: 0] += topical * c }
            guard originals[i] == nil, r.reading.weight > 0 else { continue }
            contributing += 1
            for j in 0..<k {
                // Independent scenarios have no rivals to cancel the baseline similarity of any
                // on-topic sentence: only what is said in words counts for them.
                evidenceTotals[j] += r.reading.weight * (pack.pack.independent ? r.lexical[j] : net[i][j])
            }
        }
        // Evidence adds up, but sentences of one article are not independent witnesses: damp the sum.
        let damping = 1 / Double(max(contributing, 1)).squareRoot()
        for j in 0..<k { evidenceTotals[j] *= damping }
        let profile = ArticleProfile(weights: docWeights, stats: stats)
        let separation = Double(1 - pack.overlap)

        // Conditions on metrics.
        let evaluator = ConditionEvaluator(article: article, items: metrics, sentenceStems: readings.map(\.stems))
        var outcomes = [[ConditionOutcome]](repeating: [], count: k)
        var conditionTotals = [Double](repeating: 0, count: k)
        for (j, sc) in pack.scenarios.enumerated() {
            for (ci, c) in sc.scenario.conditions.enumerated() {
                let found = evaluator.evaluate(c, index: ci)
                outcomes[j] += found
                for o in found where o.status != .outOfScope {
                    let claim = o.metric.sentence.map { max(readings[$0].reading.weight, 0.1) } ?? 1
                    conditionTotals[j] += (o.status == .met ? 1 : -1) * c.weight * claim
                }
            }
        }

        // Features -> probabilities.
        // Unstated priors are 1/k; all are then normalised. Divided by the largest first, so
        // that priors the schema allows (any positive number: 1.7e308 twice) cannot overflow
        // the sum to infinity and every score to null.
        let stated = pack.scenarios.map { $0.scenario.prior ?? 1 / Double(k) }
        let largest = stated.max() ?? 1
        let relative = stated.map { $0 / largest }
        let relativeSum = relative.reduce(0, +)
        var features: [Features] = []
        for (j, sc) in pack.scenarios.enumerated() {
            let logPrior: Double
            if pack.pack.independent {
                let p = pack.scenarios[j].scenario.prior ?? 0.5
                logPrior = log(p / (1 - p))
            } else {
                logPrior = log(relative[j] / relativeSum)
            }
            // The topic space is trusted in proportion to how well it tells the pack's scenarios
            // apart: fully for topics, little for futures of one story.
            features.append(Features(semantic: separation * profile.similarity(to: sc), lexical: profile.lexicalSimilarity(to: sc),
                                     evidence: evidenceTotals[j],
                                     conditions: conditionTotals[j], logPrior: logPrior))
        }
        let probabilities: [Double]
        if pack.pack.independent {
            probabilities = features.map { Calibration.sigmoid(calibration.independentLogit($0)) }
        } else {
            probabilities = Calibration.softmax(features.map(calibration.logit))
        }

        // Evidence lists.
        var results: [ScenarioScore] = []
        for (j, sc) in pack.scenarios.enumerated() {
            var support: [EvidenceItem] = []
            var oppose: [EvidenceItem] = []
            for (i, r) in readings.enumerated() where originals[i] == nil {
                let n = net[i][j]
                let d = diagnosticity(i, j)
                let s = article.sentences[i]
                var why = Why(matched: r.matched[j], claim: r.reading.mode.rawValue, cues: r.reading.cues,
                              diagnosticity: round(d, 3), similarity: round(r.semantic[j], 3))
                why.repeatedIn = repeats[i]
                // Only a sentence that says something about the scenario in words is quoted for it:
                // a signal, or at least two of the description's terms.
                let quotable = r.reading.asserts && r.lexical[j] > 0 && (r.signalHits[j] > 0 || r.termHits[j] >= 2)
                // Diagnostic: it favours this scenario clearly over the average of the others.
                if n > 0, d >= Self.diagnosticShare * n, quotable {
                    let w = r.reading.weight * d
                    supportTotals[j] += w
                    if w >= Self.quoteThreshold { support.append(item(s, i, .support, w, why)) }
                } else if n < 0, r.lexical[j] < 0, r.opposeHits[j] >= 2 {
                    let w = r.reading.weight * n
                    opposeTotals[j] -= w
                    if -w >= Self.quoteThreshold, r.reading.asserts { oppose.append(item(s, i, .oppose, w, why)) }
                }
            }
            for o in outcomes[j] where o.status != .outOfScope {
                guard let si = o.metric.sentence else { continue }
                let c = sc.scenario.conditions[o.condition]
                let claim = max(readings[si].reading.weight, 0.1)
                var why = Why(claim: readings[si].reading.mode.rawValue, cues: readings[si].reading.cues)
                why.condition = "\(c.summary): \(o.why)"
                let w = c.weight * claim
                // Like any evidence, a figure is quoted only from a claim (plain or hedged): an
                // FAQ question or a hypothetical counts faintly in the totals, unquoted.
                let quoted = readings[si].reading.asserts
                if o.status == .met {
                    supportTotals[j] += w
                    if quoted { support.append(item(article.sentences[si], si, .support, w, why)) }
                } else {
                    opposeTotals[j] += w
                    if quoted { oppose.append(item(article.sentences[si], si, .oppose, -w, why)) }
                }
            }
            support.sort { $0.weight > $1.weight }
            oppose.sort { $0.weight < $1.weight }
            results.append(ScenarioScore(id: sc.scenario.id, name: sc.scenario.name, score: probabilities[j],
                                         evidence: Array(support.prefix(maxSupport)) + Array(oppose.prefix(maxOppose)),
                                         support: supportTotals[j], oppose: opposeTotals[j], conditions: outcomes[j],
                                         features: features[j]))
        }
        return ScenarioScores(pack: pack.pack.id, independent: pack.pack.independent, overlap: Double(pack.overlap), scenarios: results,
                              verdict: verdict(results))
    }

    func item(_ s: Sentence, _ i: Int, _ p: EvidenceItem.Polarity, _ w: Double, _ why: Why) -> EvidenceItem {
        EvidenceItem(sentence: i, start: s.start, end: s.end, utf8Start: s.utf8Start, utf8End: s.utf8End, text: s.text,
                     polarity: p, weight: round(w, 3), why: why)
    }

    /// Paragraphs that write up a scenario rather than report (see `ScenarioSections`).
    func scenarioParagraphs(_ article: Article) -> Set<Int> { ScenarioSections.framedParagraphs(article) }
}
