/// The element names the parser and the extractor treat specially, interned to a small
/// integer so that every later test is a table lookup instead of a string comparison.
/// Any other element is `.unknown` (its name stays available on the node).
public enum HTMLTag: UInt8, CaseIterable, Sendable {
    case unknown
    // document
    case html, head, body, title, meta, link, base, style, script, noscript, template
    // sections and grouping
    case article, section, nav, aside, header, footer, main, address, div, p, pre, blockquote, hr
    case h1, h2, h3, h4, h5, h6, hgroup
    case ul, ol, li, dl, dt, dd, menu, dir
    case figure, figcaption, details, summary, dialog, center, fieldset, legend
    // tables
    case table, caption, colgroup, col, thead, tbody, tfoot, tr, td, th
    // text-level
    case a, b, i, u, s, em, strong, small, big, code, font, nobr, strike, tt, span, sub, sup, mark, q, cite
    case abbr, time, br, wbr, img, picture, source, video, audio, track, iframe, embed, object, param, area
    case map, canvas
    // forms
    case form, input, button, select, option, optgroup, textarea, label, output, keygen
    // raw text and foreign content
    case xmp, noembed, noframes, plaintext, listing, frameset, frame, svg, math, basefont, bgsound, applet, marquee

    /// Lowercase element name of every known tag.
    public var name: String { self == .unknown ? "" : String(describing: self) }

    /// Looks up a lowercase ASCII tag name given as bytes.
    static func lookup(_ name: UnsafeBufferPointer<UInt8>) -> HTMLTag {
        guard name.count <= 16, let key = PackedName(name) else { return .unknown }
        return byPackedName[key] ?? .unknown
    }

    public static func lookup(_ name: String) -> HTMLTag {
        var bytes = Array(name.utf8)
        for k in bytes.indices where bytes[k] >= 0x41 && bytes[k] <= 0x5A { bytes[k] |= 0x20 }
        return bytes.withUnsafeBufferPointer { lookup($0) }
    }

    private static let byPackedName = PackedNameTable(HTMLTag.allCases.dropFirst().map { (PackedName($0.name)!, $0) })

    // MARK: - Categories (WHATWG §13.1.2 and the tree-construction rules)

    /// Elements that never have content or an end tag.
    public var isVoid: Bool { Self.voidSet[Int(rawValue)] }
    /// Elements whose content is raw text up to the matching end tag.
    var isRawText: Bool { Self.rawTextSet[Int(rawValue)] }
    /// Elements whose content is text with character references, up to the matching end tag.
    var isEscapableRawText: Bool { self == .title || self == .textarea }
    /// Subtrees whose content is never rendered as text: they are parsed and dropped.
    var isDiscardedSubtree: Bool { self == .template || self == .svg || self == .math }
    /// A start tag of these closes an open `<p>` (WHATWG "in body" insertion mode).
    var closesParagraph: Bool { Self.closesParagraphSet[Int(rawValue)] }
    /// Formatting elements, whose misnested end tags the adoption agency repairs.
    var isFormatting: Bool { Self.formattingSet[Int(rawValue)] }
    /// The "special" category: an end tag for another element does not cross these.
    var isSpecial: Bool { Self.specialSet[Int(rawValue)] }
    var isHeading: Bool { rawValue >= HTMLTag.h1.rawValue && rawValue <= HTMLTag.h6.rawValue }
    /// Elements that may stay in `<head>`; any other start tag there ends the head.
    var belongsInHead: Bool { Self.headSet[Int(rawValue)] }

    private static func set(_ tags: [HTMLTag]) -> [Bool] {
        var s = [Bool](repeating: false, count: HTMLTag.allCases.count)
        for t in tags { s[Int(t.rawValue)] = true }
        return s
    }

    private static let voidSet = set([.area, .base, .br, .col, .embed, .hr, .img, .input, .link, .meta, .param, .source,
                                      .track, .wbr, .keygen, .basefont, .bgsound, .frame])
    private static let rawTextSet = set([.script, .style, .xmp, .iframe, .noembed, .noframes, .noscript])
    private static let closesParagraphSet = set([
        .address, .article, .aside, .blockquote, .center, .details, .dialog, .dir, .div, .dl, .fieldset, .figcaption,
        .figure, .footer, .header, .hgroup, .main, .menu, .nav, .ol, .p, .section, .summary, .ul, .h1, .h2, .h3, .h4,
        .h5, .h6, .pre, .listing, .form, .li, .dd, .dt, .plaintext, .table, .hr, .xmp,
    ])
    private static let formattingSet = set([.a, .b, .big, .code, .em, .font, .i, .nobr, .s, .small, .strike, .strong, .tt, .u])
    private static let specialSet = set([
        .address, .applet, .area, .article, .aside, .base, .basefont, .bgsound, .blockquote, .body, .br, .button,
        .caption, .center, .col, .colgroup, .dd, .details, .dir, .div, .dl, .dt, .embed, .fieldset, .figcaption, .figure,
        .footer, .form, .frame, .frameset, .h1, .h2, .h3, .h4, .h5, .h6, .head, .header, .hgroup, .hr, .html, .iframe,
        .img, .input, .keygen, .li, .link, .listing, .main, .marquee, .menu, .meta, .nav, .noembed, .noframes, .noscript,
        .object, .ol, .p, .param, .plaintext, .pre, .script, .section, .select, .source, .style, .summary, .table,
        .tbody, .td, .template, .textarea, .tfoot, .th, .thead, .title, .tr, .track, .ul, .wbr, .xmp,
    ])
    private static let headSet = set([.meta, .link, .title, .style, .script, .noscript, .base, .template, .basefont, .bgsound])
}
