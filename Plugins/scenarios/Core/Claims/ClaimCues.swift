/// Word lists that tell a claim from a hedge, a hypothetical or a question. General English,
/// written for this scorer: no list names a company, a topic or a test article.
enum ClaimCues {
    /// Modal and epistemic hedges: the writer does not assert the claim outright.
    static let hedges: Set<String> = [
        "could", "may", "might", "possibly", "perhaps", "maybe", "reportedly", "allegedly", "likely", "probably",
        "potentially", "potential", "suggest", "suggests", "suggested", "appear", "appears", "appeared", "seem",
        "seems", "seemed", "seemingly", "rumored", "rumoured", "speculation", "speculated", "would", "expected",
        "projected", "hinted", "whether", "apparently", "arguably", "presumably", "supposedly", "purportedly",
    ]
    /// Words that open a conditional or imagined situation.
    static let conditionalOpeners: Set<String> = ["if", "unless", "suppose", "supposing", "imagine", "assuming", "whether", "lest"]
    /// Words by which a text frames a possible future rather than reporting one. ("outlook" is left
    /// out: in business news "the outlook is weak" reports a forecast.)
    static let framing: Set<String> = [
        "scenario", "scenarios", "hypothetical", "hypothetically", "envisage", "envisages", "envision",
        "envisions", "imagined", "what-if",
    ]
    /// Negators whose scope is the rest of the clause.
    static let negators: Set<String> = [
        "not", "no", "never", "without", "neither", "nor", "cannot", "none", "nothing", "unlike", "lacks", "lacking", "lack",
        "nobody", "noone",
    ]
    /// Verbs of denial: what they govern is said to be untrue ("denied that the layoffs were a
    /// pretext", "reject the claim that the cuts reflect productivity gains").
    static let denials: Set<String> = [
        "deny", "denies", "denied", "denying", "reject", "rejects", "rejected", "rejecting", "dismiss", "dismisses",
        "dismissed", "dismissing", "dispute", "disputes", "disputed", "disputing", "refute", "refutes", "refuted",
        "refuting", "rebut", "rebuts", "rebutted", "debunk", "debunks", "debunked",
    ]
    /// Verbs of doubt: after "no one" or "few" they cancel, as a denial does.
    static let doubts: Set<String> = ["doubt", "doubts", "doubted", "questions", "questioned", "disbelieves"]
    /// What a denial verb may govern before its clause: "the claim that", "suggestions that".
    static let denialObjects: Set<String> = [
        "the", "a", "any", "claim", "claims", "idea", "notion", "suggestion", "suggestions", "view", "argument",
        "arguments", "assertion", "assertions", "allegation", "allegations", "report", "reports", "accusation",
        "accusations", "charge", "charges", "that",
    ]
    /// After a negator these turn "not X" into "X, and more" (understatement, not denial).
    static let understatement: Set<String> = ["just", "merely", "only", "simply", "solely", "purely"]
    /// Words that end a negation's scope.
    static let scopeEnders: Set<String> = [
        "but", "instead", "rather", "yet", "although", "though", "while", "whereas", "however", "because", "which", "that", "to",
    ]
    /// Auxiliaries after which "not" denies only the verb that follows ("doesn't pay the power
    /// bill" still says there is a bill), unlike a copula ("isn't about bloat" denies the bloat).
    static let verbAuxiliaries: Set<String> = [
        "do", "does", "did", "can", "could", "will", "would", "shall", "should", "may", "might", "must",
        "don't", "doesn't", "didn't", "can't", "cannot", "won't", "wouldn't", "couldn't", "shouldn't", "mustn't",
    ]
    /// Two-word negators: "rather than X", "instead of X", "far from X", "no longer X", "fail(s) to X".
    static let pairNegators: [(String, String)] = [
        ("rather", "than"), ("instead", "of"), ("far", "from"), ("fail", "to"), ("fails", "to"), ("failed", "to"),
        ("no", "longer"), ("no", "one"),
    ]

    /// Verbs that, first in a sentence, make it an instruction to the reader ("Keep an eye on
    /// CAPEX reports"), not a claim about the world.
    static let imperatives: Set<String> = [
        "keep", "master", "focus", "monitor", "diversify", "consider", "think", "remember", "learn", "avoid", "try",
        "ensure", "watch", "check", "prepare", "don't", "let's", "start", "stop", "make", "take", "look", "note",
        "ask", "beware", "compare", "question",
    ]
    /// "You should ask whether ...", "you need to", "you must": advice to the reader as well.
    static let readerModals: Set<String> = ["should", "must", "need", "ought", "might", "may", "could", "can"]

    static func isNegator(_ w: String) -> Bool {
        negators.contains(w) || w.hasSuffix("n't")
    }
}
