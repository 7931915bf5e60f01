import GalleyJSON
import Testing
@testable import MetricsCore

@Suite struct CompositionTests {
    @Test(arguments: [
        ("Approximately 13% - 15%", 13.0, 15.0, "percent"), ("between 20 and 30", 20, 30, nil), ("5k-20k", 5000, 20000, nil),
        ("3-4%", 3, 4, "percent"), ("1000 – 5000", 1000, 5000, nil), ("from 200 to 3000000", 200, 3000000, nil),
        ("between negative ten and fifteen", -10, 15, nil), ("larger than 10 and smaller than 20", 10, 20, nil),
        ("no more than 50 and no less than 20", 20, 50, nil), ("$5-10 million", 5e6, 1e7, nil),
        ("He is about 40 - 50 years old.", 40, 50, "year"),
    ])
    func ranges(_ text: String, _ low: Double, _ high: Double, _ unit: String?) {
        let items = metrics(text).filter { $0.kind == .range }
        #expect(items.count == 1, "\(text): \(metrics(text).map(\.text))")
        #expect(items.first?.range?.0 == low && items.first?.range?.1 == high, "\(text): \(String(describing: items.first?.range))")
        if let unit { #expect(items.first?.unit == unit) }
    }

    @Test func aRangesUnitBearingEndIsAlsoAnAmount() {
        let m = metrics("He is about 40 - 50 years old.")
        #expect(m.map(\.kind) == [.range, .quantity], "\(m.map(\.text))")
        #expect(m.last?.text == "50 years old" && m.last?.unit == "year")
        // A bare number range has no amount to repeat.
        #expect(metrics("between 20 and 30").map(\.kind) == [.range])
    }

    @Test func moveBetweenTwoAmounts() {
        let text = "a sharp decline (from a peak near $126k in Oct 2025 to briefly under $61k in Feb 2026)"
        let m = metrics(text)
        let r = m.first { $0.kind == .range }
        #expect(r?.text == "from a peak near $126k in Oct 2025 to briefly under $61k")
        #expect(r?.range?.0 == 61000 && r?.range?.1 == 126000)
        #expect(r?.currency == "USD")
        #expect(r?.direction == "down")
        // The dates inside stay facts of their own.
        #expect(item(m, "Oct 2025")?.iso == "2025-10")
        #expect(item(m, "Feb 2026")?.iso == "2026-02")
    }

    @Test(arguments: [
        ("about 2%", Qualifier.approx), ("approximately 16,000 employees", .approx), ("nearly 1,000 employees", .approx), ("~50%", .approx),
        ("more than 20,000 jobs", .atLeast), ("20% or more", .atLeast), ("over 100 stores", .atLeast), ("at least 5 km", .atLeast),
        ("up to 30%", .atMost), ("under $61k", .atMost), ("less than 15 %", .atMost), ("20,000-plus workers", .atLeast), ("5%", .exact),
    ])
    func qualifiers(_ text: String, _ q: Qualifier) {
        let items = metrics(text).filter { $0.kind != .change }
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.qualifier == q, "\(text): \(String(describing: items.first?.qualifier))")
    }

    @Test(arguments: [
        ("the stock rising about 2% in early trading", "rising about 2%", "up"), ("the company cut more than 20,000 jobs", "cut more than 20,000 jobs", "down"),
        ("headcount reduced by 20% or more", "reduced by 20%", "down"), ("plans to lay off 20% of its workforce", "lay off 20%", "down"),
        ("shares were down 34 cents", "down 34 cents", "down"), ("a 20% cut", "20% cut", "down"), ("revenue grew 12% last year", "grew 12%", "up"),
    ])
    func changes(_ text: String, _ span: String, _ direction: String) {
        let c = metrics(text).filter { $0.kind == .change }
        #expect(c.count == 1, "\(text): \(c.map(\.text))")
        #expect(c.first?.text == span)
        #expect(c.first?.direction == direction)
    }

    @Test func subjectsAndEntities() {
        let text = """
        Meta plans to lay off 20% of its workforce (approximately 16,000 employees). Investors cheered Meta's plan, with the company's stock rising about 2% on Monday. Bitcoin's market cap is ~$1.4 trillion versus gold's ~$20 trillion. Meta's revenue per employee rose 8% last year.
        """
        let m = metrics(text, published: "2026-03-17")
        #expect(item(m, "20%", .percent)?.subject == "workforce reduction")
        #expect(item(m, "16,000 employees")?.subject == "workforce reduction")
        #expect(item(m, "2%", .percent)?.subject == "stock move")
        #expect(item(m, "2%", .percent)?.entity == "Meta")
        #expect(item(m, "$1.4 trillion")?.subject == "market cap")
        #expect(item(m, "$1.4 trillion")?.entity == "Bitcoin")
        #expect(item(m, "8%", .percent)?.subject == "revenue per employee")
        #expect(item(m, "20%", .percent)?.sentence == 0)
        #expect(item(m, "2%", .percent)?.sentence == 1)
    }

    /// A brief whose company is only ever its sentences' first word still names it ("Meta
    /// said ..."; entity was null); a plural common noun there does not ("Analysts said").
    @Test func aNameThatOnlyStartsSentencesIsStillAName() {
        let m = metrics("Meta said it would cut 6,000 jobs. Meta employs 70,000 people. Analysts said 5% of staff would go.")
        #expect(item(m, "6,000 jobs")?.entity == "Meta")
        #expect(item(m, "70,000 people")?.entity == "Meta")
        #expect(item(m, "5%", .percent)?.entity != "Analysts")
        // What companies do names them too; a noun before "plans" does not.
        #expect(item(metrics("Boeing laid off 17,000 workers."), "17,000 workers", .quantity)?.entity == "Boeing")
        #expect(item(metrics("Government plans to cut 5,000 jobs."), "5,000 jobs", .quantity)?.entity == nil)
    }

    /// "a third term", "a fifth title": an ordinal before its noun, not a share (24 BBC items
    /// were a third, 0.333); shares stay shares ("by a third last year", "a quarter percentage point").
    @Test func anOrdinalBeforeItsNounIsNoShare() {
        #expect(item(metrics("Labour launched its bid for a third term."), "third", .ordinal)?.number == 3)
        #expect(!metrics("He won a fifth title.").contains { $0.number == 0.2 })
        #expect(item(metrics("Prices rose by a third last year."), "a third")?.number.map { abs($0 - 1.0 / 3) < 1e-9 } == true)
        #expect(item(metrics("A third of staff will go."), "A third")?.number.map { abs($0 - 1.0 / 3) < 1e-9 } == true)
        #expect(metrics("Rates rose by a quarter percentage point.").contains { $0.text.contains("a quarter percentage point") })
    }

    /// "New" opens a place's name: "New York", not "York" (a stop word, it was dropped).
    @Test func newOpensAPlaceName() {
        let m = metrics("It blamed an $850m payout to settle a lawsuit brought by New York attorney general Eliot Spitzer.")
        #expect(item(m, "$850m", .money)?.entity == "New York", "\(m.map { ($0.text, $0.entity) })")
        #expect(item(metrics("New rules will cut 500 jobs at Acme."), "500 jobs", .quantity)?.entity == "Acme")
        // At a sentence's start too, for the places "New" names (it left "York").
        #expect(item(metrics("New York's economy grew 3%."), "3%", .percent)?.entity == "New York")
        #expect(item(metrics("New EU rules cut costs by 5%."), "5%", .percent)?.entity == "EU")
    }

    /// A measure named by a line's first word counts too ("Shares slumped 12%" at the start of
    /// a text had no subject; "The shares slumped 12%" did).
    @Test func aMeasureAtTheStartOfALineIsSeen() {
        #expect(item(metrics("Shares slumped 12% on Monday."), "12%", .percent)?.subject == "stock move")
        #expect(item(metrics("Intro line here.\nRevenue fell 5% as costs rose."), "5%", .percent)?.subject == "revenue")
    }

    /// Fines and penalties are what they are, not deal values.
    @Test func finesAreFines() {
        #expect(item(metrics("The firm paid €500,000 in fines."), "€500,000", .money)?.subject == "fine")
        #expect(item(metrics("Regulators imposed a $2m penalty."), "$2m", .money)?.subject == "fine")
        // The verb says so too (it had no subject).
        #expect(item(metrics("The firm was fined £26m by the regulator."), "£26m", .money)?.subject == "fine")
        #expect(item(metrics("Regulators fined the bank £26m on Monday."), "£26m", .money)?.subject == "fine")
        #expect(item(metrics("The bank, which was fined last year, made profits of £2bn."), "£2bn", .money)?.subject == "profit")
        // Right before the amount, the verb wins over the clause's other measures; a penalty
        // in a match is no fine (scores were "fine").
        #expect(item(metrics("Barclays, which made profits of £2bn last year, was fined £26m."), "£26m", .money)?.subject == "fine")
        #expect(item(metrics("The club was fined a record $550,000."), "$550,000", .money)?.subject == "fine")
        #expect(item(metrics("He landed a penalty to make it 19-8."), "19")?.subject != "fine")
        // Nor is the adjective a measure of the people counted after it.
        #expect(item(metrics("The weather was fine and 300 people attended."), "300 people", .quantity)?.subject == "people")
        #expect(item(metrics("Staff said the plan was fine, but 40 employees will lose their jobs."), "40 employees", .quantity)?.subject == "workforce reduction")
        // Losing something else is no cut.
        #expect(item(metrics("Up to 100,000 people could lose power during the storm."), "100,000 people", .quantity)?.subject != "workforce reduction")
    }

    @Test func jsonShape() throws {
        let m = metrics("Revenue rose between 13% and 15% to $5 billion in Q1 2025.", published: "2025-05-01")
        let objects = m.map(\.json)
        for o in objects {
            let keys = o.objectValue!.keys
            #expect(Array(keys.prefix(5)) == ["text", "start", "end", "kind", "value"], "\(keys)")
            #expect(keys.contains("unit") != keys.contains("currency"))
            for k in ["qualifier", "subject", "entity", "sentence"] { #expect(keys.contains(k), "\(k) in \(keys)") }
        }
        let r = try #require(objects.first { $0["kind"]?.stringValue == "range" })
        #expect(r["value"] == [13, 15])
        let money = try #require(objects.first { $0["kind"]?.stringValue == "money" })
        #expect(money["currency"]?.stringValue == "USD" && money["value"]?.doubleValue == 5e9)
        let date = try #require(objects.first { $0["kind"]?.stringValue == "date" })
        #expect(date["value"]?.stringValue == "2025-01/2025-03")
        // Offsets are Unicode scalars into the text.
        let text = "Coût: 5 € — “about 20%” of 16,000 employés"
        let scalars = Array(text.unicodeScalars)
        for item in metrics(text) {
            #expect(String(String.UnicodeScalarView(scalars[item.start..<item.end])) == item.text)
        }
    }
}

@Suite struct ChangeVersusRangeTests {
    /// After a verb of change, "X to Y" with units on both ends is a move of X reaching Y.
    @Test(arguments: [
        ("Shares rose 30 dollars to 120 dollars.", 30.0, 120.0, "up"),
        ("Unemployment fell 0.5% to 3.4% in May.", 0.5, 3.4, "down"),
        ("The price was raised by about $5 to $20.", 5, 20, "up"),
    ])
    func moveAndLevelAreTwoFacts(_ text: String, _ change: Double, _ level: Double, _ direction: String) {
        let m = metrics(text)
        #expect(!m.contains { $0.kind == .range }, "\(text): \(m.map(\.text))")
        let c = m.first { $0.kind == .change }
        #expect(c?.number == change && c?.direction == direction, "\(text): \(m.map { "\($0.kind) \($0.text) \(String(describing: $0.number))" })")
        #expect(m.contains { $0.kind != .change && $0.number == level }, "\(text): \(m.map(\.text))")
    }

    @Test(arguments: ["Prices rose 5 to 10 percent.", "estimates of 30 dollars to 120 dollars", "from 2% to 3.4%"])
    func otherToPairsStayRanges(_ text: String) {
        #expect(metrics(text).contains { $0.kind == .range || ($0.kind == .change && $0.range != nil) }, "\(text): \(metrics(text).map(\.text))")
    }
}

@Suite struct SentenceReachTests {
    /// A text with no sentence breaks is one sentence; the words read around a figure stop
    /// `sentenceReach` tokens either side of it, so that each figure costs the same however
    /// long the text (all of it was read per figure: quadratic, 6 s for 160,000 words).
    @Test func sentenceWordsStopAtTheReach() {
        let filler = Array(repeating: "and the market", count: 150).joined(separator: " ")
        let t = TokenText("Some 500 employees \(filler) layoffs \(filler) redundancies")
        t.sentenceOf = [Int](repeating: 0, count: t.count)
        let figure = t.tokens.firstIndex { $0.lower == "500" }!
        let near = Subjects.sentenceWords(around: figure, t)
        #expect(near.contains("employees") && near.contains("market"))
        #expect(!near.contains("layoffs"), "450 tokens on: past the reach")
        // A sentence shorter than the reach is read whole, both sides of the figure.
        let middle = t.tokens.firstIndex { $0.lower == "layoffs" }!
        let short = TokenText("Staff cuts: 500 employees go, says the firm")
        short.sentenceOf = [Int](repeating: 0, count: short.count)
        #expect(Subjects.sentenceWords(around: 2, short) == Set(short.tokens.map(\.lower)))
        #expect(Subjects.sentenceWords(around: middle, t).count == 4, "and, the, market, layoffs")
    }

    /// A figure's entity is looked for among the names near it, not all of a sentence's: a
    /// text with no breaks and many names was quadratic (300,000 words took 23 s).
    @Test func entitiesAreFoundNearTheFigure() {
        let names = ["Meta", "Apple", "Google", "Amazon", "Oracle"]
        let text = "Reports came in" + (1...400).map { " and then \(names[$0 % 5]) reported that profits rose \($0)%" }.joined() + " on the day."
        let m = metrics(text)
        #expect(item(m, "7%", .percent)?.entity == "Google", "\(m.prefix(4).map { ($0.text, $0.entity) })")
        #expect(item(m, "399%", .percent)?.entity == "Oracle")
    }

    /// Figures set side by side by place each get the place after their "in"; whose figures
    /// they are stays the name before them (the nearest name before the second figure is the
    /// first one's place). A lone "in Europe" gives no place.
    @Test func figuresEnumeratedByPlaceGetTheirPlace() {
        let m = metrics("Unilever said turnover rose 4% in Europe and 9% in Asia in the quarter.")
        #expect(item(m, "4%", .percent)?.place == "Europe" && item(m, "9%", .percent)?.place == "Asia", "\(m.map { ($0.text, $0.place) })")
        #expect(item(m, "4%", .percent)?.entity == "Unilever" && item(m, "9%", .percent)?.entity == "Unilever")
        let jobs = metrics("Meta said it would cut 1,200 jobs in Germany and 800 jobs in France.")
        #expect(item(jobs, "800 jobs", .quantity)?.entity == "Meta" && item(jobs, "800 jobs", .quantity)?.place == "France")
        let lone = metrics("On Monday Meta said it would cut 5% in Europe.")
        #expect(item(lone, "5%", .percent)?.entity == "Meta" && item(lone, "5%", .percent)?.place == nil)
        #expect(item(m, "9%", .percent)?.json["place"] == .string("Asia"))
    }

    /// The extractor stays linear on one long unbroken text: every figure is still found.
    @Test func aLongUnbrokenTextKeepsEveryFigure() {
        let text = Array(repeating: "profits rose 12% and 300 jobs were cut", count: 3_000).joined(separator: " ")
        let items = metrics(text)
        #expect(items.filter { $0.text == "12%" }.count == 3_000)
        #expect(items.filter { $0.text == "300 jobs" }.count == 3_000)
    }
}
