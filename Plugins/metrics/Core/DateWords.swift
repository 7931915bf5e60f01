import GalleyText

/// English calendar words: months, weekdays, parts of periods, holidays.
enum DateWords {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    /// Month names that are never ordinary English words.
    static let strongMonths: Set<String> = ["january", "february", "april", "june", "july", "september", "october", "november", "december"]

    static func month(_ w: String) -> Int? { months[w] }

    static let weekdays: [String: Int] = [
        "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3, "thursday": 4, "thu": 4,
        "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
    ]
    static let weekdayPlurals: [String: Int] = [
        "mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
    ]
    static let strongWeekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Words that make the next word a date ("in May", "since March").
    static let datePrepositions: Set<String> = [
        "in", "since", "until", "till", "through", "from", "of", "this", "next", "last", "early", "late", "mid", "end",
        "beginning", "during", "by", "before", "after", "between", "on", "throughout", "into", "to", "and", "or",
        "past", "previous", "coming", "start", "middle", "circa",
    ]

    /// Fixed-date holidays (month, day) and their names as token sequences.
    static let fixedHolidays: [([String], Int, Int)] = [
        (["christmas", "eve"], 12, 24), (["christmas", "day"], 12, 25), (["christmas"], 12, 25), (["xmas"], 12, 25),
        (["new", "year", "'s", "eve"], 12, 31), (["new", "years", "eve"], 12, 31), (["new", "year", "'s", "day"], 1, 1),
        (["new", "year", "day"], 1, 1), (["new", "years", "day"], 1, 1), (["halloween"], 10, 31),
        (["valentine", "'s", "day"], 2, 14), (["valentines", "day"], 2, 14), (["juneteenth"], 6, 19),
        (["independence", "day"], 7, 4), (["boxing", "day"], 12, 26), (["may", "day"], 5, 1),
        (["international", "workers", "'", "day"], 5, 1), (["international", "workers", "day"], 5, 1),
        (["labour", "day"], 5, 1), (["freedom", "day"], 6, 19), (["jubilee", "day"], 6, 19), (["veterans", "day"], 11, 11),
        (["st", ".", "patrick", "'s", "day"], 3, 17), (["st", "patrick", "'s", "day"], 3, 17),
    ]

    /// Movable holidays: name -> (year -> date).
    static let movableHolidays: [([String], @Sendable (Int) -> CivilDate)] = [
        (["easter", "sunday"], { CivilDate.easter($0) }), (["easter", "monday"], { CivilDate.easter($0).adding(days: 1) }),
        (["good", "friday"], { CivilDate.easter($0).adding(days: -2) }), (["easter"], { CivilDate.easter($0) }),
        (["thanksgiving", "day"], { CivilDate.nthWeekday(4, 4, $0, 11) }), (["thanksgiving"], { CivilDate.nthWeekday(4, 4, $0, 11) }),
        (["black", "friday"], { CivilDate.nthWeekday(4, 4, $0, 11).adding(days: 1) }),
        (["cyber", "monday"], { CivilDate.nthWeekday(4, 4, $0, 11).adding(days: 4) }),
        (["labor", "day"], { CivilDate.nthWeekday(1, 1, $0, 9) }), (["memorial", "day"], { CivilDate.nthWeekday(-1, 1, $0, 5) }),
        (["mother", "'s", "day"], { CivilDate.nthWeekday(2, 7, $0, 5) }), (["father", "'s", "day"], { CivilDate.nthWeekday(3, 7, $0, 6) }),
        (["martin", "luther", "king", "day"], { CivilDate.nthWeekday(3, 1, $0, 1) }),
    ]

    /// Parts of a day: (start hour, end hour).
    static let dayParts: [String: (Int, Int)] = [
        "morning": (8, 12), "afternoon": (12, 16), "evening": (16, 20), "night": (20, 24), "daytime": (8, 18),
        "lunchtime": (11, 13), "night-time": (0, 8), "nighttime": (0, 8), "midday": (11, 13), "dinnertime": (20, 22),
    ]

    static let seasons: [String: (Int, Int)] = ["spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)]
}
