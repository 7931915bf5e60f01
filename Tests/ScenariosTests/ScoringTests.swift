import GalleyModel
@testable import ScenariosCore
import Testing

@Suite struct ScoringTests {
    let pack = layoffPack()

    func score(_ text: String, metrics: [MetricItem] = [], pack: CompiledPack? = nil) -> ScenarioScores {
        ScenarioScorer(pack: pack ?? self.pack).score(article(text), metrics: metrics)
    }

    @Test func scoresAreADistribution() {
        let r = score("Automation now does the work of whole teams. Productivity gains are visible in every unit.")
        #expect(abs(r.scenarios.map(\.score).reduce(0, +) - 1) < 1e-9)
        #expect(r.scenarios.max { $0.score < $1.score }!.id == "efficiency")
    }

    /// Priors are relative: any positive numbers the schema allows give the distribution that
    /// equal ones give (two of 1.7e308 overflowed their sum, and every score became null).
    @Test func hugePriorsAreRelativeLikeAnyOthers() {
        var scaled = layoffPack().pack
        for k in scaled.scenarios.indices { scaled.scenarios[k].prior = 1.7e308 }
        let text = "Automation now does the work of whole teams. Productivity gains are visible in every unit."
        let huge = score(text, pack: CompiledPack(scaled)), plain = score(text)
        for (a, b) in zip(huge.scenarios, plain.scenarios) {
            #expect(a.score.isFinite && abs(a.score - b.score) < 1e-9, "\(a.id): \(a.score) vs \(b.score)")
        }
    }

    @Test func aNegatedSignalOpposesInsteadOfSupporting() {
        let r = score("This isn't about bloat or over-hiring from the pandemic era. Automation is doing the work now.")
        let bloat = r["bloat"]
        #expect(!bloat.evidence.contains { $0.polarity == .support && $0.text.contains("bloat") })
        let against = bloat.evidence.first { $0.polarity == .oppose }
        #expect(against?.text.contains("isn't about bloat") == true)
        #expect(against!.weight < 0)
        #expect(against!.why.matched.contains("not bloat"))
        #expect(r["bloat"].score < r["efficiency"].score)
    }

    @Test func aHedgedClaimWeighsLessThanAPlainOne() {
        let plain = score("The company is cutting jobs because of chips.")["costs"].evidence.first!
        let hedged = score("The company could be cutting jobs because of chips.")["costs"].evidence.first!
        #expect(hedged.weight < plain.weight && hedged.weight > 0)
        #expect(hedged.why.claim == "hedged" && hedged.why.cues == ["could"])
    }

    @Test func aHypotheticalIsNotQuotedAsEvidence() {
        let r = score("If the company over-hired, bloat would explain the cuts. Chips cost more every quarter.")
        #expect(r["bloat"].evidence.filter { $0.polarity == .support }.isEmpty)
        #expect(r["costs"].evidence.first?.text.hasPrefix("Chips") == true)
    }

    /// A figure meeting a condition is quoted only from a claim: asked in an FAQ question, it
    /// counts faintly, unquoted (it was quoted as support).
    @Test func aFigureInAQuestionIsNotQuoted() throws {
        var a = article("Meta reported results on Tuesday. Will Meta cut 20% of its workforce in 2026?", published: "2026-03-17")
        a.sentences[1].kind = .question
        let s = a.sentences[1]
        let offset = s.text.unicodeScalars.distance(from: s.text.startIndex, to: s.text.range(of: "20%")!.lowerBound)
        let m = MetricItem(text: "20%", kind: "percent", value: 20, subject: "workforce", entity: "Meta", sentence: 1,
                           start: s.start + offset, end: s.start + offset + 3)
        let r = ScenarioScorer(pack: try shippedPack("meta-ai-futures")).score(a, metrics: [m])
        let met = r.scenarios.filter { $0.conditions.contains { $0.status == .met } }
        #expect(!met.isEmpty, "the condition is still evaluated")
        for sc in r.scenarios { #expect(!sc.evidence.contains { $0.sentence == 1 }, "\(sc.id): \(sc.evidence)") }
    }

    @Test func aRepeatedClaimCountsOnce() {
        let once = score("Automation is replacing whole teams at the company this year. Chips cost more every quarter.")
        let twice = score("Automation is replacing whole teams at the company this year. Chips cost more every quarter. Automation is replacing whole teams at the company, this year.")
        let first = twice["efficiency"].evidence.first!
        #expect(first.sentence == 0 && first.why.repeatedIn == [2])
        #expect(twice["efficiency"].evidence.filter { $0.polarity == .support }.count == 1)
        #expect(abs(twice["efficiency"].support - once["efficiency"].support) < 1e-6)
    }

    @Test func evidenceShared_byAllScenariosIsNotDiagnostic() {
        // Every scenario's signal in one sentence: it tells them apart no better than nothing.
        let r = score("Automation, bloat and chips all feature in the announcement. The firm also moved offices.")
        for s in r.scenarios { #expect(!s.evidence.contains { $0.sentence == 0 && $0.polarity == .support }, "\(s.id)") }
    }

    @Test func thinEvidenceIsUndetermined() {
        let r = score("The company held its annual meeting on Tuesday. Shareholders asked about the weather.")
        #expect(r.verdict.scenario == nil)
        #expect(r.verdict.reason.hasPrefix("thin"))
    }

    @Test func balancedEvidenceIsUndetermined() {
        let r = score("The firm blames automation for the layoffs. The firm blames chips for the layoffs.")
        #expect(r.verdict.scenario == nil, "\(r.verdict)")
        #expect(r.verdict.reason.hasPrefix("balanced"))
    }

    @Test func clearEvidenceGivesAVerdict() {
        let r = score("Automation is replacing teams across the company. Productivity gains show up in every unit. Automation tools now write most of the code.")
        #expect(r.verdict.scenario == "efficiency", "\(r.verdict)")
    }

    @Test func independentPacksAreNotADistribution() {
        let r = score("Automation is replacing teams in every unit. Chips now cost more than the payroll.", pack: layoffPack(independent: true))
        #expect(r.independent)
        #expect(r.scenarios.allSatisfy { $0.score > 0 && $0.score < 1 })
        #expect(r["efficiency"].score > 0.6 && r["costs"].score > 0.6)
        #expect(abs(r["bloat"].score - 0.5) < 1e-9)  // no evidence: the prior
    }

    /// An independent scenario scored high on words alone, with no quoted support, is
    /// undetermined for thin evidence, and says so (the reason spoke of a probability it had).
    @Test func anIndependentVerdictSaysWhyItIsUndetermined() {
        let r = score("The company held its annual meeting on Tuesday. Shareholders asked about the weather.", pack: layoffPack(independent: true))
        #expect(r.verdict.scenario == nil)
        #expect(r.verdict.reason.hasPrefix("thin evidence"), "\(r.verdict) \(r.scenarios.map { ($0.id, $0.score, $0.support) })")
    }

    @Test func theOutputShape() {
        let json = score("This isn't about bloat. Automation is replacing teams across the company.").json()
        #expect(json["probabilities"]?.stringValue == "distribution")
        #expect(json["verdict"]?["scenario"] != nil)
        let s = json["scenarios"]!.arrayValue!
        #expect(s.count == 3 && s[0]["score"] != nil && s[0]["evidence"]?.arrayValue != nil)
        let e = s[0]["evidence"]!.arrayValue!.first!
        for key in ["sentence", "start", "end", "text", "polarity", "weight", "why"] { #expect(e[key] != nil, "\(key)") }
    }
}
