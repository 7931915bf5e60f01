import Testing
@testable import GalleyJSON
@testable import GalleyReport

func fact(_ article: String, _ text: String, value: Double? = nil, low: Double? = nil, high: Double? = nil, unit: String = "percent",
          kind: String = "percent", qualifier: String = "exact", subject: String = "workforce reduction", entity: String = "Meta",
          period: String = "2026") -> Fact {
    Fact(articleID: article, articleTitle: article, source: "", published: nil, text: text, sentence: "", kind: kind, value: value,
         low: low, high: high, date: nil, unit: unit, qualifier: qualifier, subject: subject, entity: entity, period: period)
}

@Suite struct ReconcilerTests {
    /// Facts about nobody named are not grouped: two unnamed firms' profits are not one quantity.
    @Test func factsWithoutAnEntityAreNotGrouped() {
        #expect(Reconciler.groups([fact("a", "10%", value: 10, entity: ""), fact("b", "12%", value: 12, entity: "")]).isEmpty)
    }

    /// One sentence in two articles (a wire story run twice, a word changed) is one claim: a
    /// score's "19" is set against its copy, not against the "13" beside it.
    @Test func aSentenceInTwoArticlesIsOneClaim() {
        func f(_ article: String, _ text: String, _ v: Double, _ sentence: String) -> Fact {
            var x = fact(article, text, value: v, unit: "", kind: "number")
            x.sentence = sentence
            return x
        }
        let said = "Robinson said he was livid after Sunday's 19-13 loss to Ireland."
        let insisted = "Robinson insisted he was livid after Sunday's 19-13 loss to Ireland."
        let g = Reconciler.groups([f("a", "19", 19, said), f("a", "13", 13, said), f("b", "19", 19, insisted), f("b", "13", 13, insisted)])
        // Two copies of one story are one source: no group at all (it read as two agreeing).
        #expect(g.isEmpty, "\(g.map(\.explanation))")
        // A third, independent account of the same figure makes a group.
        let third = "Ireland's 19-point haul on Sunday, a result that stunned the coach, came in Dublin."
        let h = Reconciler.groups([f("a", "19", 19, said), f("b", "19", 19, insisted), f("c", "19", 19, third)])
        #expect(h.map(\.verdict) == [.agreeing], "\(h.map(\.explanation))")
        #expect(Reconciler.sameSentence(said, insisted) && !Reconciler.sameSentence(said, "Ireland won 19-13 in Dublin on Sunday."))
    }

    @Test func equalPointsAgree() {
        let g = Reconciler.groups([fact("a", "20%", value: 20), fact("b", "20 percent", value: 20)])
        #expect(g.count == 1 && g[0].verdict == .agreeing)
    }

    @Test func aRangeOrBoundContainingAPointIsCompatible() {
        #expect(Reconciler.groups([fact("a", "14%", value: 14), fact("b", "13% - 15%", low: 13, high: 15, kind: "range")])[0].verdict == .compatible)
        #expect(Reconciler.groups([fact("a", "20%", value: 20), fact("b", "20% or more", value: 20, qualifier: "at_least")])[0].verdict == .compatible)
        #expect(Reconciler.groups([fact("a", "about 1,000", value: 1000, unit: "jobs", kind: "quantity", qualifier: "approx"),
                                   fact("b", "1,050 employees", value: 1050, unit: "employees", kind: "quantity")])[0].verdict == .compatible)
    }

    @Test func disjointValuesConflict() {
        let g = Reconciler.groups([fact("a", "16,000 employees", value: 16000, unit: "employees", kind: "quantity", qualifier: "approx"),
                                   fact("b", "nearly 1,000 employees", value: 1000, unit: "employees", kind: "quantity", qualifier: "approx"),
                                   fact("c", "20%", value: 20)])
        #expect(g[0].verdict == .conflicting)
        #expect(g[0].explanation.contains("people"))
        #expect(Reconciler.groups([fact("a", "more than 20%", value: 20, qualifier: "at_least"), fact("b", "up to 10%", value: 10, qualifier: "at_most")])[0].verdict == .conflicting)
    }

    /// A figure is as precise as it is written: "$27bn" is any of $26.5bn-$27.5bn, so "$27.5bn"
    /// may be the same figure; "$33.5bn" and "$35bn" are not, nor "2%" (which may be exact) and
    /// "1.6%", nor two figures of the same precision a rounding step apart.
    @Test func twoRoundingsOfOneFigureAreCompatible() {
        func verdict(_ a: String, _ x: Double, _ b: String, _ y: Double, unit: String = "USD", kind: String = "money") -> FactGroup.Verdict? {
            Reconciler.groups([fact("a", a, value: x, unit: unit, kind: kind), fact("b", b, value: y, unit: unit, kind: kind)]).first?.verdict
        }
        #expect(verdict("$27.5bn", 27.5e9, "$27bn", 27e9) == .compatible)
        #expect(verdict("$9.3bn", 9.3e9, "$9.4bn", 9.4e9) == .conflicting, "9.35 rounds to 9.4 alone")
        #expect(verdict("£12m", 12e6, "£13m", 13e6, unit: "GBP") == .conflicting)
        #expect(verdict("$9.3bn", 9.3e9, "$9.5bn", 9.5e9) == .conflicting)
        #expect(verdict("£35bn", 35e9, "£33.5bn", 33.5e9, unit: "GBP") == .conflicting)
        #expect(verdict("2%", 2, "1.6%", 1.6, unit: "percent", kind: "percent") == .conflicting)
        #expect(verdict("$2bn", 2e9, "$2.04bn", 2.04e9) == .conflicting, "one significant digit: the figure may be exact")
        #expect(verdict("16,000 jobs", 16000, "15,700 jobs", 15700, unit: "jobs", kind: "quantity") == .compatible)
        #expect(verdict("16,000 jobs", 16000, "15,400 jobs", 15400, unit: "jobs", kind: "quantity") == .conflicting)
        #expect(verdict("$1.13bn", 1.13e9, "$1.1bn", 1.1e9) == .compatible, "two significant digits, whatever the first")
        #expect(verdict("$1.46bn", 1.46e9, "$1.5bn", 1.5e9) == .compatible)
        #expect(verdict("1,000 jobs", 1000, "1,040 jobs", 1040, unit: "jobs", kind: "quantity") == .conflicting)
        #expect(verdict("$27bn", 27e9, "$27bn", 27e9) == .agreeing)
        #expect(Fact.halfUnit(of: "$27.5bn", value: 27.5e9) == 0.05e9)
        #expect(Fact.halfUnit(of: "16,000 employees", value: 16000) == 500)
        #expect(Fact.halfUnit(of: "1,250.", value: 1250) == 5, "a full stop after the figure is no decimal point")
        #expect(Fact.halfUnit(of: "hundreds", value: 100) == nil)
    }

    /// Figures a hundred times apart are different quantities under one label (a price and a
    /// total), shown side by side and said to be; sixteen times apart is still a conflict.
    @Test func figuresOrdersOfMagnitudeApartAreDifferentQuantities() {
        let g = Reconciler.groups([fact("a", "$850m", value: 850e6, unit: "USD", kind: "money", subject: "price"),
                                   fact("b", "$50", value: 50, unit: "USD", kind: "money", subject: "price")])
        #expect(g.first?.verdict == .incomparable)
        #expect(g.first?.explanation.contains("100 times apart") == true, "\(g.first?.explanation ?? "")")
        let h = Reconciler.groups([fact("a", "16,000 employees", value: 16000, unit: "employees", kind: "quantity"),
                                   fact("b", "1,000 employees", value: 1000, unit: "employees", kind: "quantity"),
                                   fact("c", "$50", value: 50, unit: "USD", kind: "money")])
        #expect(h.first?.verdict == .conflicting)
        // The same digits at another scale: a mistaken "m" for "bn" is a conflict to show.
        let scale = Reconciler.groups([fact("a", "$1.13bn", value: 1.13e9, unit: "USD", kind: "money", subject: "price"),
                                       fact("b", "$1.13m", value: 1.13e6, unit: "USD", kind: "money", subject: "price")])
        #expect(scale.first?.verdict == .conflicting)
        #expect(Fact.significantDigits("16000") == 2 && Fact.significantDigits("27.5") == 3 && Fact.significantDigits("0.05") == 1)
    }

    /// "36% of users" and "50% of users" are shares doing different things: not grouped. A
    /// share with a subject of its own still is.
    @Test func sharesOfAGroupOfPeopleAreNotGrouped() {
        #expect(Reconciler.groups([fact("a", "36%", value: 36, subject: "users", entity: "UK"),
                                   fact("b", "50%", value: 50, subject: "users", entity: "UK")]).isEmpty)
        #expect(Reconciler.groups([fact("a", "36%", value: 36, subject: "market share", entity: "UK"),
                                   fact("b", "50%", value: 50, subject: "market share", entity: "UK")]).first?.verdict == .conflicting)
    }

    /// Figures given place by place are compared place by place, and the title says where.
    @Test func figuresGivenByPlaceAreComparedPlaceByPlace() {
        var europeA = fact("a", "4%", value: 4, subject: "revenue", entity: "Unilever"), asiaA = fact("a", "9%", value: 9, subject: "revenue", entity: "Unilever")
        var europeB = fact("b", "4%", value: 4, subject: "revenue", entity: "Unilever")
        europeA.place = "Europe"; asiaA.place = "Asia"; europeB.place = "Europe"
        let g = Reconciler.groups([europeA, asiaA, europeB])
        #expect(g.count == 1 && g[0].verdict == .agreeing && g[0].title == "Unilever revenue in Europe, 2026", "\(g.map(\.title))")
    }

    /// An amount restated in another currency in brackets is no claim of its own.
    @Test func currencyConversionsAreNotCompared() {
        var pounds = fact("a", "£292,000", value: 292_000, unit: "GBP", kind: "money", subject: "fine")
        pounds.isConversion = true
        let other = fact("b", "£266,582", value: 266_582, unit: "GBP", kind: "money", subject: "fine")
        #expect(Reconciler.groups([pounds, other]).isEmpty)
        pounds.isConversion = false
        #expect(Reconciler.groups([pounds, other]).first?.verdict == .conflicting)
    }

    @Test func differentMeasuresAreShownSideBySide() {
        let g = Reconciler.groups([fact("a", "20,000 jobs", value: 20000, unit: "jobs", kind: "quantity", period: "2023"),
                                   fact("b", "13% - 15%", low: 13, high: 15, kind: "range", period: "2023")])
        #expect(g[0].verdict == .incomparable && g[0].title == "Meta workforce reduction, 2023")
        let plain = Reconciler.groups([fact("a", "7,000", value: 7000, unit: "", kind: "number"), fact("b", "5%", value: 5)])
        #expect(plain.first?.explanation.contains("(count, percent)") == true, "\(plain.first?.explanation ?? "")")
    }

    @Test func groupsNeedTwoArticlesAndTheSameSubjectEntityAndPeriod() {
        #expect(Reconciler.groups([fact("a", "20%", value: 20), fact("a", "30%", value: 30)]).isEmpty)
        #expect(Reconciler.groups([fact("a", "20%", value: 20), fact("b", "20%", value: 20, entity: "Amazon")]).isEmpty)
        #expect(Reconciler.groups([fact("a", "20%", value: 20), fact("b", "20%", value: 20, period: "2023")]).isEmpty)
        #expect(Reconciler.groups([fact("a", "20%", value: 20), fact("b", "20%", value: 20, subject: "")]).isEmpty)
    }

    @Test func undatedArticlesJoinTheLatestPeriod() {
        let g = Reconciler.groups([fact("a", "20%", value: 20, period: "2023"), fact("b", "20%", value: 20, period: "2026"),
                                   fact("c", "nearly 20%", value: 20, qualifier: "approx", period: "")])
        #expect(g.count == 1 && g[0].period == "2026" && Set(g[0].facts.map(\.articleID)) == ["b", "c"])
    }

    @Test func repeatedClaimsCountOnceAndChangesDoNotDoubleTheirAmounts() {
        let g = Reconciler.groups([fact("a", "20%", value: 20), fact("a", "20%", value: 20), fact("a", "cut 20%", value: 20, kind: "change"),
                                   fact("b", "20%", value: 20)])
        #expect(g[0].facts.count == 2)
    }

    @Test func conflictsSortFirst() {
        let g = Reconciler.groups([fact("a", "1%", value: 1, subject: "x"), fact("b", "1%", value: 1, subject: "x"),
                                   fact("a", "5%", value: 5, subject: "y"), fact("b", "50%", value: 50, subject: "y")])
        #expect(g.map(\.verdict) == [.conflicting, .agreeing])
    }
}

@Suite struct FactReaderTests {
    static let article: JSONValue = try! JSONParser.parse(#"""
    {"id":"t","title":"T","published":null,
     "text":"Meta cut 20% of staff in 2026.\n\nFeature\t2023 plan\t2026 plan\n\nMagnitude\t13% - 15%\t20% or more",
     "paragraphs":[{"text":"Meta cut 20% of staff in 2026.","kind":"paragraph","start":0,"end":30},
                   {"text":"Feature\t2023 plan\t2026 plan","kind":"table_row","start":32,"end":58},
                   {"text":"Magnitude\t13% - 15%\t20% or more","kind":"table_row","start":60,"end":91}],
     "sentences":[{"text":"Meta cut 20% of staff in 2026.","paragraph":0,"kind":"paragraph","start":0,"end":30},
                  {"text":"Feature\t2023 plan\t2026 plan","paragraph":1,"kind":"table_row","start":32,"end":58},
                  {"text":"Magnitude\t13% - 15%\t20% or more","paragraph":2,"kind":"table_row","start":60,"end":91}],
     "tables":[{"rows":[["Feature","2023 plan","2026 plan"],["Magnitude","13% - 15%","20% or more"]],"header":true,"paragraphs":[1,2]}],
     "analyses":{"metrics":[
        {"text":"20%","start":9,"end":12,"kind":"percent","value":20,"unit":"percent","qualifier":"exact","subject":"workforce reduction","entity":"Meta","sentence":0},
        {"text":"2026","start":25,"end":29,"kind":"date","value":"2026","unit":null,"qualifier":"exact","subject":null,"entity":null,"sentence":0},
        {"text":"13% - 15%","start":70,"end":79,"kind":"range","value":[13,15],"unit":"percent","qualifier":"exact","subject":"magnitude","entity":null,"sentence":2},
        {"text":"20%","start":80,"end":83,"kind":"percent","value":20,"unit":"percent","qualifier":"at_least","subject":"magnitude","entity":null,"sentence":2}]}}
    """#)

    @Test func tableCellsTakeTheirColumnYearAndTheArticlesSubject() {
        let facts = FactReader.facts(in: Self.article)
        #expect(facts.count == 4)
        #expect(facts[0].period == "2026", "the sentence states 2026")
        #expect(facts[2].period == "2023" && facts[2].low == 13 && facts[2].high == 15)
        #expect(facts[3].period == "2026")
        #expect(facts[2].subject == "workforce reduction" && facts[2].entity == "Meta")
    }

    @Test func aConversionIsReadAsOne() throws {
        let a = try JSONParser.parse(#"""
        {"id":"c","title":"C","published":"2005-01-02","analyses":{"metrics":[
            {"text":"$550,000","start":0,"end":8,"kind":"money","value":550000,"currency":"USD","qualifier":"exact","subject":"fine","entity":"CBS","sentence":0},
            {"text":"£292,000","start":10,"end":18,"kind":"money","value":292000,"currency":"GBP","qualifier":"exact","subject":"fine","entity":"CBS","sentence":0,"conversion":true}]}}
        """#)
        #expect(FactReader.facts(in: a).map(\.isConversion) == [false, true])
    }

    @Test func aRangesEndIsNotAClaimOfItsOwn() throws {
        let a = try JSONParser.parse(#"""
        {"id":"r","title":"R","published":"2026-01-02","sentences":[{"text":"Retirement at 40 - 50 years old began.","paragraph":0,"kind":"paragraph","start":0,"end":35}],
         "analyses":{"metrics":[
            {"text":"40 - 50 years old","start":11,"end":28,"kind":"range","value":[40,50],"unit":"years old","qualifier":"exact","subject":"retirement age","entity":"Meta","sentence":0},
            {"text":"50 years old","start":16,"end":28,"kind":"quantity","value":50,"unit":"years old","qualifier":"exact","subject":"retirement age","entity":"Meta","sentence":0}]}}
        """#)
        let facts = FactReader.facts(in: a)
        #expect(facts.map(\.kind) == ["range"])
        // Another article's 45 agrees with the range; the dropped end would have conflicted.
        var other = facts[0]
        other.articleID = "s"; other.kind = "quantity"; other.low = nil; other.high = nil; other.value = 45
        other.sentence = "Most retire at 45."
        #expect(Reconciler.groups(facts + [other]).map(\.verdict) == [.compatible])
    }

    /// Not every shared subject is one quantity: a count named by its noun (households,
    /// users), an age or a day's move differ from case to case and are not set against each other.
    @Test func countsAgesAndMovesAreNotGroupedAsClaims() {
        let households = [fact("a", "14 million households", value: 14e6, unit: "households", kind: "quantity", subject: "households", entity: "UK"),
                          fact("b", "8 million households", value: 8e6, unit: "households", kind: "quantity", subject: "households", entity: "UK")]
        #expect(Reconciler.groups(households).isEmpty)
        let ages = [fact("a", "30-year-old", value: 30, unit: "years old", kind: "quantity", subject: "age", entity: "England"),
                    fact("b", "32-year-old", value: 32, unit: "years old", kind: "quantity", subject: "age", entity: "England")]
        #expect(Reconciler.groups(ages).isEmpty)
        let cuts = [fact("a", "20%", value: 20), fact("b", "10%", value: 10)]
        #expect(Reconciler.groups(cuts).map(\.verdict) == [.conflicting])
    }

    @Test func rowsAndCSVEscaping() {
        #expect(CSV.line(["a", "b,c", "say \"hi\"", "x\ny"]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n")
        #expect(CSV.number(20) == "20" && CSV.number(0.5) == "0.5" && CSV.number(nil) == "")
        #expect(HTMLReport.escape("<b>&\"'</b>") == "&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;")
    }

    /// Text from hostile pages: no formula a spreadsheet would run, no raw HTML in report.md.
    @Test func hostileTextIsNeutralised() {
        #expect(CSV.field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSV.field("+cmd") == "'+cmd" && CSV.field("@sum") == "'@sum")
        #expect(CSV.field("-5") == "-5" && CSV.field("-0.25") == "-0.25", "numbers stay numbers")
        #expect(MarkdownReport.cell("<script>alert(1)</script> | x") == "&lt;script&gt;alert(1)&lt;/script&gt; \\| x")
    }
}

/// Article text is shown, never obeyed: no control sequence reaches a terminal or a file, a
/// title stays one Markdown row and plain text, and every article keeps its own link target.
@Suite struct ReportTextTests {
    static let hostile = "Evil \u{1B}[2J\u{1B}]0;pwned\u{07} *title* [x](http://y)\r\nnext"

    @Test func controlCharactersAreShownNotSent() {
        #expect(ReportText.visible("a\u{1B}[31mb\u{00}c\u{9B}d") == "a\\x1b[31mb\\x00c\\x9bd")
        #expect(ReportText.visible("tab\tand\nline", keepNewlines: true) == "tab\tand\nline")
        let rendered = [MarkdownReport.cell(Self.hostile), HTMLReport.escape(Self.hostile), CSV.field(Self.hostile)]
        for r in rendered { #expect(!r.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(r)") }
    }

    @Test func aMarkdownCellIsOneLineOfText() {
        let cell = MarkdownReport.cell(Self.hostile)
        #expect(!cell.contains("\r") && !cell.contains("\n"))
        #expect(cell.contains("\\*title\\*") && cell.contains("\\[x\\](http://y)"), "\(cell)")
        #expect(MarkdownReport.cell("a | b") == "a \\| b")
    }

    @Test func linkTargetsDifferForDifferentIds() {
        #expect(HTMLReport.anchor("x 1") != HTMLReport.anchor("x-1"))
        #expect(HTMLReport.anchor("x 1") == HTMLReport.anchor("x 1"))
    }
}

/// The timeline shows calendar dates only, spread over the whole corpus, and says what it left out.
@Suite struct TimelineTests {
    @Test func onlyCalendarDatesOfOurCenturies() {
        for d in ["2024", "2024-03", "2024-03-05", "2024-10/2024-12", "2023/2026"] { #expect(ReportAccumulator.isCalendarDate(d), "\(d)") }
        for d in ["P3M", "XXXX-03", "end+0", "1405", "../2026-03", "2024x"] { #expect(!ReportAccumulator.isCalendarDate(d), "\(d)") }
    }

    @Test func aLongTimelineIsSampledEvenlyAndSaysSo() {
        #expect(ReportSampling.evenly(Array(0..<10), limit: 4) == [0, 3, 6, 9])
        #expect(ReportSampling.evenly(Array(0..<3), limit: 4) == [0, 1, 2])
        let facts = (0..<1000).map { k in fact("a\(k)", "x", kind: "date").withDate(String(format: "20%02d-01-01", k % 100)) }
        let md = MarkdownReport.timeline(facts, total: 1000)
        #expect(md.contains("400 of 1000 dated facts"), "\(md.prefix(300))")
        #expect(md.contains("| 2000-01-01 |") && md.contains("| 2099-01-01 |"))
    }

    /// Past its cap the timeline is a sample of the whole corpus, not its first articles.
    @Test func theTimelineSamplesTheWholeCorpus() throws {
        let acc = ReportAccumulator(maximumTimeline: 50)
        for k in 0..<1000 {
            let article = try JSONParser.parse(#"{"id":"a\#(k)","title":"T","analyses":{"metrics":[{"text":"in \#(1900 + k / 10)","kind":"date","value":"\#(1900 + k / 10)","sentence":0}]}}"#)
            _ = acc.add(article)
        }
        #expect(acc.datedFacts == 1000 && acc.timeline.count == 50)
        let late = acc.timeline.filter { ($0.date.flatMap { Int($0) } ?? 0) >= 1950 }.count
        #expect(late >= 10 && late <= 40, "\(late) of 50 from the second half")
    }
}

extension Fact {
    func withDate(_ d: String) -> Fact { var f = self; f.date = d; return f }
}

/// A long quote is cut at a word's end with an ellipsis (it was cut mid-word, "previously sl").
@Suite struct QuoteTests {
    @Test func longQuotesEndAtAWordWithAnEllipsis() {
        let sentence = String(repeating: "Meta trimmed layers, ", count: 11) + "and pushed up its previously sluggish stock price."
        let q = ReportText.quote(sentence)
        #expect(q.count <= 241 && q.hasSuffix("…") && !q.hasSuffix(",…") && !q.hasSuffix(" …"), "\(q)")
        #expect(sentence.hasPrefix(String(q.dropLast())))
        let cutWord = q.dropLast().split(separator: " ").last.map(String.init) ?? ""
        #expect(sentence.split(separator: " ").map { String($0).trimmingCharacters(in: .punctuationCharacters) }.contains(cutWord.trimmingCharacters(in: .punctuationCharacters)))
        #expect(ReportText.quote("Short.") == "Short.")
    }
}

/// The terminal digest lists an article's distinct figures: one figure said in other words is
/// listed once, and a bare count named by its noun ("billions of people") not at all.
@Suite struct DigestTests {
    @Test func aFigureSaidInOtherWordsIsListedOnce() throws {
        let article = try JSONParser.parse(Array(#"""
            {"id":"a","title":"Meta cuts","sentences":[],"analyses":{"metrics":[
              {"kind":"quantity","text":"1,000 employees","value":1000,"unit":"employees","subject":"workforce reduction","entity":"Meta"},
              {"kind":"quantity","text":"a thousand jobs","value":1000,"unit":"jobs","subject":"workforce reduction","entity":"Meta"},
              {"kind":"quantity","text":"billions of people","value":2000000000,"unit":"people","subject":"people","entity":"Meta"},
              {"kind":"percent","text":"20%","value":20,"unit":"percent","subject":"workforce reduction","entity":"Meta"}]}}
            """#.utf8))
        let facts = Digest.render(article).split(separator: "\n").first { $0.contains("Facts:") }.map(String.init) ?? ""
        #expect(facts.contains("1,000 employees") && !facts.contains("a thousand jobs"), "\(facts)")
        #expect(!facts.contains("billions of people") && facts.contains("20%"), "\(facts)")
    }
}
