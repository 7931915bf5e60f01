import Testing
@testable import MetricsCore

@Suite struct AmountTests {
    @Test(arguments: [
        ("$48.2 million", 48200000.0, "USD"), ("$ 75 million", 75000000, "USD"), ("US$ 150 million", 150000000, "USD"),
        ("c $ 1.34", 1.34, "CAD"), ("528 million francs", 528000000, "franc"), ("five million yen", 5000000, "JPY"),
        ("€10", 10, "EUR"), ("10 €", 10, "EUR"), ("100元", 100, "CNY"), ("USD115", 115, "USD"), ("115usd", 115, "USD"),
        ("EUR 125", 125, "EUR"), ("75 USD million", 75000000, "USD"), ("3 dollars 50 cents", 3.5, "USD"),
        ("thirteen dollars forty five", 13.45, "USD"), ("$126k", 126000, "USD"), ("$1.4T", 1.4e12, "USD"), ("$20B", 2e10, "USD"),
        ("£ 60,000", 60000, "GBP"), ("10,000 swiss francs", 10000, "CHF"), ("35 lakh rupees", 3500000, "INR"), ("6.25 BTC", 6.25, "BTC"),
        ("tens of billions of dollars", 1e10, "USD"), ("a quarter million us dollars", 250000, "USD"),
        // A subunit of a named currency is that currency's amount (it read as 30 EUR before).
        ("30 euro cents", 0.3, "EUR"), ("40 euros cents", 0.4, "EUR"), ("20 US cents", 0.2, "USD"),
    ])
    func money(_ text: String, _ value: Double, _ currency: String) {
        let items = metrics(text).filter { $0.kind == .money }
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.number == value, "\(text): \(String(describing: items.first?.number))")
        #expect((items.first?.currency ?? items.first?.unit) == currency, "\(text)")
    }

    /// Money in brackets after money in another currency restates it; so does the next amount
    /// of the same brackets. Not an amount in the same currency, one after other words, or one
    /// after the brackets closed.
    @Test func conversionsInBracketsAreMarked() {
        func conversions(_ text: String) -> [String] { metrics(text).filter { $0.kind == .money && $0.conversion }.map(\.text) }
        #expect(conversions("CBS was fined a record $550,000 (£292,000) by regulators.") == ["£292,000"])
        #expect(conversions("GM had to pay Fiat 1.55bn euros ($2bn; £1.1bn) to get out of the deal.") == ["$2bn", "£1.1bn"])
        #expect(conversions("Losses halved to $200m (£104m, 151m euros) in 2004.") == ["£104m", "151m euros"])
        #expect(conversions("Sales rose to $5bn ($4bn in 2003).").isEmpty, "the same currency")
        #expect(conversions("Sales rose to $5bn (from £4bn).").isEmpty, "words between")
        #expect(conversions("Bids between $30,000 (£16,000) and $50,000 (£27,000) failed.") == ["£16,000", "£27,000"])
        #expect(conversions("It cost $25m (about £13m), 10bn rupees ($106m:£54.6m) and $9m [£5m].") == ["£13m", "$106m", "£54.6m", "£5m"])
        // More than a conversion: a part of the amount, or another year's figure.
        #expect(conversions("Aid of €20m (£10m from Britain alone) arrived.").isEmpty)
        #expect(conversions("Sales of $1.2bn (€900m of it in Europe) grew.").isEmpty)
        #expect(conversions("Profit was $5m (£3m; £2m a year earlier).") == ["£3m"])
        #expect(conversions("It cost $25m (£13m at current exchange rates).") == ["£13m"])
        #expect(conversions("GM paid 1.55bn euros ($2bn; roughly £1.1bn).") == ["$2bn", "£1.1bn"])
        #expect(metrics("A $550,000 (£292,000) fine.").first { $0.text == "£292,000" }?.json["conversion"] == .bool(true))
        #expect(metrics("A $550,000 fine.").first { $0.text == "$550,000" }?.json["conversion"] == nil)
    }

    @Test func moneyQualifiersAndCents() {
        let m = metrics("Meta is pouring tens of billions of dollars into chips; the shares are down 34 cents.")
        #expect(item(m, "tens of billions of dollars")?.qualifier == .atLeast)
        #expect(item(m, "34 cents", .money)?.unit == "cent")
        #expect(item(m, "34 cents", .money)?.number == 34)
        // Two amounts, not dollars and cents.
        #expect(metrics("50 dollar 50 dollar").filter { $0.kind == .money }.map(\.number) == [50, 50])
        // Words that are codes only in capitals.
        #expect(metrics("ALL 5 solutions are wrong. I tried to call Bob 3 times.").filter { $0.kind == .money }.isEmpty)
    }

    @Test(arguments: [
        ("20%", 20.0, "percent"), ("20 percent", 20, "percent"), ("twenty per cent", 20, "percent"), ("minus five percent", -5, "percent"),
        ("3.5 percentage points", 3.5, "percentage point"), ("25 basis points", 25, "basis point"), ("percent of 10", 10, "percent"),
    ])
    func percent(_ text: String, _ value: Double, _ unit: String) {
        let items = metrics(text).filter { $0.kind == .percent }
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.number == value)
        #expect(items.first?.unit == unit)
    }

    @Test(arguments: [
        ("75ml", 75.0, "ml"), ("a 3-inch thickness", 3, "in"), ("ten miles long", 10, "mi"), ("0.9 trillion cubic feet", 9e11, "ft³"),
        ("660 square meters", 660, "m²"), ("1/4 mile", 0.25, "mi"), ("7.62mm", 7.62, "mm"), ("190 km2", 190, "km²"),
        ("10 kilometers per hour", 10, "km/h"), ("10km/hr", 10, "km/h"), ("50 km/ms", 50, "km/ms"), ("20 (kg)", 20, "kg"),
        ("I'm 1.8m tall", 1.8, "m"), ("a 1.5 GW data center", 1.5, "GW"), ("40 deg celsius", 40, "°C"), ("98.6 degrees f", 98.6, "°F"),
        ("he is 5 ft 2 in", 5.166666666666667, "ft"),
    ])
    func units(_ text: String, _ value: Double, _ unit: String) {
        let items = metrics(text).filter { $0.kind == .quantity }
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        if let v = items.first?.number { #expect(abs(v - value) < 1e-9 * max(1, value), "\(text): \(v)") }
        #expect(items.first?.unit == unit, "\(text): \(String(describing: items.first?.unit))")
    }

    @Test func countedNounsAndAges() {
        let m = metrics("Meta cut 16,000 employees and Thousands of roles. The founder is five years old. A coin is 6 weeks of age.")
        #expect(item(m, "16,000 employees")?.unit == "employees")
        #expect(item(m, "Thousands of roles")?.qualifier == .atLeast)
        #expect(item(m, "Thousands of roles")?.number == 1000)
        #expect(item(m, "five years old")?.unit == "year")
        #expect(item(m, "five years old")?.subject == "age")
        #expect(item(m, "6 weeks of age")?.unit == "week")
        // Not quantities: model numbers, codes, one thing.
        #expect(metrics("24703m212 and 24703L202").filter { $0.kind == .quantity }.isEmpty)
        #expect(metrics("One thing is clear.").isEmpty)
        // A unit glued to a code is no unit; a year is no count.
        #expect(item(metrics("In 2023 layoffs rose."), "2023")?.kind == .date)
    }

    @Test(arguments: [("21st", 21.0), ("03rd", 3), ("twentieth", 20), ("twenty-fifth", 25), ("one hundred twenty fifth", 125),
                      ("a hundred trillionth", 1e14), ("three trillionth", 3e12), ("eleventh", 11)])
    func ordinals(_ text: String, _ value: Double) {
        let items = metrics(text)
        #expect(items.count == 1 && items[0].kind == .ordinal, "\(text): \(items.map(\.text))")
        #expect(items.first?.number == value)
    }

    @Test func relativeOrdinals() {
        #expect(item(metrics("Show me the next to last."), "next to last")?.iso == "end-1")
        #expect(item(metrics("Show me the previous one."), "previous one")?.iso == "current-1")
        // "last" as a verb, "at last": no ordinal.
        #expect(metrics("The boom will last. At last it ended.").filter { $0.kind == .ordinal }.isEmpty)
        // "a second wave" is an ordinal, "one second" a duration.
        #expect(item(metrics("the dawn of a second wave"), "second")?.kind == .ordinal)
        #expect(item(metrics("It took one second."), "one second")?.iso == "PT1S")
    }
}

/// What an analyst reading the seeds and wire copy found misread (each read as shown before).
@Suite struct PressUsageTests {
    /// A minus sign before the currency symbol: the amount is negative (it read as +120m).
    @Test func aMinusBeforeTheSymbolIsNegative() {
        let m = metrics("Operating income was -$120 million, and the unit lost −€5m. The pre-$5 deal closed.")
        #expect(item(m, "-$120 million", .money)?.number == -120_000_000)
        #expect(item(m, "−€5m", .money)?.number == -5_000_000)
        #expect(item(m, "$5", .money)?.number == 5)
    }

    /// The press's glued "m" before a counted noun is millions (it read as 1.2); a race's
    /// metres stay metres.
    @Test func aGluedMBeforeACountedNounIsMillions() {
        let m = metrics("The app has 1.2m users and sold 3m units. She won the 60m hurdles and two 200m titles.")
        #expect(item(m, "1.2m users", .quantity)?.number == 1_200_000)
        #expect(item(m, "3m units", .quantity)?.number == 3_000_000)
        // A race's distance is metres, not "60 hurdles" or "100 million starts".
        #expect(item(m, "60m", .quantity)?.number == 60 && item(m, "60m", .quantity)?.unit == "m", "\(m.map(\.text))")
        #expect(item(m, "200m", .quantity)?.unit == "m")
        let final = metrics("The 100m final starts at 9pm. Both 200m finalists were disqualified.")
        #expect(final.filter { $0.kind == .quantity }.map { $0.unit } == ["m", "m"], "\(final.map(\.text))")
        // Before a currency's name the glued "m" is millions of it ("364m euros" read as metres).
        let euros = metrics("The firm made a loss of 364m euros. It raised 40m rupees.")
        #expect(item(euros, "364m euros", .money)?.number == 364_000_000 && item(euros, "364m euros", .money)?.currency == "EUR")
        #expect(item(euros, "40m rupees", .money)?.currency == "INR")
        // After "a" or "his" the figure is a measure, never millions.
        let race = metrics("A 100m race starts at noon. His 8m putt missed.")
        #expect(!race.contains { ($0.number ?? 0) >= 1_000_000 }, "\(race)")
    }

    /// "a quarter of its workforce" is a share, not three months; "a quarter of an hour" is a time.
    @Test func aQuarterOfSomethingIsAShare() {
        let m = metrics("The firm will lay off a quarter of its workforce.")
        #expect(!m.contains { $0.kind == .duration }, "\(m.map(\.text))")
        #expect(item(m, "a quarter", .number)?.number == 0.25)
        // A quarter of an hour is a quarter of one (it read as three months and an hour).
        let hour = metrics("It took a quarter of an hour.").filter { $0.kind == .duration }
        #expect(hour.map(\.text) == ["a quarter of an hour"] && hour.first?.iso == "PT0.25H", "\(hour.map(\.text))")
        // Three months only where a span is meant; a share otherwise.
        #expect(!metrics("Shares rose a quarter. It takes a quarter to finish.").contains { $0.kind == .duration })
        #expect(item(metrics("Sales doubled over a quarter."), "a quarter", .duration)?.iso == "P3M")
        #expect(item(metrics("The index predicts GDP a quarter in advance."), "a quarter", .duration)?.iso == "P3M")
    }

    /// A match's fourth quarter is no date.
    @Test func aGamesQuarterIsNoDate() {
        let m = metrics("She scored in the fourth quarter of the game.", published: "2025-06-15")
        #expect(!m.contains { $0.kind == .date }, "\(m.map(\.text))")
        // A sentence that tells a game, without "of the game"; a firm's quarter stays a date.
        #expect(!metrics("The Chiefs scored twice in the fourth quarter.", published: "2025-06-15").contains { $0.kind == .date })
        #expect(metrics("The firm lost money in the third quarter.", published: "2025-06-15").contains { $0.kind == .date })
    }

    /// A quarter without a year takes it by tense, as a month does ("fell in the fourth
    /// quarter" of a June report is last year's; it read as the coming one), and says that
    /// the publication date resolved it.
    @Test func aQuarterWithoutAYearFollowsTheTense() {
        let m = metrics("Profit fell in the fourth quarter. The layoffs will be completed by Q1. Sales rose in the second quarter.",
                        published: "2025-06-15")
        let dates = m.filter { $0.kind == .date }
        #expect(dates.map { $0.value.text } == ["2024-10/2024-12", "../2026-03", "2025-04/2025-06"], "\(dates.map(\.value))")
        #expect(dates.allSatisfy { $0.resolved == true })
        #expect(metrics("It happened on March 12.", published: "2025-06-15").first?.resolved == true)
    }

    /// "one in five employees" is a share (0.2, like "nine out of 10"), and a workforce cut when
    /// jobs go (it read as "five employees": 5); a label's number is not ("round four in eight").
    @Test func oneInFiveIsAShare() {
        let m = metrics("One in five employees will lose their jobs. About 1 in 10 jobs will go.")
        #expect(item(m, "One in five")?.number == 0.2 && item(m, "One in five")?.subject == "workforce reduction")
        #expect(item(m, "1 in 10")?.number == 0.1)
        #expect(!m.contains { $0.text == "five employees" })
        #expect(!metrics("He has never been beyond round four in eight attempts.").contains { $0.text == "four in eight" })
        // Large denominators too ("a million" was read as 1,000,000), but never a year.
        let rare = metrics("It is a one in a million chance. One in 10,000 people carry it. Two in 2019 were hired.")
        #expect(item(rare, "one in a million")?.number == 1e-6 && item(rare, "One in 10,000")?.number == 1e-4, "\(rare.map(\.text))")
        #expect(!rare.contains { $0.text == "Two in 2019" })
    }

    /// A change across what it acts on ("cut its workforce by 8,000") and past a bound ("cut up
    /// to 6,000 workers"): both were bare numbers, without a change.
    @Test func changesAcrossTheirObjectAndBound() {
        let m = metrics("Acme cut its workforce by 8,000 to 72,000. Meta plans to cut up to 6,000 workers. Advance costs about $200.")
        let changes = m.filter { $0.kind == .change }
        #expect(changes.map(\.text) == ["cut its workforce by 8,000", "cut up to 6,000 workers"], "\(changes.map(\.text))")
        #expect(changes.allSatisfy { $0.direction == "down" })
    }

    /// The press's "30C" is a temperature without a temperature word near (it was nothing at
    /// all); a label's "Flat 30C", "seat 12C", the "4C bus" and cents ("14.7C/ per share") are not.
    @Test func thePressWritesCelsiusGlued() {
        let m = metrics("It was 30C in London. It fell to -5C overnight. Highs hit 40.3C on Monday.")
        #expect(m.filter { $0.unit == "°C" && $0.kind == .quantity }.map(\.text) == ["30C", "-5C", "40.3C"], "\(m.map(\.text))")
        for label in ["She lives in Flat 30C on the hill.", "Take the 4C bus.", "He sat in seat 12C.", "Funds were 14.7C/ per security."] {
            #expect(!metrics(label).contains { $0.unit == "°C" }, "\(label)")
        }
    }

    /// "a quarter of a percentage point" is 0.25 percentage point (it was a bare 0.25).
    @Test func aFractionOfAPercentagePoint() {
        let m = metrics("Rates will rise by a quarter of a percentage point. The bank cut rates by half a percentage point.")
        #expect(item(m, "a quarter of a percentage point", .percent)?.unit == "percentage point")
        #expect(item(m, "half a percentage point", .percent)?.number == 0.5)
    }

    /// "make up 30%" is a share of a whole, not a rise.
    @Test func makeUpIsNoRise() {
        let m = metrics("Women make up 30% of the board. Shares were up 5%.")
        #expect(m.filter { $0.kind == .change }.map(\.text) == ["up 5%"], "\(m.map(\.text))")
    }

    /// "700 of its 2,100 employees": the part counts employees too (it was a bare 700).
    @Test func aPartCountsWhatItsWholeCounts() {
        let m = metrics("Meta cut 700 of its 2,100 employees.")
        #expect(item(m, "700", .quantity)?.unit == "employees" && item(m, "700", .quantity)?.number == 700)
        #expect(item(m, "2,100 employees", .quantity)?.number == 2100)
        #expect(!metrics("It is one of 21 films up for the prize.").contains { $0.text == "one" })
    }

    /// "half a million people" is 500,000 (it read as 0.5 and a million).
    @Test func halfAMillionIsHalfOfIt() {
        let m = metrics("Half a million people lost their jobs, and it cost half a billion dollars.")
        #expect(item(m, "Half a million people", .quantity)?.number == 500_000)
        #expect(item(m, "half a billion dollars", .money)?.number == 500_000_000)
        #expect(!m.contains { $0.number == 1_000_000 })
    }

    /// "AI-first", "seven-second": adjectives, not positions; "twenty-first" is one.
    @Test func aHyphenatedFirstIsAnAdjective() {
        let m = metrics("Meta wants to be an AI-first company, with a seven-second delay. It came first.")
        #expect(m.filter { $0.kind == .ordinal }.map(\.text) == ["first"], "\(m.map(\.text))")
        #expect(metrics("It was the twenty-first attempt.").contains { $0.kind == .ordinal && $0.number == 21 })
    }
}
