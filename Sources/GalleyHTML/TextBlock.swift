/// One block of page text as a reader sees it: the text between two block-level boundaries,
/// with the signals the content extractor decides on.
struct TextBlock {
    enum Kind: Equatable {
        case paragraph
        case heading(level: Int)
        case listItem(ordered: Bool)
        case tableCell(row: Int32, header: Bool)
        case preformatted
        case caption
    }

    var kind: Kind
    /// UTF-8 text, whitespace collapsed (line breaks kept for `<br>` and `<pre>`).
    var text: [UInt8]
    /// The nearest block-level element around the text.
    var owner: Int32
    /// Characters outside spaces, and those inside links.
    var characters = 0
    var linkCharacters = 0
    var words = 0
    var stopWords = 0
    var commas = 0
    /// Inside a `<blockquote>` or `<q>`-style quotation block.
    var quoted = false
    /// The furniture label of an inline element holding the block's text (`<span class="caption">`).
    var inlineFurniture: String?
    /// Ends like a sentence (".", "!", "?", "…", or those followed by closing quotes).
    var endsSentence = false

    var linkDensity: Double { characters == 0 ? 0 : Double(linkCharacters) / Double(characters) }
    var stopWordDensity: Double { words == 0 ? 0 : Double(stopWords) / Double(words) }
    var string: String { String(decoding: text, as: UTF8.self) }
}

extension HTMLTag {
    /// Elements that start a new line of text (the CSS default `display: block` and friends).
    var isBlockLevel: Bool { Self.blockSet[Int(rawValue)] }
    /// Elements whose content never reads as page text (forms, media, embedded documents).
    var isUnrendered: Bool { Self.unrenderedSet[Int(rawValue)] }

    private static func makeSet(_ tags: [HTMLTag]) -> [Bool] {
        var s = [Bool](repeating: false, count: HTMLTag.allCases.count)
        for t in tags { s[Int(t.rawValue)] = true }
        return s
    }

    private static let blockSet = makeSet([
        .html, .body, .article, .section, .nav, .aside, .header, .footer, .main, .address, .div, .p, .pre, .blockquote,
        .hr, .h1, .h2, .h3, .h4, .h5, .h6, .hgroup, .ul, .ol, .li, .dl, .dt, .dd, .menu, .dir, .figure, .figcaption,
        .details, .summary, .dialog, .center, .fieldset, .legend, .table, .caption, .thead, .tbody, .tfoot, .tr, .td,
        .th, .form, .xmp, .listing, .plaintext, .frameset, .frame, .marquee,
    ])
    private static let unrenderedSet = makeSet([
        .head, .title, .meta, .link, .base, .style, .script, .noscript, .template, .select, .option, .optgroup,
        .button, .input, .textarea, .label, .output, .keygen, .iframe, .object, .embed, .param, .canvas, .video,
        .audio, .map, .area, .svg, .math, .noembed, .noframes, .applet, .frameset, .frame,
    ])
}
