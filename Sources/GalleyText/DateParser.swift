import Foundation

/// A calendar date as stated in text; day or month may be absent ("Oct 2025").
public struct StatedDate: Sendable, Equatable, Hashable, Comparable {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) { self.year = year; self.month = month; self.day = day }

    /// ISO 8601 text at the precision stated: "2025", "2025-10" or "2025-10-03".
    public var iso: String {
        var s = String(format: "%04d", year)
        if let m = month { s += String(format: "-%02d", m) } else { return s }
        if let d = day { s += String(format: "-%02d", d) }
        return s
    }

    public static func < (a: StatedDate, b: StatedDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    /// Rejects impossible dates (Feb 30, month 13) so that a number pair is not taken for one.
    public var isValid: Bool {
        guard (1000...2999).contains(year) else { return false }
        guard let m = month else { return day == nil }
        guard (1...12).contains(m) else { return false }
        guard let d = day else { return true }
        return CivilDate.isValid(year, m, d)
    }
}

/// Finds full calendar dates in short metadata text ("Pubblicato 2026-03-17",
/// "Wednesday, November 12, 2025", "12 Nov. 2025", "2025.07.17"). Month names in English,
/// Italian, Spanish, French, German and Portuguese.
public enum DateParser {
    public struct Match: Sendable, Equatable {
        public var date: StatedDate
        /// Range in Unicode-scalar offsets of the searched text.
        public var range: Range<Int>
        /// An ISO time-of-day part, when one followed the date ("2026-03-17T09:30:00Z").
        public var time: String?
    }

    /// Month name (lowercased, without a trailing period) to month number.
    public static let monthNames: [String: Int] = {
        var m: [String: Int] = [:]
        let names: [[String]] = [
            ["january", "jan", "gennaio", "gen", "enero", "ene", "janvier", "janv", "januar", "jän", "janeiro"],
            ["february", "feb", "febbraio", "febrero", "février", "fevrier", "févr", "fev", "februar", "fevereiro"],
            ["march", "mar", "marzo", "mars", "märz", "maerz", "março", "marco"],
            ["april", "apr", "aprile", "abril", "abr", "avril", "avr"],
            ["may", "maggio", "mag", "mayo", "mai", "maio"],
            ["june", "jun", "giugno", "giu", "junio", "juin", "juni", "junho"],
            ["july", "jul", "luglio", "lug", "julio", "juillet", "juil", "juli", "julho"],
            ["august", "aug", "agosto", "ago", "août", "aout"],
            ["september", "sep", "sept", "settembre", "set", "septiembre", "septembre", "setembro"],
            ["october", "oct", "ottobre", "ott", "octubre", "octobre", "oktober", "okt", "outubro", "out"],
            ["november", "nov", "novembre", "noviembre", "novembro"],
            ["december", "dec", "dicembre", "dic", "diciembre", "décembre", "decembre", "déc", "dezember", "dez", "dezembro"],
        ]
        for (k, list) in names.enumerated() { for n in list { m[n] = k + 1 } }
        return m
    }()

    nonisolated(unsafe) private static let iso = try! Regex(#"\b(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"#)
    nonisolated(unsafe) private static let ymdDotted = try! Regex(#"\b(\d{4})[./](\d{1,2})[./](\d{1,2})(?!\d)"#)
    nonisolated(unsafe) private static let dmyNumeric = try! Regex(#"\b(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)"#)
    nonisolated(unsafe) private static let monthDayYear = try! Regex(#"(?i)\b([a-zà-ü]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"#)
    nonisolated(unsafe) private static let dayMonthYear = try! Regex(#"(?i)\b(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?([a-zà-ü]{3,10})\.?,?\s+(\d{4})\b"#)

    /// Every full date (year, month and day) in `text`, in order of position.
    public static func findDates(in text: String) -> [Match] {
        // Every form we read has a four-digit year: skip the regexes when there is none.
        var run = 0, hasYear = false
        for b in text.utf8 {
            run = (b >= 0x30 && b <= 0x39) ? run + 1 : 0
            if run == 4 { hasYear = true; break }
        }
        guard hasYear else { return [] }
        var found: [Match] = []
        func offsets(_ r: Range<String.Index>) -> Range<Int> {
            let a = text.unicodeScalars.distance(from: text.startIndex, to: r.lowerBound)
            return a..<(a + text.unicodeScalars.distance(from: r.lowerBound, to: r.upperBound))
        }
        func add(_ date: StatedDate, _ r: Range<String.Index>, time: String? = nil) {
            guard date.isValid else { return }
            let o = offsets(r)
            if found.contains(where: { $0.range.overlaps(o) }) { return }
            found.append(Match(date: date, range: o, time: time))
        }
        for m in text.matches(of: iso) {
            guard let y = int(m.output[1].substring), let mo = int(m.output[2].substring), let d = int(m.output[3].substring) else { continue }
            add(StatedDate(year: y, month: mo, day: d), m.range, time: m.output[4].substring.map(String.init))
        }
        for m in text.matches(of: ymdDotted) {
            guard let y = int(m.output[1].substring), let mo = int(m.output[2].substring), let d = int(m.output[3].substring) else { continue }
            add(StatedDate(year: y, month: mo, day: d), m.range)
        }
        for m in text.matches(of: dmyNumeric) {
            guard let a = int(m.output[1].substring), let b = int(m.output[2].substring), let y = int(m.output[3].substring) else { continue }
            // Only unambiguous orders: 17/07/2025 (day first) or 07/17/2025 (month first).
            if a > 12, b <= 12 { add(StatedDate(year: y, month: b, day: a), m.range) }
            else if b > 12, a <= 12 { add(StatedDate(year: y, month: a, day: b), m.range) }
        }
        for m in text.matches(of: monthDayYear) {
            guard let name = m.output[1].substring, let mo = monthNames[name.lowercased()],
                  let d = int(m.output[2].substring), let y = int(m.output[3].substring) else { continue }
            add(StatedDate(year: y, month: mo, day: d), m.range)
        }
        for m in text.matches(of: dayMonthYear) {
            guard let name = m.output[2].substring, let mo = monthNames[name.lowercased()],
                  let d = int(m.output[1].substring), let y = int(m.output[3].substring) else { continue }
            add(StatedDate(year: y, month: mo, day: d), m.range)
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private static func int(_ s: Substring?) -> Int? { s.flatMap { Int($0) } }
}
