/// Picks the summary's sentences from their scores under a budget.
///
/// Rules, in order of precedence:
/// 1. Tiers: every sentence of a better tier is considered before any of a worse one;
///    `Tier.never` is never taken, and `Tier.lastResort` (headings, table rows, FAQ
///    questions, bylines) only when the article has no sentence of a better tier: a
///    budget the prose cannot fill gives a shorter summary, not a heading.
/// 2. Within a tier, higher score first (ties: earlier sentence first).
/// 3. Redundancy: a sentence more similar than `redundancy` to one already chosen is set
///    aside, and taken only if the budget is still not met when everything else is used.
/// 4. Budget: at most `maxSentences`; with `maxWords`, a sentence that would overflow the
///    word budget is skipped for a shorter one further down. If not even the best sentence
///    fits, the summary is that one sentence alone (an empty summary helps no one).
public enum Selection {
    public static func select(
        scores: [Double], tiers: [Tier], words: [Int32], maxSentences: Int, maxWords: Int? = nil,
        redundancy: Double = 1, similarity: (Int, Int) -> Double = { _, _ in 0 }
    ) -> [Int] {
        let floor: Tier = tiers.contains(where: { $0 < .lastResort }) ? .secondary : .lastResort
        let order = scores.indices.filter { tiers[$0] <= floor }.sorted {
            if tiers[$0] != tiers[$1] { return tiers[$0] < tiers[$1] }
            if scores[$0] != scores[$1] { return scores[$0] > scores[$1] }
            return $0 < $1
        }
        guard maxSentences > 0, !order.isEmpty else { return [] }
        var chosen: [Int] = []
        var usedWords = 0
        var setAside: [Int] = []
        func fits(_ i: Int) -> Bool { maxWords.map { usedWords + Int(words[i]) <= $0 } ?? true }
        func take(_ i: Int) { chosen.append(i); usedWords += Int(words[i]) }
        var k = 0
        while k < order.count, chosen.count < maxSentences {
            // One tier at a time; its set-aside sentences come back before the next tier.
            let tier = tiers[order[k]]
            setAside.removeAll()
            while k < order.count, tiers[order[k]] == tier {
                let i = order[k]
                k += 1
                guard chosen.count < maxSentences, fits(i) else { continue }
                if redundancy < 1, chosen.contains(where: { similarity($0, i) > redundancy }) {
                    setAside.append(i)
                } else {
                    take(i)
                }
            }
            for i in setAside where chosen.count < maxSentences && fits(i) { take(i) }
        }
        if chosen.isEmpty { chosen = [order[0]] }
        return chosen
    }
}
