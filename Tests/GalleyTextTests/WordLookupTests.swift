import Testing
import GalleyTestSupport
@testable import GalleyText

/// The byte-level word look-ups must agree with the String-level definitions they replace.
@Suite struct WordLookupTests {
    @Test func wordTableFindsExactlyItsWords() {
        let table = WordTable([("the", 1), ("théâtre", 2), ("a", 3), ("", 4), ("the", 5)])
        #expect(table.value(for: "the") == 5, "a later pair replaces an earlier one")
        #expect(table.value(for: "théâtre") == 2)
        #expect(table.value(for: "a") == 3)
        #expect(table.value(for: "") == 4)
        for miss in ["th", "them", "The", "theatre", "b", "a "] { #expect(table.value(for: miss) == nil, "\(miss)") }
        // Many words: every one found with its value, none of a disjoint set found.
        let words = (0..<5_000).map { "w\($0)x" }
        let big = WordTable(words.enumerated().map { ($0.element, UInt32($0.offset)) })
        for (k, w) in words.enumerated() { #expect(big.value(for: w) == UInt32(k)) }
        #expect((0..<5_000).allSatisfy { big.value(for: "w\($0)y") == nil })
        // Past 8 bytes the hash no longer decides alone: the same length and first chunk must
        // still differ by their bytes.
        let long = WordTable([("internationally", 1), ("internationalise", 2), ("abcdefgh", 3)])
        #expect(long.value(for: "internationally") == 1)
        #expect(long.value(for: "internationalise") == 2)
        #expect(long.value(for: "abcdefgh") == 3)
        for miss in ["internationallx", "internationalize", "abcdefgi", "abcdefg", "abcdefghi"] { #expect(long.value(for: miss) == nil, "\(miss)") }
    }

    @Test func stopWordTableMatchesTheSet() {
        for w in StopWords.english { #expect(StopWords.englishTable.contains(w)) }
        for w in StopWords.english { #expect(StopWords.functionWords.value(for: w).map { $0 & StopWords.englishStopBit != 0 } == true) }
        for (lang, words) in StopWords.byLanguage {
            let bit = UInt32(1) << UInt32(StopWords.languageCodes.firstIndex(of: lang)!)
            for w in words { #expect((StopWords.functionWords.value(for: w) ?? 0) & bit != 0, "\(lang) \(w)") }
        }
        for w in ["company", "layoffs", "Theory", "thee"] { #expect(!StopWords.englishTable.contains(w)) }
    }

    @Test func lowerWordsAreTheTokensLowercaseForms() {
        let texts = ["AI-driven U.S. don’t 2.5% CAFÉ Ünïcode’s", "The BBC's £600m deal, ÉCOLE and Straße.",
                     "ALL CAPS HEADLINE", "mixed İstanbul ΣΊΣΥΦΟΣ words"]
        for t in texts {
            #expect(Tokenizer.lowerWords(t) == Tokenizer.words(t).map(\.lower), "\(t)")
            var firsts: [UnicodeScalar] = []
            Tokenizer.forEachLowerWord(t) { _, first in firsts.append(first) }
            #expect(firsts == Tokenizer.words(t).map { $0.text.unicodeScalars.first! })
        }
    }

    /// Random text over letters, digits, joiners, curly quotes, non-ASCII letters and
    /// punctuation: the one-pass lowercase words are always the tokens' lowercase forms.
    @Test func lowerWordsMatchTokensOnRandomText() {
        let alphabet: [String] = ["a", "Z", "q", "7", "0", " ", " ", "-", "'", ".", "&", "_", "’", "é", "Ä", "ß", "İ", "Σ",
                                  "日", ",", "!", "\"", "—", "\t", "\u{00A0}", "x"]
        var rng = LinearCongruential(seed: 0x9E3779B97F4A7C15)
        for _ in 0..<500 {
            let t = rng.text(of: alphabet, count: 40)
            #expect(Tokenizer.lowerWords(t) == Tokenizer.words(t).map(\.lower), "\(t)")
        }
    }

    /// Long runs of letters and digits (read 8 bytes at a time) broken at every offset by
    /// joiners, non-ASCII letters and separators, over texts of every length up to 120 bytes.
    @Test func lowerWordsMatchTokensAcrossBlockBoundaries() {
        let pieces = ["abcdefgh", "ABCDEFGHIJKLMNOPQRS", "x", "12345678901", "-", "'", "’", ".", "é", " ", "  ", ",", "日本", "_"]
        var rng = LinearCongruential(seed: 0x2545F4914F6CDD1D)
        for _ in 0..<3_000 {
            let t = rng.text(of: pieces, bytes: rng.below(120))
            #expect(Tokenizer.lowerWords(t) == Tokenizer.words(t).map(\.lower), "\(t)")
            var firsts: [UnicodeScalar] = []
            Tokenizer.forEachLowerWord(t) { _, first in firsts.append(first) }
            #expect(firsts == Tokenizer.words(t).map { $0.text.unicodeScalars.first! }, "\(t)")
        }
    }

    /// A word's hash is the same whether read from a padded scan buffer or from its own bytes.
    @Test func wordHashIsTheSameFromPaddedBuffers() {
        let words = ["", "a", "the", "abcdefg", "abcdefgh", "abcdefghi", "internationalisation", "théâtre"]
        for w in words {
            let bytes = Array(w.utf8)
            var padded = bytes + [0xAA, 0x55, 0xFF, 0x01, 0x02, 0x03, 0x04, 0x05]
            let a = bytes.withUnsafeBufferPointer { WordTable.hash($0) }
            let b = padded.withUnsafeMutableBufferPointer { WordTable.hash(padded: $0.baseAddress!, count: bytes.count) }
            #expect(a == b, "\(w)")
        }
        #expect(Set(words.map { w in Array(w.utf8).withUnsafeBufferPointer { WordTable.hash($0) } }).count == words.count)
    }

    @Test func languageEvidenceAddsUpLineByLine() {
        let lines = ["Il governo ha detto che la crescita è più lenta", "e per questo i prezzi sono alti nel paese"]
        var sum = LanguageIdentifier.Evidence()
        for l in lines {
            var e = LanguageIdentifier.Evidence()
            Tokenizer.forEachLowerWord(l) { lower, first in e.add(lower: lower, first: first) }
            sum.add(e)
        }
        let whole = lines.joined(separator: " ")
        #expect(LanguageIdentifier.identify(whole, evidence: sum) == LanguageIdentifier.identify(whole))
        #expect(LanguageIdentifier.identify(whole).language == "it")
    }

    @Test func asciiCheckSeesEveryByte() {
        #expect("plain ascii text, longer than eight bytes".isASCII)
        #expect("".isASCII)
        for k in 0..<20 {
            var s = String(repeating: "a", count: 20)
            s.insert("é", at: s.index(s.startIndex, offsetBy: k))
            #expect(!s.isASCII, "é at \(k)")
        }
    }

    @Test func scalarArrayDecodesEveryWidth() {
        let samples = ["", "plain", "£1.2bn for “Ünïcödé” — naïve café", "日本語のテキスト", "emoji 🎉👍🏽 and 𝔘",
                       "a\u{0301}e\u{0301}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"]
        for s in samples { #expect(s.scalarArray == Array(s.unicodeScalars), "\(s)") }
    }

    @Test func sentenceSplitterLowercasesAbbreviationsAsBefore() {
        func lowered(_ scalars: [UnicodeScalar], is word: StaticString) -> Bool {
            scalars.withUnsafeBufferPointer { LowerWord(ScalarArray(scalars: $0), 0..<scalars.count).equals(word) }
        }
        #expect(lowered(["D", "r"], is: "dr"))
        #expect(lowered(["É", "T", "É"], is: "été"))
        #expect(SentenceSplitter.sentences("Dr. Smith met Mr. Jones. They talked.") == ["Dr. Smith met Mr. Jones.", "They talked."])
    }
}
