import GalleyText

/// A record's publication date as a date Galley reads: relative dates ("yesterday", "last
/// year") resolve against it, and reports place articles by it. Records carry it in many
/// forms; an RSS item's RFC 822 date was already read, a JSON record's was kept as given (so
/// "Tue, 19 Nov 2019 10:00:00 GMT" left every relative date unresolved, and "1700000000"
/// became the year 1700).
enum PublishedDate {
    /// The date in ISO 8601 (as precise as given), or nil with a warning when it is no date
    /// Galley reads (the Article's `published` is ISO 8601 or null: protocol/article.schema.json).
    static func normalized(_ given: String) -> (value: String?, warning: String?) {
        let s = given.trimmed
        let bytes = Array(s.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= bytes.count, r.allSatisfy({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) else { return nil }
            return r.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) }
        }
        let unreadable = "published '\(s.prefix(40))' is not a date galley reads (ISO 8601, RFC 822, a written date or a Unix time): left out, so relative dates stay unresolved"
        // ISO 8601 ("2024", "2024-03", "2024-03-05", with a time): kept, if the date is one; a
        // time after a space takes the "T" ISO 8601 puts there.
        if let y = digits(0..<4), bytes.count == 4 || bytes[4] == 0x2D {
            let month = bytes.count >= 7 ? digits(5..<7) : nil, day = bytes.count >= 10 ? digits(8..<10) : nil
            let date = StatedDate(year: y, month: month, day: month == nil ? nil : day)
            guard date.isValid, bytes.count == 4 || month != nil else {
                return (nil, "published '\(s.prefix(40))' is not a valid date: left out, so relative dates stay unresolved")
            }
            if [4, 7, 10].contains(bytes.count) || (bytes.count > 10 && bytes[10] == 0x54 && day != nil) { return (s, nil) }
            if bytes.count > 10, bytes[10] == 0x20, day != nil { return (String(s.prefix(10)) + "T" + s.dropFirst(11), nil) }
            return (date.iso, nil)
        }
        // A Unix time, in seconds or milliseconds (2001 to 2286).
        if bytes.count == 10 || bytes.count == 13, let t = digits(0..<bytes.count), bytes[0] != 0x30 {
            return (iso(unixSeconds: bytes.count == 13 ? t / 1000 : t), nil)
        }
        if let rfc = FeedReader.rfc822(s) { return (rfc, nil) }
        // A written date ("November 19, 2019", "19 Nov 2019") that is all the text says.
        let found = DateParser.findDates(in: s)
        if found.count == 1, let date = found.first?.date, date.isValid {
            let rest = s.unicodeScalars.count - (found[0].range.upperBound - found[0].range.lowerBound)
            if rest <= 12 { return (date.iso, nil) }
        }
        return (nil, unreadable)
    }

    /// Seconds since 1970 as an ISO date-time in UTC.
    static func iso(unixSeconds t: Int) -> String {
        let d = CivilDate(dayNumber: t / 86_400), second = t % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(d.year)-\(two(d.month))-\(two(d.day))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }
}
