import Foundation

/// Sentence similarities, computed for every pair that shares a content term and only for
/// those: an inverted index (term -> sentences) visits each co-occurrence once, so the cost
/// is the sum over terms of df², not n² times the sentence length.
///
/// Three similarities come out of the same pass:
/// - **overlap** (Mihalcea & Tarau 2004, TextRank): distinct shared terms divided by
///   `log(len_i) + log(len_j)`, lengths in content words;
/// - **cosine** of raw term-count vectors;
/// - **tf-idf cosine** (Erkan & Radev 2004, LexRank), idf over the article's sentences.
public struct PairSimilarities: Sendable {
    public let count: Int
    public private(set) var first: [Int32] = []
    public private(set) var second: [Int32] = []
    public private(set) var overlap: [Float] = []
    public private(set) var cosine: [Float] = []
    public private(set) var tfidfCosine: [Float] = []

    public var pairCount: Int { first.count }

    /// The most sentence pairs one document may link (about 160 MB with the graph).
    public static let maximumPairs = 4_000_000

    /// - Parameters:
    ///   - tfidf: also compute `tfidfCosine` (left empty otherwise).
    ///   - include: sentences to pair up (nil: all); the others get no pairs, so that a long
    ///     run of repeated or excluded sentences costs nothing.
    ///   - maximumPairs: past this bound, the most common terms stop linking sentences.
    public init(_ v: TermVectors, tfidf: Bool = true, include: [Bool]? = nil, maximumPairs: Int = PairSimilarities.maximumPairs) {
        count = v.count
        let n = v.count, vocabulary = v.vocabularySize
        guard n > 1, vocabulary > 0 else { return }
        @inline(__always) func kept(_ i: Int) -> Bool { include?[i] ?? true }
        // Postings: sentences of each term, ascending, with the term's count there.
        var postStart = [Int32](repeating: 0, count: vocabulary + 1)
        for i in 0..<n where kept(i) { for k in v.row(i) { postStart[Int(v.terms[k]) + 1] += 1 } }
        for t in 0..<vocabulary { postStart[t + 1] += postStart[t] }
        var fill = postStart
        var postSentence = [Int32](repeating: 0, count: v.terms.count)
        var postTF = [Float](repeating: 0, count: v.terms.count)
        var idf2 = [Float](repeating: 0, count: tfidf ? vocabulary : 0)
        if tfidf { for t in 0..<vocabulary { idf2[t] = v.idf[t] * v.idf[t] } }
        var norm = [Float](repeating: 0, count: n), idfNorm = [Float](repeating: 0, count: n)
        var logLength = [Float](repeating: 0, count: n)
        for i in 0..<n where kept(i) {
            var s: Float = 0, si: Float = 0, length: Float = 0
            for k in v.row(i) {
                let t = Int(v.terms[k])
                let p = Int(fill[t]); fill[t] += 1
                postSentence[p] = Int32(i); postTF[p] = v.tf[k]
                s += v.tf[k] * v.tf[k]
                if tfidf { si += v.tf[k] * v.tf[k] * idf2[t] }
                length += v.tf[k]
            }
            norm[i] = s.squareRoot(); idfNorm[i] = si.squareRoot()
            logLength[i] = LogTable.log(Int(length))
        }

        // At most one pair per two sentences, and per two postings of a term.
        @inline(__always) func postingPairs(_ t: Int) -> Int { let df = Int(postStart[t + 1] - postStart[t]); return df * (df - 1) / 2 }
        var bound = 0
        for t in 0..<vocabulary { bound += postingPairs(t) }
        // A very long document whose common terms link nearly every pair would need memory and
        // time quadratic in its sentences (15,000 sentences over a small vocabulary: 4 GB).
        // Past `maximumPairs`, its most common terms, which say least about which sentences
        // belong together, stop linking sentences until the bound fits. Articles never come
        // near it (2,800 sentences cannot exceed it at all).
        var linking = [Bool](repeating: true, count: vocabulary)
        if min(bound, n * (n - 1) / 2) > maximumPairs {
            for t in (0..<vocabulary).sorted(by: { postingPairs($0) > postingPairs($1) }) where bound > maximumPairs {
                linking[t] = false
                bound -= postingPairs(t)
            }
        }
        bound = min(bound, n * (n - 1) / 2)

        // The pairs go straight into buffers sized for the bound (five appends per pair, each
        // checking its array's uniqueness, were a tenth of this function), then into the arrays.
        let pairFirst = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(bound, 1))
        let pairSecond = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(bound, 1))
        let pairOverlap = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(bound, 1))
        let pairCosine = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(bound, 1))
        let pairTFIDF = UnsafeMutableBufferPointer<Float>.allocate(capacity: tfidf ? max(bound, 1) : 1)
        let touched = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        defer {
            pairFirst.deallocate(); pairSecond.deallocate()
            pairOverlap.deallocate(); pairCosine.deallocate(); pairTFIDF.deallocate()
            touched.deallocate()
        }
        var pairs = 0

        // Walk rows in order; each term's cursor points at the current row in its postings.
        var cursor = postStart
        var shared = [Float](repeating: 0, count: n)
        var dot = [Float](repeating: 0, count: n), idfDot = [Float](repeating: 0, count: tfidf ? n : 1)
        postSentence.withUnsafeBufferPointer { postSentence in
        postTF.withUnsafeBufferPointer { postTF in
        cursor.withUnsafeMutableBufferPointer { cursor in
        shared.withUnsafeMutableBufferPointer { shared in
        dot.withUnsafeMutableBufferPointer { dot in
        idfDot.withUnsafeMutableBufferPointer { idfDot in
            for i in 0..<n where kept(i) {
                var touchedCount = 0
                for k in v.row(i) {
                    let t = Int(v.terms[k])
                    guard linking[t] else { continue }
                    let here = Int(cursor[t]); cursor[t] += 1
                    let end = Int(postStart[t + 1])
                    guard here + 1 < end else { continue }
                    let tfi = v.tf[k]
                    if tfidf {
                        let wi = tfi * idf2[t]
                        for p in (here + 1)..<end {
                            let j = Int(postSentence[p])
                            if shared[j] == 0 { touched[touchedCount] = Int32(j); touchedCount += 1 }
                            shared[j] += 1
                            dot[j] += tfi * postTF[p]
                            idfDot[j] += wi * postTF[p]
                        }
                    } else {
                        for p in (here + 1)..<end {
                            let j = Int(postSentence[p])
                            if shared[j] == 0 { touched[touchedCount] = Int32(j); touchedCount += 1 }
                            shared[j] += 1
                            dot[j] += tfi * postTF[p]
                        }
                    }
                }
                var row = UnsafeMutableBufferPointer(rebasing: touched[0..<touchedCount])
                row.sort()
                for j32 in row {
                    let j = Int(j32)
                    pairFirst[pairs] = Int32(i); pairSecond[pairs] = j32
                    let denominator = logLength[i] + logLength[j]
                    pairOverlap[pairs] = denominator > 0 ? shared[j] / denominator : 0
                    pairCosine[pairs] = min(1, dot[j] / (norm[i] * norm[j]))
                    if tfidf {
                        let nn = idfNorm[i] * idfNorm[j]
                        pairTFIDF[pairs] = nn > 0 ? min(1, idfDot[j] / nn) : 0
                    }
                    pairs += 1
                    shared[j] = 0; dot[j] = 0
                    if tfidf { idfDot[j] = 0 }
                }
            }
        }
        }
        }
        }
        }
        }
        first = Array(UnsafeBufferPointer(rebasing: pairFirst[0..<pairs]))
        second = Array(UnsafeBufferPointer(rebasing: pairSecond[0..<pairs]))
        overlap = Array(UnsafeBufferPointer(rebasing: pairOverlap[0..<pairs]))
        cosine = Array(UnsafeBufferPointer(rebasing: pairCosine[0..<pairs]))
        if tfidf { tfidfCosine = Array(UnsafeBufferPointer(rebasing: pairTFIDF[0..<pairs])) }
    }
}

/// A weighted undirected graph over sentences in compressed rows, for centrality scores.
public struct SentenceGraph: Sendable {
    public let count: Int
    public let start: [Int32]
    public let neighbor: [Int32]
    /// One weight array per weighting, aligned with `neighbor`; weighting 0 is the default.
    public let weights: [[Float]]
    /// Sum of each node's edge weights, per weighting.
    public let degrees: [[Double]]
    public var degree: [Double] { degrees[0] }

    /// - Parameters:
    ///   - weights: one weight per pair of `pairs` (non-positive weights make no edge).
    ///   - include: nodes that take part; the others keep no edges.
    public init(pairs: PairSimilarities, weights: [Float], include: [Bool]? = nil) {
        self.init(pairs: pairs, weightings: [weights], include: include)
    }

    /// One graph structure with several weightings of its edges (for example cosine and
    /// overlap over the same pairs), built in one pass. A pair is an edge when any weighting
    /// is positive; PageRank on a weighting ignores its zero-weight edges.
    public init(pairs: PairSimilarities, weightings: [[Float]], include: [Bool]? = nil) {
        let n = pairs.count, m = weightings.count
        count = n
        var keep = [Bool](repeating: false, count: pairs.pairCount)
        var deg = [Int32](repeating: 0, count: n + 1)
        for p in 0..<pairs.pairCount {
            let a = Int(pairs.first[p]), b = Int(pairs.second[p])
            if let include, !(include[a] && include[b]) { continue }
            guard weightings.contains(where: { $0[p] > 0 }) else { continue }
            keep[p] = true
            deg[a + 1] += 1; deg[b + 1] += 1
        }
        for i in 0..<n { deg[i + 1] += deg[i] }
        var fill = deg
        let edges = Int(deg[n])
        var nb = [Int32](repeating: 0, count: edges)
        var flat = [Float](repeating: 0, count: edges * m)
        var flatDegree = [Double](repeating: 0, count: n * m)
        nb.withUnsafeMutableBufferPointer { nb in
            flat.withUnsafeMutableBufferPointer { w in
                flatDegree.withUnsafeMutableBufferPointer { d in
                    fill.withUnsafeMutableBufferPointer { fill in
                        for p in 0..<pairs.pairCount where keep[p] {
                            let a = Int(pairs.first[p]), b = Int(pairs.second[p])
                            let ea = Int(fill[a]), eb = Int(fill[b])
                            nb[ea] = Int32(b); nb[eb] = Int32(a)
                            fill[a] += 1; fill[b] += 1
                            for k in 0..<m {
                                let x = weightings[k][p]
                                w[k * edges + ea] = x; w[k * edges + eb] = x
                                d[k * n + a] += Double(x); d[k * n + b] += Double(x)
                            }
                        }
                    }
                }
            }
        }
        let w = (0..<m).map { Array(flat[($0 * edges)..<(($0 + 1) * edges)]) }
        let d = (0..<m).map { Array(flatDegree[($0 * n)..<(($0 + 1) * n)]) }
        start = deg; neighbor = nb; weights = w; degrees = d
    }

    /// Weighted PageRank (Brin & Page; TextRank's and LexRank's ranking step): the stationary
    /// distribution of a walk that follows edges in proportion to their weight and, with
    /// probability `1 - damping`, jumps to a sentence drawn from `teleport` (uniform when nil:
    /// plain PageRank; a prior such as position or title similarity: personalized PageRank,
    /// as in Otterbacher et al.'s biased LexRank). Nodes without edges jump the same way.
    /// Scores sum to 1.
    /// Power iteration until the scores move less than `tolerance` (L1).
    public func pageRank(weighting: Int = 0, damping: Double = 0.85, teleport: [Double]? = nil,
                         tolerance: Double = 1e-5, maxIterations: Int = 100) -> [Double] {
        let weight = weights[weighting], degree = degrees[weighting]
        let n = count
        guard n > 0 else { return [] }
        // The jump distribution; uniform (the usual case) needs no array.
        let uniform = 1 / Double(n)
        var jump: [Double] = []
        if let teleport {
            let total = teleport.reduce(0, +)
            jump = [Double](repeating: uniform, count: n)
            if total > 0 { for i in 0..<n { jump[i] = teleport[i] / total } }
        }
        @inline(__always) func jumpAt(_ i: Int) -> Double { jump.isEmpty ? uniform : jump[i] }
        // Start near the answer: on an undirected graph the walk without jumps settles in
        // proportion to weighted degree, so mixing that with the jump distribution saves
        // most of the iterations a uniform start needs.
        let totalDegree = degree.reduce(0, +)
        var score = [Double](repeating: 0, count: n)
        for i in 0..<n {
            score[i] = totalDegree > 0 ? (1 - damping) * jumpAt(i) + damping * degree[i] / totalDegree : jumpAt(i)
        }
        // Gauss-Seidel sweeps: each sentence's new score is used at once by the sentences after
        // it, which roughly halves the sweeps plain power iteration needs. The equations are
        // homogeneous, so each sweep is rescaled to sum 1. Edge e of node i carries the share
        // of its neighbour's score that flows along it: w[e] / degree[neighbour].
        let edges = neighbor.count
        var flow = [Double](repeating: 0, count: edges)
        var dangling = [Int]()
        for j in 0..<n where degree[j] == 0 { dangling.append(j) }
        for i in 0..<n {
            for e in Int(start[i])..<Int(start[i + 1]) {
                let j = Int(neighbor[e])
                flow[e] = Double(weight[e]) / degree[j]
            }
        }
        start.withUnsafeBufferPointer { st in
        neighbor.withUnsafeBufferPointer { nb in
        flow.withUnsafeBufferPointer { flow in
        score.withUnsafeMutableBufferPointer { score in
            for _ in 0..<maxIterations {
                var mass = 0.0, lost = 0.0
                for i in 0..<n { mass += score[i] }
                for j in dangling { lost += score[j] }
                let jumping = (1 - damping) * mass + damping * lost
                var change = 0.0, total = 0.0
                for i in 0..<n {
                    var s = 0.0
                    for e in Int(st[i])..<Int(st[i + 1]) { s += flow[e] * score[Int(nb[e])] }
                    let value = jumping * jumpAt(i) + damping * s
                    change += abs(value - score[i])
                    score[i] = value
                    total += value
                }
                if total > 0 { for i in 0..<n { score[i] /= total } }
                if change < tolerance { break }
            }
        }
        }
        }
        }
        return score
    }
}

/// Natural logarithms of small whole numbers, looked up: idf and TextRank's length
/// normalisation only ever take the log of counts.
enum LogTable {
    static let values: [Float] = (0..<4096).map { $0 == 0 ? 0 : Float(Foundation.log(Double($0))) }

    @inline(__always) static func log(_ k: Int) -> Float {
        k < 4096 ? values[k] : Float(Foundation.log(Double(k)))
    }
}
