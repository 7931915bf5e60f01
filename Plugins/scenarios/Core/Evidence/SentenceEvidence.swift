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
    /// Distinct content stems of the sentence (for finding repeated claims).
    public var stems: Set<String>
    /// LSA vector of the sentence (unnormalised) and its stem counts, for the article's totals.
    public var vector: [Float]
    public var counts: [String: Double]
}

/// Matches one sentence against a compiled pack.
public enum SentenceMatcher {
    /// How much a matched signal counts against a matched description term.
    public static let signalScale = 1.0, termScale = 0.5

    public static func read(_ sentence: Sentence, index: Int, pack: CompiledPack, inScenarioSection: Bool,
                            stats: EnglishStats = .shared) -> SentenceEvidence {
        let words = Tokenizer.words(sentence.text)
        let reading = ClaimReading.read(sentence, words: words, inScenarioSection: inScenarioSection)
        let terms = TermExtractor.terms(of: words)
        let needsScalars = words.contains { ClaimCues.isNegator($0.lower) || $0.lower == "rather" || $0.lower == "instead" || $0.lower == "far" || $0.lower.hasPrefix("fail") }
        let factors = needsScalars ? NegationScope.factors(words: words, scalars: Array(sentence.text.unicodeScalars)) : [Double](repeating: 1, count: words.count)

        // Idf-weighted counts and the LSA vector.
        var counts: [String: Double] = [:]
        for t in terms { counts[t.stem, default: 0] += 1 }
        var vector = [Float](repeating: 0, count: stats.dims)
        for (stem, c) in counts {
            let (df, row) = stats.lookup(stem)
            let w = (1 + log(c)) * stats.idf(df: df)
            if row >= 0 { stats.add(row: row, weight: Float(w), into: &vector) }
        }
        let hasVector = vector.contains { $0 != 0 }

        let k = pack.scenarios.count
        var lexical = [Double](repeating: 0, count: k)
        var semantic = [Double](repeating: 0, count: k)
        var matched = [[String]](repeating: [], count: k)
        var negated = [Bool](repeating: false, count: k)
        let stems = terms.map(\.stem)
        for (j, sc) in pack.scenarios.enumerated() {
            var covered = Set<Int>()  // term positions used by a signal
            for g in sc.signals {
                guard let hit = find(g.stems, in: stems) else { continue }
                var f = 1.0
                for p in hit..<(hit + g.stems.count) { f = min(f, factors[terms[p].word]); covered.insert(p) }
                lexical[j] += signalScale * g.weight * f
                matched[j].append((f < 0 ? "not " : "") + g.text)
                if f < 0 { negated[j] = true }
            }
            var seen = Set<String>()
            for (p, t) in terms.enumerated() where !covered.contains(p) {
                guard let w = sc.terms[t.stem] else { continue }
                let f = factors[t.word]
                if seen.contains(t.stem) { continue }
                seen.insert(t.stem)
                lexical[j] += termScale * w * f
                matched[j].append((f < 0 ? "not " : "") + words[t.word].lower)
                if f < 0 { negated[j] = true }
            }
            if hasVector { semantic[j] = cosine(vector, sc.vector) }
        }
        return SentenceEvidence(sentence: index, reading: reading, lexical: lexical, semantic: semantic, matched: matched,
                                negated: negated, stems: Set(stems), vector: vector, counts: counts)
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
