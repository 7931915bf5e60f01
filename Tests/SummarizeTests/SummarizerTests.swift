import Foundation
import GalleyJSON
import GalleyModel
import Testing
@testable import SummarizeCore

/// Whole summaries: degenerate articles, the output shape, options end to end.
@Suite struct SummarizerTests {
    /// An article of one paragraph per sentence (what ingest makes of plain prose).
    static func article(_ sentences: [String], kinds: [BlockKind]? = nil, title: String? = nil) -> Article {
        var text = "", paragraphs: [Paragraph] = [], out: [Sentence] = []
        for (i, s) in sentences.enumerated() {
            if !text.isEmpty { text += "\n\n" }
            let start = text.unicodeScalars.count, u8 = text.utf8.count
            text += s
            let span = TextSpan(start: start, end: start + s.unicodeScalars.count, utf8Start: u8, utf8End: u8 + s.utf8.count)
            let kind = kinds?[i] ?? .paragraph
            paragraphs.append(Paragraph(text: s, kind: kind, span: span))
            out.append(Sentence(text: s, paragraph: i, kind: kind, span: span))
        }
        return Article(id: "t", title: title, text: text, paragraphs: paragraphs, sentences: out)
    }

    static let story = [
        "Meta plans to cut a fifth of its staff to pay for artificial intelligence data centres.",
        "The cuts would be the largest since the company shed 20,000 jobs in 2022 and 2023.",
        "Investors welcomed the plan and Meta's shares rose two percent on Monday.",
        "Analysts said the cuts show how artificial intelligence spending is reshaping big technology companies.",
        "The weather in Menlo Park was mild.",
        "Meta did not comment on the number of jobs that artificial intelligence would replace.",
    ]

    /// A summary is the same whatever the summarizer read before (stem ids depend on that):
    /// a deck of more than 64 content words kept a different 64 of them for the title match
    /// from one run to the next, and two AEB pages were summarized differently.
    @Test func summariesDoNotDependOnEarlierArticles() {
        var a = Self.article(Self.story, title: "Meta to cut staff")
        // 80 distinct made-up words and then the story's own: which 64 the query keeps decides
        // whether the story's words count for the title match at all.
        a.deck = (0..<80).map { "zork\($0)word" }.joined(separator: " ") + " " + Self.story.joined(separator: " ")
        let alone = Summarizer().summarize(a)
        let seasoned = Summarizer()
        // Earlier articles give the story's stems lower ids than the made-up words'.
        _ = seasoned.summarize(Self.article(Self.story.reversed() + ["Zork words are none of these."]))
        let after = seasoned.summarize(a)
        #expect(after.sentences.map(\.index) == alone.sentences.map(\.index))
        #expect(after.sentences.map(\.score) == alone.sentences.map(\.score))
    }

    @Test func noSentences() {
        let s = Summarizer().summarize(Self.article([]))
        #expect(s.sentences.isEmpty && s.text.isEmpty)
        #expect(s.json["sentences"] == .array([]))
    }

    @Test func oneSentence() {
        let s = Summarizer().summarize(Self.article(["Meta cut jobs."]))
        #expect(s.sentences.map(\.index) == [0])
        #expect(s.text == "Meta cut jobs.")
    }

    @Test func sentencesWithoutWords() {
        let s = Summarizer().summarize(Self.article(["***", "—", "Meta cut jobs on Monday."]))
        #expect(s.sentences.map(\.index) == [2])
    }

    @Test func allSentencesIdenticalGiveOneSentence() {
        let same = Array(repeating: "Meta will cut jobs to pay for artificial intelligence.", count: 40)
        let s = Summarizer().summarize(Self.article(same), options: SummaryOptions(budget: Budget(sentences: 5)))
        #expect(s.sentences.map(\.index) == [0])
        // The same up to case and punctuation is the same sentence too.
        let s2 = Summarizer().summarize(Self.article(["Meta cuts jobs at Instagram.", "META CUTS JOBS AT INSTAGRAM!", "meta cuts jobs, at instagram"]))
        #expect(s2.sentences.count == 1)
    }

    /// Term vectors count each row's terms in ascending order, whether the row is short
    /// (insertion sort) or long (the general sort: a sentence of thousands of words).
    @Test func termVectorsOfShortAndLongRows() {
        var rng = SystemRandomNumberGenerator()
        let rows: [[Int32]] = [(0..<5).map { _ in Int32.random(in: 0..<50, using: &rng) },
                               (0..<3_000).map { _ in Int32.random(in: 0..<50, using: &rng) },
                               [], [7]]
        var ids = rows.flatMap { $0 }
        var offsets: [Int32] = [0]
        for r in rows { offsets.append(offsets.last! + Int32(r.count)) }
        let v = TermVectors(ids: &ids, offsets: offsets, vocabulary: 50, query: [])
        #expect(rows[1].count > TermVectors.insertionSortLimit)
        for (i, r) in rows.enumerated() {
            let counts = Dictionary(r.map { ($0, Float(1)) }, uniquingKeysWith: +)
            let expected = counts.keys.sorted()
            #expect(Array(v.terms[v.row(i)]) == expected, "row \(i)")
            #expect(Array(v.tf[v.row(i)]) == expected.map { counts[$0]! }, "row \(i)")
        }
    }

    @Test func twoThousandSentencesStayFast() {
        // A long report: 2,000 sentences over a shared vocabulary, so the graph is dense.
        var rng = SystemRandomNumberGenerator()
        let vocabulary = (0..<400).map { "term\($0)" }
        let sentences = (0..<2000).map { i -> String in
            let words = (0..<18).map { _ in vocabulary[Int.random(in: 0..<vocabulary.count, using: &rng)] }
            return "Sentence \(i) says " + words.joined(separator: " ") + "."
        }
        let article = Self.article(sentences)
        let summarizer = Summarizer()
        let t0 = Date()
        let s = summarizer.summarize(article, options: SummaryOptions(budget: Budget(sentences: 10)))
        let seconds = Date().timeIntervalSince(t0)
        #expect(s.sentences.count == 10)
        #expect(seconds < 5, "2,000 sentences took \(seconds) s (debug build)")
    }

    /// Under a heading that frames a scenario, or opening "In this scenario", a sentence is
    /// taken only after the prose that reports.
    @Test func scenarioWriteUpsComeAfterTheNews() {
        let kinds: [BlockKind] = [.paragraph, .paragraph, .heading, .paragraph, .heading, .paragraph]
        let a = Self.article([
            "Meta plans to cut a fifth of its artificial intelligence staff this year.",
            "In this scenario, artificial intelligence replaces whole Meta teams within a year.",
            "Scenario Two: The Lean Machine",
            "Meta artificial intelligence agents run every team and cut staff costs.",
            "Market reaction",
            "Shares in Meta rose after the artificial intelligence plan was reported.",
        ], kinds: kinds)
        let s = Summarizer().summarize(a, options: SummaryOptions(budget: Budget(sentences: 2)))
        #expect(s.sentences.map(\.index) == [0, 5], "\(s.sentences.map(\.text))")
        // With room, the write-up follows the reporting.
        let more = Summarizer().summarize(a, options: SummaryOptions(budget: Budget(sentences: 3), order: .rank))
        #expect(more.sentences.prefix(2).map(\.index).sorted() == [0, 5])
    }

    @Test func headingsTablesAndQuestionsOnlyWhenNothingElse() {
        let kinds: [BlockKind] = [.heading, .paragraph, .tableRow, .question, .answer, .paragraph]
        let a = Self.article([
            "Meta Layoffs and Artificial Intelligence",
            "Meta plans to cut a fifth of its staff to pay for artificial intelligence.",
            "Magnitude\t20%\tAI infrastructure",
            "Why is Meta cutting artificial intelligence jobs?",
            "Meta is cutting jobs to pay for artificial intelligence data centres.",
            "Shares in Meta rose after the plan was reported.",
        ], kinds: kinds)
        let s = Summarizer().summarize(a, options: SummaryOptions(budget: Budget(sentences: 3)))
        // Two prose sentences, then the FAQ answer (secondary); never the heading, row or question.
        #expect(s.sentences.map(\.index) == [1, 4, 5])
        // With room for everything, still none of them: the summary is shorter than the budget.
        let all = Summarizer().summarize(a, options: SummaryOptions(budget: Budget(sentences: 6), order: .rank))
        #expect(all.sentences.map(\.index).sorted() == [1, 4, 5])
        // An article of headings only still gets a summary.
        let headings = Self.article(["Meta Layoffs", "What Comes Next"], kinds: [.heading, .heading])
        #expect(Summarizer().summarize(headings).sentences.count == 2)
    }

    @Test func outputShapeAndOrder() throws {
        let a = Self.article(Self.story, title: "Meta to cut a fifth of staff for AI")
        let s = Summarizer().summarize(a, options: SummaryOptions(budget: Budget(sentences: 3)))
        #expect(s.sentences.map(\.index) == s.sentences.map(\.index).sorted())
        #expect(!s.sentences.contains { $0.index == 4 })  // the weather
        let json = s.json
        #expect(json["method"] == "galley")
        #expect(json["budget"] == ["sentences": 3])
        #expect(json["text"]?.stringValue == s.sentences.map(\.text).joined(separator: " "))
        let first = try #require(json["sentences"]?.arrayValue?.first)
        #expect(first.objectValue?.keys == ["index", "text", "score"])
        // order=rank: best first, the same sentences.
        let ranked = Summarizer().summarize(a, options: SummaryOptions(budget: Budget(sentences: 3), order: .rank))
        #expect(Set(ranked.sentences.map(\.index)) == Set(s.sentences.map(\.index)))
        #expect(ranked.sentences.map(\.score) == ranked.sentences.map(\.score).sorted(by: >))
    }

    @Test func wordAndRatioBudgets() {
        let a = Self.article(Self.story)
        let words = Summarizer().summarize(a, options: SummaryOptions(budget: Budget(words: 40)))
        let count = words.sentences.reduce(0) { $0 + $1.text.split(separator: " ").count }
        #expect(count <= 40 && !words.sentences.isEmpty)
        let ratio = Summarizer().summarize(a, options: SummaryOptions(budget: Budget(ratio: 0.5)))
        #expect(ratio.sentences.count == 3)
    }

    @Test(arguments: Method.allCases)
    func everyMethodGivesTheBudget(_ method: Method) {
        let s = Summarizer().summarize(Self.article(Self.story), options: SummaryOptions(budget: Budget(sentences: 2), method: method))
        #expect(s.sentences.count == 2 && s.method == method)
        if method == .lead { #expect(s.sentences.map(\.index) == [0, 1]) }
    }
}
