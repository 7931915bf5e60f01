import GalleyText

/// Marks the words of a sentence that sit under a negation ("This isn't about bloat or
/// over-hiring" -> bloat, over-hiring negated) or an understatement ("not merely
/// belt-tightening" -> belt-tightening affirmed, weakly). A scope runs from the cue to the end
/// of its clause: punctuation, a contrast word ("but", "instead"), "to", or twelve words. A
/// negated auxiliary ("doesn't pay the power bill", "cannot afford to slow spending on chips")
/// denies only its verb: what follows is still asserted. "no" before a noun covers its phrase.
public enum NegationScope {
    /// What a negated word's contribution is multiplied by.
    public static let negated: Double = -0.8
    /// What an understated word's contribution is multiplied by.
    public static let understated: Double = 0.35

    /// One factor per word: 1 (plain), `negated`, or `understated`.
    public static func factors(words: [WordToken], scalars: [Unicode.Scalar]) -> [Double] {
        var f = [Double](repeating: 1, count: words.count)
        var i = 0
        while i < words.count {
            let w = words[i].lower
            var start = -1
            var mode = negated
            var limit = 12
            let noOne = w == "no" && i + 1 < words.count && words[i + 1].lower == "one"
            let isDenial = ClaimCues.denials.contains(w)
            // Two denials cancel: "No one doubts X", "Few deny that X", "nobody disputes X" assert X.
            let verb = i + (noOne ? 2 : 1)
            if noOne || w == "nobody" || w == "few", verb < words.count,
               ClaimCues.denials.contains(words[verb].lower) || ClaimCues.doubts.contains(words[verb].lower) {
                i = verb + 1
                continue
            }
            // ("no one" is a pair: "No one at the firm believes ..." denies the clause, as "nobody" does.)
            if let pair = ClaimCues.pairNegators.first(where: { $0.0 == w && i + 1 < words.count && words[i + 1].lower == $0.1 && !hasBoundary(words, scalars, i + 1) }) {
                _ = pair
                start = i + 2
            } else if isDenial {
                // "denied that X", "reject the claim that X": X is said to be untrue. The object
                // naming the claim is skipped, so that the scope is what it says.
                start = i + 1
                while start < words.count, start - i <= 4, ClaimCues.denialObjects.contains(words[start].lower),
                      !hasBoundary(words, scalars, start) { start += 1 }
                limit = 14
            } else if ClaimCues.isNegator(w) {
                start = i + 1
                let previous = i > 0 ? words[i - 1].lower : ""
                if ClaimCues.verbAuxiliaries.contains(w) || ((w == "not" || w == "never") && ClaimCues.verbAuxiliaries.contains(previous)) {
                    // Only the verb is denied; skip it and go on.
                    var v = start
                    while v < words.count, ClaimCues.understatement.contains(words[v].lower) || words[v].lower == "yet" || words[v].lower == "even" { v += 1 }
                    if v < words.count { f[v] *= negated }
                    i = v + 1
                    continue
                }
                if start < words.count, ClaimCues.understatement.contains(words[start].lower) {
                    mode = understated
                    start += 1
                } else if w == "not", start < words.count, words[start].lower == "exactly" || words[start].lower == "necessarily" {
                    mode = 0.5 * negated
                } else if w == "unlike" {
                    // "Unlike the 2023 cuts, which removed bloat, ...": what is set aside is not
                    // denied (those cuts did remove bloat), it is just not this article's case.
                    mode = 0
                }
            }
            guard start >= 0 else { i += 1; continue }
            var j = start
            // "no" covers its noun phrase ("no bloat", "no longer align"); "no one" its clause.
            if w == "no", mode == negated, !noOne { limit = 4 }
            var inRelative = false
            while j < words.count, j - start < limit {
                if hasBoundary(words, scalars, j) {
                    // "Unlike the 2023 cuts, which removed bloat, ...": the relative clause
                    // describes what is set aside, and is set aside with it, to its end
                    // ("which is cutting because of automation,").
                    guard w == "unlike", !inRelative, Self.relativePronoun(words[j].lower) else { break }
                    inRelative = true
                    limit = j - start + 14
                }
                let ender = ClaimCues.scopeEnders.contains(words[j].lower) && j > start
                if ender && !inRelative && !(w == "unlike" && Self.relativePronoun(words[j].lower)) { break }
                // A denial governs its clause, not the next verb joined by "and" ("rejected
                // offers and focused on automation").
                if isDenial, words[j].lower == "and", j > start { break }
                if ClaimCues.isNegator(words[j].lower) && j > start { break }  // a new cue starts its own scope
                f[j] *= mode
                j += 1
            }
            i = max(i + 1, j)
        }
        return f
    }

    @inline(__always) static func relativePronoun(_ w: String) -> Bool { w == "which" || w == "who" }

    /// Whether punctuation that closes a clause stands between word `j - 1` and word `j`.
    static func hasBoundary(_ words: [WordToken], _ scalars: [Unicode.Scalar], _ j: Int) -> Bool {
        guard j > 0, j < words.count else { return false }
        var k = words[j - 1].end
        let end = min(words[j].start, scalars.count)
        while k < end {
            switch scalars[k] {
            case ",", ";", ":", "(", ")", "[", "]", ".", "!", "?", "\u{2014}", "\u{2013}": return true
            default: k += 1
            }
        }
        return false
    }
}
