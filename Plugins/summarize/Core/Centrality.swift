/// Per-sentence scores from the graphs and vectors: the building blocks of `Features` and the
/// single-signal methods (`textrank`, `lexrank`, `degree`, `centroid`).
public enum Centrality {
    /// PageRank over `nodes`, rescaled so that node scores average 1 whatever the article's
    /// size; 0 for other sentences.
    public static func pageRank(_ graph: SentenceGraph, weighting: Int = 0, nodes: [Bool]) -> [Double] {
        let pr = graph.pageRank(weighting: weighting)
        var total = 0.0, count = 0
        for i in 0..<pr.count where nodes[i] { total += pr[i]; count += 1 }
        var out = [Double](repeating: 0, count: pr.count)
        for i in 0..<pr.count where nodes[i] { out[i] = total > 0 ? pr[i] * Double(count) / total : 1 }
        return out
    }

    /// TextRank as published (Mihalcea & Tarau 2004): PageRank on stem overlap.
    public static func textRank(_ doc: Document, nodes: [Bool]) -> [Double] {
        let p = PairSimilarities(doc.stemVectors(), tfidf: false, include: nodes)  // overlap only
        return pageRank(SentenceGraph(pairs: p, weights: p.overlap, include: nodes), nodes: nodes)
    }

    /// Continuous LexRank (Erkan & Radev 2004): PageRank on stem tf-idf cosine.
    public static func lexRank(_ doc: Document, nodes: [Bool]) -> [Double] {
        let p = PairSimilarities(doc.stemVectors(), include: nodes)
        return pageRank(SentenceGraph(pairs: p, weights: p.tfidfCosine, include: nodes), nodes: nodes)
    }

    /// Degree centrality on stem overlap: the sum of a sentence's similarities to all others
    /// (what sumy's Reduction summarizer computes), over the article's largest.
    public static func degree(_ doc: Document, nodes: [Bool]) -> [Double] {
        let p = PairSimilarities(doc.stemVectors(), tfidf: false, include: nodes)  // overlap only
        let d = SentenceGraph(pairs: p, weights: p.overlap, include: nodes).degree
        let top = max(1e-12, (0..<d.count).filter { nodes[$0] }.map { d[$0] }.max() ?? 0)
        return (0..<d.count).map { nodes[$0] ? d[$0] / top : 0 }
    }

    /// Cosine of each sentence's stem tf-idf vector with the article's (Radev et al. 2004).
    public static func centroid(_ doc: Document, nodes: [Bool]) -> [Double] {
        let v = doc.stemVectors()
        var centroid = [Float](repeating: 0, count: v.vocabularySize)
        for i in 0..<v.count where nodes[i] {
            for k in v.row(i) { centroid[Int(v.terms[k])] += v.tf[k] * v.idf[Int(v.terms[k])] }
        }
        var cn: Float = 0
        for x in centroid { cn += x * x }
        return (0..<v.count).map { i in
            guard nodes[i], cn > 0 else { return 0 }
            var dot: Float = 0, norm: Float = 0
            for k in v.row(i) {
                let t = Int(v.terms[k]), w = v.tf[k] * v.idf[t]
                dot += w * centroid[t]; norm += w * w
            }
            return norm > 0 ? Double(dot / (norm.squareRoot() * cn.squareRoot())) : 0
        }
    }

    /// How much of the query (title and deck) each sentence holds: the idf-weighted share of
    /// the query's stems, over the best sentence's share (1 for the best match; all 0 when
    /// there is no query or no sentence matches).
    public static func queryMatch(_ doc: Document, nodes: [Bool]) -> [Double] {
        let n = doc.count, q = doc.queryStems.count
        var out = [Double](repeating: 0, count: n)
        guard q > 0, n > 0 else { return out }
        var df = [Int](repeating: 0, count: q)
        for bits in doc.queryHeld {
            var b = bits
            while b != 0 { df[b.trailingZeroBitCount] += 1; b &= b - 1 }
        }
        let idf = df.map { $0 > 0 ? Double(LogTable.log(n + 1) - LogTable.log($0)) : 0 }
        var best = 0.0
        for i in 0..<n {
            var hit = 0.0, b = doc.queryHeld[i]
            while b != 0 { hit += idf[b.trailingZeroBitCount]; b &= b - 1 }
            out[i] = hit
            if nodes[i] { best = max(best, hit) }
        }
        for i in 0..<n { out[i] = best > 0 ? min(1, out[i] / best) : 0 }
        return out
    }

    /// 1 for the largest value among `nodes`, 0 for the smallest, ties sharing their mean
    /// rank; 0 for other sentences.
    public static func percentiles(_ x: [Double], _ nodes: [Bool]) -> [Double] {
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
}
