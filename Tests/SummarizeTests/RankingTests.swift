import Foundation
import Testing
@testable import SummarizeCore

/// Similarity, graph scores and features.
@Suite struct RankingTests {
    static func document(_ sentences: [String], query: [String] = []) -> Document {
        Document(sentences: sentences, query: query)
    }

    @Test func pairSimilarities() throws {
        let doc = Self.document([
            "Meta cuts jobs to pay for chips.",       // 0
            "Meta cuts jobs to pay for chips.",       // 1: the same
            "Chips cost Meta billions.",              // 2
            "Rain is expected in Lisbon tomorrow.",   // 3: shares nothing
        ])
        let p = PairSimilarities(doc.words)
        let pairs = (0..<p.pairCount).map { [Int(p.first[$0]), Int(p.second[$0])] }
        #expect(pairs == [[0, 1], [0, 2], [1, 2]])
        #expect(abs(p.cosine[0] - 1) < 1e-6)
        #expect(abs(p.tfidfCosine[0] - 1) < 1e-6)
        // 0 and 2 share "meta" and "chips" (of 5 and 4 content words): cosine 2 / sqrt(5 * 4),
        // overlap 2 / (ln 5 + ln 4).
        #expect(abs(Double(p.cosine[1]) - 2 / (5.0 * 4).squareRoot()) < 1e-6)
        #expect(abs(Double(p.overlap[1]) - 2 / (log(5.0) + log(4.0))) < 1e-6)
        #expect(p.tfidfCosine[1] > 0 && p.tfidfCosine[1] < p.cosine[1])  // shared terms are the common ones
    }

    @Test func centralSentenceWinsAndIsolatedLoses() {
        // Sentence 0 shares a term with every other; 4 shares none.
        let doc = Self.document([
            "Meta layoffs hit engineers, managers, recruiters and designers.",
            "Engineers were told on Monday.",
            "Managers lost whole teams.",
            "Recruiters were cut first.",
            "Lisbon expects rain tomorrow.",
        ])
        let f = Features(doc: doc, nodes: Array(repeating: true, count: 5), prose: Array(repeating: true, count: 5),
                         texts: Array(repeating: "", count: 5))
        let rank = f.column("cosineRank")
        #expect(rank.indices.max { rank[$0] < rank[$1] } == 0)
        #expect(rank.indices.min { rank[$0] < rank[$1] } == 4)
        #expect(abs(rank.reduce(0, +) / 5 - 1) < 1e-9)  // node scores average 1
        #expect(f.column("cosinePercentile")[0] == 1 && f.column("cosinePercentile")[4] == 0)
        #expect(f.column("lead") == [1, 2, 3, 4, 5].map { 1 / Double($0).squareRoot() })
    }

    @Test func nonNodesGetNoCentrality() {
        let doc = Self.document(["Meta cuts jobs.", "Meta cuts jobs at Instagram.", "Meta: the facts"])
        let f = Features(doc: doc, nodes: [true, true, false], prose: [true, true, false], texts: ["", "", ""])
        #expect(f.column("cosineRank")[2] == 0 && f.column("overlapRank")[2] == 0)
        #expect(f.column("cosineRank")[0] > 0)
    }

    @Test func queryFeatureIsIdfWeightedAndScaledToTheBestMatch() {
        let doc = Self.document([
            "Meta plans sweeping layoffs.",
            "Meta builds data centres.",
            "Meta hires researchers.",
        ], query: ["Meta braces for sweeping layoffs"])
        let f = Features(doc: doc, nodes: [true, true, true], prose: [true, true, true], texts: ["", "", ""])
        let q = f.column("query")
        #expect(q[0] == 1)
        #expect(q[1] > 0 && q[1] < 0.2)  // "meta" alone: in every sentence, so little weight
        #expect(q[1] == q[2])
    }
}
