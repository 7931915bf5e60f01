/// The text being analysed as tokens, with the small look-ups every grammar uses.
/// Grammars address tokens by index; a token index past either end reads as nothing.
public final class TokenText {
    public let scalars: [Unicode.Scalar]
    public let tokens: [Token]
    /// Tokens that belong to a product name, code, URL, phone number or list marker
    /// ("H100", "COVID-19", "Llama 3", "1." at a line start): never read as a number.
    public var blocked: [Bool]
    /// Token index -> index of the sentence that holds it (sentence ranges from the article).
    public var sentenceOf: [Int]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        tokens = Lexer.tokenize(scalars)
        blocked = [Bool](repeating: false, count: tokens.count)
        sentenceOf = [Int](repeating: -1, count: tokens.count)
    }

    public var count: Int { tokens.count }

    @inline(__always) public subscript(_ i: Int) -> Token? { i >= 0 && i < tokens.count ? tokens[i] : nil }

    /// Lowercased text of token `i`, or "" outside the text.
    @inline(__always) public func lower(_ i: Int) -> String { i >= 0 && i < tokens.count ? tokens[i].lower : "" }

    @inline(__always) public func isWord(_ i: Int, _ w: String) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .word && tokens[i].lower == w
    }

    /// Whether the lowercased tokens from k on are `words` ("more", "than").
    public func matches(_ words: [String], at k: Int) -> Bool {
        guard k >= 0 else { return false }
        for (m, w) in words.enumerated() where lower(k + m) != w { return false }
        return true
    }

    @inline(__always) public func isSymbol(_ i: Int, _ c: String) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .symbol && tokens[i].lower == c
    }

    /// A hyphen or dash of any kind.
    @inline(__always) public func isDash(_ i: Int) -> Bool {
        guard i >= 0 && i < tokens.count, tokens[i].kind == .symbol else { return false }
        let l = tokens[i].lower
        return l == "-" || l == "–" || l == "—" || l == "‒" || l == "−" || l == "~" || l == "‐" || l == "‑"
    }

    @inline(__always) public func isNumber(_ i: Int) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .number && !blocked[i]
    }

    /// Token `i` follows token `i - 1` with no space between.
    @inline(__always) public func glued(_ i: Int) -> Bool { i > 0 && i < tokens.count && tokens[i].glued }

    /// Whether token `i` starts a sentence (first token, after a line break, or after . ! ? :).
    public func startsSentence(_ i: Int) -> Bool {
        guard i > 0, i < tokens.count else { return true }
        if tokens[i].newline { return true }
        // A table cell starts after a tab.
        let a = tokens[i].start
        if a > 0, scalars[a - 1] == "\t" { return true }
        var k = i - 1
        while k >= 0, tokens[k].kind == .symbol, "\"“”'‘’()[]*".contains(tokens[k].lower) { k -= 1 }
        guard k >= 0 else { return true }
        let l = tokens[k].lower
        return tokens[k].kind == .symbol && (l == "." || l == "!" || l == "?" || l == ":")
    }

    /// The text of tokens first...last as written.
    public func text(_ first: Int, _ last: Int) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars[tokens[first].start..<tokens[last].end])
        return s
    }
}
