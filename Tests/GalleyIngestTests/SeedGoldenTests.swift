import Foundation
import Testing
import GalleyJSON
@testable import GalleyIngest
@testable import GalleyModel

/// Where the package's folders are, from this file's location.
enum Paths {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = package.appendingPathComponent("seeds")
    static let shared = package.deletingLastPathComponent().appendingPathComponent("shared")
    static func seed(_ prefix: String) -> URL {
        let name = try! FileManager.default.contentsOfDirectory(atPath: seeds.path).first { $0.hasPrefix(prefix) }!
        return seeds.appendingPathComponent(name)
    }
}

func ingestSeed(_ prefix: String) throws -> Article {
    let url = Paths.seed(prefix)
    return try Ingester.article(fromTextBytes: Array(try Data(contentsOf: url)), name: url.lastPathComponent)
}

extension Article {
    func blocks(_ kind: BlockKind) -> [String] { paragraphs.filter { $0.kind == kind }.map(\.text) }
    func removedText(_ reason: String) -> String { removed.filter { $0.reason == reason }.map(\.text).joined(separator: "\n") }
}

/// Boilerplate that must never reach the body text of any seed.
let boilerplate = [
    "spot_img", "Top 5 This Week", "Related Posts", "LEAVE A REPLY", "Please enter your", "Popular Articles",
    "Pubblicato", "Introduzione", "Domande pertinenti", "Letture associate", "Articoli Popolari", "Come comprare",
    "Benvenuto", "HTX", "Discussioni", "visualizzazioni", "h fa", "Digital Gold", "Robot Brain", "Trading", "Futures",
    "Industry News", "See you on the other side", "end-to-end encrypted", "Create a free account", "Find answers to common questions",
    "\nbg\n", "Caldera", "链捕手",
]

@Suite struct SeedGoldenTests {
    @Test(arguments: ["000", "001", "002", "003", "004"])
    func noBoilerplateInTheBody(_ seed: String) throws {
        let a = try ingestSeed(seed)
        for b in boilerplate { #expect(!a.text.contains(b), "\(seed): '\(b)' left in the body") }
        #expect(!a.text.hasSuffix("bg"))
        #expect(a.language == "en")
        #expect(a.errors.isEmpty)
    }

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func offsetsPointAtTheText(_ seed: String) throws {
        let a = try ingestSeed(seed)
        let scalars = Array(a.text.unicodeScalars)
        let utf8 = Array(a.text.utf8)
        for s in a.sentences {
            #expect(String(String.UnicodeScalarView(scalars[s.start..<s.end])) == s.text)
            #expect(String(decoding: utf8[s.utf8Start..<s.utf8End], as: UTF8.self) == s.text)
            #expect(a.paragraphs[s.paragraph].start <= s.start && s.end <= a.paragraphs[s.paragraph].end)
        }
        for p in a.paragraphs { #expect(String(String.UnicodeScalarView(scalars[p.start..<p.end])) == p.text) }
        #expect(a.id.count == 16)
    }

    @Test func seed000GluedMetadataFAQAndRelatedTail() throws {
        let a = try ingestSeed("000")
        #expect(a.title == #"Meta Continues to Lay Off 20%: An "Efficiency Revolution" in the AI Era or Cost Anxiety?"#)
        #expect(a.source.site == "marsbit")
        #expect(a.published == "2026-03-17")
        #expect(a.deck == nil)
        #expect(a.authors.isEmpty)
        #expect(a.sources == ["Jinshi Data"])
        #expect(a.paragraphs.first?.text.hasPrefix("Meta plans to lay off 20% of its workforce (approximately 16,000 employees)") == true)
        #expect(a.blocks(.paragraph).last?.hasPrefix("He wrote: \"If a major company can redraw the blueprint") == true)
        #expect(a.blocks(.paragraph).count == 17)
        #expect(a.faq.count == 5)
        #expect(a.faq[0].question == "What is the main reason behind Meta's plan to lay off 20% of its workforce according to the article?")
        #expect(a.faq[0].answer.hasPrefix("Meta plans to lay off 20% of its workforce to offset"))
        #expect(a.faq[4].question == "How did investors react to the news of Meta considering further cost-cutting measures?")
        #expect(a.faq[4].answer.hasPrefix("Investors reacted positively"))
        #expect(a.tables.isEmpty && a.lists.isEmpty)
        #expect(a.removedText("page-tail").contains("Has the 'Digital Gold' Narrative for BTC Failed?"))
        #expect(a.removedText("foreign-language").contains("Benvenuto in HTX.com!"))
        #expect(a.removedText("metadata").contains("marsbitPubblicato 2026-03-17"))
    }

    @Test func seed001DateLineChromeHeadingsAndNumberedFAQ() throws {
        let a = try ingestSeed("001")
        #expect(a.title == "Meta Layoffs AI: Navigating the AI Frontier and Meta’s Strategic Shift")
        #expect(a.published == "2025-11-12")
        #expect(a.source.site == nil)
        #expect(a.deck == nil)
        let headings = a.blocks(.heading)
        #expect(headings.first == "Introduction: Why Meta Layoffs Are Making Headlines")
        #expect(headings.contains("Understanding the “Year of Efficiency”"))
        #expect(headings.contains("Conclusion: Meta’s Bold Gamble on Artificial Intelligence"))
        #expect(headings.last == "FAQs")
        #expect(headings.count == 29)
        #expect(a.sections.count == 29)
        #expect(a.sections[0].heading == "Introduction: Why Meta Layoffs Are Making Headlines")
        #expect(a.blocks(.paragraph).first?.hasPrefix("The phrase “Meta layoffs AI” has dominated tech news") == true)
        #expect(a.faq.count == 5)
        #expect(a.faq[0].question == "What is the connection between Meta layoffs and AI?")
        #expect(a.faq[4].answer == "Users can expect smarter feeds, more creative features, and personalized interactions across Meta’s social platforms.")
        #expect(a.removedText("title-fragment") == "Meta Layoffs AI")
        #expect(a.removedText("metadata") == "Wednesday, November 12, 2025")
    }

    @Test func seed002NoTitleListsAndBareQuestions() throws {
        let a = try ingestSeed("002")
        #expect(a.title == nil)
        #expect(a.published == nil)
        #expect(a.paragraphs.first?.text.hasPrefix("Is the “Year of Efficiency” ever truly over?") == true)
        #expect(a.blocks(.heading) == [
            "The Price of Innovation: 1,000 Seats for AI", "Meet the New “AI CEO Assistant”",
            "Why This Matters for the Tech Workforce", "Final Thoughts: A High-Stakes Gamble", "FAQs",
        ])
        #expect(a.lists.count == 2)
        #expect(a.lists[0].items == [
            "Restructuring teams to focus entirely on Generative AI.",
            "Integrating Llama 3 (and eventually Llama 4) into every layer of Facebook, WhatsApp, and Instagram.",
            "Developing autonomous agents that can handle coding, customer service, and content moderation with minimal human oversight.",
        ])
        #expect(a.lists[1].items.first?.hasPrefix("Skill sets are evolving:") == true)
        #expect(a.lists.allSatisfy { !$0.ordered })
        #expect(a.faq.map(\.question) == [
            "Why is Meta laying off more staff after the \"Year of Efficiency\"?",
            "What is the \"AI CEO Assistant\" Zuckerberg is building?",
            "Is the Metaverse project being cancelled?",
            "Which departments were hit hardest by these cuts?",
        ])
        #expect(a.faq[3].answer.hasPrefix("The layoffs primarily impacted Technical Program Management (TPM)"))
        #expect(a.removedText("chrome") == "Find answers to common questions below.")
    }

    @Test func seed003CrumbDeckRepeatedTitleTableListSourcesAndAd() throws {
        let a = try ingestSeed("003")
        #expect(a.title == "The AI Rebalancing: Meta Braces for Sweeping Layoffs Amid Rising Infrastructure Costs")
        #expect(a.deck == "Meta plans sweeping layoffs of 20% or more to offset rising AI infrastructure costs and leverage AI-assisted worker efficiency in 2026.")
        #expect(a.published == nil)
        #expect(a.removedText("crumb") == "Industry News")
        #expect(a.removedText("duplicate-title") == a.title)
        #expect(a.paragraphs.first?.text.hasPrefix("The tech industry is no stranger to the pendulum swing") == true)
        #expect(a.tables.count == 1)
        #expect(a.tables[0].rows == [
            ["Feature", "2023 \"Year of Efficiency\"", "2026 \"AI Rebalancing\""],
            ["Primary Driver", "Post-pandemic over-hiring", "AI infrastructure costs & automation"],
            ["Target Areas", "Middle management & non-core projects", "Engineering, Ops, and Entry-level roles"],
            ["Magnitude", "Approximately 13% - 15%", "Projected 20% or more"],
            ["Strategic Focus", "Leaner operations", "AI-integrated workforce"],
            ["Market Context", "High interest rates", "AI-driven CAPEX surge"],
        ])
        #expect(a.tables[0].header)
        #expect(a.lists.count == 1)
        #expect(a.lists[0].items.count == 4)
        #expect(a.lists[0].items[0].hasPrefix("Master AI Orchestration: Don't just use AI;"))
        #expect(a.sources == [
            "Meta Investor Relations: Quarterly Capital Expenditure Reports",
            "Bureau of Labor Statistics: Tech Sector Employment Trends 2025-2026",
            "TechCrunch: The Evolution of AI-Assisted Coding",
            "Bloomberg Technology: Infrastructure Costs in the Generative AI Era",
        ])
        #expect(a.removedText("off-topic").contains("Our end-to-end encrypted email and cloud storage solution"))
        #expect(a.blocks(.paragraph).last?.hasPrefix("The magnitude and timing of Meta’s layoffs") == true)
        // Table rows are single units, never merged into sentences.
        #expect(a.sentences.filter { $0.kind == .tableRow }.count == 6)
    }

    @Test func seed004TitleHeadingsMarkdownEscapesAndLongFAQ() throws {
        let a = try ingestSeed("004")
        #expect(a.title == "The Hidden Cost of the AI Arms Race Explodes at Meta")
        #expect(a.deck == nil && a.published == nil)
        #expect(a.blocks(.heading).contains("Scenario One: The Lean and Focused AI Powerhouse"))
        #expect(a.blocks(.heading).contains("Scenario Three: The Metaverse Bailout Reversal"))
        #expect(a.blocks(.heading).last == "FAQ")
        #expect(a.blocks(.heading).count == 7)
        #expect(a.faq.count == 21)
        #expect(a.faq[4].question == "In Scenario Two (Innovation Stagnation), what is the major risk if Meta cuts too deeply?")
        #expect(a.text.contains("based on the promise of an internet future"))
        #expect(a.text.contains("countries like Italy, which watches"))
        #expect(!a.text.contains("\\*"))
        #expect(a.removed.isEmpty)
    }
}

@Suite struct ArticleLineTests {
    /// `jsonLine` writes the article directly; it must be byte for byte what writing the
    /// `json` tree gives, for every part an article can have.
    @Test(arguments: ["000", "001", "002", "003", "004"])  // between them: FAQ, tables, lists, removed spans
    func directWriterMatchesTheTree(_ seed: String) throws {
        var a = try ingestSeed(seed)
        #expect(a.jsonLine == JSONWriter.bytes(a.json))
        a.errors = [ArticleError(stage: "ingest", code: -32602, message: "quote \" and newline\n")]
        a.duplicate = "abc"
        a.analyses = JSONObject([("summary", .object(JSONObject([("text", "x"), ("score", JSONValue(0.5))])))])
        a.extra = JSONObject([("budget", .object(JSONObject([("sentences", 3)]))), ("title", "ignored, a field"), ("n", -12)])
        #expect(a.jsonLine == JSONWriter.bytes(a.json))
    }
}
