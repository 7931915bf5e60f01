#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GalleyText

/// The entry point from a saved page to its article: decode, parse, cut into blocks, find the
/// main content, read the metadata, and lay out the blocks with lists and tables grouped.
public enum HTMLExtractor {
    /// Raw page bytes in any encoding `HTMLEncoding` reads (gzip is handled by the caller).
    public static func extract(bytes: [UInt8], url: String? = nil) -> ExtractedPage {
        let decoded = HTMLEncoding.decode(bytes)
        var page = extract(document: HTMLParser.parse(utf8: decoded.utf8), url: url)
        page.encoding = decoded.encoding
        if let w = decoded.warning { page.warnings.append(w) }
        return page
    }

    /// An already-decoded page (from a JSON record's `html` field).
    /// `fragment`: the HTML is an article's body with no page around it, all of it content.
    public static func extract(html: String, url: String? = nil, fragment: Bool = false) -> ExtractedPage {
        extract(document: HTMLParser.parse(html), url: url, fragment: fragment)
    }

    /// Function words of every language Galley knows: stop-word density then means "reads
    /// like prose" for any of them without first guessing the page's language.
    static let stopWords = StopWordSet(StopWords.byLanguage.values.reduce(StopWords.english) { $0.union($1) })

    public static func extract(document: HTMLDocument, url: String? = nil, fragment: Bool = false) -> ExtractedPage {
        var metadata = PageMetadata(document: document)
        let cues = BoilerplateCues.table(for: document)
        let body = document.elements(.body).first ?? HTMLDocument.root
        var collector = BlockCollector(document: document, stopWords: stopWords, cues: cues)
        collector.collect(from: body)
        let blocks = collector.blocks

        // Pages in scripts without our function words (Chinese, Russian...) are judged without them.
        var words = 0, stops = 0
        for b in blocks where b.words >= 10 { words += b.words; stops += b.stopWords }
        let judgesStopWords = words > 0 && Double(stops) / Double(words) >= 0.08

        var content = ContentExtractor(document: document, blocks: blocks, cues: cues, judgesStopWords: judgesStopWords,
                                       title: metadata.title, deck: metadata.deck)
        content.wholeBody = fragment
        content.run()
        metadata.complete(contentRoot: content.root)
        if debugging { debugPrint(blocks, content) }

        var page = ExtractedPage()
        page.title = metadata.title
        page.deck = metadata.deck
        page.published = metadata.published
        page.authors = metadata.authors
        page.siteName = metadata.siteName
        page.canonicalURL = metadata.canonicalURL ?? url
        page.language = metadata.language
        page.blocks = layout(blocks, decisions: content.decisions, document: document, title: metadata.title)
        useStructuredBody(metadata.articleBody, in: &page)
        if !page.blocks.contains(where: { $0.removedReason == nil && !$0.text.isEmpty }) {
            page.warnings.append("no article text found on the page (it may render its text with scripts)")
        }
        return page
    }

    /// When the markup yields next to nothing (a page that renders its text with scripts) but
    /// the JSON-LD states the article body, the stated body is the article.
    static func useStructuredBody(_ stated: String?, in page: inout ExtractedPage) {
        guard let stated else { return }
        let keptWords = page.blocks.reduce(0) { $0 + ($1.removedReason == nil ? Tokenizer.words($1.text).count : 0) }
        guard keptWords < 25 else { return }
        let paragraphs = stated.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { HTMLText.clean(String($0)) }.filter { !$0.isEmpty }
        let statedWords = paragraphs.reduce(0) { $0 + Tokenizer.words($1).count }
        // A short stated body still beats an empty page.
        guard statedWords >= 50 || keptWords == 0 && statedWords > 0, statedWords >= 2 * keptWords else { return }
        for k in page.blocks.indices where page.blocks[k].removedReason == nil { page.blocks[k].removedReason = "superseded" }
        page.blocks += paragraphs.map { ExtractedBlock(kind: .paragraph, text: $0) }
        page.warnings.append("the page's markup holds almost no article text; the body comes from its JSON-LD articleBody")
    }

    // MARK: - Debugging

    /// `GALLEY_HTML_DEBUG=1` prints every block's signals and decision to stderr.
    static let debugging: Bool = getenv("GALLEY_HTML_DEBUG") != nil

    static func debugPrint(_ blocks: [TextBlock], _ content: ContentExtractor) {
        var out = "root=\(content.root) <\(content.document.name(content.root))>\n"
        for (b, d) in zip(blocks, content.decisions) {
            let text = String(b.string.prefix(90)).replacingAll("\n", with: " / ")
            out += "\(d ?? "KEEP") | w=\(b.words) ld=\(Int(b.linkDensity * 100)) sd=\(Int(b.stopWordDensity * 100)) owner=\(b.owner) \(b.kind) | \(text)\n"
        }
        var bytes = Array(out.utf8)
        _ = write(2, &bytes, bytes.count)
    }

    // MARK: - Layout

    /// A row as the table lays it out, so that every value stays under its column: each cell
    /// of the `<tr>` in order, an empty one too; a `colspan` as that many cells (the text in the
    /// first); a `rowspan`'s text repeated in the rows below it.
    static func rowCells(row: Int32, kept: [TextBlock], document: HTMLDocument, spans: inout [Int: (String, Int)]) -> [String] {
        var textOf: [Int32: String] = [:]
        for c in kept { textOf[c.owner] = textOf[c.owner].map { $0 + " " + c.string } ?? c.string }
        var out: [String] = []
        func carried() {
            while let (text, left) = spans[out.count] {
                out.append(text)
                spans[out.count - 1] = left > 1 ? (text, left - 1) : nil
            }
        }
        func number(_ name: String, of n: Int32, max: Int) -> Int {
            document.attribute(name, of: n).flatMap { Int($0.trimmed) }.map { Swift.min(Swift.max($0, 1), max) } ?? 1
        }
        var c = document.nodes[Int(row)].firstChild
        while c >= 0 {
            let tag = document.nodes[Int(c)].tag
            if tag == .td || tag == .th {
                carried()
                let text = textOf[c] ?? ""
                let across = number("colspan", of: c, max: 50), down = number("rowspan", of: c, max: 100)
                for k in 0..<across {
                    if down > 1 { spans[out.count] = (k == 0 ? text : "", down - 1) }
                    out.append(k == 0 ? text : "")
                }
            }
            c = document.nodes[Int(c)].nextSibling
        }
        carried()
        // A row whose cells are not the <tr>'s children (a cell inside a wrapper) keeps them as read.
        return textOf.isEmpty || out.allSatisfy(\.isEmpty) ? kept.map(\.string) : out
    }

    /// Turns decided blocks into output blocks: table cells become rows, list items and rows
    /// get group numbers, a heading repeating the title is marked as such.
    static func layout(_ blocks: [TextBlock], decisions: [String?], document: HTMLDocument, title: String?) -> [ExtractedBlock] {
        var out: [ExtractedBlock] = []
        var groupOfContainer: [Int32: Int] = [:]
        var nextGroup = 0
        var lastGroupedContainer: Int32 = -1
        /// Per table, the cells a rowspan carries into the rows below: column -> (text, rows left).
        var rowSpans: [Int32: [Int: (String, Int)]] = [:]
        let titleWords = title.map { Tokenizer.lowerWords($0) }
        // A <tfoot> may come before the body in the markup but is read after it ("Total" last).
        var footer: (table: Int32, rows: [ExtractedBlock]) = (-1, [])
        var firstRow: [Int32: [String]] = [:]
        func flushFooter() {
            out += footer.rows
            footer = (-1, [])
        }
        var i = 0
        while i < blocks.count {
            let b = blocks[i]
            var reason = decisions[i]
            if reason == nil || reason == "outside-content", case .heading = b.kind, let t = titleWords,
               Tokenizer.lowerWords(b.string) == t {
                reason = "title"
            }
            switch b.kind {
            case .tableCell(let row, _) where reason == nil && row > 0:
                // Gather the kept cells of this row.
                var cells: [TextBlock] = []
                var j = i
                while j < blocks.count, decisions[j] == nil, case .tableCell(let r, _) = blocks[j].kind, r == row {
                    cells.append(blocks[j])
                    j += 1
                }
                let table = ancestor(of: row, in: document, where: { $0 == .table })
                if table != footer.table { flushFooter() }
                // Cells holding running prose are page layout, not data.
                if cells.contains(where: { $0.words >= 40 }) || table < 0 {
                    for c in cells { out.append(ExtractedBlock(kind: .paragraph, text: c.string)) }
                } else {
                    if table != lastGroupedContainer || groupOfContainer[table] == nil {
                        groupOfContainer[table] = nextGroup
                        nextGroup += 1
                    }
                    lastGroupedContainer = table
                    let strings = rowCells(row: row, kept: cells, document: document, spans: &rowSpans[table, default: [:]])
                    let block = ExtractedBlock(kind: .tableRow, text: strings.joined(separator: "\t"), cells: strings,
                                               group: groupOfContainer[table])
                    if document.tag(document.parent(row)) == .tfoot {
                        // A footer that repeats the header row (long tables do) is a duplicate.
                        let repeated = firstRow[table] == strings
                        footer.table = table
                        footer.rows.append(repeated ? ExtractedBlock(kind: .paragraph, text: block.text, removedReason: "duplicate") : block)
                    } else {
                        out.append(block)
                    }
                    if firstRow[table] == nil { firstRow[table] = strings }
                }
                i = j
                continue
            case .listItem(let ordered) where reason == nil:
                flushFooter()
                let list = ancestor(of: b.owner, in: document, where: { $0 == .ul || $0 == .ol || $0 == .menu || $0 == .dir })
                if list != lastGroupedContainer || groupOfContainer[list] == nil {
                    groupOfContainer[list] = nextGroup
                    nextGroup += 1
                }
                lastGroupedContainer = list
                out.append(ExtractedBlock(kind: .listItem(ordered: ordered), text: b.string, group: groupOfContainer[list]))
                i += 1
                continue
            default:
                break
            }
            if reason == nil { lastGroupedContainer = -1 }
            flushFooter()
            out.append(ExtractedBlock(kind: outputKind(b.kind), text: b.string, removedReason: reason))
            i += 1
        }
        flushFooter()
        return out
    }

    static func outputKind(_ k: TextBlock.Kind) -> ExtractedBlock.Kind {
        switch k {
        case .paragraph, .tableCell: return .paragraph
        case .heading(let level): return .heading(level: level)
        case .listItem(let ordered): return .listItem(ordered: ordered)
        case .preformatted: return .preformatted
        case .caption: return .caption
        }
    }

    static func ancestor(of n: Int32, in d: HTMLDocument, where match: (HTMLTag) -> Bool) -> Int32 {
        var k = d.parent(n)
        while k > 0 {
            if match(d.tag(k)) { return k }
            k = d.parent(k)
        }
        return -1
    }
}
