import GalleyModel
@testable import ScenariosCore
import Testing

@Suite struct ConditionTests {
    let deepCuts = MetricCondition(subject: "workforce", kind: "percent", op: .ge, value: 15, entity: "Meta", period: 2026...2026)

    /// A percent item as the metrics plugin writes it, located in sentence `s` of `a`.
    func percent(_ a: Article, _ s: Int, _ text: String, _ value: Double) -> MetricItem {
        let sentence = a.sentences[s]
        let r = sentence.text.range(of: text)!
        let offset = sentence.text.unicodeScalars.distance(from: sentence.text.startIndex, to: r.lowerBound)
        return MetricItem(text: text, kind: "percent", value: value, subject: "workforce", entity: "Meta", sentence: s,
                          start: sentence.start + offset, end: sentence.start + offset + text.unicodeScalars.count)
    }

    @Test func aFigureInScopeMeetsTheCondition() {
        let a = article("Meta will cut 20% of its workforce in 2026.")
        let o = ConditionEvaluator(article: a, items: [percent(a, 0, "20%", 20)]).evaluate(deepCuts, index: 0)
        #expect(o.map(\.status) == [.met])
    }

    @Test func aFigureBelowTheThresholdFailsIt() {
        let a = article("Meta will cut 10% of its workforce in 2026.")
        let o = ConditionEvaluator(article: a, items: [percent(a, 0, "10%", 10)]).evaluate(deepCuts, index: 0)
        #expect(o.map(\.status) == [.notMet])
    }

    @Test func anotherYearIsOutOfScope() {
        let a = article("In 2023 Meta cut 21% of its workforce.")
        let o = ConditionEvaluator(article: a, items: [percent(a, 0, "21%", 21)]).evaluate(deepCuts, index: 0)
        #expect(o.map(\.status) == [.outOfScope])
        #expect(o.first?.why.contains("2023") == true)
    }

    @Test func anotherEntityIsOutOfScope() {
        let a = article("Amazon will cut 20% of its workforce in 2026.")
        var m = percent(a, 0, "20%", 20)
        m.entity = "Amazon"
        let o = ConditionEvaluator(article: a, items: [m]).evaluate(deepCuts, index: 0)
        #expect(o.map(\.status) == [.outOfScope])
    }

    @Test func noYearFallsBackToThePublicationDate() {
        let a = article("Meta will cut 20% of its workforce.", published: "2026-03-17")
        #expect(ConditionEvaluator(article: a, items: [percent(a, 0, "20%", 20)]).evaluate(deepCuts, index: 0).map(\.status) == [.met])
        let old = article("Meta will cut 20% of its workforce.", published: "2023-01-10")
        #expect(ConditionEvaluator(article: old, items: [percent(old, 0, "20%", 20)]).evaluate(deepCuts, index: 0).map(\.status) == [.outOfScope])
    }

    /// "its largest cut since late 2022" compares the figure with 2022; it is not about 2022.
    @Test func aYearIntroducedBySinceIsNotTheFiguresYear() {
        let a = article("Meta will cut 20% of its workforce, its largest reduction since late 2022.", published: "2026-03-17")
        let plain = ConditionEvaluator(article: a, items: [percent(a, 0, "20%", 20)]).evaluate(deepCuts, index: 0)
        #expect(plain.map(\.status) == [.met], "\(plain)")
        // The same when the metrics plugin found the date.
        let sentence = a.sentences[0]
        let since = MetricItem(text: "since late 2022", kind: "date", sentence: 0, start: sentence.start + 48, end: sentence.start + 63)
        let dated = ConditionEvaluator(article: a, items: [percent(a, 0, "20%", 20), since]).evaluate(deepCuts, index: 0)
        #expect(dated.map(\.status) == [.met], "\(dated)")
        #expect(ConditionEvaluator.years(in: "the largest layoff since the end of 2022, as in 2026") == [2026])
    }

    @Test func aRangeMeetsOnlyIfAllOfItDoes() {
        let a = article("Meta will cut 13% to 15% of its workforce in 2026.")
        var m = percent(a, 0, "13% to 15%", 0)
        m.value = nil; m.low = 13; m.high = 15; m.kind = "range"
        let strict = MetricCondition(subject: "workforce", kind: "percent", op: .ge, value: 14)
        #expect(ConditionEvaluator(article: a, items: [m]).evaluate(strict, index: 0).map(\.status) == [.notMet])
    }

    @Test func aTableCellTakesTheYearOfItsColumn() throws {
        // The seed's comparison table: 2023 "Year of Efficiency" 13-15% vs 2026 projected 20% or more.
        let a = try seedArticle("003")
        let row = try #require(a.sentences.firstIndex { $0.kind == .tableRow && $0.text.hasPrefix("Magnitude") })
        let old = percent(a, row, "15%", 15)
        let new = percent(a, row, "20%", 20)
        let c = MetricCondition(subject: "workforce", kind: "percent", op: .ge, value: 15, period: 2026...2026)
        let oldOutcome = ConditionEvaluator(article: a, items: [old]).evaluate(c, index: 0)
        let newOutcome = ConditionEvaluator(article: a, items: [new]).evaluate(c, index: 0)
        #expect(oldOutcome.map(\.status) == [.outOfScope], "\(oldOutcome)")
        #expect(newOutcome.map(\.status) == [.met], "\(newOutcome)")
    }

    @Test func conditionsBecomeEvidence() {
        let pack = CompiledPack(ScenarioPack(id: "c", scenarios: [
            Scenario(id: "deep", name: "Deep cuts", description: "A deep cut of the workforce.", conditions: [deepCuts]),
            Scenario(id: "shallow", name: "Shallow cuts", description: "A light trim of a few teams."),
        ]))
        let a = article("Meta will cut 20% of its workforce in 2026.")
        let r = ScenarioScorer(pack: pack).score(a, metrics: [percent(a, 0, "20%", 20)])
        let e = r["deep"].evidence.first { $0.why.condition != nil }
        #expect(e?.polarity == .support && e?.why.condition?.contains(">= 15") == true)
        #expect(r["deep"].score > r["shallow"].score)
        let without = ScenarioScorer(pack: pack).score(a, metrics: [])
        #expect(r["deep"].score > without["deep"].score)
    }

    @Test func metricsAnalysisIsRead() throws {
        let json = try GalleyJSONTestParse(#"[{"text":"20%","kind":"percent","value":0.2,"subject":"workforce","sentence":0},{"text":"13-15%","kind":"range","value":{"low":13,"high":15},"sentence":1}]"#)
        let items = MetricItem.items(from: json)
        #expect(items.count == 2 && items[0].value == 20 && items[1].low == 13 && items[1].high == 15)
    }

    @Test func aRangesEndDoesNotAnswerAlone() throws {
        let json = try GalleyJSONTestParse(#"[{"text":"50 - 150 people","kind":"range","value":[50,150],"unit":"people","start":10,"end":25,"sentence":0},{"text":"150 people","kind":"quantity","value":150,"unit":"people","start":15,"end":25,"sentence":0},{"text":"150 people","kind":"quantity","value":150,"unit":"people","start":40,"end":50,"sentence":1}]"#)
        let items = MetricItem.items(from: json)
        #expect(items.map(\.kind) == ["range", "quantity"] && items[1].start == 40)
    }
}

import GalleyJSON
func GalleyJSONTestParse(_ s: String) throws -> JSONValue { try JSONParser.parse(Array(s.utf8)[...]) }

@Suite struct ConditionScopeOnSeedTests {
    /// Seed 003 says 20% (2026) in its lead and again in its comparison table, beside 13-15% for 2023.
    @Test func theSeedsFiguresAreScopedAndCountedOnce() throws {
        let a = try seedArticle("003")
        var items: [MetricItem] = []
        for (i, s) in a.sentences.enumerated() {
            for (text, low, high) in [("20% or more", 20.0, 20.0), ("13% - 15%", 13.0, 15.0)] {
                guard let r = s.text.range(of: text) else { continue }
                let start = s.start + s.text.unicodeScalars.distance(from: s.text.startIndex, to: r.lowerBound)
                items.append(MetricItem(text: text, kind: low == high ? "percent" : "range", value: low == high ? low : nil,
                                        low: low == high ? nil : low, high: low == high ? nil : high, subject: "headcount",
                                        entity: "Meta", sentence: i, start: start, end: start + text.count))
            }
        }
        #expect(items.count == 3)
        let pack = try shippedPack("meta-ai-futures")
        let c = try #require(pack.scenarios.first { $0.scenario.id == "stagnation" }?.scenario.conditions.first)
        let outcomes = ConditionEvaluator(article: a, items: items).evaluate(c, index: 0)
        #expect(outcomes.filter { $0.status == .met }.count == 1, "\(outcomes)")
        #expect(outcomes.contains { $0.status == .outOfScope && $0.metric.text == "13% - 15%" && $0.why.contains("2023") })
        let with = ScenarioScorer(pack: pack).score(a, metrics: items)
        let without = ScenarioScorer(pack: pack).score(a)
        #expect(with["stagnation"].score > without["stagnation"].score)
        #expect(with["stagnation"].evidence.contains { $0.why.condition != nil && $0.polarity == .support })
    }
}
