import GalleyJSON
import Testing
@testable import SummarizeCore

func obj(_ v: JSONValue) -> JSONObject { v.objectValue! }

/// Budget rules, tiers and redundancy in the selection step; options parsing.
@Suite struct SelectionTests {
    let words: [Int32] = [10, 20, 5, 30, 8]

    @Test func bestTierFirstThenBestScore() {
        let picks = Selection.select(scores: [0.1, 0.9, 0.5, 0.8, 0.7], tiers: [.prose, .lastResort, .prose, .secondary, .prose],
                                     words: words, maxSentences: 4)
        #expect(picks == [4, 2, 0, 3])  // prose by score, then secondary; the heading stays out
    }

    /// A budget larger than the prose gives a shorter summary: no heading, table row or FAQ
    /// question is taken while the article has a sentence of a better tier.
    @Test func lastResortIsNotUsedToFillABudget() {
        let tiers: [Tier] = [.prose, .lastResort, .prose, .lastResort, .secondary]
        #expect(Selection.select(scores: [0.5, 0.9, 0.4, 0.8, 0.1], tiers: tiers, words: words, maxSentences: 5) == [0, 2, 4])
        #expect(Selection.select(scores: [0.5, 0.9, 0.4, 0.8, 0.1], tiers: tiers, words: words, maxSentences: .max, maxWords: 200) == [0, 2, 4])
        // Nothing better: the best of the last resort.
        #expect(Selection.select(scores: [0.2, 0.9], tiers: [.lastResort, .lastResort], words: [3, 3], maxSentences: 1) == [1])
    }

    @Test func neverTierIsNeverTakenAndLastResortOnlyWhenNothingElse() {
        #expect(Selection.select(scores: [1, 0], tiers: [.never, .lastResort], words: [3, 3], maxSentences: 2) == [1])
        #expect(Selection.select(scores: [1], tiers: [.never], words: [3], maxSentences: 2).isEmpty)
        #expect(Selection.select(scores: [], tiers: [], words: [], maxSentences: 3).isEmpty)
    }

    @Test func redundantSentenceWaitsUntilNothingElseIsLeft() {
        // 0 and 1 are near-duplicates; 2 is different but scores lower.
        let sim: (Int, Int) -> Double = { a, b in Set([a, b]) == Set([0, 1]) ? 0.95 : 0.1 }
        #expect(Selection.select(scores: [0.9, 0.8, 0.3], tiers: [.prose, .prose, .prose], words: [5, 5, 5],
                                 maxSentences: 2, redundancy: 0.7, similarity: sim) == [0, 2])
        #expect(Selection.select(scores: [0.9, 0.8, 0.3], tiers: [.prose, .prose, .prose], words: [5, 5, 5],
                                 maxSentences: 3, redundancy: 0.7, similarity: sim) == [0, 2, 1])
        #expect(Selection.select(scores: [0.9, 0.8, 0.3], tiers: [.prose, .prose, .prose], words: [5, 5, 5],
                                 maxSentences: 2, redundancy: 1, similarity: sim) == [0, 1])
        // A set-aside prose sentence comes back before any secondary one.
        #expect(Selection.select(scores: [0.9, 0.8, 0.3], tiers: [.prose, .prose, .secondary], words: [5, 5, 5],
                                 maxSentences: 2, redundancy: 0.7, similarity: sim) == [0, 1])
    }

    @Test func wordBudgetSkipsSentencesThatDoNotFit() {
        // 3 (30 words) is best but does not fit in 25; 1 (20) fits, then 2 (5): 25 exactly.
        #expect(Selection.select(scores: [0.1, 0.8, 0.5, 0.9, 0.2], tiers: Array(repeating: .prose, count: 5), words: words,
                                 maxSentences: .max, maxWords: 25) == [1, 2])
        // Nothing fits: the best sentence alone.
        #expect(Selection.select(scores: [0.1, 0.8], tiers: [.prose, .prose], words: [50, 60], maxSentences: .max, maxWords: 10) == [1])
    }

    @Test func budgetLimits() {
        #expect(Budget().sentenceLimit(candidates: 40) == 3)
        #expect(Budget(sentences: 5).sentenceLimit(candidates: 40) == 5)
        #expect(Budget(ratio: 0.25).sentenceLimit(candidates: 10) == 3)  // 2.5 rounds to 3
        #expect(Budget(ratio: 0.01).sentenceLimit(candidates: 10) == 1)
        #expect(Budget(sentences: 2, ratio: 0.5).sentenceLimit(candidates: 10) == 2)
        #expect(Budget(words: 50).sentenceLimit(candidates: 10) == .max)
        #expect(Budget(sentences: 4, words: 50).sentenceLimit(candidates: 10) == 4)
    }

    @Test func optionsAndTheLineBudget() throws {
        let o = try SummaryOptions(options: obj(["sentences": 4, "method": "lexrank", "order": "rank"]))
        #expect(o.budget == Budget(sentences: 4) && o.method == .lexrank && o.order == .rank)
        // A line's budget replaces the options' limits.
        let line = try SummaryOptions(options: obj(["sentences": 4]), lineBudget: ["sentences": 7])
        #expect(line.budget == Budget(sentences: 7))
        #expect(try SummaryOptions(options: obj(["words": 60]), lineBudget: 2).budget == Budget(sentences: 2))
        #expect(try SummaryOptions(options: obj(["ratio": 0.3]), lineBudget: .null).budget == Budget(ratio: 0.3))
        #expect(try SummaryOptions(options: JSONObject()).budget.json == ["sentences": 3])
        for bad: JSONValue in [["sentences": 0], ["ratio": 1.5], ["words": "many"], ["method": "magic"], ["order": "random"], ["colour": "red"]] {
            #expect(throws: OptionError.self) { try SummaryOptions(options: obj(bad)) }
        }
        #expect(throws: OptionError.self) { try SummaryOptions(options: JSONObject(), lineBudget: ["sentences": -1]) }
        #expect(throws: OptionError.self) { try SummaryOptions(options: JSONObject(), lineBudget: "three") }
        // A misspelt budget key is refused (it was ignored, and the default used unsaid).
        do {
            _ = try SummaryOptions(options: JSONObject(), lineBudget: ["sentence": 1])
            Issue.record("a misspelt budget key was accepted")
        } catch {
            #expect(error.description.contains("did you mean 'sentences'?"), "\(error)")
        }
    }
}

/// A scenario written up is not the news: such sentences wait behind the prose.
@Suite struct HypotheticalTests {
    @Test func scenarioSectionsAndOpeningsAreSecondary() {
        #expect(Eligibility.framesScenario("Scenario Two: The Lean Machine") && Eligibility.framesScenario("Worst-case scenario"))
        #expect(!Eligibility.framesScenario("What comes next"))
        #expect(Eligibility.startsHypothetical("In this scenario, AI replaces whole teams."))
        #expect(!Eligibility.startsHypothetical("In this quarter, Meta cut 5% of staff."))
    }
}
