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
    /// How many sentences hold each term.
    public let documentFrequency: [Int32]
    /// Distinct terms of the query (title and deck) that occur in the sentences, ascending.
    public let queryTerms: [Int32]
    /// Inverse sentence frequency of each term, smoothed: log((n + 1) / df), always > 0.
    public let idf: [Float]

    @inline(__always) public func row(_ i: Int) -> Range<Int> { Int(rowStart[i])..<Int(rowStart[i + 1]) }

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
                // Insertion sort: rows are short, and this beats the general sort's set-up.
                if hi - lo > 1 {
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
        documentFrequency = df
        let n1 = Double(n + 1)
        idf = df.map { Float(log(n1 / Double($0))) }
        var q = query.filter { $0 < vocabulary }
        q.sort()
        var unique: [Int32] = []
        for t in q where unique.last != t { unique.append(t) }
        queryTerms = unique
    }
}

/// One article's sentences, tokenized once: word counts, a fingerprint per sentence, and two
/// vector views: by lowercased word without numbers (for similarity between sentences), and
/// by Porter stem with numbers (for the title match and the classic TextRank and LexRank).
public struct Document: Sendable {
    public let count: Int
    /// Words per sentence (stop words included), and content words (numbers included, with repeats).
    public private(set) var wordCount: [Int32]
    public private(set) var contentCount: [Int32]
    /// A hash of each sentence's full word sequence (stop words included): equal hashes are
    /// the same sentence up to case and punctuation.
    public private(set) var fingerprint: [UInt64]
    public private(set) var words: TermVectors
    public private(set) var stems: TermVectors

    /// A document with a lexicon of its own (tests, one-off use).
    public init(sentences: [String], query: [String] = []) {
        var lexicon = Lexicon(), scratch = Scratch()
        self.init(sentences: sentences, query: query, lexicon: &lexicon, scratch: &scratch)
    }

    /// Reusable maps from global ids to per-article ids, so that repeated builds allocate
    /// nothing proportional to the lexicon.
    public struct Scratch: Sendable {
        var words = TermMap()
        var stems = TermMap()
        public init() {}
    }

    public init(sentences: [String], query: [String], lexicon: inout Lexicon, scratch: inout Scratch) {
        scratch.words.begin(); scratch.stems.begin()
        count = sentences.count
        var wordCount = [Int32](repeating: 0, count: count), contentCount = [Int32](repeating: 0, count: count)
        var fingerprint = [UInt64](repeating: 0, count: count)
        var wordIDs: [Int32] = [], stemIDs: [Int32] = []
        wordIDs.reserveCapacity(16 * count); stemIDs.reserveCapacity(16 * count)
        var wordOffsets = [Int32](repeating: 0, count: count + 1), stemOffsets = [Int32](repeating: 0, count: count + 1)
        for (i, text) in sentences.enumerated() {
            var n: Int32 = 0
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            lexicon.forEachToken(in: text) { tok in
                n += 1
                hash = (hash ^ UInt64(UInt32(bitPattern: tok.word))) &* 0x100_0000_01b3
                if !tok.isStop {
                    if !tok.isNumber { wordIDs.append(scratch.words.local(tok.word)) }
                    stemIDs.append(scratch.stems.local(tok.stem))
                }
            }
            wordCount[i] = n
            contentCount[i] = Int32(stemIDs.count) - stemOffsets[i]
            fingerprint[i] = n == 0 ? 0 : hash
            wordOffsets[i + 1] = Int32(wordIDs.count); stemOffsets[i + 1] = Int32(stemIDs.count)
        }
        // Query terms: only those the body uses matter.
        var qw: [Int32] = [], qs: [Int32] = []
        for text in query {
            lexicon.forEachToken(in: text) { tok in
                guard !tok.isStop else { return }
                if !tok.isNumber, let l = scratch.words.existing(tok.word) { qw.append(l) }
                if let l = scratch.stems.existing(tok.stem) { qs.append(l) }
            }
        }
        self.wordCount = wordCount; self.contentCount = contentCount; self.fingerprint = fingerprint
        words = TermVectors(ids: &wordIDs, offsets: wordOffsets, vocabulary: scratch.words.size, query: qw)
        stems = TermVectors(ids: &stemIDs, offsets: stemOffsets, vocabulary: scratch.stems.size, query: qs)
    }
}

/// Global id -> per-article id, reset in O(1) between articles by a generation stamp.
public struct TermMap: Sendable {
    private var stamp: [UInt32]
    private var localID: [Int32]
    private var generation: UInt32 = 0
    public private(set) var size = 0

    public init(capacity: Int = 1024) {
        stamp = Array(repeating: 0, count: max(capacity, 16))
        localID = Array(repeating: 0, count: max(capacity, 16))
    }

    public mutating func begin() {
        generation &+= 1
        if generation == 0 {  // wrapped: clear the stamps once
            for k in stamp.indices { stamp[k] = 0 }
            generation = 1
        }
        size = 0
    }

    @inline(__always) public mutating func local(_ id: Int32) -> Int32 {
        let t = Int(id)
        if t >= stamp.count {
            let n = max(t + 1, stamp.count * 2)
            stamp.append(contentsOf: repeatElement(0, count: n - stamp.count))
            localID.append(contentsOf: repeatElement(0, count: n - localID.count))
        }
        if stamp[t] == generation { return localID[t] }
        stamp[t] = generation
        localID[t] = Int32(size)
        size += 1
        return localID[t]
    }

    @inline(__always) public func existing(_ id: Int32) -> Int32? {
        let t = Int(id)
        guard t < stamp.count, stamp[t] == generation else { return nil }
        return localID[t]
    }
}
