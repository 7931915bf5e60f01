import Foundation

/// Sentences as sparse term vectors over one vocabulary (words, or stems). Terms get small
/// per-article ids (0..<vocabularySize) so that per-term arrays stay short; each row lists a
/// sentence's distinct content terms in ascending id order with their counts. Stop words
/// have no entry.
public struct TermVectors: Sendable {
    public let count: Int
    /// Row `i` is `terms[rowStart[i]..<rowStart[i + 1]]` with counts in `tf`.
    public internal(set) var rowStart: [Int32] = [0]
    public internal(set) var terms: [Int32] = []
    public internal(set) var tf: [Float] = []
    public internal(set) var vocabularySize = 0
    /// How many sentences hold each term.
    public internal(set) var documentFrequency: [Int32] = []
    /// Distinct terms of the query (title and deck) that occur in the sentences, ascending.
    public internal(set) var queryTerms: [Int32] = []
    /// Inverse sentence frequency of each term, smoothed: log((n + 1) / df), always > 0.
    public internal(set) var idf: [Float] = []

    init(count: Int) { self.count = count; rowStart.reserveCapacity(count + 1) }

    @inline(__always) public func row(_ i: Int) -> Range<Int> { Int(rowStart[i])..<Int(rowStart[i + 1]) }


    /// Appends one sentence's row from its (unsorted, repeated) local term ids.
    mutating func appendRow(_ ids: inout [Int32]) {
        ids.sort()
        var k = 0
        while k < ids.count {
            let t = ids[k]
            var c = 1
            while k + c < ids.count, ids[k + c] == t { c += 1 }
            terms.append(t); tf.append(Float(c))
            if Int(t) >= documentFrequency.count {
                documentFrequency.append(contentsOf: repeatElement(0, count: Int(t) + 1 - documentFrequency.count))
            }
            documentFrequency[Int(t)] += 1
            k += c
        }
        rowStart.append(Int32(terms.count))
    }

    mutating func finish(vocabulary: Int, query: [Int32]) {
        vocabularySize = vocabulary
        if documentFrequency.count < vocabulary {
            documentFrequency.append(contentsOf: repeatElement(0, count: vocabulary - documentFrequency.count))
        }
        idf = documentFrequency.map { Float(log(Double(count + 1) / Double($0))) }
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
        wordCount = []; wordCount.reserveCapacity(count)
        contentCount = []; contentCount.reserveCapacity(count)
        fingerprint = []; fingerprint.reserveCapacity(count)
        var w = TermVectors(count: count), s = TermVectors(count: count)
        var wordRow: [Int32] = [], stemRow: [Int32] = []
        for text in sentences {
            wordRow.removeAll(keepingCapacity: true); stemRow.removeAll(keepingCapacity: true)
            var n: Int32 = 0
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            lexicon.forEachToken(in: text) { tok in
                n += 1
                hash = (hash ^ UInt64(UInt32(bitPattern: tok.word))) &* 0x100_0000_01b3
                if !tok.isStop {
                    if !tok.isNumber { wordRow.append(scratch.words.local(tok.word)) }
                    stemRow.append(scratch.stems.local(tok.stem))
                }
            }
            wordCount.append(n)
            contentCount.append(Int32(stemRow.count))
            fingerprint.append(n == 0 ? 0 : hash)
            w.appendRow(&wordRow); s.appendRow(&stemRow)
        }
        // Query terms: only those the body uses matter.
        let wordVocabulary = scratch.words.size, stemVocabulary = scratch.stems.size
        var qw: [Int32] = [], qs: [Int32] = []
        for text in query {
            lexicon.forEachToken(in: text) { tok in
                guard !tok.isStop else { return }
                if !tok.isNumber, let l = scratch.words.existing(tok.word) { qw.append(l) }
                if let l = scratch.stems.existing(tok.stem) { qs.append(l) }
            }
        }
        w.finish(vocabulary: wordVocabulary, query: qw)
        s.finish(vocabulary: stemVocabulary, query: qs)
        words = w; stems = s
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
