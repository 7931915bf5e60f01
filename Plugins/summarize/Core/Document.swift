import Foundation

/// Sentences as sparse term vectors over one vocabulary (words, or stems). Terms get small
/// per-article ids (0..<vocabularySize) so that per-term arrays stay short; each row lists a
/// sentence's distinct content terms in ascending id order with their counts. Stop words
/// have no entry.
public struct TermVectors: Sendable {
    public let count: Int
    /// Row `i` is `terms[rowStart[i]..<rowStart[i + 1]]` with counts in `tf`.
    public let rowStart: [Int32]
    public let terms: [Int32]
    public let tf: [Float]
    public let vocabularySize: Int
    /// Distinct terms of the query (title and deck) that occur in the sentences, ascending.
    public let queryTerms: [Int32]
    /// Inverse sentence frequency of each term, smoothed: log((n + 1) / df), always > 0.
    public let idf: [Float]

    @inline(__always) public func row(_ i: Int) -> Range<Int> { Int(rowStart[i])..<Int(rowStart[i + 1]) }

    /// Rows longer than this are sorted by the general sort.
    static let insertionSortLimit = 64

    /// - Parameters:
    ///   - ids: every sentence's local term ids (unsorted, repeated), one after the other;
    ///     sentence `i`'s are `ids[offsets[i]..<offsets[i + 1]]`. Sorted in place.
    ///   - vocabulary: local ids are below this.
    ///   - query: local ids of the query's terms (any order, repeats allowed).
    init(ids: inout [Int32], offsets: [Int32], vocabulary: Int, query: [Int32]) {
        let n = offsets.count - 1
        count = n
        vocabularySize = vocabulary
        var rowStart = [Int32](repeating: 0, count: n + 1)
        var terms = [Int32](repeating: 0, count: ids.count), tf = [Float](repeating: 0, count: ids.count)
        var df = [Int32](repeating: 0, count: vocabulary)
        var used = 0
        ids.withUnsafeMutableBufferPointer { a in
            for i in 0..<n {
                let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
                // Insertion sort: rows are short, and this beats the general sort's set-up. A
                // long row (a text with no sentence breaks) takes the general sort: insertion
                // sort is quadratic, and one 300,000-word sentence took 6 s.
                if hi - lo > Self.insertionSortLimit {
                    var row = UnsafeMutableBufferPointer(rebasing: a[lo..<hi])
                    row.sort()
                } else if hi - lo > 1 {
                    for p in (lo + 1)..<hi {
                        let x = a[p]
                        var q = p - 1
                        while q >= lo, a[q] > x { a[q + 1] = a[q]; q -= 1 }
                        a[q + 1] = x
                    }
                }
                var k = lo
                while k < hi {
                    let t = a[k]
                    var c = 1
                    while k + c < hi, a[k + c] == t { c += 1 }
                    terms[used] = t; tf[used] = Float(c); used += 1
                    df[Int(t)] += 1
                    k += c
                }
                rowStart[i + 1] = Int32(used)
            }
        }
        terms.removeLast(terms.count - used); tf.removeLast(tf.count - used)
        self.rowStart = rowStart; self.terms = terms; self.tf = tf
        let logN1 = LogTable.log(n + 1)
        idf = df.map { logN1 - LogTable.log(Int($0)) }
        var q = query.filter { $0 < vocabulary }
        q.sort()
        var unique: [Int32] = []
        for t in q where unique.last != t { unique.append(t) }
        queryTerms = unique
    }
}

/// One article's sentences, tokenized once: word counts, a fingerprint per sentence, the
/// sentences as vectors of lowercased words without numbers (for similarity between
/// sentences), and each sentence's stems with numbers (for the title match; as vectors on
/// demand, for the classic TextRank and LexRank).
public struct Document: Sendable {
    public let count: Int
    /// Words per sentence (stop words included), and content words (numbers included, with repeats).
    public let wordCount: [Int32]
    public let contentCount: [Int32]
    /// A hash of each sentence's full word sequence (stop words included): equal hashes are
    /// the same sentence up to case and punctuation.
    public let fingerprint: [UInt64]
    public let words: TermVectors
    /// Global stem ids of each sentence's content words: sentence `i`'s are
    /// `stemTokens[stemOffsets[i]..<stemOffsets[i + 1]]`.
    public let stemTokens: [Int32]
    public let stemOffsets: [Int32]
    /// Global stem ids of the query's (title's, then deck's) content words, distinct, in order
    /// of first appearance: the first 64. (Not the 64 lowest ids: ids depend on the articles a
    /// process saw before, and a long deck then kept different words from run to run.)
    public let queryStems: [Int32]
    /// For each sentence, which query stems it holds: bit k for `queryStems[k]`.
    public let queryHeld: [UInt64]

    /// A document with a lexicon of its own (tests, one-off use).
    public init(sentences: [String], query: [String] = []) {
        var lexicon = Lexicon()
        self.init(sentences: sentences, query: query, lexicon: &lexicon)
    }

    public init(sentences: [String], query: [String], lexicon: inout Lexicon) {
        lexicon.beginDocument()
        count = sentences.count
        // The query first, so that each sentence can note which of its stems it holds.
        var queryStems: [Int32] = [], seen = Set<Int32>()
        for text in query {
            lexicon.forEachToken(in: text) { tok in
                if !tok.isStop, queryStems.count < 64, seen.insert(tok.stem).inserted { queryStems.append(tok.stem) }
            }
        }
        // Looked up by binary search: the stems ascending, each with its bit (its place in
        // `queryStems`).
        let byStem = queryStems.indices.sorted { queryStems[$0] < queryStems[$1] }
        let sortedStems = byStem.map { queryStems[$0] }
        // A 256-bit filter on the stem id's low byte rejects most words without a search.
        var filter = [UInt64](repeating: 0, count: 4)
        for t in queryStems { filter[Int(t & 255) >> 6] |= 1 << UInt64(t & 63) }
        // Body word ids start afresh at 0: the query only contributes its stems.
        lexicon.beginDocument()
        var wordCount = [Int32](repeating: 0, count: count), contentCount = [Int32](repeating: 0, count: count)
        var fingerprint = [UInt64](repeating: 0, count: count), queryHeld = [UInt64](repeating: 0, count: count)
        var wordIDs: [Int32] = [], stemIDs: [Int32] = []
        wordIDs.reserveCapacity(16 * count); stemIDs.reserveCapacity(16 * count)
        var wordOffsets = [Int32](repeating: 0, count: count + 1), stemOffsets = [Int32](repeating: 0, count: count + 1)
        for (i, text) in sentences.enumerated() {
            var n: Int32 = 0
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var held: UInt64 = 0
            lexicon.forEachToken(in: text) { tok in
                n += 1
                hash = (hash ^ tok.word) &* 0x100_0000_01b3
                guard !tok.isStop else { return }
                if tok.local >= 0 { wordIDs.append(tok.local) }
                let t = tok.stem
                stemIDs.append(t)
                if filter[Int(t & 255) >> 6] & (1 << UInt64(t & 63)) != 0 {
                    var lo = 0, hi = sortedStems.count
                    while lo < hi { let mid = (lo + hi) / 2; if sortedStems[mid] < t { lo = mid + 1 } else { hi = mid } }
                    if lo < sortedStems.count, sortedStems[lo] == t { held |= 1 << UInt64(byStem[lo]) }
                }
            }
            wordCount[i] = n
            contentCount[i] = Int32(stemIDs.count) - stemOffsets[i]
            fingerprint[i] = n == 0 ? 0 : hash
            queryHeld[i] = held
            wordOffsets[i + 1] = Int32(wordIDs.count); stemOffsets[i + 1] = Int32(stemIDs.count)
        }
        let vocabulary = lexicon.localCount
        self.wordCount = wordCount; self.contentCount = contentCount; self.fingerprint = fingerprint
        words = TermVectors(ids: &wordIDs, offsets: wordOffsets, vocabulary: vocabulary, query: [])
        stemTokens = stemIDs; self.stemOffsets = stemOffsets; self.queryStems = queryStems; self.queryHeld = queryHeld
    }

    /// The sentences as stem vectors (numbers included), with per-article stem ids.
    public func stemVectors() -> TermVectors {
        var local: [Int32: Int32] = [:]
        var ids = stemTokens.map { t -> Int32 in
            if let l = local[t] { return l }
            let l = Int32(local.count)
            local[t] = l
            return l
        }
        return TermVectors(ids: &ids, offsets: stemOffsets, vocabulary: local.count,
                           query: queryStems.compactMap { local[$0] })
    }
}
