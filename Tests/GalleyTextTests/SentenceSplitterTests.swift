import Testing
@testable import GalleyText

/// Each case: the text and the sentences it must split into, exactly.
struct SplitCase: CustomTestStringConvertible, Sendable {
    let text: String
    let expected: [String]
    init(_ text: String, _ expected: [String]) { self.text = text; self.expected = expected }
    var testDescription: String { String(text.prefix(50)) }
}

let splitCases: [SplitCase] = [
    // Plain boundaries
    SplitCase("Meta cut jobs. Shares rose.", ["Meta cut jobs.", "Shares rose."]),
    SplitCase("Is it over? Nobody knows! The end.", ["Is it over?", "Nobody knows!", "The end."]),
    SplitCase("One sentence without a final period", ["One sentence without a final period"]),
    SplitCase("   Leading and trailing space.   ", ["Leading and trailing space."]),
    SplitCase("", []),
    // Abbreviations before names never end a sentence
    SplitCase("Dr. Smith arrived. He spoke.", ["Dr. Smith arrived.", "He spoke."]),
    SplitCase("Mr. and Mrs. Jones left early.", ["Mr. and Mrs. Jones left early."]),
    SplitCase("Prof. Lee and Gen. Mark Milley met.", ["Prof. Lee and Gen. Mark Milley met."]),
    SplitCase("They met St. John on Monday.", ["They met St. John on Monday."]),
    // Acronyms and company suffixes: split only before a sentence opener
    SplitCase("The U.S. economy grew. It was fast.", ["The U.S. economy grew.", "It was fast."]),
    SplitCase("Jobs moved to the U.S. The plan failed.", ["Jobs moved to the U.S.", "The plan failed."]),
    SplitCase("He joined Apple Inc. in 2010.", ["He joined Apple Inc. in 2010."]),
    SplitCase("He joined Apple Inc. The firm grew.", ["He joined Apple Inc.", "The firm grew."]),
    SplitCase("Shares of Acme Corp. Holdings fell.", ["Shares of Acme Corp. Holdings fell."]),
    SplitCase("Use tools, e.g. hammers. They help.", ["Use tools, e.g. hammers.", "They help."]),
    // "e.g." and "i.e." introduce what follows, even a capitalised name or "The"
    SplitCase("He wrote books, e.g. The Hobbit, i.e. A novel. It sold.", ["He wrote books, e.g. The Hobbit, i.e. A novel.", "It sold."]),
    SplitCase("Compare cf. The Times report.", ["Compare cf. The Times report."]),
    SplitCase("It opens at 9 a.m. Doors close later.", ["It opens at 9 a.m.", "Doors close later."]),
    SplitCase("Ships, planes, etc. are taxed. Cars too.", ["Ships, planes, etc. are taxed.", "Cars too."]),
    SplitCase("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
    SplitCase("It was reported by the FT. But Rover denied it.", ["It was reported by the FT.", "But Rover denied it."]),
    // Initials
    SplitCase("John F. Kennedy spoke. Crowds cheered.", ["John F. Kennedy spoke.", "Crowds cheered."]),
    SplitCase("J. K. Rowling wrote it.", ["J. K. Rowling wrote it."]),
    SplitCase("They chose plan B. The rest failed.", ["They chose plan B.", "The rest failed."]),
    // Numbers: decimals, money, percentages, list numbers
    SplitCase("Revenue hit $1.4T in 2025. Costs rose 2.5%.", ["Revenue hit $1.4T in 2025.", "Costs rose 2.5%."]),
    SplitCase("Version 3.2.1 shipped. It works.", ["Version 3.2.1 shipped.", "It works."]),
    SplitCase("The index fell 0.5. Analysts shrugged.", ["The index fell 0.5.", "Analysts shrugged."]),
    SplitCase("1. What is the connection between Meta and AI?", ["1. What is the connection between Meta and AI?"]),
    SplitCase("Prices rose in 2024. 2025 was worse.", ["Prices rose in 2024.", "2025 was worse."]),
    // Quotes and brackets
    SplitCase("He said \"stop.\" Then he left.", ["He said \"stop.\"", "Then he left."]),
    SplitCase("\"Is it real?\" he asked.", ["\"Is it real?\" he asked."]),
    SplitCase("She wrote: “We will win.” Nobody agreed.", ["She wrote: “We will win.”", "Nobody agreed."]),
    SplitCase("It rose (as expected.) Then it fell.", ["It rose (as expected.)", "Then it fell."]),
    SplitCase("It was 'over.' Fans left.", ["It was 'over.'", "Fans left."]),
    SplitCase("the football world. \" England's players wore shirts.", ["the football world. \"", "England's players wore shirts."]),
    // Ellipses
    SplitCase("We waited... And waited.", ["We waited...", "And waited."]),
    SplitCase("It was... odd, really.", ["It was... odd, really."]),
    SplitCase("Wait… Something moved.", ["Wait…", "Something moved."]),
    // Lowercase continuation is never a boundary
    SplitCase("The vote was 5 vs. 4 in favour.", ["The vote was 5 vs. 4 in favour."]),
    SplitCase("Yahoo! said it would appeal.", ["Yahoo! said it would appeal."]),
    SplitCase("He arrived approx. two hours late.", ["He arrived approx. two hours late."]),
    // Lines: headings and list items never run into the next line
    SplitCase("Key takeaways\nSkill sets are evolving", ["Key takeaways", "Skill sets are evolving"]),
    SplitCase("First item without period\nSecond item", ["First item without period", "Second item"]),
    SplitCase("Heading\n\nBody text here. More.", ["Heading", "Body text here.", "More."]),
    // Unicode and glued forms
    SplitCase("Zürich grew. Ärzte protested.", ["Zürich grew.", "Ärzte protested."]),
    SplitCase("Visit Amazon.com today. It sells books.", ["Visit Amazon.com today.", "It sells books."]),
    SplitCase("Meta (META.O) fell. Then it rose.", ["Meta (META.O) fell.", "Then it rose."]),
    SplitCase("The COVID-19 pandemic ended. Work resumed.", ["The COVID-19 pandemic ended.", "Work resumed."]),
    SplitCase("Is the “Year of Efficiency” ever truly over? Just when the tech world thought so.",
              ["Is the “Year of Efficiency” ever truly over?", "Just when the tech world thought so."]),
]

@Suite struct SentenceSplitterTests {
    /// Chinese and Japanese end sentences with "。", "！", "？" and no space (four Chinese
    /// sentences were one, and became a whole summary).
    @Test func fullWidthTerminatorsEndSentencesWithoutASpace() {
        #expect(SentenceSplitter.sentences("今天天气很好。我们去公园散步。你想一起来吗？太好了！") == ["今天天气很好。", "我们去公园散步。", "你想一起来吗？", "太好了！"])
        #expect(SentenceSplitter.sentences("東京は晴れです。「明日も晴れる」と言った。") == ["東京は晴れです。", "「明日も晴れる」と言った。"])
        #expect(SentenceSplitter.sentences("彼は「行く。」と言った。それだけだ。") == ["彼は「行く。」と言った。", "それだけだ。"])
    }

    @Test(arguments: splitCases)
    func splits(_ c: SplitCase) {
        #expect(SentenceSplitter.sentences(c.text) == c.expected)
    }

    @Test func atLeastFortyCases() { #expect(splitCases.count >= 40) }

    @Test func rangesAreScalarOffsetsIntoTheText() {
        let text = "Ça va. “Oui” — très bien."
        let ranges = SentenceSplitter.split(text)
        let scalars = Array(text.unicodeScalars)
        #expect(ranges.count == 2)
        #expect(String(String.UnicodeScalarView(scalars[ranges[1]])) == "“Oui” — très bien.")
    }

    /// ASCII text is split on its bytes (8 at a time between candidates) and must come out
    /// exactly as its scalars do: every case, and terminators at every offset of a block.
    @Test func bytesAndScalarsSplitAlike() {
        var texts = splitCases.map(\.text).filter(\.isASCII)
        for k in 0..<24 {
            let pad = String(repeating: "x", count: k)
            texts += ["Word \(pad)end. Next one\(pad)? Yes! Line\n\(pad)Dr. Who. U.S. Army.", "\(pad)a.b. C 1. Two.\nx"]
        }
        for t in texts {
            let scalars = SentenceSplitter.split(scalars: Array(t.unicodeScalars))
            let bytes = t.withUTF8Bytes { SentenceSplitter.split(ascii: $0) }
            #expect(scalars == bytes, "\(t)")
            #expect(SentenceSplitter.split(t) == scalars)
        }
    }

    @Test func handlesVeryLongTextWithoutTerminators() {
        let text = String(repeating: "word ", count: 100_000)
        #expect(SentenceSplitter.split(text).count == 1)
    }
}
