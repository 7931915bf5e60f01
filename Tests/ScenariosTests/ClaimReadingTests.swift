import GalleyModel
import GalleyText
@testable import ScenariosCore
import Testing

@Suite struct ClaimReadingTests {
    func reading(_ text: String) -> ClaimReading {
        let s = article(text).sentences[0]
        return ClaimReading.read(s, words: Tokenizer.words(s.text), inScenarioSection: false)
    }

    func factors(_ text: String) -> [String: Double] { negationFactors(text) }

    @Test func negationCoversTheRestOfTheClause() {
        let f = factors("This isn't about bloat or over-hiring from the pandemic era.")
        #expect(f["bloat"]! < 0 && f["over-hiring"]! < 0 && f["pandemic"]! < 0)
        #expect(f["this"] == 1)
    }

    @Test func contrastEndsTheScope() {
        let f = factors("The cuts are not about bloat but about chips.")
        #expect(f["bloat"]! < 0)
        #expect(f["chips"] == 1)
    }

    @Test func notMerelyIsUnderstatementNotDenial() {
        let f = factors("This isn't merely belt-tightening; it is a recalibration.")
        #expect(f["belt-tightening"]! > 0 && f["belt-tightening"]! < 1)
        #expect(f["recalibration"] == 1)
    }

    @Test func pairNegators() {
        #expect(factors("Rather than signaling decline, it represents rebirth.")["decline"]! < 0)
        #expect(factors("Rather than signaling decline, it represents rebirth.")["rebirth"] == 1)
        #expect(factors("The bet expires without yielding a payoff.")["payoff"]! < 0)
        #expect(factors("The company no longer needs managers.")["managers"]! < 0)
    }

    @Test func plainClaim() {
        let r = reading("Meta cut 1,000 jobs in its Reality Labs unit.")
        #expect(r.mode == .claim && r.weight == 1)
    }

    @Test(arguments: ["The layoffs could reflect genuine efficiency gains.", "Meta reportedly plans more cuts.",
                      "The move may signal a shift toward automation."])
    func hedgesLowerTheWeight(_ text: String) {
        let r = reading(text)
        #expect(r.mode == .hedged && r.weight < 1 && r.weight > 0.2)
    }

    @Test func theMonthMayIsNoHedge() {
        #expect(reading("The company cut jobs in May last year.").mode == .claim)
    }

    @Test(arguments: ["If Meta executes this pivot, the stock could rally.", "In this scenario, every employee works on AI.",
                      "Shmulik said that if Meta goes through a similar cycle, it could set a template.",
                      "The pessimistic scenario involves cutting too deep, too fast."])
    func hypotheticalsAreDescriptionsNotClaims(_ text: String) {
        let r = reading(text)
        #expect(r.mode == .hypothetical && r.weight <= 0.1 && !r.asserts)
    }

    @Test func questionsAreNotClaims() {
        let r = reading("Do more layoffs mean the company still has redundancies to cut?")
        #expect(r.mode == .question && !r.asserts)
    }

    @Test func scenarioHeadingsFrameTheirSection() {
        #expect(ClaimReading.framesScenario("Scenario Two: Innovation Stagnation and Competitive Erosion"))
        #expect(ClaimReading.framesScenario("What if the cuts go too deep?"))
        #expect(!ClaimReading.framesScenario("The GPU Economy: Why Compute Power Dictates Personnel Cuts"))
    }

    @Test func stemmerAndTerms() {
        #expect(Stemmer.stem("elections") == "election" && Stemmer.stem("companies") == "company" && Stemmer.stem("taxes") == "tax")
        #expect(Stemmer.stem("business") == "business" && Stemmer.stem("news") == "new")
        #expect(TermExtractor.stems("The over-hiring of AI-driven teams") == ["overhiring", "ai", "driven", "team"])
        #expect(TermExtractor.sequence("too deep") == ["too", "deep"])
    }
}

@Suite struct AdviceTests {
    @Test func instructionsToTheReaderAreNotClaims() {
        let s = article("Monitor Capital Expenditure Trends: Keep an eye on the CAPEX reports of major tech firms.").sentences[0]
        let r = ClaimReading.read(s, words: Tokenizer.words(s.text), inScenarioSection: false)
        #expect(r.mode == .advice && !r.asserts)
    }

    /// Advice to the reader ("You should ask whether ...") is no claim (it was a hedged one).
    @Test func youShouldIsAdvice() {
        func mode(_ text: String) -> ClaimReading.Mode {
            let s = article(text).sentences[0]
            return ClaimReading.read(s, words: Tokenizer.words(s.text), inScenarioSection: false).mode
        }
        #expect(mode("You should ask whether this is greenwashing.") == .advice)
        #expect(mode("Ask whether this is greenwashing.") == .advice)
        #expect(mode("Your shares should rise.") != .advice)
        #expect(mode("\"You can see the gains from automation everywhere,\" the analyst said.") != .advice, "a quotation")
    }
}

@Suite struct NegatedVerbTests {
    func factors(_ text: String) -> [String: Double] { negationFactors(text) }

    @Test func aNegatedVerbLeavesItsObjectAsserted() {
        let f = factors("Enthusiasm doesn't pay the power bill for massive GPU clusters.")
        #expect(f["pay"]! < 0)
        #expect(f["bill"] == 1 && f["gpu"] == 1)
        let g = factors("They cannot afford to slow down spending on chips.")
        #expect(g["chips"] == 1)
    }

    /// A denial says what it governs is untrue, past the object naming the claim ("reject the
    /// claim that X", "denied that X"); "nobody" and "no one" deny their clause. All of these
    /// were quoted as support, at 0.87-0.98 confidence.
    @Test func denialsAndNobodyNegateWhatTheyGovern() {
        let reject = factors("Critics reject the claim that the cuts reflect productivity gains.")
        #expect(reject["productivity"]! < 0 && reject["gains"]! < 0 && reject["critics"] == 1)
        #expect(factors("The company denied that the layoffs were a pretext.")["pretext"]! < 0)
        #expect(factors("Nobody at the firm believes the automation story.")["automation"]! < 0)
        #expect(factors("No one at the firm believes the automation story.")["automation"]! < 0)
        // Two denials cancel; a denial's scope ends at "and" before the next verb.
        #expect(factors("No one doubts the cuts are driven by automation.")["automation"] == 1)
        #expect(factors("Few deny that automation drove the cuts.")["automation"] == 1)
        #expect(factors("The company rejected offers and focused on automation.")["automation"] == 1)
        // "no longer" still covers a short phrase only.
        let longer = factors("The firm is trimming roles that no longer align with its plans for growth and an AI-centric future.")
        #expect(longer["align"]! < 0 && longer["ai-centric"] == 1)
    }

    /// "Unlike X, which did Y, ...": X and the relative clause describing it are set aside,
    /// neither claimed nor denied (those cuts did remove bloat; it is not this article's case).
    @Test func unlikeSetsAsideItsRelativeClause() {
        let f = factors("Unlike the 2023 cuts, which removed bloat from over-hiring, these cuts follow automation.")
        #expect(f["bloat"] == 0 && f["over-hiring"] == 0)
        #expect(f["automation"] == 1)
        // To the clause's end, past "because of".
        let g = factors("Unlike Google, which is cutting because of automation, Meta is trimming bloat.")
        #expect(g["automation"] == 0 && g["bloat"] == 1)
    }

    @Test func noCoversItsNounPhraseOnly() {
        let f = factors("There is no evidence of bloat in the accounts of the firm this year.")
        #expect(f["bloat"]! < 0)
        #expect(f["year"] == 1)
    }
}

/// The negation factor of each word of `text`, by its lowercased form.
func negationFactors(_ text: String) -> [String: Double] {
    let words = Tokenizer.words(text)
    let f = NegationScope.factors(words: words, scalars: Array(text.unicodeScalars))
    var out: [String: Double] = [:]
    for (w, x) in zip(words, f) { out[w.lower] = x }
    return out
}
