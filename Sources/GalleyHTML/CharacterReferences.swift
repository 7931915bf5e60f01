import GalleyText

/// Named and numeric character references (WHATWG §13.2.5.72–80). The named table holds the
/// HTML 4 set (Latin-1, symbols, Greek, punctuation) and the HTML5 names news pages commonly
/// use; a name outside it stays literal text, which is what a reader would want anyway.
enum CharacterReferences {
    /// Latin-1 names in code-point order from U+00A0; all of them may appear without ";".
    private static let latin1Names = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy",
        "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm",
        "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
        "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
        "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
        "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
        "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml",
        "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ]

    /// The other names that historically worked without a semicolon.
    private static let legacyASCII: [(String, UInt32)] = [
        ("amp", 38), ("lt", 60), ("gt", 62), ("quot", 34), ("AMP", 38), ("LT", 60), ("GT", 62), ("QUOT", 34),
        ("COPY", 0xA9), ("REG", 0xAE),
    ]

    /// Names recognised only with their semicolon.
    private static let strictNames: [(String, UInt32)] = [
        ("apos", 39), ("OElig", 338), ("oelig", 339), ("Scaron", 352), ("scaron", 353), ("Yuml", 376), ("fnof", 402),
        ("circ", 710), ("tilde", 732), ("ensp", 8194), ("emsp", 8195), ("thinsp", 8201), ("zwnj", 8204), ("zwj", 8205),
        ("lrm", 8206), ("rlm", 8207), ("ndash", 8211), ("mdash", 8212), ("lsquo", 8216), ("rsquo", 8217),
        ("sbquo", 8218), ("ldquo", 8220), ("rdquo", 8221), ("bdquo", 8222), ("dagger", 8224), ("Dagger", 8225),
        ("bull", 8226), ("hellip", 8230), ("permil", 8240), ("prime", 8242), ("Prime", 8243), ("lsaquo", 8249),
        ("rsaquo", 8250), ("oline", 8254), ("frasl", 8260), ("euro", 8364), ("image", 8465), ("weierp", 8472),
        ("real", 8476), ("trade", 8482), ("alefsym", 8501), ("larr", 8592), ("uarr", 8593), ("rarr", 8594),
        ("darr", 8595), ("harr", 8596), ("crarr", 8629), ("lArr", 8656), ("uArr", 8657), ("rArr", 8658), ("dArr", 8659),
        ("hArr", 8660), ("forall", 8704), ("part", 8706), ("exist", 8707), ("empty", 8709), ("nabla", 8711),
        ("isin", 8712), ("notin", 8713), ("ni", 8715), ("prod", 8719), ("sum", 8721), ("minus", 8722), ("lowast", 8727),
        ("radic", 8730), ("prop", 8733), ("infin", 8734), ("ang", 8736), ("and", 8743), ("or", 8744), ("cap", 8745),
        ("cup", 8746), ("int", 8747), ("there4", 8756), ("sim", 8764), ("cong", 8773), ("asymp", 8776), ("ne", 8800),
        ("equiv", 8801), ("le", 8804), ("ge", 8805), ("sub", 8834), ("sup", 8835), ("nsub", 8836), ("sube", 8838),
        ("supe", 8839), ("oplus", 8853), ("otimes", 8855), ("perp", 8869), ("sdot", 8901), ("lceil", 8968),
        ("rceil", 8969), ("lfloor", 8970), ("rfloor", 8971), ("lang", 0x27E8), ("rang", 0x27E9), ("loz", 9674),
        ("spades", 9824), ("clubs", 9827), ("hearts", 9829), ("diams", 9830), ("thetasym", 977), ("upsih", 978),
        ("piv", 982), ("sigmaf", 962),
        // HTML5 names for ASCII punctuation and spaces
        ("Tab", 9), ("NewLine", 10), ("excl", 33), ("num", 35), ("dollar", 36), ("percnt", 37), ("lpar", 40),
        ("rpar", 41), ("ast", 42), ("midast", 42), ("plus", 43), ("comma", 44), ("period", 46), ("sol", 47),
        ("colon", 58), ("semi", 59), ("equals", 61), ("quest", 63), ("commat", 64), ("lsqb", 91), ("lbrack", 91),
        ("bsol", 92), ("rsqb", 93), ("rbrack", 93), ("Hat", 94), ("lowbar", 95), ("grave", 96), ("lcub", 123),
        ("lbrace", 123), ("verbar", 124), ("vert", 124), ("rcub", 125), ("rbrace", 125), ("half", 189),
        ("hyphen", 8208), ("dash", 8208), ("horbar", 8213), ("rsquor", 8217), ("lsquor", 8218), ("rdquor", 8221),
        ("ldquor", 8222), ("nldr", 8229), ("mldr", 8230), ("numsp", 8199), ("puncsp", 8200), ("hairsp", 8202),
        ("emsp13", 8196), ("emsp14", 8197), ("ThinSpace", 8201), ("ZeroWidthSpace", 8203), ("NoBreak", 8288),
        ("NonBreakingSpace", 0xA0), ("bullet", 8226), ("TRADE", 8482), ("copysr", 8471), ("check", 10003),
        ("cross", 10007), ("star", 9734), ("starf", 9733), ("nbsp", 0xA0), ("centerdot", 0xB7), ("laquo", 0xAB),
    ]

    private struct Entry: Sendable { var scalar: UInt32; var legacy: Bool }

    private static let table: PackedNameTable<Entry> = {
        var entries: [(PackedName, Entry)] = []
        func add(_ name: String, _ v: UInt32, legacy: Bool) { entries.append((PackedName(name)!, Entry(scalar: v, legacy: legacy))) }
        for (k, n) in latin1Names.enumerated() { add(n, 0xA0 + UInt32(k), legacy: true) }
        for (n, v) in legacyASCII { add(n, v, legacy: true) }
        for (n, v) in strictNames { add(n, v, legacy: false) }
        // Greek letters: Alpha..Omega (no final-sigma capital at U+03A2) and alpha..omega.
        let greek = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu",
                     "Nu", "Xi", "Omicron", "Pi", "Rho", "", "Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega"]
        for (k, n) in greek.enumerated() where !n.isEmpty {
            add(n, 0x391 + UInt32(k), legacy: false)
            add(n.lowercased(), 0x3B1 + UInt32(k), legacy: false)
        }
        return PackedNameTable(entries)
    }()

    /// Reads the reference starting at `p[at]` (an "&"). Returns the scalar and the index
    /// after the reference, or nil when the "&" is literal text.
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at: Int, inAttribute: Bool) -> (scalar: UInt32, next: Int)? {
        let end = p.count
        var j = at + 1
        guard j < end else { return nil }
        if p[j] == UInt8(ascii: "#") { return decodeNumeric(p, at: j + 1) }
        let nameStart = j
        while j < end, j - nameStart < 32, isAlphanumeric(p[j]) { j += 1 }
        guard j > nameStart else { return nil }
        if j < end, p[j] == UInt8(ascii: ";"), let e = entry(p, nameStart..<j) { return (e.scalar, j + 1) }
        // Without a semicolon, only the legacy names count, longest first ("&notin" reads "¬in").
        var length = min(j - nameStart, 6)
        while length >= 2 {
            let r = nameStart..<(nameStart + length)
            if let e = entry(p, r), e.legacy {
                if inAttribute, r.upperBound < end {
                    // "?a=1&copy=2" in an href stays as written.
                    let next = p[r.upperBound]
                    if next == UInt8(ascii: "=") || isAlphanumeric(next) { return nil }
                }
                return (e.scalar, r.upperBound)
            }
            length -= 1
        }
        return nil
    }

    private static func entry(_ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Entry? {
        guard r.count <= 16, let key = PackedName(UnsafeBufferPointer(rebasing: p[r])) else { return nil }
        return table[key]
    }

    /// `&#1234;`, `&#x4D2;`, with or without the semicolon; invalid values become U+FFFD.
    private static func decodeNumeric(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> (scalar: UInt32, next: Int)? {
        var j = start
        var hex = false
        if j < p.count, p[j] | 0x20 == UInt8(ascii: "x") { hex = true; j += 1 }
        let digitsStart = j
        var value: UInt32 = 0
        while j < p.count {
            let b = p[j]
            let d: UInt32
            if b >= 0x30 && b <= 0x39 { d = UInt32(b - 0x30) }
            else if hex, (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 { d = UInt32((b | 0x20) - 0x61 + 10) }
            else { break }
            value = min(value &* (hex ? 16 : 10) &+ d, 0x110000)
            j += 1
        }
        guard j > digitsStart else { return nil }
        if j < p.count, p[j] == UInt8(ascii: ";") { j += 1 }
        return (sanitize(value), j)
    }

    static func sanitize(_ v: UInt32) -> UInt32 {
        if v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { return 0xFFFD }
        if v >= 0x80 && v <= 0x9F { return TextDecoding.windows1252High[Int(v - 0x80)] }
        return v
    }

    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }
}
