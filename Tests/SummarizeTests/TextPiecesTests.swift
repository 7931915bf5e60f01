import Testing
import GalleyTestSupport
import GalleyText
@testable import SummarizeCore

/// The word pieces: Porter stems, tokens, stop words, numbers.
@Suite struct TextPiecesTests {
    /// Examples from Porter's 1980 paper, step by step, and a few news words.
    @Test(arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "ti"), ("caress", "caress"), ("cats", "cat"),
        ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"), ("motoring", "motor"),
        ("sing", "sing"), ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"),
        ("tanned", "tan"), ("falling", "fall"), ("hissing", "hiss"), ("fizzed", "fizz"), ("failing", "fail"),
        ("filing", "file"), ("happy", "happi"), ("sky", "sky"), ("relational", "relat"), ("conditional", "condit"),
        ("rational", "ration"), ("digitizer", "digit"), ("operator", "oper"), ("feudalism", "feudal"),
        ("decisiveness", "decis"), ("hopefulness", "hope"), ("callousness", "callous"), ("sensitiviti", "sensit"),
        ("triplicate", "triplic"), ("formative", "form"), ("formalize", "formal"), ("electrical", "electr"),
        ("hopeful", "hope"), ("goodness", "good"), ("revival", "reviv"), ("allowance", "allow"), ("inference", "infer"),
        ("airliner", "airlin"), ("adjustable", "adjust"), ("defensible", "defens"), ("irritant", "irrit"),
        ("replacement", "replac"), ("adjustment", "adjust"), ("dependent", "depend"), ("adoption", "adopt"),
        ("communism", "commun"), ("activate", "activ"), ("effective", "effect"), ("bowdlerize", "bowdler"),
        ("probate", "probat"), ("rate", "rate"), ("cease", "ceas"), ("controlling", "control"), ("roll", "roll"),
        ("generalizations", "gener"), ("layoffs", "layoff"), ("investing", "invest"), ("investment", "invest"),
        ("ai", "ai"), ("caf\u{E9}", "caf\u{E9}"),
    ])
    func porter(_ word: String, _ stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }

    @Test func perDocumentIDsStartAfreshForEachDocument() {
        var lex = Lexicon()
        lex.beginDocument()
        let a = lex.tokens("Layoffs at Meta, layoffs at Google")
        #expect(a.map(\.local) == [0, -1, 1, 0, -1, 2])
        lex.beginDocument()
        let b = lex.tokens("Google and Meta")
        #expect(b.map(\.local) == [0, -1, 1])
        #expect(b[0].word == a[5].word && lex.localCount == 2)
    }

    /// 70k distinct words in one text: the word and stem tables grow (twice) in the middle of
    /// a scan, and every id handed out before a growth still holds after it.
    @Test func tablesGrowMidTextAndKeepTheirIDs() {
        var lex = Lexicon()
        lex.beginDocument()
        let words = (0..<70_000).map { "w" + String($0, radix: 26) + "q" }
        let text = words.joined(separator: " ")
        let first = lex.tokens(text)
        #expect(first.count == words.count)
        // Counts, not the arrays, so that a failure does not print 70k tokens.
        #expect(first.indices.filter { first[$0].local != Int32($0) }.count == 0)
        #expect(Set(first.map(\.word)).count == words.count)
        let again = lex.tokens(text)
        #expect(again.count == first.count && zip(again, first).filter { $0 != $1 }.count == 0)
        for k in stride(from: 0, to: words.count, by: 6_999) {
            #expect(lex.wordText(first[k].word) == words[k])
            #expect(lex.tokens(words[k]) == [first[k]])
        }
    }

    @Test func tokensFollowGalleysWordRules() {
        var lex = Lexicon()
        let toks = lex.tokens("Meta\u{2019}s AI-driven layoffs don't spare U.S. staff: 20% cut, 16,000 jobs (2026).")
        #expect(toks.map { lex.wordText($0.word) } ==
            ["meta's", "ai-driven", "layoffs", "don't", "spare", "u.s", "staff", "20", "cut", "16", "000", "jobs", "2026"])
        #expect(toks.map(\.isStop) == [false, false, false, true, false, false, false, false, false, false, false, false, false])
        #expect(toks.map(\.isNumber) == [false, false, false, false, false, false, false, true, false, true, true, false, true])
        #expect(lex.stemText(toks[0].stem) == "meta")  // possessive dropped before stemming
        #expect(lex.stemText(toks[2].stem) == "layoff")
        // The same word in any case or apostrophe is one id; "layoff" shares the stem only.
        let again = lex.tokens("META'S Layoff")
        #expect(again[0].word == toks[0].word)
        #expect(again[1].word != toks[2].word && again[1].stem == toks[2].stem)
    }

    /// Words read 8 bytes at a time come out as Galley's tokenizer cuts them, at every length
    /// and offset, joined or not, long words cut at 64 bytes.
    @Test func wordsAcrossBlockBoundariesAndTheLengthLimit() {
        var lex = Lexicon()
        let pieces = ["abcdefgh", "ABCDEFGHIJKLMNOPQRS", "x", "1234567890", "-", "'", ".", " ", "  ", ",", "&", "_", "!"]
        var rng = LinearCongruential(seed: 0x51_7CC1_B727_220A)
        for _ in 0..<2_000 {
            let t = rng.text(of: pieces, bytes: rng.below(160))
            let expected = Tokenizer.words(t).map { String(decoding: $0.lower.utf8.prefix(64), as: UTF8.self) }
            #expect(lex.tokens(t).map { lex.wordText($0.word) } == expected, "\(t)")
        }
    }

    @Test func otherScriptsAndPunctuation() {
        var lex = Lexicon()
        #expect(lex.tokens("").isEmpty)
        #expect(lex.tokens(" \u{2014} \u{201C}!?\u{201D} ... ").isEmpty)
        #expect(lex.tokens("Zuckerberg \u{2014} na\u{EF}ve \u{4E2D}\u{6587} \u{1F600} ok").map { lex.wordText($0.word) } ==
            ["zuckerberg", "na\u{EF}ve", "\u{4E2D}\u{6587}", "ok"])
    }

    @Test func documentRowsAreSortedCountsOfContentTerms() {
        let doc = Document(sentences: ["The cut, the cut and the cuts in 2026.", "", "Nothing."], query: ["Cuts in 2026"])
        #expect(doc.count == 3)
        #expect(doc.wordCount == [9, 0, 1])
        // Words: "cut" twice, "cuts" once; the number is not a word term.
        #expect(Array(doc.words.tf[doc.words.row(0)]).sorted() == [1, 2])
        // Stems: "cut" three times, and the number.
        let stems = doc.stemVectors()
        #expect(Array(stems.tf[stems.row(0)]).sorted() == [1, 3])
        #expect(doc.words.row(1).isEmpty && doc.fingerprint[1] == 0)
        #expect(doc.queryStems.count == 2 && stems.queryTerms.count == 2)  // "cut" and "2026"; "in" is a stop word
        #expect(doc.contentCount == [4, 0, 1])
        for v in [doc.words, stems] {
            for i in 0..<doc.count {
                let r = Array(v.terms[v.row(i)])
                #expect(r == r.sorted() && Set(r).count == r.count)
            }
        }
    }
}
