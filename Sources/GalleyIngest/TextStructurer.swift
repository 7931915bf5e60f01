import Foundation
import GalleyJSON
import GalleyModel
import GalleyText

/// Turns a plain-text scrape into the parts of an Article. It decides, line by line, what is
/// article and what is page furniture, using general signals in this order:
///
/// 1. shape and lexicon: chrome lines ("Related Posts", "LEAVE A REPLY"), junk tokens
///    (`spot_img`), time stamps and view counters, lines in another language than the body;
/// 2. position: the head (crumbs, date lines, glued metadata, title, deck) and the tail
///    (everything after a related-articles or comments marker);
/// 3. repetition: a repeated title, duplicated lines, fragments of the title (image alt text);
/// 4. structure of what is kept: FAQ blocks, tables, lists, cited sources, headings, prose;
/// 5. topic: trailing blocks after the article's end that share no vocabulary with it (ads).
final class TextStructurer {
    private(set) var lines: [Line] = []
    private(set) var roles: [Role] = []
    private var tableCells: [Int: [String]] = [:]
    /// Groups: list id per list-item line, table id per row line, FAQ pair id per Q/A line.
    private var groupOf: [Int: Int] = [:]
    private var nextGroup = 0
    private let known: KnownFields

    private(set) var language = "und"
    private(set) var title: String?
    private(set) var deck: String?
    private(set) var published: String?
    private(set) var site: String?
    private(set) var authors: [String] = []
    private(set) var sources: [String] = []
    private var bodyStart = 0
    private var tailStart: Int
    /// The run of table-shaped lines `tryTable` last found, and which of its suffixes read as a table.
    private var tableRun: (start: Int, end: Int, readable: [Bool])?

    init(text: String, known: KnownFields) {
        self.known = known
        lines = TextStructurer.readLines(text)
        roles = Array(repeating: .undecided, count: lines.count)
        tailStart = lines.count
    }

    // MARK: - Running the passes

    func run() {
        language = known.language ?? detectLanguage()
        markFurniture()
        readHead()
        findTail()
        markRepeats()
        classifyBody()
        dropTrailingOffTopic()
    }

    /// Splits into lines, remembers blank lines, and re-joins hard-wrapped prose.
    static func readLines(_ text: String) -> [Line] {
        var out: [Line] = []
        var blank = true
        // The line being built: wrapped lines are appended to it in place, so a paragraph of
        // thousands of wrapped lines costs linear time (a new string per join was quadratic).
        var pending: (text: String, number: Int, blank: Bool)?
        // Whether the pending text is all ASCII, and whether it has at least 40 characters:
        // found out when first asked (nil until then), then kept as the text grows instead of
        // re-scanned at every join.
        var pendingASCII: Bool?, pendingLong: Bool?
        func pendingIsASCII() -> Bool {
            if let known = pendingASCII { return known }
            let ascii = pending!.text.isASCII; pendingASCII = ascii; return ascii
        }
        func pendingIsLong() -> Bool {
            if let known = pendingLong { return known }
            let long = pending!.text.count >= 40; pendingLong = long; return long
        }
        func flush() {
            if let p = pending { out.append(Line(raw: p.text, number: p.number, blankBefore: p.blank)) }
            pending = nil
        }
        var number = 0
        text.withUTF8Bytes { buf in
            var start = 0
            // Every piece between line breaks, the empty one after a final break included. A
            // break is "\n", "\r\n", or a lone "\r" (old Mac files, some exports); "\r\r\n",
            // what converting line ends twice leaves, is one break, not two.
            while start <= buf.count {
                var end = start
                // Eight bytes at a time while they hold neither break byte.
                while let x = ByteScan.load8(buf, at: end), !ByteScan.has(x, 0x0A), !ByteScan.has(x, 0x0D) { end += 8 }
                while end < buf.count, buf[end] != 0x0A, buf[end] != 0x0D { end += 1 }
                var next = end + 1
                if end < buf.count, buf[end] == 0x0D {
                    var j = end
                    while j < buf.count, buf[j] == 0x0D { j += 1 }
                    if j < buf.count, buf[j] == 0x0A { next = j + 1 }
                }
                defer { start = next }
                number += 1
                let piece = UnsafeBufferPointer(rebasing: buf[start..<end])
                // Blank: only ASCII spaces, or (rarely) Unicode spaces too.
                guard let firstSolid = piece.firstIndex(where: { $0 != 0x20 && ($0 < 0x09 || $0 > 0x0D) }) else {
                    flush(); blank = true; continue
                }
                // A markdown table's rule under its header row ("|---|:--:|") is markup, not a
                // row: dropped, so that the header and the rows form one table.
                if piece[firstSolid] == UInt8(ascii: "|") || piece[firstSolid] == UInt8(ascii: "-") || piece[firstSolid] == UInt8(ascii: ":"),
                   let p = pending, p.text.utf8.contains(UInt8(ascii: "|")), Self.isMarkdownTableRule(piece) { continue }
                let s = String(decoding: piece, as: UTF8.self)
                if piece[firstSolid] >= 0x80, s.trimmed.isEmpty { flush(); blank = true; continue }
                // A long line ending mid-sentence followed by a lowercase line is one wrapped paragraph.
                if pending != nil, piece[firstSolid] >= 0x80 || (piece[firstSolid] >= 0x61 && piece[firstSolid] <= 0x7A),
                   pending!.text.utf8.count >= 40, pendingIsASCII() || pendingIsLong() {
                    let t = s.trimmed
                    if let last = pending!.text.last, !".!?:;\"”)".contains(last),
                       let first = t.unicodeScalars.first, first.properties.isLowercase,
                       t.contains(" ") || t.last.map({ ".!?,;:".contains($0) }) == true {
                        // "work-" + "force": a word hyphenated at the line's end keeps its
                        // hyphen and loses the space ("work-force"; dropping the hyphen
                        // would spoil compounds such as "well-known").
                        if !pending!.text.hasSuffix("-") || pending!.text.hasSuffix(" -") || pending!.text.hasSuffix("--") {
                            pending!.text.append(" ")
                        }
                        pending!.text.append(t)
                        if pendingASCII == true { pendingASCII = t.isASCII }
                        if pendingLong == false { pendingLong = nil }  // longer now: ask again
                        continue
                    }
                }
                flush()
                pending = (s, number, blank)
                pendingASCII = nil; pendingLong = nil
                blank = false
            }
        }
        flush()
        return out.filter { !$0.text.isEmpty }
    }

    /// Only "|", "-", ":" and spaces, with a pipe and a run of three dashes: "|---|:--:|".
    static func isMarkdownTableRule(_ piece: UnsafeBufferPointer<UInt8>) -> Bool {
        var pipe = false, dashes = 0, longest = 0
        for b in piece {
            switch b {
            case UInt8(ascii: "|"): pipe = true; dashes = 0
            case UInt8(ascii: "-"): dashes += 1; longest = max(longest, dashes)
            case UInt8(ascii: ":"), 0x20, 0x09: dashes = 0
            default: return false
            }
        }
        return pipe && longest >= 3
    }

    private func detectLanguage() -> String {
        // Lines of at least eight words, or every line when there is none (walked in place: a
        // filtered copy retained every field of every line).
        let longOnly = lines.contains { $0.wordCount >= 8 }
        var chosen: [Int] = [], evidence = LanguageIdentifier.Evidence()
        for i in lines.indices where (!longOnly || lines[i].wordCount >= 8) && evidence.words < 120 {
            chosen.append(i)
            evidence.add(lines[i].languageEvidence)
        }
        // The text only serves to count scripts, which all-ASCII text has none of.
        let text = chosen.allSatisfy { lines[$0].isASCII } ? "" : chosen.map { lines[$0].text + " " }.joined()
        return LanguageIdentifier.identify(text, evidence: evidence).language
    }

    private func remove(_ i: Int, _ reason: String) {
        if !roles[i].isRemoved { roles[i] = .removed(reason) }
    }

    // MARK: - Pass 1: furniture recognisable on its own

    private func markFurniture() {
        for i in lines.indices {
            let line = lines[i]
            if line.markdownImage { remove(i, "caption"); continue }
            // The lexicon names short lines only; long ones skip the look-ups.
            if line.wordCount <= 12 {
                let key = line.lexiconKey
                if Lexicon.chromeLines.contains(key) && !Lexicon.faqHeadings.keys.contains(key) {
                    remove(i, "chrome"); continue
                }
                if Lexicon.chromePrefixes.contains(where: { key.hasPrefix($0) }) {
                    remove(i, "chrome"); continue
                }
            }
            if isJunk(line) || isPageNumber(line) { remove(i, "chrome"); continue }
            if isStamp(line) { remove(i, "metadata"); continue }
            if isForeign(line), !isMetadataLine(line) { remove(i, "foreign-language"); continue }
        }
    }

    static func lexiconKey(_ text: String) -> String {
        var k = text.lowercased().trimmed
        while let l = k.last, ":|>»›".contains(l) { k.removeLast() }
        return k.trimmed
    }

    /// Template leftovers: `spot_img`, `bg`, lone symbols.
    private func isJunk(_ line: Line) -> Bool {
        if !line.hasLetters { return !line.text.contains(where: \.isNumber) || line.text.count <= 3 }
        guard line.wordCount <= 3, line.stopWordShare == 0, !line.endsSentence else { return false }
        if line.text.contains("_") { return true }
        let tokens = line.text.split(separator: " ")
        return tokens.allSatisfy { t in t.count <= 3 && t.allSatisfy { $0.isLowercase } }
    }

    nonisolated(unsafe) private static let pageNumberPattern = try! Regex(#"(?i)^(?:(?:page|p\.|pg\.?|seite|p[aá]gina|pagina)\s*\d{1,4}(?:\s*(?:of|/|von|de|di|sur)\s*\d{1,4})?|(?:[-–—]\s*)?\d{1,4}\s*[-–—]|\d{1,4}\s+(?:/|of)\s+\d{1,4})$"#)

    /// Page furniture from text converted out of PDF or print, or a carousel's counter:
    /// "Page 3 of 10", "Seite 3", "- 12 -" (read as a bullet: "12 -"), "3 / 10", "1 of 5"
    /// (not "2024/25", a season).
    private func isPageNumber(_ line: Line) -> Bool {
        guard line.wordCount <= 5, line.text.utf8.count <= 24, line.text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        guard Self.mayBePageNumber(line.text) else { return false }
        return line.text.trimmed.wholeMatch(of: Self.pageNumberPattern) != nil
    }

    /// What every form of `pageNumberPattern` needs: a page word first ("page", "p.", "pg",
    /// "seite", "página"), or a dash, a slash or "of". Most short lines with digits (scores,
    /// dates, prices) have none, and the regular expression is slow even to fail.
    static func mayBePageNumber(_ text: String) -> Bool {
        let lead = text.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }).map { $0 | 0x20 }
        if lead == UInt8(ascii: "p") || lead == UInt8(ascii: "s") { return true }
        return text.unicodeScalars.contains(where: { "-/–—".unicodeScalars.contains($0) }) || text.containsASCIIIgnoringCase("of")
    }

    nonisolated(unsafe) private static let stampPattern = try! Regex(#"(?i)\d+\s*(h|hr|hrs|hours?|m|mins?|minutes?|d|days?|ore|giorni|w|weeks?)\s*(fa|ago)\s*$"#)
    nonisolated(unsafe) private static let readTimePattern = try! Regex(#"(?i)^\d+\s*(min|minute)s?\s+read$"#)
    nonisolated(unsafe) private static let countPattern = try! Regex(#"(?i)^[\d.,]+[kKmM]?\s+(views|reads|shares|comments|totale visualizzazioni|visualizzazioni)"#)

    /// Relative time stamps ("marsbit9 h fa", "3 hours ago"), read times and view counters.
    private func isStamp(_ line: Line) -> Bool {
        guard line.wordCount <= 10, line.text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        // Each pattern needs one of its words; most short lines with digits have none (the
        // regular expressions are slow even to fail, and Foundation's string search is slow too).
        let text = line.text
        var lowered: String?
        func lower() -> String {
            if let lowered { return lowered }
            lowered = text.lowercased()
            return lowered!
        }
        if text.hasASCIISuffixIgnoringCase("ago") || text.hasASCIISuffixIgnoringCase("fa") {
            if lower().contains(Self.stampPattern) { return true }
        }
        if text.hasASCIISuffixIgnoringCase("read") { if lower().contains(Self.readTimePattern) { return true } }
        if Self.countWords.contains(where: { text.containsASCIIIgnoringCase($0) }) { return lower().contains(Self.countPattern) }
        return false
    }

    static let countWords = ["views", "reads", "shares", "comments", "visualizzazioni"]

    /// A line whose language differs from the body's: judged by script for any length, by
    /// function words only when there are enough words to count.
    private func isForeign(_ line: Line) -> Bool {
        guard language != "und" else { return false }
        // Fast path: ASCII prose rich in English function words is English.
        if language == "en", line.stopWordShare >= 0.25, line.isASCII { return false }
        let guess = LanguageIdentifier.identify(line.text, evidence: line.languageEvidence)
        guard guess.language != "und", guess.language != language else { return false }
        let nonLatin = ["zh", "ja", "ko", "ru", "ar"].contains(guess.language)
        // Latin-script lines need real function-word evidence, not a "de" or "van" in a name.
        return nonLatin || (line.wordCount >= 4 && guess.confidence >= 0.15)
    }

    // MARK: - Pass 2: the head (crumbs, metadata, title, deck)

    nonisolated(unsafe) private static let bylinePattern = try! Regex(#"^(?i:by|written by|author:|words by|di|por|par|von)\s+(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3})*)"#)

    private func readHead() {
        var shortLines: [Int] = []
        var titleIndex: Int?
        var i = 0
        let headLimit = min(lines.count, 40)
        while i < headLimit {
            defer { i += 1 }
            guard roles[i] == .undecided else { continue }
            let line = lines[i]
            if readMetadata(i) { continue }
            if known.title != nil { break }
            if isTitleCandidate(line) { titleIndex = i; break }
            if line.wordCount <= 3, !line.isProseShaped, line.bullet == nil { shortLines.append(i); continue }
            break
        }
        // A title needs a body after it: the only line of a text (a record's one-sentence
        // `text`, a headline piped alone) stays the body, or the article would be empty.
        if let t = titleIndex ?? (shortLines.count == 1 ? shortLines[0] : nil),
           !lines.indices.contains(where: { $0 > t && roles[$0] == .undecided }) {
            titleIndex = nil
            shortLines.removeAll()
        }
        if let t = titleIndex {
            title = lines[t].text
            roles[t] = .title
            for s in shortLines { remove(s, "crumb") }
        } else if known.title == nil, shortLines.count == 1, lines[shortLines[0]].wordCount >= 2,
                  lines[shortLines[0]].titleCaseShare >= 0.6 {
            // A short headline straight above the prose ("Sony PSP").
            titleIndex = shortLines[0]
            title = lines[shortLines[0]].text
            roles[shortLines[0]] = .title
        } else {
            for s in shortLines where known.title != nil { remove(s, "crumb") }
        }
        title = known.title ?? title
        bodyStart = (titleIndex ?? -1) + 1
        // Metadata, the repeated title and the deck may follow the title.
        let j = readMetadataLines(from: bodyStart)
        if known.deck == nil, j < lines.count, roles[j] == .undecided, isDeckCandidate(lines[j]) {
            // A deck is confirmed by what follows it: the title again, or metadata.
            var k = j + 1
            while k < lines.count, roles[k].isRemoved { k += 1 }
            if k < lines.count, isRepeatOfTitle(lines[k]) || isMetadataLine(lines[k]) {
                deck = lines[j].text
                roles[j] = .deck
                // The metadata that confirmed the deck is read like metadata above it.
                _ = readMetadataLines(from: j + 1)
            }
        }
        deck = known.deck ?? deck
        if let d = known.deck {
            for k in lines.indices.prefix(12) where roles[k] == .undecided && Self.same(lines[k].text, d) { roles[k] = .deck }
        }
        // The body starts at the first line nothing above has claimed.
        bodyStart = 0
        for k in lines.indices where roles[k] == .undecided {
            if k < 12 && isRepeatOfTitle(lines[k]) { remove(k, "duplicate-title"); continue }
            bodyStart = k
            break
        }
        site = known.site ?? site
        published = known.published ?? published
        if let a = known.authors, !a.isEmpty { authors = a }
    }

    private func isTitleCandidate(_ line: Line) -> Bool {
        guard line.wordCount >= 4, line.wordCount <= 30, line.bullet == nil, !line.startsLowercase else { return false }
        if line.lastCharacter == ":" || line.lastCharacter == "," || line.lastCharacter == ";" { return false }
        if line.endsSentence, line.lastCharacter == "." || line.lastCharacter == "…" { return false }
        return line.sentenceCount == 1
    }

    private func isDeckCandidate(_ line: Line) -> Bool {
        line.bullet == nil && line.wordCount >= 6 && line.wordCount <= 60 && !line.startsLowercase && line.sentenceCount <= 2
    }

    private func isRepeatOfTitle(_ line: Line) -> Bool {
        guard let t = title ?? known.title else { return false }
        let words = wordsOfTitle(t)
        return line.wordCount == words.count && line.words == words
    }

    /// The title's lowercase words, tokenized once, not per line asked.
    private func wordsOfTitle(_ t: String) -> [String] {
        if titleWords?.text != t { titleWords = (t, Tokenizer.lowerWords(t)) }
        return titleWords!.words
    }

    private var titleWords: (text: String, words: [String])?

    static func same(_ a: String, _ b: String) -> Bool {
        Tokenizer.lowerWords(a) == Tokenizer.lowerWords(b)
    }

    private func isMetadataLine(_ line: Line) -> Bool { metadataEvidence(line) != nil }

    private enum MetadataEvidence { case byline, dated(spaced: String, dates: [DateParser.Match]) }

    /// Why `line` is metadata (nil when it is not); a dated line keeps its unglued text and dates.
    private func metadataEvidence(_ line: Line) -> MetadataEvidence? {
        guard line.wordCount <= 14, !line.isProseShaped || line.wordCount <= 8 else { return nil }
        if line.wordCount <= 10, Self.bylineStarts.contains(line.words.first ?? ""),
           line.text.firstMatch(of: Self.bylinePattern) != nil { return .byline }
        // Every metadata line we read carries a date, and dates carry digits.
        guard line.text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let spaced = Self.unglue(line.text)
        let dates = DateParser.findDates(in: spaced)
        guard !dates.isEmpty else { return nil }
        let lower = spaced.lowercased()
        if Lexicon.publishedWords.contains(where: { lower.contains($0) }) || Lexicon.updatedWords.contains(where: { lower.contains($0) }) {
            return .dated(spaced: spaced, dates: dates)
        }
        // A line that is only a date (and perhaps a weekday).
        var rest = Array(spaced.unicodeScalars)
        for d in dates.reversed() { rest.removeSubrange(d.range) }
        let leftover = Tokenizer.words(String(String.UnicodeScalarView(rest))).map(\.lower)
        return leftover.allSatisfy { Self.weekdays.contains($0) || $0 == "on" || $0 == "at" } ? .dated(spaced: spaced, dates: dates) : nil
    }

    static let bylineStarts: Set<String> = ["by", "written", "author", "words", "di", "por", "par", "von"]

    /// Last words of a job title in a byline ("Technology Reporter", "Staff Writer").
    static let roleWords: Set<String> = [
        "reporter", "correspondent", "editor", "writer", "journalist", "columnist", "contributor", "producer",
        "analyst", "staff", "desk", "team", "reporters", "editors", "writers", "correspondents",
    ]

    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu",
        "fri", "sat", "sun", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
    ]

    /// Reads the metadata lines and repeats of the title from `start` on (at most 8 lines);
    /// returns the first line that is neither.
    private func readMetadataLines(from start: Int) -> Int {
        var j = start
        while j < lines.count, j < start + 8 {
            if roles[j] != .undecided { j += 1; continue }
            if readMetadata(j) { j += 1; continue }
            if isRepeatOfTitle(lines[j]) { remove(j, "duplicate-title"); j += 1; continue }
            break
        }
        return j
    }

    /// Reads a metadata line into fields and marks it; false when the line is not metadata.
    private func readMetadata(_ i: Int) -> Bool {
        let line = lines[i]
        guard let evidence = metadataEvidence(line) else { return false }
        roles[i] = .metadata
        if let m = line.text.firstMatch(of: Self.bylinePattern), let names = m.output[1].substring, authors.isEmpty {
            authors = String(names).components(separatedBy: CharacterSet(charactersIn: ",&"))
                .flatMap { $0.components(separatedBy: " and ") }
                .map { $0.trimmed }.filter { !$0.isEmpty }
                // "By Sarah Miller, Technology Reporter": a job title after the comma is no author.
                .filter { name in !Self.roleWords.contains(name.split(separator: " ").last.map { $0.lowercased() } ?? "") }
            return true
        }
        let spaced: String, dates: [DateParser.Match]
        if case .dated(let s, let d) = evidence { (spaced, dates) = (s, d) } else {
            spaced = Self.unglue(line.text)
            dates = DateParser.findDates(in: spaced)
        }
        let lower = spaced.lowercased()
        // The published date: the one after a "published" word, else the first one not after
        // an "updated" word.
        let scalars = Array(lower.unicodeScalars)
        func precededBy(_ words: [String], _ d: DateParser.Match) -> Bool {
            let before = String(String.UnicodeScalarView(scalars[max(0, d.range.lowerBound - 24)..<d.range.lowerBound]))
            return words.contains { before.contains($0) }
        }
        let chosen = dates.first(where: { precededBy(Lexicon.publishedWords, $0) && !precededBy(Lexicon.updatedWords, $0) })
            ?? dates.first(where: { !precededBy(Lexicon.updatedWords, $0) })
        if published == nil, let d = chosen {
            published = d.date.iso + (d.time ?? "")
        }
        // Glued site name: whatever precedes the first metadata word ("marsbitPubblicato").
        if site == nil, let firstWord = (Lexicon.publishedWords + Lexicon.updatedWords)
            .compactMap({ w in lower.range(of: w).map { (w, $0) } }).min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            let prefix = String(spaced[..<firstWord.1.lowerBound]).trimmed
                .trimmingCharacters(in: CharacterSet(charactersIn: "|·•-–—,:"))
                .trimmed
            let w = prefix.split(separator: " ")
            if !prefix.isEmpty, w.count <= 4, DateParser.findDates(in: prefix).isEmpty, !prefix.lowercased().hasPrefix("by ") {
                site = prefix
            }
        }
        return true
    }

    /// Puts spaces where page templates glued fields together: "marsbitPubblicato 2026-03-17Pubblicato".
    static func unglue(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var prev: UnicodeScalar?
        for c in text.unicodeScalars {
            if let p = prev {
                let lowerToUpper = p.properties.isLowercase && c.properties.isUppercase
                let digitToLetter = p.properties.numericType != nil && c.properties.isUppercase
                if lowerToUpper || digitToLetter { out.append(" ") }
            }
            out.append(c)
            prev = c
        }
        return String(out)
    }

    // MARK: - Pass 3: the tail and repeats

    private func findTail() {
        var prose = 0
        for i in bodyStart..<lines.count {
            if roles[i] == .undecided, lines[i].isProseShaped { prose += 1 }
            guard prose >= 2, lines[i].wordCount <= 6 else { continue }
            if Lexicon.tailMarkers.contains(lines[i].lexiconKey) {
                tailStart = i
                break
            }
        }
        guard tailStart < lines.count else { return }
        for i in tailStart..<lines.count { remove(i, "page-tail") }
    }

    private func markRepeats() {
        // Lines by a hash of their words (`Line.wordsHash`; hashing word arrays here cost more
        // than the rest of this pass); equal hashes are confirmed word by word.
        var seen: [UInt64: [Int]] = [:]
        for i in lines.indices where !roles[i].isRemoved && lines[i].wordCount >= 3 {
            let key = lines[i].wordsHash
            if roles[i] == .undecided, let earlier = seen[key], earlier.contains(where: { lines[$0].words == lines[i].words }) {
                remove(i, "duplicate"); continue
            }
            seen[key, default: []].append(i)
        }
        // Short fragments of the title are image alt texts and captions ("Meta Layoffs AI").
        if let t = title {
            let titleWords = wordsOfTitle(t)
            for i in bodyStart..<tailStart where roles[i] == .undecided {
                // Only a line as long as the title, or a short heading, can be either.
                let n = lines[i].wordCount
                guard n == titleWords.count || (n <= 6 && n < titleWords.count && lines[i].isHeadingShaped) else { continue }
                let w = lines[i].words
                if w == titleWords { remove(i, "duplicate-title"); continue }
                if !w.isEmpty, w.count <= 6, w.count < titleWords.count, lines[i].isHeadingShaped,
                   titleWords.starts(with: w) || Self.contains(titleWords, w) && w.count >= 3 {
                    remove(i, "title-fragment")
                }
            }
        }
    }

    static func contains(_ hay: [String], _ needle: [String]) -> Bool {
        guard needle.count <= hay.count else { return false }
        for s in 0...(hay.count - needle.count) where Array(hay[s..<(s + needle.count)]) == needle { return true }
        return false
    }

    // MARK: - Pass 4: the structure of the body

    private enum FAQStyle { case none, bare, glued, labelled }

    private func classifyBody() {
        var faq = FAQStyle.none
        var inSources = false
        var i = bodyStart
        while i < tailStart {
            defer { i += 1 }
            guard roles[i] == .undecided else { continue }
            let line = lines[i]
            let key = line.wordCount <= 6 ? line.lexiconKey : ""

            if let lang = Lexicon.faqHeadings[key] {
                if lang == language || lang == "*" { roles[i] = .heading } else { remove(i, "foreign-language") }
                faq = .bare
                inSources = false
                continue
            }
            if line.wordCount <= 3, Lexicon.sourcesHeadings.contains(key), line.lastCharacter == ":" || line.isHeadingShaped {
                roles[i] = .metadata
                inSources = true
                continue
            }
            if let credit = sourceCredit(line) {
                roles[i] = .source
                sources.append(credit)
                continue
            }
            if inSources {
                if line.bullet != nil || (!line.blankBefore && !line.isProseShaped) || line.wordCount <= 12 && !line.endsSentence {
                    roles[i] = .source
                    sources.append(line.text)
                    continue
                }
                inSources = false
            }
            if let (style, text) = questionForm(line, current: faq) {
                faq = style
                roles[i] = .question
                lines[i].text = text
                groupOf[i] = nextGroup
                nextGroup += 1
                continue
            }
            if faq != .none, let prev = previousKept(before: i), roles[prev] == .question || roles[prev] == .answer {
                if roles[prev] == .answer, line.isHeadingShaped, !line.isProseShaped {
                    faq = .none  // a new section after the FAQ
                } else {
                    roles[i] = .answer
                    if faq == .glued, let t = Self.stripGluedPrefix(line.text, "A") { lines[i].text = t }
                    if faq == .labelled, let t = Self.stripLabel(line.text, ["a", "answer"]) { lines[i].text = t }
                    groupOf[i] = groupOf[prev]
                    continue
                }
            }
            if tryTable(at: i) { continue }
            if let b = line.bullet {
                if case .ordered = b { roles[i] = .listItem(ordered: true) } else { roles[i] = .listItem(ordered: false) }
                if let prev = previousKept(before: i), case .listItem = roles[prev], groupOf[prev] != nil, i - prev <= 2 {
                    groupOf[i] = groupOf[prev]
                } else {
                    groupOf[i] = nextGroup
                    nextGroup += 1
                }
                continue
            }
            if (line.markdownHeading || line.isHeadingShaped) && !line.isProseShaped && isFollowedByContent(i) {
                roles[i] = .heading
                continue
            }
            roles[i] = .paragraph
        }
        // Anything still undecided (head lines the title pass skipped) is prose.
        for k in lines.indices where roles[k] == .undecided { roles[k] = .paragraph }
    }

    private func previousKept(before i: Int) -> Int? {
        var k = i - 1
        while k >= 0 {
            if roles[k].isKeptBody { return k }
            if !roles[k].isRemoved { return nil }
            k -= 1
        }
        return nil
    }

    private func isFollowedByContent(_ i: Int) -> Bool {
        var k = i + 1
        while k < tailStart, roles[k].isRemoved { k += 1 }
        guard k < tailStart else { return lines[i].titleCaseShare >= 0.6 }
        let next = lines[k]
        return next.isProseShaped || next.bullet != nil || next.isHeadingShaped || lines[i].titleCaseShare >= 0.6
    }

    static let creditWords: Set<String> = ["source", "sources", "fonte", "fuente", "quelle", "via", "credit"]
    nonisolated(unsafe) private static let creditPattern = try! Regex(#"^(?i:source|sources|fonte|fuente|quelle|via|credit)\s*:\s*(.+)$"#)

    private func sourceCredit(_ line: Line) -> String? {
        guard line.wordCount <= 12, line.text.utf8.contains(UInt8(ascii: ":")),
              Self.creditWords.contains(line.text.prefix(while: { $0.isLetter }).lowercased()),
              let m = line.text.firstMatch(of: Self.creditPattern), let v = m.output[1].substring else { return nil }
        let value = String(v).trimmed
        return value.isEmpty ? nil : value
    }

    /// A question line, in the three shapes scrapes use: "QWhat ...?" glued, "1. What ...?"
    /// numbered or "Q: What ...?" labelled, or a bare question inside an FAQ block.
    private func questionForm(_ line: Line, current: FAQStyle) -> (FAQStyle, String)? {
        guard line.lastCharacter == "?", line.wordCount >= 3 else { return nil }
        if let t = Self.stripGluedPrefix(line.text, "Q") { return (.glued, t) }
        if let t = Self.stripLabel(line.text, ["q", "question"]) { return (.labelled, t) }
        guard current != .none else { return nil }
        if line.bullet != nil || line.sentenceCount == 1 { return (current, line.text) }
        return nil
    }

    /// "QWhat is ..." -> "What is ...": a capital letter glued to the next capitalised word.
    static func stripGluedPrefix(_ text: String, _ letter: Character) -> String? {
        let chars = Array(text)
        guard chars.count > 2, chars[0] == letter, chars[1].isUppercase || chars[1] == "'" || chars[1] == "\"" || chars[1] == "‘" || chars[1] == "“" else { return nil }
        // "AI ..." is a word, not an answer label followed by "I".
        if chars[1].isUppercase, chars.count > 2, chars[2] == " " || chars[2].isUppercase { return nil }
        return String(chars[1...])
    }

    static func stripLabel(_ text: String, _ labels: [String]) -> String? {
        let lower = text.lowercased()
        for l in labels {
            for sep in [":", ".", ")"] where lower.hasPrefix(l + sep) {
                return String(text.dropFirst(l.count + sep.count)).trimmed
            }
        }
        return nil
    }

    /// A run of at least three short unpunctuated lines (or two with explicit separators)
    /// that reads as rows of cells.
    private func tryTable(at i: Int) -> Bool {
        let first = lines[i]
        guard first.bullet == nil, first.isHeadingShaped || first.separatedCells != nil else { return false }
        // The run of table-shaped lines from i. When i lies inside the run an earlier line
        // started, this run is that run's suffix: the lines in between were classified one by
        // one, and nothing after them changed. So the run is found, and every suffix judged,
        // once per run (`TableReader.readableSuffixes`), not once per line.
        if tableRun == nil || !(tableRun!.start < i && i < tableRun!.end) {
            var k = i + 1
            while k < tailStart, roles[k] == .undecided, !lines[k].blankBefore, lines[k].bullet == nil,
                  (lines[k].isHeadingShaped || lines[k].separatedCells != nil), !lines[k].isProseShaped {
                k += 1
            }
            let readable = k - i >= 2 ? TableReader.readableSuffixes(Array(lines[i..<k])) : []
            tableRun = (i, k, readable)
        }
        let run = tableRun!
        guard run.end - i >= 2, run.readable[i - run.start],
              let rows = TableReader.read(Array(lines[i..<run.end])) else { return false }
        let id = nextGroup
        nextGroup += 1
        for (r, idx) in (i..<run.end).enumerated() {
            roles[idx] = .tableRow
            tableCells[idx] = rows[r]
            groupOf[idx] = id
        }
        return true
    }

    // MARK: - Pass 5: trailing blocks off the article's topic

    /// After the article ends (a sources list, an FAQ, or furniture), blocks that share almost
    /// no vocabulary with the article are advertisements or teasers for other stories.
    private func dropTrailingOffTopic() {
        let kept = lines.indices.filter { roles[$0].isKeptBody }
        guard kept.count >= 4 else { return }
        // Only needed when the article has an end signal to look past; most articles have none.
        let lastKept = kept.last!
        guard lines.indices.contains(where: { $0 > kept[kept.count / 2] && isEndSignal($0) }) || lastKept < lines.count - 1 else { return }
        var vocabulary: [String: Int] = [:]
        for i in kept { for w in Set(contentWords(lines[i].words)) { vocabulary[w, default: 0] += 1 } }
        for w in Set(contentWords(title ?? "")) { vocabulary[w, default: 0] += 2 }
        var k = lines.count - 1
        var candidates: [Int] = []
        var offTopicBlocks = 0
        while k >= bodyStart {
            if roles[k].isRemoved || roles[k] == .source || roles[k] == .metadata { k -= 1; continue }
            guard roles[k].isKeptBody else { break }
            let words = contentWords(lines[k].words)
            // Too few words to judge a topic: goes with whatever surrounds it.
            if words.count < 4 { candidates.append(k); k -= 1; continue }
            // Topic words recur: count only words found in at least two other blocks.
            let shared = words.filter { (vocabulary[$0] ?? 0) > 2 }.count
            if Double(shared) / Double(words.count) >= 0.2 { break }
            offTopicBlocks += 1
            candidates.append(k)
            k -= 1
        }
        guard offTopicBlocks > 0 else { return }
        // Only what follows an end signal goes: something removed, a sources list, or an FAQ.
        let stop = k
        guard let end = (max(stop, 0)..<lines.count).first(where: {
            isEndSignal($0) && (roles[$0] != .answer || !candidates.contains($0))
        }) else { return }
        let dropped = candidates.filter { $0 > end }
        // Short lines are judged by their neighbours: they go only with an off-topic block after them.
        for c in dropped where contentWords(lines[c].words).count >= 4 || dropped.contains(where: { $0 > c && contentWords(lines[$0].words).count >= 4 }) {
            roles[c] = .removed("off-topic")
        }
    }

    /// What can end an article's own text: the page's tail, a sources list, metadata, an FAQ,
    /// or furniture that opens a list of other stories ("Related Posts"). Furniture inside the
    /// story ("Advertisement", "Read more: ...", a picture's caption) is no end.
    private func isEndSignal(_ i: Int) -> Bool {
        switch roles[i] {
        case .source, .metadata, .answer: return true
        case .removed(let reason):
            if reason == "chrome" { return Lexicon.tailMarkers.contains(lines[i].lexiconKey) || lines[i].wordCount > 12 }
            return reason != "caption" && reason != "duplicate"
        default: return false
        }
    }

    func contentWords(_ text: String) -> [String] { contentWords(Tokenizer.lowerWords(text)) }

    func contentWords(_ words: [String]) -> [String] {
        words.compactMap { word in
            var w = word
            if w.hasSuffix("'s") { w.removeLast(2) }
            guard w.count >= 2, !StopWords.english.contains(w), !w.allSatisfy(\.isNumber) else { return nil }
            return w.hasSuffix("s") && w.count > 4 ? String(w.dropLast()) : w
        }
    }

    // MARK: - Results

    struct Piece {
        var text: String
        var role: Role
        /// 1-based input line; 0 when the input has no lines to point at (HTML).
        var line: Int
        var cells: [String]?
        var group: Int?
    }

    var pieces: [Piece] {
        lines.indices.map { i in
            Piece(text: lines[i].text, role: roles[i], line: lines[i].number, cells: tableCells[i], group: groupOf[i])
        }
    }
}
