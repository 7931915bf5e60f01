/// Moves with a direction: a verb or noun of change tied to an amount. "rising about 2%",
/// "cut more than 20,000 jobs", "reduced by 20% or more", "lay off 20% of its workforce",
/// "down 34 cents", "a 20% cut", "a ~50% correction", "an increase of 5%".
enum Changes {
    static let down: Set<String> = [
        "cut", "cuts", "cutting", "slash", "slashed", "slashes", "slashing", "reduce", "reduced", "reduces", "reducing",
        "reduction", "reductions", "lay", "laid", "lays", "laying", "layoff", "layoffs", "eliminate", "eliminated",
        "eliminates", "eliminating", "shed", "sheds", "shedding", "trim", "trimmed", "trims", "trimming", "axe", "axed",
        "ax", "axing", "fall", "fell", "fallen", "falling", "falls", "drop", "dropped", "dropping", "drops", "decline",
        "declined", "declines", "declining", "decrease", "decreased", "decreases", "decreasing", "plunge", "plunged",
        "plunges", "plunging", "plummet", "plummeted", "plummeting", "tumble", "tumbled", "tumbling", "sink", "sank",
        "sinking", "slid", "slide", "slides", "sliding", "slump", "slumped", "slumping", "dip", "dipped", "dipping",
        "lose", "lost", "loses", "losing", "shrink", "shrank", "shrunk", "shrinking", "contracted", "crash", "crashed",
        "correction", "drawdown", "drawdowns", "down", "lower", "lowered", "halve", "halved", "downsize", "downsized",
        "downsizing", "retreat", "retreated", "slip", "slipped", "eased", "declined", "contraction", "loss", "losses",
    ]
    static let up: Set<String> = [
        "rise", "rose", "risen", "rising", "rises", "increase", "increased", "increases", "increasing", "grow", "grew",
        "grown", "growing", "grows", "growth", "gain", "gained", "gaining", "gains", "jump", "jumped", "jumping", "jumps",
        "surge", "surged", "surging", "surges", "soar", "soared", "soaring", "climb", "climbed", "climbing", "climbs",
        "rally", "rallied", "rallying", "rebound", "rebounded", "spike", "spiked", "up", "boost", "boosted", "boosting",
        "raise", "raised", "raising", "raises", "hike", "hiked", "hiking", "add", "added", "adding", "adds", "expand",
        "expanded", "expanding", "double", "doubled", "triple", "tripled", "recover", "recovered", "recovery", "hire",
        "hired", "hiring", "advance", "advanced", "upturn",
    ]
    /// Nouns of change written after the amount: "a 20% cut", "95% crash", "42x recovery".
    static let afterNouns: Set<String> = [
        "cut", "cuts", "reduction", "reductions", "drop", "decline", "decrease", "fall", "crash", "correction", "drawdown",
        "slump", "loss", "plunge", "increase", "rise", "gain", "jump", "surge", "growth", "recovery", "rally", "hike",
        "layoff", "layoffs", "contraction", "expansion", "boost", "dip", "downturn", "upturn",
    ]
    /// Words that may stand between the verb and the amount.
    static let filler: Set<String> = [
        "by", "to", "off", "about", "approximately", "around", "roughly", "nearly", "almost", "more", "than", "over",
        "some", "up", "at", "least", "as", "many", "much", "its", "their", "his", "her", "the", "a", "an", "another",
        "further", "back", "out", "down", "just", "under", "below", "less", "fewer", "close", "an", "estimated", "of",
        "~", "another", "sharply", "slightly", "nearly", "almost", "roughly",
    ]

    /// What a verb of change acts on, between it and the amount ("cut its workforce by 8,000",
    /// "raised prices by 5%").
    /// "women make up 30%": a share, not a rise.
    static let makeForms: Set<String> = ["make", "makes", "made", "making"]
    static let objects: Set<String> = [
        "workforce", "staff", "headcount", "jobs", "payroll", "prices", "price", "costs", "cost", "spending", "output",
        "production", "emissions", "budget", "forecast", "forecasts", "guidance", "rates", "rate", "investment", "capacity",
    ]

    static func direction(_ w: String) -> String? {
        if down.contains(w) { return "down" }
        if up.contains(w) { return "up" }
        return nil
    }

    static func find(_ items: [Candidate], _ t: TokenText) -> [Candidate] {
        var out: [Candidate] = []
        for c in items where [.percent, .money, .quantity, .number, .range].contains(c.kind) {
            if c.kind == .range, c.direction != nil { continue }
            if c.kind == .number, (c.number?.value ?? 0) >= 1000, c.number?.digitToken.map({ t.tokens[$0].intDigits == 4 && !t.tokens[$0].grouped }) == true { continue }
            // Verb or noun before: walk back over filler words, within the sentence.
            var p = c.first - 1
            var steps = 0
            var found: (Int, String)? = nil
            var crossedObject = false
            while p >= 0, steps <= 4, t.sentenceOf[p] == t.sentenceOf[c.first] {
                let w = t.lower(p)
                if let d = direction(w), t[p]?.kind == .word {
                    // Across an object the verb is a verb, not a capitalised name ("Advance costs $200").
                    if crossedObject, t[p]?.capitalized == true { break }
                    // "up" and "down" only as adverbs right before the amount ("down 34 cents", "up 5%").
                    // "cut up to 6,000 workers": "up to" is a bound; the verb is further back.
                    if w == "up", t.isWord(p + 1, "to") { p -= 1; steps += 1; continue }
                    if (w == "up" || w == "down"), steps > 0 { break }
                    // "women make up 30% of the board": a share, not a rise.
                    if w == "up", Self.makeForms.contains(t.lower(p - 1)) { break }
                    if w == "lay" || w == "laid" || w == "lays" || w == "laying", !t.isWord(p + 1, "off") { break }
                    found = (p, d)
                    break
                }
                // "cut its workforce by 8,000": what is cut may stand between verb and amount.
                guard filler.contains(w) || objects.contains(w) || t[p]?.kind == .symbol && w == "~" else { break }
                if objects.contains(w) { crossedObject = true }
                p -= 1; steps += 1
            }
            if let (v, d) = found {
                // "an increase of 5%" reads of; "reduced to 20%" is a new level, still a move down.
                var m = c
                m.measureFirst = c.first
                m.first = v
                m.kind = .change
                m.direction = d
                m.priority = 0
                if c.kind == .range, case .range = c.value {} else if m.value.number == nil, let n = c.number { m.value = .number(n.value) }
                out.append(m)
                continue
            }
            // Noun after: "a 20% cut", "~50% correction", "42x recovery".
            let n = c.last + 1
            if let d = direction(t.lower(n)), afterNouns.contains(t.lower(n)), c.kind == .percent || c.kind == .money || c.unit == "x" {
                var m = c
                m.measureFirst = c.first
                m.last = n
                m.kind = .change
                m.direction = d
                out.append(m)
            }
        }
        return out
    }
}
