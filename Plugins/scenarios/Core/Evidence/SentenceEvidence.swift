import Foundation
import GalleyModel
import GalleyText

/// What one sentence says about each scenario of a pack, before weighing across sentences.
public struct SentenceEvidence: Sendable {
    public var sentence: Int
    public var reading: ClaimReading
    /// Per scenario: signed lexical relevance (signals and description terms, negation applied).
    public var lexical: [Double]
    /// Per scenario: cosine of the sentence's LSA vector with the scenario's.
    public var semantic: [Double]
    /// Per scenario: the signals and description terms matched, with "not " before negated ones.
    public var matched: [[String]]
    /// Per scenario: whether any match was negated (so a similar-sounding sentence denies it).
    public var negated: [Bool]
    /// Per scenario: affirmed signal matches and affirmed description-term matches.
    public var signalHits: [Int]
    public var termHits: [Int]
    /// Per scenario: matches that count against it (a negated signal or a negative signal: 2, a
    /// negated term: 1).
    public var opposeHits: [Int]
    /// Distinct content stems of the sentence (for finding repeated claims).
    public var stems: Set<String>
    /// LSA vector of the sentence (unnormalised) and its stem counts, for the article's totals.
    public var vector: [Float]
    public var counts: [String: Double]
}

/// A sentence cut into words and terms, once.
public struct TokenizedSentence: Sendable {
    public var words: [WordToken]
    public var terms: [Term]
    public init(_ text: String) {
        words = Tokenizer.words(text)
        terms = TermExtractor.terms(of: words)
    }
}

/// Down-weights description terms that run through the whole article ("AI" in an article about
/// AI): they name its topic and cannot tell its scenarios apart. 1 for a term in at most a
/// quarter of the sentences, falling to 0.25 for a term in all of them. Only in articles of ten
/// sentences or more: in a short passage the word that recurs is as likely its point as its topic.
public struct LocalFrequency: Sendable {
    var share: [String: Double] = [:]
    public init(_ sentences: [TokenizedSentence]) {
        guard sentences.count >= 10 else { return }
        var df: [String: Int] = [:]
        for s in sentences { for stem in Set(s.terms.map(\.stem)) { df[stem, default: 0] += 1 } }
        for (stem, n) in df { share[stem] = Double(n) / Double(sentences.count) }
    }
    public func weight(_ stem: String) -> Double {
        guard let p = share[stem], p > 0.25 else { return 1 }
        return 0.25 / p
    }
}

/// Matches one sentence against a compiled pack.
public enum SentenceMatcher {
    /// How much a matched signal counts against a matched description term.
    public static let signalScale = 1.0, termScale = 0.5

    public static func read(_ sentence: Sentence, index: Int, pack: CompiledPack, inScenarioSection: Bool,
                            tokens: TokenizedSentence? = nil, local: LocalFrequency = LocalFrequency([]),
                            stats: EnglishStats = .shared) -> SentenceEvidence {
        let tokens = tokens ?? TokenizedSentence(sentence.text)
        let words = tokens.words
        let reading = ClaimReading.read(sentence, words: words, inScenarioSection: inScenarioSection)
        let terms = tokens.terms
        let sequence = pack.hasSignals ? TermExtractor.sequence(of: words) : []
        let needsScalars = words.contains { ClaimCues.isNegator($0.lower) || ClaimCues.denials.contains($0.lower) || $0.lower == "rather" || $0.lower == "instead" || $0.lower == "far" || $0.lower.hasPrefix("fail") }
        let factors = needsScalars ? NegationScope.factors(words: words, scalars: Array(sentence.text.unicodeScalars)) : [Double](repeating: 1, count: words.count)

        // Stem counts (a denied word does not make the sentence about it) and the LSA vector.
        var counts: [String: Double] = [:]
        for t in terms { counts[t.stem, default: 0] += max(0, min(1, factors[t.word])) }
        var vector = [Float](repeating: 0, count: stats.dims)
        for (stem, c) in counts.sorted(by: { $0.key < $1.key }) where c > 0 {  // sorted: same sums in every process
            let (df, row) = stats.lookup(stem)
            let w = (c >= 1 ? 1 + log(c) : c) * stats.idf(df: df)
            if row >= 0 { stats.add(row: row, weight: Float(w), into: &vector) }
        }
        let hasVector = vector.contains { $0 != 0 }

        let k = pack.scenarios.count
        var lexical = [Double](repeating: 0, count: k)
        var semantic = [Double](repeating: 0, count: k)
        var matched = [[String]](repeating: [], count: k)
        var negated = [Bool](repeating: false, count: k)
        var signalHits = [Int](repeating: 0, count: k)
        var termHits = [Int](repeating: 0, count: k)
        var opposeHits = [Int](repeating: 0, count: k)
        let stems = terms.map(\.stem)
        let sequenceStems = sequence.map(\.stem)
        for (j, sc) in pack.scenarios.enumerated() {
            var covered = Set<Int>()  // words used by a signal
            for g in sc.signals {
                guard let hit = find(g.stems, in: sequenceStems) else { continue }
                var f = 1.0
                for p in hit..<(hit + g.stems.count) { f = min(f, factors[sequence[p].word]); covered.insert(sequence[p].word) }
                lexical[j] += signalScale * g.weight * f * sc.matchScale
                matched[j].append((f < 0 ? "not " : "") + g.text)
                if f < 0 { negated[j] = true } else if g.weight > 0 { signalHits[j] += 1 }
                if g.weight * f < 0 { opposeHits[j] += 2 }
            }
            var seen = Set<String>()
            for t in terms where !covered.contains(t.word) {
                guard let w = sc.terms[t.stem] else { continue }
                let f = factors[t.word]
                if seen.contains(t.stem) { continue }
                seen.insert(t.stem)
                lexical[j] += termScale * w * local.weight(t.stem) * f * sc.matchScale
                matched[j].append((f < 0 ? "not " : "") + words[t.word].lower)
                if f < 0 { negated[j] = true; opposeHits[j] += 1 } else { termHits[j] += 1 }
            }
            if hasVector { semantic[j] = cosine(vector, sc.vector) }
        }
        return SentenceEvidence(sentence: index, reading: reading, lexical: lexical, semantic: semantic, matched: matched,
                                negated: negated, signalHits: signalHits, termHits: termHits, opposeHits: opposeHits, stems: Set(stems), vector: vector, counts: counts)
    }

    /// First position where `needle` occurs contiguously in `hay`.
    static func find(_ needle: [String], in hay: [String]) -> Int? {
        guard let first = needle.first, hay.count >= needle.count else { return nil }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first {
                var ok = true
                for m in 1..<needle.count where hay[i + m] != needle[m] { ok = false; break }
                if ok { return i }
            }
            i += 1
        }
        return nil
    }
}
