import Testing
@testable import MetricsCore

@Suite struct DateTests {
    @Test(arguments: [
        ("2026-03-17", "2026-03-17"), ("Wednesday, November 12, 2025", "2025-11-12"), ("Oct 2025", "2025-10"),
        ("12 Nov. 2025", "2025-11-12"), ("Dec. 31 , 1994", "1994-12-31"), ("5/3/18", "2018-05-03"), ("23.04.2022", "2022-04-23"),
        ("20200701", "2020-07-01"), ("in 2023", "2023"), ("the 1990s", "1990/1999"), ("the early 2000s", "2000/2003"),
        ("21st century", "2000/2099"), ("Q1 2019", "2019-01/2019-03"), ("2019-Q1", "2019-01/2019-03"),
        ("the first half of 2025", "2025-01/2025-06"), ("mid-March 2026", "2026-03-11/2026-03-20"),
        ("the end of 2022", "2022-09/2022-12"), ("the beginning of 2023", "2023-01/2023-04"), ("late July 2024", "2024-07-21/2024-07-31"),
        ("January twenty five nineteen eighty six", "1986-01-25"), ("fifteen August nineteen hundred ninety three", "1993-08-15"),
        ("the 4th of July 2020", "2020-07-04"), ("Christmas 2023", "2023-12-25"), ("Easter 2024", "2024-03-31"),
        ("the last week of 2019", "2019-W52"), ("2015-12", "2015-12"), ("23/Sep/2020", "2020-09-23"),
    ])
    func absolute(_ text: String, _ iso: String) {
        let items = metrics(text).filter { $0.kind == .date }
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.iso == iso, "\(text): \(String(describing: items.first?.iso))")
    }

    @Test(arguments: [
        ("2024–2026", "2024/2026"), ("2014-2018", "2014/2018"), ("between 2014 and 2018", "2014/2018"), ("2021-22", "2021/2022"),
        ("From the end of 2022 to the beginning of 2023", "2022-09/2023-04"), ("Jan-Feb 2017", "2017-01/2017-02"),
        ("from May to Oct 2020", "2020-05/2020-10"), ("November 18-19, 2024", "2024-11-18/2024-11-19"),
        ("since 2022", "2022/.."), ("before 2018", "../2017"), ("after Feb 2018", "2018-03/.."), ("until 2030", "../2030"), ("2024 and beyond", "2024/.."),
    ])
    func spans(_ text: String, _ iso: String) {
        let items = metrics(text).filter { $0.kind == .date }
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.iso == iso, "\(text): \(String(describing: items.first?.iso))")
    }

    /// Relative dates read against the publication date (a Tuesday), never today's date.
    @Test(arguments: [
        ("last year", "2025"), ("this week", "2026-W12"), ("Last week", "2026-W11"), ("on Monday", "2026-03-16"),
        ("yesterday", "2026-03-16"), ("tomorrow", "2026-03-18"), ("next month", "2026-04"), ("two months ago", "2026-01-17"),
        ("in two years", "2028-03-17"), ("the past three years", "2023-03-17/2026-03-17"), ("within 9 months", "2026-03-17/2026-12-17"),
        ("next Monday", "2026-03-23"), ("this past Sunday", "2026-03-15"), ("last quarter", "2025-10/2025-12"), ("in March", "2026-03"),
        ("on March 12", "2026-03-12"), ("early this year", "2026-01/2026-04"), ("year to date", "2026-01-01/2026-03-17"),
        ("8am this morning", "2026-03-17T08:00"), ("tomorrow at 9:30pm", "2026-03-18T21:30"),
    ])
    func relative(_ text: String, _ iso: String) {
        let items = metrics(text, published: "2026-03-17").filter { $0.kind == .date }
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.iso == iso, "\(text): \(String(describing: items.first?.iso))")
        #expect(items.first?.resolved != false)
    }

    @Test func unresolvedWithoutPublication() {
        for text in ["last year", "on Monday", "this week", "two months ago"] {
            let d = metrics(text).first { $0.kind == .date }
            #expect(d != nil, "\(text)")
            #expect(d?.value == MetricValue.none && d?.resolved == false, "\(text): \(String(describing: d?.value))")
        }
        // A month and day without a year keep the unknown year.
        #expect(item(metrics("on March 12"), "March 12")?.iso == "XXXX-03-12")
    }

    @Test func futureSentencesLookAhead() {
        let m = metrics("The company will report results on Thursday.", published: "2026-03-17")
        #expect(item(m, "Thursday")?.iso == "2026-03-19")
    }

    @Test(arguments: [("3pm", "15:00:00"), ("10:30", "10:30:00"), ("7:56:30 am", "07:56:30"), ("8.30pm", "20:30:00"), ("noon", "12:00:00"),
                      ("half past nine in the evening", "21:30:00"), ("eight o'clock", "08:00:00"), ("20 min past eight in the evening", "20:20:00")])
    func times(_ text: String, _ iso: String) {
        let items = metrics(text).filter { $0.kind == .date }
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.iso == iso, "\(text): \(String(describing: items.first?.iso))")
    }

    @Test(arguments: [
        "This may or may not be right.", "You may not!", "May I ask what this is for?", "Theresa May said so.",
        "Confidentiality Notice: this may also be legally privileged.", "The march of progress continues.",
        "Can I do that for now, right?", "Now, the pivot to AI requires more.", "There are two to four people in the room",
    ])
    func notDates(_ text: String) {
        let d = metrics(text).filter { $0.kind == .date || $0.kind == .duration }
        #expect(d.isEmpty, "\(text): \(d.map(\.text))")
    }

    @Test(arguments: [("3 years", "P3Y"), ("2.5 hours", "PT2.5H"), ("3h", "PT3H"), ("an hour and a half", "PT1.5H"), ("a fortnight", "P2W"),
                      ("two decades", "P20Y"), ("every two weeks", "P2W"), ("annually", "P1Y"), ("half an hour", "PT0.5H"), ("a two-year lull", "P2Y")])
    func durations(_ text: String, _ iso: String) {
        let items = metrics(text).filter { $0.kind == .duration }
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.iso == iso, "\(text): \(String(describing: items.first?.iso))")
    }
}

@Suite struct NewsTrapTests {
    @Test(arguments: [
        "The Sunday Telegraph and The Sun reported it.", "the Daily Telegraph said", "Chelsea scored in the second half.",
        "Ocean's Twelve took the top spot.", "Llama 4 and its successors",
    ])
    func namesAreNotMetrics(_ text: String) {
        let items = metrics(text, published: "2025-01-10").filter { $0.kind != .ordinal }
        #expect(items.isEmpty, "\(text): \(items.map(\.text))")
    }

    @Test func scoresAndExactScales() {
        #expect(metrics("Chelsea won 2-1 at home.").filter { $0.kind == .range }.isEmpty)
        #expect(item(metrics("It took $16.1m at the box office."), "$16.1m")?.number == 16100000)
        #expect(item(metrics("a 1.3 billion budget"), "1.3 billion")?.number == 1300000000)
        // A weekday after "or" keeps its date reading; "on Monday Meta said" is a date.
        let m = metrics("Meet next week Mon or Tue. On Monday Meta said so.", published: "2017-12-04")
        #expect(item(m, "Tue") != nil)
        #expect(item(m, "Monday")?.iso == "2017-12-04")
    }

    /// "the last quarter of 2004" is that year's fourth (it was the quarter before publication,
    /// and 2004 a separate year).
    @Test func theLastQuarterOfAYear() {
        let m = metrics("GM's profits fell 37% in the last quarter of 2004.", published: "2026-06-15")
        #expect(item(m, "the last quarter of 2004", .date)?.iso == "2004-10/2004-12", "\(m.map(\.text))")
    }

    /// A quarter or month a figure moved from ("down from the third quarter", "October's
    /// £3.6bn") is that quarter, not a period open from it; "since" still opens one. (A bare
    /// "final quarter" stays no date: as often a match's as a year's.)
    @Test func aMovesBaseIsNoOpenPeriod() {
        let m = metrics("Spending grew 4.2%, down from the third quarter's 5.1%. Output was up from the second quarter. "
                        + "The gap was £3.1bn, down from October's £3.6bn. Rates have risen since the first quarter.", published: "2005-02-01")
        #expect(item(m, "the third quarter", .date)?.iso == "2004-07/2004-09", "\(m.map(\.text))")
        #expect(item(m, "the second quarter", .date)?.iso == "2004-04/2004-06")
        #expect(item(m, "October", .date)?.iso == "2004-10")
        // The amount may stand between the move and "from".
        #expect(item(metrics("Retail sales rose 0.8% from November.", published: "2005-02-01"), "November", .date)?.iso == "2004-11")
        #expect(item(metrics("The gap narrowed to £3.1bn from October.", published: "2005-02-01"), "October", .date)?.iso == "2004-10")
        #expect(item(metrics("Prices will be raised by 5% from April.", published: "2005-02-01"), "from April", .date)?.iso == "2005-04/..")
        #expect(item(m, "since the first quarter", .date)?.iso?.hasSuffix("/..") == true)
        #expect(item(metrics("Ireland led as the game entered the final quarter.", published: "2005-02-01"), "the final quarter", .date) == nil)
        // A future, a verb's particle, a possessive before no figure: what "from" opens.
        for (text, date) in [("The pension will be increased from April.", "from April"), ("Bills will be higher from April.", "from April"),
                             ("Customers will be able to sign up from 1 March.", "from 1 March"),
                             ("The service will be scaled down from 2006.", "from 2006"),
                             ("The new rules apply from next year's season.", "from next year")] {
            #expect(item(metrics(text, published: "2005-02-01"), date, .date)?.iso?.hasSuffix("/..") == true, "\(text)")
        }
    }

    /// In a story told in the past, "in 24 hours" is how long something took, not a moment
    /// after publication ("won in 7.27 seconds" was a date-time); "will close in two years" is
    /// still a date.
    @Test func inATimeToldInThePastIsADuration() {
        let past = metrics("Tickets sold out in 24 hours. She won the title in 7.27 seconds.", published: "2026-06-15")
        #expect(!past.contains { $0.kind == .date }, "\(past.map(\.text))")
        #expect(item(past, "24 hours", .duration)?.iso == "PT24H" && item(past, "7.27 seconds", .duration)?.iso == "PT7.27S")
        let future = metrics("The deal will close in two years.", published: "2026-06-15")
        #expect(item(future, "in two years", .date)?.iso == "2028-06-15")
        // Nor is "$4 in five days" a share of four in five.
        let oil = metrics("Crude has now lost $4 in five days.", published: "2026-06-15")
        #expect(!oil.contains { $0.text.contains("in five") && $0.kind == .number }, "\(oil.map(\.text))")
    }

    /// "Three years later" in a story told in the past is later than an event of the story:
    /// a date the publication date does not resolve (it was three years after publication).
    /// Told of the future it still counts from publication.
    @Test func laterInAStoryToldInThePastIsNotResolved() {
        for text in ["The firm was sold three years later.", "Three years later, the firm was sold."] {
            let m = metrics(text, published: "2005-06-01")
            let later = m.first { $0.kind == .date && $0.text.lowercased() == "three years later" }
            #expect(later != nil && later?.iso == nil && later?.resolved == false, "\(text): \(m.map(\.text))")
        }
        let future = metrics("Three years later, the firm will be sold.", published: "2005-06-01")
        #expect(item(future, "Three years later", .date)?.iso == "2008-06-01")
        // "later than planned" is a delay, not a date.
        let delay = metrics("The project will finish two years later than planned.", published: "2005-06-01")
        #expect(!delay.contains { $0.kind == .date } && item(delay, "two years", .duration)?.iso == "P2Y", "\(delay.map(\.text))")
        // Irregular past forms tell the past; "expected to", "may" tell what is to come.
        #expect(item(metrics("Two years later he became chairman.", published: "2005-06-01"), "Two years later", .date)?.resolved == false)
        #expect(item(metrics("Two years later, shares are expected to rise.", published: "2005-06-01"), "Two years later", .date)?.iso == "2007-06-01")
        #expect(item(metrics("Two years later, the scheme may be extended, the minister said.", published: "2005-06-01"), "Two years later", .date)?.iso == "2007-06-01")
    }

    /// Each (text, phrase, ISO value): the date item of that phrase has that value.
    func expectDates(_ cases: [(String, String, String)], published: String) {
        for (text, phrase, iso) in cases {
            let d = item(metrics(text, published: published), phrase, .date)
            #expect(d?.iso == iso, "\(text): \(d?.iso ?? "nil")")
        }
    }

    /// A weekday or a month without a year takes its tense from the sentence: arrangements
    /// ("is due in court", "is set to", "planning to") and a "will" after it are the future;
    /// "said", a past verb or "was due" are the past; "long-awaited" and "will be held" are no
    /// past verbs. (All from BBC sentences the tense test read wrongly.)
    @Test func bareDatesTakeTheirTenseFromTheSentence() {
        let cases: [(String, String, String)] = [
            ("Yukos is due in a US court on Thursday.", "Thursday", "2005-03-03"),
            ("The firm is planning to release the phone in January.", "January", "2006-01"),
            ("The band is set to be confirmed as number one on Sunday.", "Sunday", "2005-03-06"),
            ("On Saturday he will return to the squad.", "Saturday", "2005-03-05"),
            ("Wilkinson will make his long-awaited return against Edinburgh on Saturday.", "Saturday", "2005-03-05"),
            ("The Oscar ceremony will be held in Los Angeles on 27 February.", "27 February", "2006-02-27"),
            ("\"Calculators will have to wait,\" said an IMF official in a briefing on Wednesday.", "Wednesday", "2005-02-23"),
            ("The label said the album was due for release on 24 January.", "24 January", "2005-01-24"),
            ("Qwest sent a letter to the board on Thursday saying that it plans to submit an offer.", "Thursday", "2005-02-24"),
            ("He guessed something like this was going to happen on Saturday.", "Saturday", "2005-02-26"),
            // A "will" in the next clause is not this date's; one in the same clause is.
            ("The World Tour kicks off in mid-February and the first leg will be in Istanbul.", "mid-February", "2005-02-11/2005-02-20"),
            ("Blair seems certain to end the phoney war on Monday and announce there will be an election.", "Monday", "2005-03-07"),
        ]
        expectDates(cases, published: "2005-03-01")
    }

    /// "The previous/following/same year (month)" after a date the story wrote out count from
    /// that date (BBC: "losses halved in 2004 ... from $500m the previous year", "formed in
    /// 1971 ... joining the following year"); with none they count from publication.
    @Test func previousAndFollowingCountFromTheStory() {
        let cases: [(String, String, String)] = [
            ("Losses halved in 2004 to $200m from $500m the previous year.", "the previous year", "2003"),
            ("The band formed in 1971, with Smith joining the following year.", "the following year", "1972"),
            ("He left in January 2003 and returned in August of the same year.", "the same year", "2003"),
            ("Prices rose 10.7% in December, less than the 13.7% rise the previous month.", "the previous month", "2004-11"),
            ("Sales rose 5% on the previous year.", "the previous year", "2004"),
        ]
        expectDates(cases, published: "2005-03-01")
        // "From" before such a phrase is a comparison's base, not the start of an open period.
        let base = metrics("Net profit rose 28% to A$458m from a year earlier.", published: "2005-03-01")
        #expect(item(base, "a year earlier", .date)?.iso == "2004-03-01" && !base.contains { $0.text.hasPrefix("from") })
        #expect(item(metrics("The rules apply from 2004.", published: "2005-03-01"), "from 2004", .date)?.iso == "2004/..")
        // A span never ends before it starts: the weekday after, or no span at all.
        let week = metrics("I will be away from next monday to friday.", published: "2019-09-05")
        #expect(item(week, "from next monday to friday", .date)?.iso == "2019-09-09/2019-09-13")
        let comparison = metrics("Sales fell between the last quarter of 2004 and the previous year.", published: "2005-03-01")
        #expect(!comparison.contains { $0.text.hasPrefix("between") } && item(comparison, "the previous year", .date)?.iso == "2003")
    }

    /// A holiday's name that labels a thing is no date (33 of 78 BBC "Christmas" items were
    /// cards, albums, singles, presents, "Father Christmas" and "Merry Christmas").
    @Test func aHolidayNamingAThingIsNoDate() {
        for text in ["He sent an electronic Christmas card to 3,000 people.", "The Office Christmas Special drew 10 million viewers.",
                     "Father Christmas arrived on his sleigh.", "His first Christmas album sold well.", "The Easter egg hunt was cancelled.",
                     "The subject line says \"Merry Christmas\"."] {
            #expect(!metrics(text, published: "2005-03-01").contains { $0.kind == .date }, "\(text)")
        }
        for text in ["Sales fell over Christmas.", "Shops closed for the Christmas holiday.", "Shoppers bought gifts for Christmas.", "The Christmas 2004 figures were weak."] {
            #expect(metrics(text, published: "2005-03-01").contains { $0.kind == .date && $0.text.contains("Christmas") }, "\(text)")
        }
    }

    /// "The coming year" is the twelve months ahead, as "the coming decade" is the ten years
    /// ahead; "next year" is the calendar year.
    @Test func theComingYearIsTheYearAhead() {
        let m = metrics("Sales will rise in the coming year, and next year too.", published: "2005-03-01")
        #expect(item(m, "the coming year", .date)?.iso == "2005-03-01/2006-03-01")
        #expect(item(m, "next year", .date)?.iso == "2006")
    }

    /// After a date the story writes out, "later" counts from that date, at its precision, in
    /// either tense, and does not depend on the publication date.
    @Test func laterCountsFromTheStorysDate() {
        let cases: [(String, String, String?)] = [
            ("The plant opened in 2019 and closed two years later.", "two years later", "2021"),
            ("In 2019 the company cut 300 jobs. Two years later it hired 500 people.", "Two years later", "2021"),
            ("The plant opened in March 2019 and closed three months later.", "three months later", "2019-06"),
            ("The plant opened on 4 March 2019 and closed three weeks later.", "three weeks later", "2019-03-25"),
            ("It opened on March 4, 2019, and closed a year later.", "a year later", "2020-03-04"),
            ("The plant will open in 2027 and close two years later.", "two years later", "2029"),
            // A year says nothing of the month three months on.
            ("The plant opened in 2019 and closed three months later.", "three months later", nil),
        ]
        for (text, phrase, iso) in cases {
            let later = item(metrics(text, published: "2024-05-01"), phrase, .date)
            #expect(later != nil && later?.iso == iso, "\(text): \(later?.iso ?? "nil")")
            if iso != nil { #expect(later?.resolved == nil, "\(text)") }
        }
        // "Earlier" counts back from it the same way; "earlier than planned" is no date.
        #expect(item(metrics("Profit in 2004 was £5m, up from £3m two years earlier.", published: "2005-05-01"), "two years earlier", .date)?.iso == "2002")
        #expect(item(metrics("Sales rose 5% from two years earlier.", published: "2005-05-01"), "two years earlier", .date)?.iso == "2003-05-01")
        let ahead = metrics("The plant, opened in 2019, closed two years earlier than planned.", published: "2024-05-01")
        #expect(!ahead.contains { $0.kind == .date && $0.text.contains("earlier") } && item(ahead, "two years", .duration)?.iso == "P2Y")
        // Mid-sentence, the sentence before is no anchor: there the year is the comparison.
        let comparison = metrics("GM earned $630m, down from $1bn in the fourth quarter of 2003. Revenues rose to $51.2bn from $48.8bn a year earlier.", published: "2005-01-20")
        #expect(item(comparison, "a year earlier", .date)?.iso != "2002")
        #expect(item(metrics("Sales were $5bn in 2004. A year earlier, they were $4bn.", published: "2005-05-01"), "A year earlier", .date)?.iso == "2003")
        // A phrase opening a paragraph goes on from the paragraph before (BBC: "Christmas 1986
        // ... \n\nTwo years later", "October 2000 ... \n\nFourteen months later").
        let apart = metrics("The plant opened in 2019.\n\nTwo years later it closed.", published: "2024-05-01")
        #expect(item(apart, "Two years later", .date)?.iso == "2021")
        let months = metrics("In October 2000 the inquiry began.\n\nFourteen months later officers raided them.", published: "2005-03-01")
        #expect(item(months, "Fourteen months later", .date)?.iso == "2001-12")
        // A quarter a year earlier is that quarter a year before, still a quarter; one read
        // against the publication date passes that on.
        #expect(item(metrics("GM earned $630m in the fourth quarter of 2004, down from $1bn a year earlier.", published: "2005-03-01"), "a year earlier", .date)?.iso == "2003-10/2003-12")
        let quarter = item(metrics("Sales surged to $805.9m in the third quarter, up from $393.9m a year earlier.", published: "2005-03-01"), "a year earlier", .date)
        #expect(quarter?.iso == "2003-07/2003-09" && quarter?.resolved == true)
        // A count is no anchor, nor is a phrase that is itself relative.
        #expect(item(metrics("The dealer sold 2015 cars in its first year and two years later it sold 5000.", published: "2024-05-01"), "two years later", .date)?.iso == nil)
        let chained = metrics("It opened in 2019, expanded two years later and closed three years later.", published: "2024-05-01")
        #expect(item(chained, "two years later", .date)?.iso == "2021" && item(chained, "three years later", .date)?.iso == nil)
        // Months count back across January: March 2019 less 15 months.
        #expect(item(metrics("In March 2019 the firm opened; 15 months earlier the site was sold.", published: "2024-05-01"), "15 months earlier", .date)?.iso == "2017-12")
        // After a span, "later" counts from its end.
        #expect(item(metrics("Profits rose between 2010 and 2015; two years later they fell.", published: "2024-05-01"), "two years later", .date)?.iso == "2017")
        // An anchor whose year came from the publication date passes that on.
        let inferred = item(metrics("The show opened on 10 July and closed a month later.", published: "2005-03-01"), "a month later", .date)
        #expect(inferred?.iso == "2004-08-10" && inferred?.resolved == true, "\(inferred?.iso ?? "nil")")
    }

    /// "the past quarter of a century" is the 25 years before publication, not the past
    /// calendar quarter followed by "a century".
    @Test func aQuarterOfACenturyIsTwentyFiveYears() {
        let m = metrics("Prices have doubled over the past quarter of a century.", published: "2005-06-01")
        #expect(item(m, "the past quarter of a century", .date)?.iso == "1980-06-01/2005-06-01", "\(m.map(\.text))")
        #expect(!m.contains { $0.kind == .duration })
        let next = metrics("In the next quarter of a century, costs will rise.", published: "2005-06-01")
        #expect(item(next, "the next quarter of a century", .date)?.iso == "2005-06-01/2030-06-01")
        #expect(item(metrics("Sales rose in the past quarter.", published: "2005-06-01"), "the past quarter", .date)?.iso == "2005-03-01/2005-06-01")
    }

    /// A four-digit figure is no year in a dimension ("2048 * 1080 pixels"), and before a time
    /// zone it is a 24-hour time ("at 2005 GMT"): 30 BBC items were years such as 2048 and 1230.
    @Test func dimensionsAndClockTimesAreNoYears() {
        for text in ["Films at resolutions of 2048 * 1080 pixels.", "Screens of 2048 x 1536 pixels.", "The panel measures 2000 by 3000 mm."] {
            #expect(!metrics(text, published: "2005-01-01").contains { $0.kind == .date }, "\(text)")
        }
        for text in ["It is shown on BBC2 at 2005 GMT.", "The match was brought forward from 2115 GMT."] {
            let dates = metrics(text, published: "2005-01-01").filter { $0.kind == .date }
            #expect(dates.count == 1 && dates[0].iso?.contains(":") == true, "\(text): \(dates.map { $0.iso })")
        }
        #expect(item(metrics("Sales rose in 2004.", published: "2005-01-01"), "2004", .date)?.iso == "2004")
        // "by" joins a dimension only before a unit.
        #expect(item(metrics("Sales in 2004 by 20 stores rose.", published: "2005-01-01"), "2004", .date)?.iso == "2004")
        // The wires' 24-hour clock is a time.
        #expect(item(metrics("It was announced at 1230 GMT.", published: "2005-01-01"), "1230", .date)?.iso == "12:30:00")
        #expect(item(metrics("Viewers tuned in between 2000 and 2100 GMT.", published: "2005-01-01"), "between 2000 and 2100", .date)?.iso == "20:00:00/21:00:00")
        #expect(item(metrics("Profits rose between 2000 and 2004.", published: "2005-01-01"), "between 2000 and 2004", .date)?.iso == "2000/2004")
    }

    /// A sentence's full stop after "9pm" is not the time's ("9pm." was the item's text).
    @Test func aTimeEndsBeforeTheFullStop() {
        #expect(item(metrics("The final starts at 9pm."), "9pm", .date)?.iso == "21:00:00")
    }

    /// A year after "in" or "by" is when a figure moved, not the start of a range with it
    /// ("halved in 2004 to $200m" was the range 2004 to 200,000,000).
    @Test func aYearBeforeToIsNoRangeStart() {
        let m = metrics("Losses halved in 2004 to $200m. PC numbers will double by 2010 to 1.3 billion machines.")
        #expect(!m.contains { $0.kind == .range }, "\(m.map(\.text))")
        #expect(item(m, "$200m", .money)?.number == 200_000_000)
    }
}
