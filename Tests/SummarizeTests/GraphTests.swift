import Foundation
import Testing
@testable import SummarizeCore

@Suite struct GraphTests {
    /// Dense power iteration, the textbook definition, to check the sparse one against.
    static func densePageRank(_ w: [[Double]], damping: Double = 0.85, teleport: [Double]? = nil) -> [Double] {
        let n = w.count
        var jump = [Double](repeating: 1 / Double(n), count: n)
        if let teleport { let t = teleport.reduce(0, +); jump = teleport.map { $0 / t } }
        var s = jump
        for _ in 0..<1000 {
            var next = [Double](repeating: 0, count: n)
            var dangling = 0.0
            for j in 0..<n {
                let d = w[j].reduce(0, +)
                if d == 0 { dangling += s[j]; continue }
                for i in 0..<n { next[i] += damping * w[j][i] / d * s[j] }
            }
            for i in 0..<n { next[i] += (1 - damping + damping * dangling) * jump[i] }
            s = next
        }
        return s
    }

    static func document(_ sentences: [String]) -> Document {
        Document(sentences: sentences)
    }

    static let sentences = [
        "Meta plans to lay off a fifth of its workforce to pay for artificial intelligence.",
        "The layoffs would be the largest at Meta since the company cut jobs in 2022.",
        "Investors welcomed the plan to cut costs and the shares rose.",
        "Artificial intelligence spending has grown fast at Meta and its rivals.",
        "Analysts said the cuts show artificial intelligence is changing how companies work.",
        "Nothing here overlaps anything else whatsoever.",
    ]

    @Test func sparsePageRankMatchesDensePowerIteration() throws {
        let doc = Self.document(Self.sentences)
        let pairs = PairSimilarities(doc.words)
        let graph = SentenceGraph(pairs: pairs, weights: pairs.cosine)
        var dense = [[Double]](repeating: [Double](repeating: 0, count: doc.count), count: doc.count)
        for p in 0..<pairs.pairCount {
            let a = Int(pairs.first[p]), b = Int(pairs.second[p])
            dense[a][b] = Double(pairs.cosine[p]); dense[b][a] = Double(pairs.cosine[p])
        }
        let expected = Self.densePageRank(dense)
        let got = graph.pageRank(tolerance: 1e-12, maxIterations: 1000)
        for i in 0..<doc.count { #expect(abs(got[i] - expected[i]) < 1e-6, "sentence \(i): \(got[i]) vs \(expected[i])") }
        #expect(abs(got.reduce(0, +) - 1) < 1e-9)
        let defaults = graph.pageRank()
        for i in 0..<doc.count { #expect(abs(defaults[i] - expected[i]) < 1e-4, "default tolerance, sentence \(i)") }
        let prior = [1.0, 0, 0, 0, 0, 0]
        let biased = graph.pageRank(teleport: prior, tolerance: 1e-12, maxIterations: 1000)
        let denseBiased = Self.densePageRank(dense, teleport: prior)
        for i in 0..<doc.count { #expect(abs(biased[i] - denseBiased[i]) < 1e-6) }
    }
}

/// A long document whose few common terms link every pair: past the pair bound its most common
/// terms stop linking sentences, so memory stays bounded; below it nothing changes.
@Suite struct PairBoundTests {
    /// `n` sentences over a small vocabulary: two common terms in every sentence, and a rarer
    /// one shared by sentences ten apart.
    static func document(_ n: Int) -> Document {
        Document(sentences: (0..<n).map { "Markets rally today as traders cheer item\($0 % 10)x." })
    }

    @Test func commonTermsStopLinkingPastTheBound() {
        let doc = Self.document(600)
        let all = PairSimilarities(doc.words)
        #expect(all.pairCount == 600 * 599 / 2)
        let capped = PairSimilarities(doc.words, maximumPairs: 50_000)
        #expect(capped.pairCount <= 50_000 && capped.pairCount > 0, "\(capped.pairCount) pairs")
        // What still links is the rarer term: sentences ten apart.
        for p in 0..<capped.pairCount { #expect((capped.second[p] - capped.first[p]) % 10 == 0) }
    }

    @Test func documentsUnderTheBoundAreUnchanged() {
        let doc = Self.document(300)
        let a = PairSimilarities(doc.words), b = PairSimilarities(doc.words, maximumPairs: 300 * 299 / 2)
        #expect(a.first == b.first && a.second == b.second && a.cosine == b.cosine && a.overlap == b.overlap)
    }
}
