import Foundation

/// The per-sentence signals the default ranking combines. Each is cheap, general and computed
/// relative to the article (never from outside data), so that one small weight vector
/// transfers from one set of articles to another.
public struct Features: Sendable {
    public static let names = [
        // Centrality: how much of the rest of the article a sentence speaks for.
        "cosineRank",        // PageRank on the word-count cosine graph, times the node count (mean 1)
        "cosinePercentile",  // 1 for the article's best cosineRank, 0 for its worst
        "overlapRank",       // PageRank on the word-overlap graph (TextRank's similarity), likewise
        "overlapPercentile", // 1 for the article's best overlapRank, 0 for its worst
        // Shape.
        "quote",             // holds quoted speech
        // Reader priors, with fixed weights (tools/train.py). Nothing above measures the same
        // thing, so the learned weights cannot undo them.
        "lead",              // 1 / sqrt(1 + k), k = prose sentences before this one
        "query",             // idf-weighted share of the title's and deck's stems the sentence
                             // holds, over the article's best (1 for the best match, 0 without a title)
        "substance",         // content words / 12, at most 1: a sentence too thin to say much scores less
    ]
    public static var count: Int { names.count }
    public static func index(_ name: String) -> Int { names.firstIndex(of: name)! }

    public let sentenceCount: Int
    /// Row-major: sentence i's features are values[i * count ..< (i + 1) * count].
    public private(set) var values: [Double]

    @inline(__always) public subscript(i: Int, f: Int) -> Double { values[i * Self.count + f] }
    public func column(_ name: String) -> [Double] {
        let f = Self.index(name)
        return (0..<sentenceCount).map { self[$0, f] }
    }

    /// - Parameters:
    ///   - nodes: sentences that take part in the graphs (the statements of the article).
    ///   - prose: sentences of the prose tier, which `lead` counts.
    ///   - texts: the sentences' text, for the cheap shape signals.
    public init(doc: Document, nodes: [Bool], prose: [Bool], texts: [String]) {
        let n = doc.count
        let F = Self.count
        sentenceCount = n
        values = [Double](repeating: 0, count: n * F)
        guard n > 0 else { return }

        let pairs = PairSimilarities(doc.words, tfidf: false, include: nodes)
        let graph = SentenceGraph(pairs: pairs, weightings: [pairs.cosine, pairs.overlap], include: nodes)
        let cosineRank = Centrality.pageRank(graph, weighting: 0, nodes: nodes)
        let overlapRank = Centrality.pageRank(graph, weighting: 1, nodes: nodes)
        let cosinePercentile = Centrality.percentiles(cosineRank, nodes)
        let overlapPercentile = Centrality.percentiles(overlapRank, nodes)
        let query = Centrality.queryMatch(doc, nodes: nodes)

        var proseBefore = 0
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<n {
                let r = i * F
                v[r] = cosineRank[i]
                v[r + 1] = cosinePercentile[i]
                v[r + 2] = overlapRank[i]
                v[r + 3] = overlapPercentile[i]
                v[r + 4] = Self.hasQuote(texts[i]) ? 1 : 0
                v[r + 5] = 1 / Double(1 + proseBefore).squareRoot()
                v[r + 6] = query[i]
                v[r + 7] = min(1, Double(doc.contentCount[i]) / 12)
                if prose[i] { proseBefore += 1 }
            }
        }
    }

    /// Whether a sentence holds quoted speech: a straight or curly double quote.
    static func hasQuote(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { b in
            guard let base = b.baseAddress, b.count > 0 else { return false }
            let n = b.count
            if memchr(base, 0x22, n) != nil { return true }
            // Curly double quotes, U+201C and U+201D: E2 80 9C / E2 80 9D.
            var from = 0
            while from < n, let hit = memchr(base + from, 0xE2, n - from) {
                let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if k + 2 < n, b[k + 1] == 0x80, b[k + 2] == 0x9C || b[k + 2] == 0x9D { return true }
                from = k + 1
            }
            return false
        }
    }
}
