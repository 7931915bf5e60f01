import GalleyText

/// A word, a number or one symbol of the text, with its Unicode-scalar offsets.
public struct Token: Sendable {
    public enum Kind: UInt8, Sendable { case word, number, symbol }
    public var kind: Kind
    public var start: Int
    public var end: Int
    public var text: String
    /// Lowercased text (numbers and symbols as written).
    public var lower: String
    /// No whitespace between the previous token and this one ("H100": "H" then glued "100").
    public var glued: Bool
    /// A line break before this token, or the start of the text.
    public var newline: Bool
    public var capitalized: Bool
    public var allCaps: Bool
    /// An upper-case letter after the first ("iPhone", "OpenAI").
    public var innerUpper: Bool
    /// Numbers: the value as written ("1,234.5" -> 1234.5; "1,3" -> 1.3).
    public var value: Double
    /// Numbers: digits before the decimal mark, and whether there were thousands separators,
    /// a decimal part or a leading zero ("03").
    public var intDigits: Int
    public var grouped: Bool
    public var decimal: Bool
    public var leadingZero: Bool

    public var isWord: Bool { kind == .word }
    public var isNumber: Bool { kind == .number }
    public var isSymbol: Bool { kind == .symbol }
    /// A plain integer: no separators, no decimal part.
    public var isPlainInteger: Bool { kind == .number && !grouped && !decimal }
}

/// Splits text into tokens on Unicode scalars: letter runs (with inner apostrophes, "'s"
/// split off), number runs (thousands separators by comma, space or a lone "," between spaces;
/// decimal point or comma; exponent), and single symbols. CJK ideographs are one token each.
public enum Lexer {
    public static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(s.count / 4)
        let n = s.count
        var i = 0
        var sawSpace = true
        var sawNewline = true
        func make(_ kind: Token.Kind, _ a: Int, _ b: Int) -> Token {
            var text = ""
            text.unicodeScalars.append(contentsOf: s[a..<b])
            var lower = text
            var cap = false, caps = kind == .word, inner = false
            if kind == .word {
                var hasUpper = false, letters = 0
                for (m, c) in s[a..<b].enumerated() {
                    if c.isUpper { hasUpper = true; if m > 0 { inner = true } }
                    if c.isLetter { letters += 1; if !c.isUpper { caps = false } }
                }
                cap = s[a].isUpper
                if letters < 2 { caps = false }
                if hasUpper { lower = text.fastLowercased }
                lower = lower.replacingApostrophe()
            }
            return Token(kind: kind, start: a, end: b, text: text, lower: lower, glued: !sawSpace, newline: sawNewline,
                         capitalized: cap, allCaps: caps, innerUpper: inner, value: 0, intDigits: 0, grouped: false, decimal: false, leadingZero: false)
        }
        while i < n {
            let c = s[i]
            if c.isSpace || c.value == 0x200B || c.value == 0xFEFF {
                sawSpace = true
                if c == "\n" || c == "\r" || c.value == 0x2028 || c.value == 0x2029 { sawNewline = true }
                i += 1
                continue
            }
            if isDigit(c) {
                let (tok, next) = number(s, i, make)
                out.append(tok)
                i = next
            } else if isCJK(c) {
                out.append(make(.word, i, i + 1))
                i += 1
            } else if c.isLetter {
                var j = i + 1
                while j < n {
                    if s[j].isLetter && !isCJK(s[j]) { j += 1; continue }
                    if s[j].value >= 0x300, s[j].properties.generalCategory == .nonspacingMark || s[j].properties.generalCategory == .spacingMark { j += 1; continue }
                    if isApostrophe(s[j]), j + 1 < n, s[j + 1].isLetter, !isCJK(s[j + 1]) { j += 2; continue }
                    break
                }
                // "Meta's" -> "Meta" + "'s"
                if j - i > 2, (s[j - 1] == "s" || s[j - 1] == "S"), isApostrophe(s[j - 2]) {
                    out.append(make(.word, i, j - 2))
                    sawSpace = false; sawNewline = false
                    out.append(make(.word, j - 2, j))
                } else {
                    out.append(make(.word, i, j))
                }
                i = j
            } else {
                out.append(make(.symbol, i, i + 1))
                i += 1
            }
            sawSpace = false
            sawNewline = false
        }
        return out
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    @inline(__always) static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c.value == 0x2019 }
    @inline(__always) static func isCJK(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v >= 0x3040 && v <= 0x30FF) || (v >= 0x3400 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xAC00 && v <= 0xD7AF)
    }
    @inline(__always) static func isGroupSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c.value == 0xA0 || c.value == 0x202F || c.value == 0x2009
    }

    /// Scans a number starting at digit `i`; returns the token and the index after it.
    static func number(_ s: [Unicode.Scalar], _ i: Int, _ make: (Token.Kind, Int, Int) -> Token) -> (Token, Int) {
        let n = s.count
        func digitsAt(_ k: Int) -> Int { var j = k; while j < n, isDigit(s[j]) { j += 1 }; return j - k }
        var digits: [Unicode.Scalar] = []
        var j = i
        while j < n, isDigit(s[j]) { digits.append(s[j]); j += 1 }
        let first = j - i
        var grouped = false, decimal = false
        // Thousands by comma: 1,234,567 (or Indian 12,34,567).
        if j < n, s[j] == ",", first <= 3, digitsAt(j + 1) == 3 || (first <= 2 && digitsAt(j + 1) == 2) {
            var k = j, groups: [Int] = []
            var ok = false
            while k < n, s[k] == "," {
                let d = digitsAt(k + 1)
                if d == 3 { groups.append(3); k += 4; ok = true; continue }
                if d == 2, first <= 2 { groups.append(2); k += 3; ok = false; continue }
                break
            }
            // Western: all 3; Indian: 2s then one final 3.
            let western = groups.allSatisfy { $0 == 3 }
            let indian = !western && groups.last == 3 && groups.dropLast().allSatisfy { $0 == 2 } && first <= 2
            if ok, western || indian, !(k < n && s[k] == "," && digitsAt(k + 1) > 0) {
                var m = j
                while m < k { if isDigit(s[m]) { digits.append(s[m]) }; m += 1 }
                j = k
                grouped = true
            }
        }
        // Thousands by space (40 000, 1 234 567) or by " , " in tokenized text (10 , 000).
        if !grouped, first <= 3 {
            var k = j, any = false
            while k < n {
                if k + 4 <= n, isGroupSpace(s[k]), digitsAt(k + 1) == 3, !(k + 4 < n && (s[k + 4] == "." || s[k + 4] == ",") && k + 5 < n && isDigit(s[k + 5])) {
                    for m in (k + 1)..<(k + 4) { digits.append(s[m]) }
                    k += 4; any = true; continue
                }
                if k + 6 <= n, s[k] == " ", s[k + 1] == ",", s[k + 2] == " ", digitsAt(k + 3) == 3 {
                    for m in (k + 3)..<(k + 6) { digits.append(s[m]) }
                    k += 6; any = true; continue
                }
                break
            }
            // "555 111" (two groups of three) reads as two numbers; "40 000" and "1 234 567" as one.
            if any, !(first == 3 && k - j == 4) { j = k; grouped = true }
        }
        // Decimal point, unless a second one follows (23.04.2022, 3.5.1: dates and versions).
        var secondDot = false
        if j + 1 < n, s[j] == ".", isDigit(s[j + 1]) {
            var k = j + 1
            while k < n, isDigit(s[k]) { k += 1 }
            secondDot = k + 1 < n && s[k] == "." && isDigit(s[k + 1])
            // ... or the number itself follows one ("3.5.1" read from the "5").
            if i >= 2, s[i - 1] == ".", isDigit(s[i - 2]) { secondDot = true }
        }
        if j + 1 < n, s[j] == ".", isDigit(s[j + 1]), !secondDot {
            digits.append(".")
            j += 1
            while j < n, isDigit(s[j]) { digits.append(s[j]); j += 1 }
            decimal = true
        } else if !grouped, j + 1 < n, s[j] == ",", isDigit(s[j + 1]), !(i > 0 && s[i - 1] == ",") {
            // Decimal comma: "1,3", "5,00" — one or two digits, not a list ("22,24,26").
            let d = digitsAt(j + 1)
            let after = j + 1 + d
            if d <= 2, !(after < n && s[after] == "," && after + 1 < n && isDigit(s[after + 1])),
               !(after < n && s[after].isLetter) {
                digits.append(".")
                for m in (j + 1)..<after { digits.append(s[m]) }
                j = after
                decimal = true
            }
        }
        // Exponent: 1.3e6
        if j + 1 < n, s[j] == "e" || s[j] == "E" {
            var k = j + 1
            var sign: Unicode.Scalar? = nil
            if k < n, s[k] == "+" || s[k] == "-" { sign = s[k]; k += 1 }
            let d = digitsAt(k)
            if d > 0, d <= 3, !(k + d < n && s[k + d].isLetter) {
                digits.append("e")
                if let sign { digits.append(sign) }
                for m in k..<(k + d) { digits.append(s[m]) }
                j = k + d
                decimal = true
            }
        }
        var tok = make(.number, i, j)
        var str = ""
        str.unicodeScalars.append(contentsOf: digits)
        tok.value = Double(str) ?? 0
        tok.intDigits = first
        tok.grouped = grouped
        tok.decimal = decimal
        tok.leadingZero = first > 1 && s[i] == "0"
        return (tok, j)
    }
}

extension String {
    /// "’" -> "'" so that lexicon lookups see one apostrophe.
    func replacingApostrophe() -> String {
        guard utf8.contains(0xE2), unicodeScalars.contains("\u{2019}") else { return self }
        var out = ""
        for c in unicodeScalars { out.unicodeScalars.append(c == "\u{2019}" ? "'" : c) }
        return out
    }
}
