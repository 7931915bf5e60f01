import Foundation

/// The per-sentence signals the ranking combines. Each is cheap, general and computed
/// relative to the article (never from outside data), so that one small weight vector
/// transfers from one set of articles to another.
public struct Features: Sendable {
    public static let names = [
        // Centrality: how much of the rest of the article a sentence speaks for.
        "cosineRank",        // PageRank on the word-count cosine graph, times the node count (mean 1)
        "cosinePercentile",  // 1 for the article's best cosineRank, 0 for its worst
        "overlapRank",       // PageRank on the word-overlap graph (TextRank's similarity)
        "overlapPercentile", // likewise for overlapRank
        "textrank",          // PageRank on the stem-overlap graph: TextRank as published
        "lexrank",           // PageRank on the stem tf-idf cosine graph: continuous LexRank
        "degree",            // sum of word-overlap similarities, over the article's largest
        "cosineDegree",      // sum of word-count cosines, over the article's largest
        "centroid",          // stem tf-idf cosine to the article's centroid
        // Shape.
        "length",            // log(1 + words)
        "short",             // fewer than 10 words
        "long",              // more than 35 words
        "quote",             // holds quoted speech
        "digits",            // holds a number
        "contentShare",      // content words / words
        // Priors for news (fixed weights, see LinearModel.priors).
        "lead",              // 1 / (1 + k), k = prose sentences before this one
        "query",             // idf-weighted share of the title's and deck's stems the sentence
                             // holds, over the article's best (1 for the best match, 0 without a title)
    ]
    public static var count: Int { names.count }
    public static func index(_ name: String) -> Int { names.firstIndex(of: name)! }

    public let sentenceCount: Int
    /// Row-major: sentence i's features are values[i * count ..< (i + 1) * count].
    public private(set) var values: [Double]

    public subscript(i: Int, f: Int) -> Double { values[i * Self.count + f] }
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
        let nodeIndices = (0..<n).filter { nodes[$0] }
        let nodeCount = Double(max(1, nodeIndices.count))

        let wordPairs = PairSimilarities(doc.words)
        let stemPairs = PairSimilarities(doc.stems)
        let wordCosine = SentenceGraph(pairs: wordPairs, weights: wordPairs.cosine, include: nodes)
        let wordOverlap = SentenceGraph(pairs: wordPairs, weights: wordPairs.overlap, include: nodes)
        let stemOverlap = SentenceGraph(pairs: stemPairs, weights: stemPairs.overlap, include: nodes)
        let stemTFIDF = SentenceGraph(pairs: stemPairs, weights: stemPairs.tfidfCosine, include: nodes)
        /// PageRank over the nodes, rescaled so that node scores average 1 whatever the size.
        func rank(_ g: SentenceGraph) -> [Double] {
            let pr = g.pageRank()
            let total = nodeIndices.reduce(0.0) { $0 + pr[$1] }
            var out = [Double](repeating: 0, count: n)
            for i in nodeIndices { out[i] = total > 0 ? pr[i] * nodeCount / total : 1 }
            return out
        }
        func scaled(_ x: [Double]) -> [Double] {
            let top = max(1e-9, nodeIndices.map { x[$0] }.max() ?? 0)
            return (0..<n).map { nodes[$0] ? x[$0] / top : 0 }
        }
        let cosineRank = rank(wordCosine), overlapRank = rank(wordOverlap)
        let textRank = rank(stemOverlap), lexRank = rank(stemTFIDF)
        let degree = scaled(wordOverlap.degree), cosineDegree = scaled(wordCosine.degree)
        let cosinePct = Self.percentiles(cosineRank, nodes), overlapPct = Self.percentiles(overlapRank, nodes)

        // Centroid: the article's summed stem tf-idf vector; the query's idf mass.
        let v = doc.stems
        var idf = [Float](repeating: 0, count: v.vocabularySize)
        for t in 0..<v.vocabularySize { idf[t] = v.idf(Int32(t)) }
        var centroid = [Float](repeating: 0, count: v.vocabularySize)
        for k in 0..<v.terms.count { centroid[Int(v.terms[k])] += v.tf[k] }
        var centroidNorm: Float = 0
        for t in 0..<v.vocabularySize {
            centroid[t] *= idf[t]
            centroidNorm += centroid[t] * centroid[t]
        }
        centroidNorm = centroidNorm.squareRoot()
        var isQuery = [Bool](repeating: false, count: v.vocabularySize)
        var queryMass: Float = 0
        for t in v.queryTerms { isQuery[Int(t)] = true; queryMass += idf[Int(t)] }

        var lead = [Double](repeating: 0, count: n), query = [Double](repeating: 0, count: n)
        var centroidCosine = [Double](repeating: 0, count: n)
        var proseBefore = 0
        for i in 0..<n {
            var dot: Float = 0, norm: Float = 0, queryHit: Float = 0
            for k in v.row(i) {
                let t = Int(v.terms[k])
                let w = v.tf[k] * idf[t]
                dot += w * centroid[t]; norm += w * w
                if isQuery[t] { queryHit += idf[t] }
            }
            centroidCosine[i] = norm > 0 && centroidNorm > 0 ? Double(dot / (norm.squareRoot() * centroidNorm)) : 0
            lead[i] = 1 / Double(1 + proseBefore)
            query[i] = queryMass > 0 ? Double(queryHit / queryMass) : 0
            if prose[i] { proseBefore += 1 }
        }
        let bestQuery = nodeIndices.map { query[$0] }.max() ?? 0
        if bestQuery > 0 { for i in 0..<n { query[i] /= bestQuery } }

        var row = [Double](repeating: 0, count: F)
        for i in 0..<n {
            let words = Double(doc.wordCount[i])
            let shape = Shape(texts[i])
            row[0] = cosineRank[i]
            row[1] = cosinePct[i]
            row[2] = overlapRank[i]
            row[3] = overlapPct[i]
            row[4] = textRank[i]
            row[5] = lexRank[i]
            row[6] = degree[i]
            row[7] = cosineDegree[i]
            row[8] = centroidCosine[i]
            row[9] = log(1 + words)
            row[10] = words < 10 ? 1 : 0
            row[11] = words > 35 ? 1 : 0
            row[12] = shape.quote ? 1 : 0
            row[13] = shape.digits ? 1 : 0
            row[14] = words > 0 ? Double(doc.contentCount[i]) / words : 0
            row[15] = lead[i]
            row[16] = query[i]
            values.replaceSubrange(i * F ..< (i + 1) * F, with: row)
        }
    }

    /// 1 for the largest value among `nodes`, 0 for the smallest, ties sharing their mean rank.
    static func percentiles(_ x: [Double], _ nodes: [Bool]) -> [Double] {
        let idx = x.indices.filter { nodes[$0] }
        var out = [Double](repeating: 0, count: x.count)
        guard idx.count > 1 else { for i in idx { out[i] = 1 }; return out }
        let sorted = idx.sorted { x[$0] < x[$1] }
        var k = 0
        while k < sorted.count {
            var e = k
            while e + 1 < sorted.count, x[sorted[e + 1]] == x[sorted[k]] { e += 1 }
            let r = Double(k + e) / 2 / Double(sorted.count - 1)
            for m in k...e { out[sorted[m]] = r }
            k = e + 1
        }
        return out
    }

    /// Cheap facts about a sentence's characters, in one pass over its bytes.
    struct Shape {
        var quote = false
        var digits = false
        init(_ text: String) {
            for b in text.utf8 {
                if b == 0x22 { quote = true }
                else if b >= 0x30 && b <= 0x39 { digits = true }
            }
            // Curly double quotes (U+201C/U+201D) are E2 80 9C / E2 80 9D.
            if !quote, text.utf8.contains(0xE2) {
                let bytes = Array(text.utf8)
                for k in 0..<max(0, bytes.count - 2) where bytes[k] == 0xE2 && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0x9C || bytes[k + 2] == 0x9D) {
                    quote = true; break
                }
            }
        }
    }
}
