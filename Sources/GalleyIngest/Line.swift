import Foundation
import GalleyJSON
import GalleyText

/// One input line after cleaning, with the shape signals the structurer decides on.
struct Line {
    /// Cleaned text: markdown escapes and emphasis removed, spaces normalised, bullet stripped.
    var text: String
    /// 1-based line number in the input (of the first physical line, for joined lines).
    var number: Int
    /// A blank line came before this one.
    var blankBefore: Bool
    /// The line began with a bullet ("•", "-", "*") or an item number ("1.", "2)").
    var bullet: Bullet?
    /// Cells when the line had explicit column separators (tabs, runs of spaces, pipes).
    var separatedCells: [String]?
    /// The line was a markdown heading ("## ...").
    var markdownHeading: Bool
    /// The line was a markdown image and nothing else ("![alt](url)"); `text` is its alt text.
    var markdownImage = false

    /// A hash of the word sequence (`Tokenizer.WordStats.hash`): equal words, equal hash.
    let wordsHash: UInt64
    let languageEvidence: LanguageIdentifier.Evidence
    let wordCount: Int
    let stopWordShare: Double
    let titleCaseShare: Double
    /// Ends with ".", "!", "?" or "…" (after closing quotes and brackets).
    let endsSentence: Bool
    /// The last character that is not a closing quote or bracket (one scalar: no String to
    /// retain each time a line is copied).
    let lastCharacter: UnicodeScalar?
    let startsLowercase: Bool
    let hasLetters: Bool
    let isASCII: Bool
    /// `TextStructurer.lexiconKey(text)` for lines of at most 12 words (the only ones looked up), else "".
    let lexiconKey: String

    enum Bullet: Equatable { case unordered, ordered(String) }

    init(raw: String, number: Int, blankBefore: Bool) {
        self.number = number
        self.blankBefore = blankBefore
        var cleaned: String
        // A line that is one markdown image is kept as its alt text, to be removed as a caption.
        if raw.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "!"), let alt = LineCleaner.markdownImageAlt(raw.trimmed) {
            cleaned = LineCleaner.clean(alt); markdownImage = true
        } else {
            cleaned = LineCleaner.clean(raw)
        }
        markdownHeading = false
        if cleaned.hasPrefix("#") {
            let stripped = cleaned.drop(while: { $0 == "#" })
            if stripped.first == " " { cleaned = String(stripped).trimmed; markdownHeading = true }
        }
        cleaned = LineCleaner.stripBlockquote(cleaned)
        let (bullet, rest) = LineCleaner.splitBullet(cleaned)
        self.bullet = bullet
        let spacing = LineCleaner.Spacing(rest)
        separatedCells = LineCleaner.explicitCells(rest, spacing: spacing)
        text = spacing.isCollapsed ? rest : LineCleaner.collapseSpaces(rest)
        // One pass over the words (their lowercase bytes; no Strings): count, stop words, Title
        // Case (the share of content words that start with a capital or a digit), language
        // evidence and the words' hash.
        let stats = Tokenizer.wordStats(text)
        languageEvidence = stats.languageEvidence
        wordsHash = stats.hash
        wordCount = stats.count
        let stops = stats.stopWords, content = stats.contentWords, capped = stats.cappedContentWords
        lexiconKey = wordCount <= 12 ? TextStructurer.lexiconKey(text) : ""
        stopWordShare = wordCount == 0 ? 0 : Double(stops) / Double(wordCount)
        titleCaseShare = content == 0 ? 0 : Double(capped) / Double(content)
        // The last character that is not a closing quote or bracket.
        var last: UnicodeScalar?
        for c in text.unicodeScalars.reversed() where !Line.closers.contains(c) { last = c; break }
        lastCharacter = last
        endsSentence = last.map { $0 == "." || $0 == "!" || $0 == "?" || $0 == "…" } ?? false
        let firstLetter = text.unicodeScalars.first(where: { $0.isLetter })
        startsLowercase = firstLetter?.isLower ?? false
        hasLetters = firstLetter != nil
        isASCII = text.isASCII
    }

    static let closers: Set<UnicodeScalar> = ["\"", "'", "”", "’", ")", "]", "*", "»"]

    /// Short, unpunctuated and not lowercase: the shape of a heading, a title or a table row.
    var isHeadingShaped: Bool {
        guard wordCount >= 1, wordCount <= 20, !startsLowercase, hasLetters else { return false }
        if endsSentence { return lastCharacter == "?" && wordCount <= 14 && titleCaseShare >= 0.6 }
        if lastCharacter == "," || lastCharacter == ";" { return false }
        if lastCharacter == ":" { return wordCount <= 3 }
        return true
    }

    /// Running prose: ends like a sentence, or is too long to be anything else.
    var isProseShaped: Bool {
        (endsSentence && wordCount >= 5) || wordCount > 25 || (lastCharacter == ":" && wordCount > 3)
    }

    var sentenceCount: Int { SentenceSplitter.split(text).count }

    /// The lowercase words, made when asked: most lines are only ever counted and hashed, and
    /// building a String per word of every line was a tenth of ingest.
    var words: [String] { Tokenizer.lowerWords(text) }
}

/// Text clean-up shared by every input line.
enum LineCleaner {
    /// Unicode spaces become plain spaces, invisible characters go, markdown escapes and
    /// emphasis markers are removed.
    static func clean(_ raw: String) -> String {
        // Most lines hold no escapes, emphasis, odd spaces or invisible characters: nothing to do.
        if !needsCleaning(raw) { return raw }
        var out = String.UnicodeScalarView()
        let s = Array(raw.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c.value {
            case 0x200B, 0x200C, 0x200D, 0xFEFF, 0x00AD, 0x2060, 0x00...0x08, 0x0B...0x1F, 0x7F:
                // Invisible characters, and control characters (a NUL in a scraped text).
                i += 1; continue
            case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                out.append(" "); i += 1; continue
            default: break
            }
            // Markdown escapes: "\*" -> "*" (then emphasis stripping below removes pairs).
            if c == "\\", i + 1 < s.count, "*_#[]()-.!>`~|".unicodeScalars.contains(s[i + 1]) {
                out.append(s[i + 1]); i += 2; continue
            }
            out.append(c)
            i += 1
        }
        return stripEmphasis(stripMarkdownInline(String(out)))
    }

    /// Markdown's inline syntax, as text converted to markdown carries it: a link keeps its
    /// words ("[the Fed](https://...)" and "[the Fed][3]" -> "the Fed"), an image inside a line
    /// goes, an autolink loses its brackets, a code span its backticks.
    static func stripMarkdownInline(_ text: String) -> String {
        guard hasMarkdownInline(text) else { return text }
        var scan = InlineScan(Array(text.unicodeScalars))
        let s = scan.s
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            let c = s[i]
            // "![alt](url)" inside a line: the picture is not part of the text.
            if c == "!", i + 1 < s.count, s[i + 1] == "[", let (_, end) = link(&scan, at: i + 1) {
                i = end; continue
            }
            if c == "[", let (words, end) = link(&scan, at: i) {
                out.append(contentsOf: words); i = end; continue
            }
            if c == "<", let close = scan.angle.next(from: i, in: s), close - i > 8,
               String(String.UnicodeScalarView(s[(i + 1)..<min(close, i + 9)])).lowercased().hasPrefix("http"),
               scan.space.next(from: i + 1, in: s).map({ $0 >= close }) ?? true {
                out.append(contentsOf: s[(i + 1)..<close]); i = close + 1; continue
            }
            if c == "`", let close = s[(i + 1)...].firstIndex(of: "`"), close > i + 1 {
                out.append(contentsOf: s[(i + 1)..<close]); i = close + 1; continue
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// "](", "][", a backtick or "<h" somewhere: one pass over the bytes (Foundation's
    /// substring search, four times over, cost more than the rest of the clean-up).
    static func hasMarkdownInline(_ text: String) -> Bool {
        var prev: UInt8 = 0
        for b in text.utf8 {
            if b == 0x60 || prev == 0x5D && (b == 0x28 || b == 0x5B) || prev == 0x3C && b == 0x68 { return true }
            prev = b
        }
        return false
    }

    /// "[words](target)" or "[words][label]" at `i`: the words and where the link ends. The
    /// target may hold balanced parentheses (Wikipedia's URLs do).
    private static func link(_ scan: inout InlineScan, at i: Int) -> ([UnicodeScalar], Int)? {
        let s = scan.s
        guard i < s.count, s[i] == "[", let close = scan.bracket.next(from: i + 1, in: s), close + 1 < s.count else { return nil }
        // The words are copied only for a link (copying them before knowing was quadratic too).
        let end: Int?
        if s[close + 1] == "[" {
            end = scan.labelEnd.next(from: close + 2, in: s)
        } else if s[close + 1] == "(" {
            end = scan.closingParenthesis(of: close + 1)
        } else {
            end = nil
        }
        return end.map { (Array(s[(i + 1)..<close]), $0 + 1) }
    }

    /// The searches `stripMarkdownInline` makes in one line. Searching afresh from every "[" or
    /// "<" to the next "]", ">" or matching ")" took time quadratic in the line: a line of
    /// "[a](" repeated 100,000 times took 9 s. Each search here remembers its last answer, and
    /// is asked from positions that only move forward along the line, so it reads each scalar
    /// once; the parentheses are matched in one pass with a stack.
    private struct InlineScan {
        let s: [UnicodeScalar]
        /// The "]" closing a link's words, the "]" closing its label (a search of its own: it
        /// runs ahead of the words' one), the ">" closing an autolink and a space inside one.
        /// (One declaration each: Swift 6.3 gives every closure of `var a = F { ... }, b = F { ... }`
        /// the first one's code.)
        var bracket = NextIndex { $0 == "]" }
        var labelEnd = NextIndex { $0 == "]" }
        var angle = NextIndex { $0 == ">" }
        var space = NextIndex { $0.properties.isWhitespace }
        /// For each "(" that has one, the index of its matching ")"; made when first asked.
        private var closingParentheses: [Int: Int]?

        init(_ s: [UnicodeScalar]) { self.s = s }

        /// The ")" that brings the parentheses opened at `open` back to level 0.
        mutating func closingParenthesis(of open: Int) -> Int? {
            if closingParentheses == nil {
                var matches: [Int: Int] = [:], opened: [Int] = []
                for (k, c) in s.enumerated() {
                    if c == "(" { opened.append(k) } else if c == ")", let o = opened.popLast() { matches[o] = k }
                }
                closingParentheses = matches
            }
            return closingParentheses?[open]
        }
    }

    /// The first index at or after a position that holds a scalar of some kind. It keeps its
    /// last answer, good for any later position up to it: asked from positions that never go
    /// back, it reads each scalar at most once in all.
    private struct NextIndex {
        let matches: (UnicodeScalar) -> Bool
        /// `s[from..<found]` holds no match; `found` is one, or `s.count` for none.
        private var from = 0, found = -1

        init(_ matches: @escaping (UnicodeScalar) -> Bool) { self.matches = matches }

        mutating func next(from q: Int, in s: [UnicodeScalar]) -> Int? {
            if q < from || q > found {
                from = q
                found = q
                while found < s.count, !matches(s[found]) { found += 1 }
            }
            return found < s.count ? found : nil
        }
    }

    /// A line that is one markdown image and nothing else: its alt text.
    static func markdownImageAlt(_ text: String) -> String? {
        guard text.hasPrefix("!["), text.hasSuffix(")") else { return nil }
        var scan = InlineScan(Array(text.unicodeScalars))
        guard let (alt, end) = link(&scan, at: 1), end == scan.s.count else { return nil }
        return String(String.UnicodeScalarView(alt)).trimmed
    }

    /// A markdown blockquote's "> " markers, when words or a quotation follow them ("> 50%"
    /// keeps its sign: there it means "more than").
    static func stripBlockquote(_ text: String) -> String {
        guard text.hasPrefix(">") else { return text }
        // At least two marker characters: "> " or ">>", not ">word".
        let markers = text.prefix(while: { $0 == ">" || $0 == " " })
        let rest = text[markers.endIndex...]
        guard markers.count >= 2, let f = rest.unicodeScalars.first,
              f.properties.isAlphabetic || "\"“'‘(«".unicodeScalars.contains(f) else { return text }
        return String(rest)
    }

    /// Whether `clean` would change anything: a byte scan for `\`, `*`, `_` and the UTF-8 forms
    /// of the Unicode spaces and invisible characters it replaces.
    static func needsCleaning(_ raw: String) -> Bool {
        raw.withUTF8Bytes { bytes in
            var prev2: UInt8 = 0, prev1: UInt8 = 0
            var i = 0
            while i < bytes.count {
                // Plain ASCII without `\`, `*`, `_` or the openings of markdown's links, autolinks
                // and code: nothing here (and the bytes before the next block are ASCII, so no
                // multi-byte sequence straddles the skip).
                // (`\`, `]`, `_` and the backtick all lie in 0x5B...0x60: one range test.)
                if let x = ByteScan.load8(bytes, at: i), !ByteScan.hasNonASCII(x), !ByteScan.hasInRange(asciiOnly: x, 0x5B, 0x60),
                   !ByteScan.has(x, 0x2A), !ByteScan.has(x, 0x3C), !ByteScan.hasInRange(asciiOnly: x, 0x00, 0x08),
                   !ByteScan.hasInRange(asciiOnly: x, 0x0B, 0x1F), !ByteScan.has(x, 0x7F) {
                    prev2 = bytes[i + 6]; prev1 = bytes[i + 7]; i += 8; continue
                }
                let b = bytes[i]
                i += 1
                switch b {
                case 0x5C, 0x2A, 0x5F, 0x60: return true
                case 0x00...0x08, 0x0B...0x1F, 0x7F: return true                          // control characters
                case 0x5D: if i < bytes.count, bytes[i] == 0x28 || bytes[i] == 0x5B { return true }  // "](" or "][": a link
                case 0x3C: if i + 3 < bytes.count, bytes[i] == 0x68, bytes[i + 1] == 0x74 { return true }  // "<ht": an autolink
                case 0xAD: if prev1 == 0xC2 { return true }                              // soft hyphen
                case 0xA0: if prev1 == 0xC2 || (prev2 == 0xE2 && prev1 == 0x81) { return true }  // NBSP, U+2060
                case 0x80...0x8D, 0xAF: if prev2 == 0xE2 && prev1 == 0x80 { return true }  // U+2000-200D, U+202F
                case 0x9F: if prev2 == 0xE2 && prev1 == 0x81 { return true }              // U+205F
                case 0xBF: if prev2 == 0xEF && prev1 == 0xBB { return true }              // BOM / ZWNBSP
                default: break
                }
                if b == 0x80, prev2 == 0xE3, prev1 == 0x80 { return true }              // U+3000
                prev2 = prev1
                prev1 = b
            }
            return false
        }
    }

    /// Removes `**strong**`, `__strong__` and `*em*` markers around words, keeping the words.
    static func stripEmphasis(_ text: String) -> String {
        guard text.contains("*") || text.contains("__") else { return text }
        var s = Array(text.unicodeScalars)
        for marker in [["*", "*"], ["_", "_"], ["*"]] as [[UnicodeScalar]] {
            var i = 0
            var result: [UnicodeScalar] = []
            // Where the marker may close, found once per pass: each opening searching the rest
            // of the line for its close took time quadratic in the line ("*a" 50,000 times: 107 s).
            let closes = closings(s, marker)
            var nextClose = 0
            while i < s.count {
                if matches(s, at: i, marker), i + marker.count < s.count, !s[i + marker.count].properties.isWhitespace,
                   let close = first(after: i + marker.count, in: closes, from: &nextClose) {
                    // A lone "*" at the very start followed by a space is a bullet, handled elsewhere.
                    result.append(contentsOf: s[(i + marker.count)..<close])
                    i = close + marker.count
                    continue
                }
                result.append(s[i])
                i += 1
            }
            s = result
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s)
        return String(v)
    }

    private static func matches(_ s: [UnicodeScalar], at i: Int, _ m: [UnicodeScalar]) -> Bool {
        guard i + m.count <= s.count else { return false }
        for k in 0..<m.count where s[i + k] != m[k] { return false }
        return true
    }

    /// The positions where the marker can close an emphasis, ascending: after a character that
    /// is not white space, and not before a letter or digit.
    private static func closings(_ s: [UnicodeScalar], _ m: [UnicodeScalar]) -> [Int] {
        var out: [Int] = []
        var j = 1
        while j < s.count {
            if matches(s, at: j, m), !s[j - 1].properties.isWhitespace {
                let after = j + m.count
                if after >= s.count || !(s[after].properties.isAlphabetic || s[after].properties.numericType != nil) { out.append(j) }
            }
            j += 1
        }
        return out
    }

    /// The first of `closes` past `start`; `k` remembers where the last search ended, as the
    /// openings come in order along the line.
    private static func first(after start: Int, in closes: [Int], from k: inout Int) -> Int? {
        while k < closes.count, closes[k] <= start { k += 1 }
        return k < closes.count ? closes[k] : nil
    }

    static func splitBullet(_ text: String) -> (Line.Bullet?, String) {
        // Fast paths: a line starting with a letter (most lines) has no bullet or item number,
        // nor does one starting with ASCII punctuation other than a bullet or "(" (a quote:
        // the Unicode look-ups below were a tenth of classifying lines).
        if let b = text.utf8.first, b < 0x80, b > 0x20, b != 0x2D, b != 0x2A, b != 0x28, !(0x30...0x39).contains(b),
           b != 0x61, b != 0x62, b != 0x63, b != 0x69 {
            if (b | 0x20) &- 0x61 < 26 { return (nil, text) }
            // What trimming would leave: the text itself when it ends in a visible ASCII character.
            if let last = text.utf8.last, last > 0x20, last < 0x7F { return (nil, text) }
            return (nil, text.trimmed)
        }
        if let f = text.unicodeScalars.first, f.isLetter, f != "a", f != "b", f != "c", f != "i" { return (nil, text) }
        let t = text.trimmed
        guard let first = t.unicodeScalars.first else { return (nil, t) }
        if "•·▪◦‣●○■□➢➤►▶✓✔-*–—".unicodeScalars.contains(first) {
            let rest = t.unicodeScalars.dropFirst()
            if let next = rest.first, next == " " {
                return (.unordered, String(String.UnicodeScalarView(rest)).trimmed)
            }
            if "•·▪◦‣●○■□➢➤►▶✓✔".unicodeScalars.contains(first) {
                return (.unordered, String(String.UnicodeScalarView(rest)).trimmed)
            }
        }
        // "1. ", "12) ", "(3) ", "a) "
        // A marker is at most "(123)" and a space: the first characters are enough.
        let chars = Array(t.prefix(8))
        var k = 0
        var hadParen = false
        if chars.first == "(" { hadParen = true; k = 1 }
        let digitsStart = k
        while k < chars.count, chars[k].isNumber, k - digitsStart < 3 { k += 1 }
        var marker = String(chars[digitsStart..<k])
        if marker.isEmpty, k < chars.count, chars[k].isLetter, chars[k].isLowercase, k + 1 < chars.count, chars[k + 1] == ")" {
            marker = String(chars[k]); k += 1
        }
        guard !marker.isEmpty, k + 1 < chars.count else { return (nil, t) }
        let punct = chars[k]
        if (punct == "." && !hadParen) || punct == ")", chars[k + 1] == " " {
            // "2024. The year ..." is a sentence, not item 2024.
            if marker.count <= 2 || !marker.allSatisfy(\.isNumber) {
                return (.ordered(marker), String(t.dropFirst(k + 2)).trimmed)
            }
        }
        return (nil, t)
    }

    /// What a line's spacing needs, in one pass of 8 bytes at a time: most lines have no tab,
    /// no pipe, no two spaces in a row and no space at either end, and then neither the cell
    /// split nor the space collapsing has anything to do.
    struct Spacing {
        var hasTab = false, hasPipe = false, hasDoubleSpace = false
        var leadingSpace = false, trailingSpace = false

        init(_ text: String) {
            var tab = false, pipe = false, double = false, leading = false, trailing = false
            text.withUTF8Bytes { bytes in
                guard let firstByte = bytes.first else { return }
                leading = firstByte == 0x20
                trailing = bytes[bytes.count - 1] == 0x20
                var i = 0
                var previousSpace = false
                while let x = ByteScan.load8(bytes, at: i) {
                    if ByteScan.has(x, 0x09) { tab = true }
                    if ByteScan.has(x, 0x7C) { pipe = true }
                    let spaces = ByteScan.equalMask(x, 0x20)
                    if spaces & (spaces << 8) != 0 || (previousSpace && spaces & 0x80 != 0) { double = true }
                    previousSpace = spaces >> 63 != 0
                    i += 8
                }
                while i < bytes.count {
                    let b = bytes[i]
                    if b == 0x09 { tab = true } else if b == 0x7C { pipe = true } else if b == 0x20 && previousSpace { double = true }
                    previousSpace = b == 0x20
                    i += 1
                }
            }
            hasTab = tab; hasPipe = pipe; hasDoubleSpace = double; leadingSpace = leading; trailingSpace = trailing
        }

        /// `explicitCells` may find cells.
        var mayHaveCells: Bool { hasTab || hasPipe || hasDoubleSpace }
        /// `collapseSpaces` would return the text unchanged.
        var isCollapsed: Bool { !hasTab && !hasDoubleSpace && !leadingSpace && !trailingSpace }
    }

    /// Cells of a line that separates columns explicitly: tabs, " | ", or runs of 3+ spaces.
    static func explicitCells(_ text: String) -> [String]? { explicitCells(text, spacing: Spacing(text)) }

    /// The same, with the text's `Spacing` already known.
    static func explicitCells(_ text: String, spacing: Spacing) -> [String]? {
        // Most lines have no tab, no pipe and no two spaces in a row.
        guard spacing.mayHaveCells else { return nil }
        // One pass over the bytes: most lines have no separator at all.
        let (hasTab, hasPipe, longestRun) = text.withUTF8Bytes { bytes in
            var hasTab = false, hasPipe = false
            var spaceRun = 0, longestRun = 0
            for b in bytes {
                if b == 0x20 { spaceRun += 1; longestRun = max(longestRun, spaceRun); continue }
                spaceRun = 0
                if b == 0x09 { hasTab = true } else if b == 0x7C { hasPipe = true }
            }
            return (hasTab, hasPipe, longestRun)
        }
        guard hasTab || hasPipe || longestRun >= 3 else { return nil }
        let parts: [String]
        if hasTab {
            parts = text.split(separator: "\t").map { String($0).trimmed }
        } else if text.contains(" | ") || (text.hasPrefix("|") && text.hasSuffix("|")) {
            parts = text.split(separator: "|").map { String($0).trimmed }
        } else if text.contains("   ") {
            parts = text.components(separatedBy: "   ").map { $0.trimmed }
        } else {
            return nil
        }
        let cells = parts.filter { !$0.isEmpty }
        return cells.count >= 2 ? cells : nil
    }

    static func collapseSpaces(_ text: String) -> String {
        let unchanged = text.withUTF8Bytes { bytes in
            var previousSpace = true
            for b in bytes {
                if b == 0x09 || (b == 0x20 && previousSpace) { return false }
                previousSpace = b == 0x20
            }
            return !previousSpace
        }
        if unchanged { return text }
        var out = String.UnicodeScalarView()
        var lastSpace = true
        for c in text.unicodeScalars {
            if c == " " || c == "\t" {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        if out.last == " " { out.removeLast() }
        return String(out)
    }
}
