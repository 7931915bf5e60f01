import GalleyText

/// Marks the numbers that are not quantities: product and model names ("H100", "Llama 3",
/// "GPT-4", "COVID-19"), codes and identifiers ("24703L202", "ABC-12345-A1B2C3"), phone
/// numbers, version numbers ("3.5.1"), URLs and e-mail addresses, list markers ("1." at a
/// line start, "2 )"), and "24/7".
enum Traps {
    static func mark(_ t: TokenText) {
        let n = t.count
        var i = 0
        // Glued runs: tokens with no space between them ("COVID-19", "H100", "+1-222-2222/2222").
        while i < n {
            var j = i
            while j + 1 < n, t.tokens[j + 1].glued, !t.tokens[j + 1].newline { j += 1 }
            if j > i || t.tokens[i].kind == .number { markRun(t, i, j) }
            i = j + 1
        }
        markNamedNumbers(t)
        markNamedNumberWords(t)
        markListMarkers(t)
    }

    /// Letters that may be glued before a number without making it a code.
    static let gluedPrefixes: Set<String> = ["q", "h", "fy", "cy", "x", "w", "wk", "no", "nr", "nrs", "rs", "mid", "pre", "post", "late", "early", "over", "under", "top", "around", "about"]

    static func markRun(_ t: TokenText, _ a: Int, _ b: Int) {
        let toks = t.tokens
        // URLs and e-mail addresses: the whole run.
        for k in a...b {
            let w = toks[k].lower
            if (w == "http" || w == "https" || w == "www") || (toks[k].lower == "@" && k > a && k < b) || (w == ":" && k + 2 <= b && toks[k + 1].lower == "/" && toks[k + 2].lower == "/") {
                block(t, a, b); return
            }
        }

        // 24/7
        if b - a == 2, toks[a].lower == "24", toks[a + 1].lower == "/", toks[b].lower == "7" { block(t, a, b); return }
        // Digit groups joined by - or / : three or more are a phone number or an identifier,
        // unless they read as one or two calendar dates.
        var groups: [Int] = []
        var otherSeparator = false
        var plus = false
        var letters = false
        for k in a...b {
            switch toks[k].kind {
            case .number: groups.append(k)
            case .symbol:
                if !["-", "/", "–", "."].contains(toks[k].lower), k > a, k < b, toks[k - 1].kind == .number { otherSeparator = true }
                if toks[k].lower == "+" && k == a { plus = true }
            case .word: letters = true
            }
        }
        if otherSeparator { groups = [] }
        let plusPhone = plus && !groups.isEmpty && (groups.count >= 2 || (t[b + 1]?.kind == .number && t[b + 1]?.newline == false))
        if !letters, groups.count >= 3 || plusPhone {
            if plusPhone || !readsAsDates(t, groups) {
                block(t, a, b)
                // "+86 138-2010-2015": the groups after a country code on the same line.
                if plusPhone { var k = b + 1; while k < t.count, !toks[k].newline, toks[k].kind == .number || ["-", "/"].contains(toks[k].lower) { t.blocked[k] = true; k += 1 } }
                return
            }
        }
        // Letters and digits glued: a code unless the letters are a unit, a currency, a month,
        // an ordinal suffix, a scale or a known prefix.
        guard letters else { return }
        for k in a...b where toks[k].kind == .number {
            var code = false
            // Letters right before the number: "H100", "GPT4", "RT-2", "COVID-19", "SCP-173".
            var p = k - 1
            var dashed = false
            if p >= a, toks[p].kind == .symbol, toks[p].lower == "-" || toks[p].lower == "–" { dashed = true; p -= 1 }
            if p >= a, toks[p].kind == .word, !(p > a && toks[p - 1].kind == .number) {
                let w = toks[p].lower
                let small = toks[k].intDigits == 1 && toks[k].value >= 1 && toks[k].value <= 4
                let yearish = toks[k].intDigits == 2 || toks[k].intDigits == 4
                let prefixOK = gluedPrefixes.contains(w) && (["q", "h"].contains(w) ? small : ["fy", "cy"].contains(w) ? yearish : true)
                let known = DateWords.month(w) != nil || prefixOK || Currencies.codes.contains(w)
                    || Currencies.dollarPrefixes[w] != nil || (!dashed && Units.entries[w] != nil && toks[k].intDigits == 1 && toks[k].value <= 3)
                if !known || (dashed && !(DateWords.month(w) != nil || ["mid", "pre", "post", "late", "early", "q", "fy", "h", "top", "over", "under"].contains(w))) {
                    code = true
                }
                if dashed, Currencies.codes.contains(w) { code = true }
            }
            // Letters right after the number that are no known suffix: "24703L202", "4o", "5G".
            if let next = t[k + 1], k + 1 <= b, next.kind == .word {
                let w = next.lower
                if w == "x", t.isNumber(k + 2), toks[k + 2].value == 10, t.isSymbol(k + 3, "^") { continue }
                if Currencies.symbols[w] != nil || Lexer.isCJK(next.text.unicodeScalars.first!) { continue }
                let known = NumberWords.ordinalSuffixes.contains(w) || Units.entries[w] != nil || Units.time[w] != nil
                    || Units.gluedTime[w] != nil || NumberWords.scaleAbbreviations[w] != nil || NumberWords.moneyScaleLetters[w] != nil
                    || Currencies.codes.contains(w) || ["am", "pm", "a", "p", "s", "x", "mm", "ampm", "bn", "mil", "percent"].contains(w)
                    || DateWords.month(w) != nil || w == "q" || w == "h"
                if !known || (next.text.count == 1 && next.capitalized && !["K", "M", "B", "T", "C", "F", "Q", "H", "X"].contains(next.text)) { code = true }
                // A known suffix followed by more glued letters or digits ("24703m212").
                if known, k + 2 <= b, toks[k + 2].kind != .symbol { code = true }
            }
            if code { block(t, a, b); return }
        }
    }

    /// Whether digit groups read as one or two dates (2020-07-01, 10/1/2018-10/7/2018).
    static func readsAsDates(_ t: TokenText, _ groups: [Int]) -> Bool {
        func isDate(_ g: ArraySlice<Int>) -> Bool {
            guard g.count == 3 else { return false }
            let v = g.map { Int(reading: t.tokens[$0].value) }
            let d = g.map { t.tokens[$0].intDigits }
            if d[0] == 4 { return CivilDate.isValid(v[0], v[1], v[2]) }
            if d[2] == 4 || d[2] == 2 {
                let y = d[2] == 4 ? v[2] : 2000 + v[2]
                return CivilDate.isValid(y, v[0], v[1]) || CivilDate.isValid(y, v[1], v[0])
            }
            return false
        }
        if groups.count == 3 { return isDate(groups[...]) }
        if groups.count == 6 { return isDate(groups[0..<3]) && isDate(groups[3..<6]) }
        return false
    }

    static func block(_ t: TokenText, _ a: Int, _ b: Int) {
        for k in a...b { t.blocked[k] = true }
    }

    /// "Llama 3", "Llama 4", "System 2", "Windows 11", "Exit 436": a capitalized name that is
    /// not a month, weekday or common word, then a small plain integer. Sentence-initial words
    /// ("About 300", "Only 5") are left alone.
    static func markNamedNumbers(_ t: TokenText) {
        for k in 1..<max(1, t.count) {
            let tok = t.tokens[k]
            guard tok.kind == .number, tok.isPlainInteger, !tok.glued, tok.value < 1000, !t.blocked[k] else { continue }
            let prev = t.tokens[k - 1]
            guard prev.kind == .word, prev.capitalized || prev.text.contains(where: { $0.isUppercase }) else { continue }
            let w = prev.lower
            // At a sentence start only a name before a number that counts nothing ("Llama 3 is open");
            // "Nearly 300 people", "Hiring 500 engineers" stay counts.
            if t.startsSentence(k - 1) {
                if w.hasSuffix("ly") || w.hasSuffix("ing") { continue }
                if let next = t[k + 1], next.kind == .word, QuantityGrammar.isPluralNoun(next.lower) || Units.entries[next.lower] != nil || Units.time[next.lower] != nil { continue }
            }
            if DateWords.month(w) != nil || DateWords.weekdays[w] != nil || StopWords.english.contains(w) { continue }
            if NumberWords.units[w] != nil || NumberWords.scales[w] != nil || Currencies.codes.contains(w) || Currencies.names[w] != nil { continue }
            if ["q", "h", "fy", "cy", "no", "week", "day", "page", "about", "around", "nearly", "over", "under", "top",
                "approximately", "roughly", "some", "almost", "just", "only", "all", "least", "most", "than", "more",
                "less", "fewer", "up", "within", "exceeding", "to", "of", "at", "by", "for", "from", "in", "on", "year"].contains(w) { continue }
            // A following unit or percent makes it a quantity after a name ("Meta 20%" is rare but real).
            if let next = t[k + 1], (next.glued && next.kind != .symbol) || next.lower == "%" || next.lower == "percent" { continue }
            t.blocked[k] = true
            // "Llama 3 405B"
            if let next = t[k + 1], next.kind == .number, !next.glued { t.blocked[k + 1] = true }
        }
    }

    /// "Scenario Two", "Phase Three": a capitalized number word after a capitalized word, inside
    /// a line, is part of a title.
    static func markNamedNumberWords(_ t: TokenText) {
        guard t.count > 1 else { return }
        for k in 1..<t.count {
            let tok = t.tokens[k]
            guard tok.kind == .word, tok.capitalized, !t.startsSentence(k), NumberWords.units[tok.lower] != nil || NumberWords.tens[tok.lower] != nil else { continue }
            // "Scenario Two", "Ocean's Twelve"
            var p = k - 1
            if t.tokens[p].lower == "'s", p > 0 { p -= 1 }
            let prev = t.tokens[p]
            guard prev.kind == .word, prev.capitalized, !StopWords.english.contains(prev.lower), DateWords.months[prev.lower] == nil else { continue }
            t.blocked[k] = true
        }
    }

    /// "1." or "2)" opening a line, "(3)" and "2 )" inside one.
    static func markListMarkers(_ t: TokenText) {
        for k in 0..<t.count where t.tokens[k].kind == .number && t.tokens[k].isPlainInteger && t.tokens[k].value <= 50 {
            var lineStart = true
            var m = k - 1
            while m >= 0, !t.tokens[m + 1].newline {
                if !(t.tokens[m].kind == .symbol && "*#-•·>".contains(t.tokens[m].lower)) { lineStart = false; break }
                m -= 1
            }
            let next = t[k + 1]
            // "**1. Viewing Bitcoin": a marker after markdown emphasis, or opening a sentence.
            let emphasis = k > 0 && t.tokens[k].glued && ["*", "#"].contains(t.tokens[k - 1].lower)
            if lineStart || emphasis || t.startsSentence(k), let next, next.kind == .symbol, next.lower == "." || next.lower == ")", next.glued,
               let after = t[k + 2], !after.glued, after.kind == .word || after.kind == .symbol {
                t.blocked[k] = true
                continue
            }
            if let next, next.lower == ")", !(k > 0 && t.tokens[k - 1].lower == "(" && !t.tokens[k].glued) {
                // "2 )" or "3)" mid-sentence without an opening bracket right before.
                var opened = false
                var p = k - 1
                while p >= 0, p >= k - 40, !t.tokens[p + 1].newline { if t.tokens[p].lower == "(" { opened = true; break }; p -= 1 }
                if !opened { t.blocked[k] = true }
            }
            if k > 0, t.tokens[k - 1].lower == "(", let next, next.lower == ")", next.glued, t.tokens[k].glued, t.tokens[k].value <= 20 {
                t.blocked[k] = true
            }
        }
    }
}
