import GalleyJSON
import GalleyModel
import GalleyText

/// What the builder needs from a structurer: role-tagged pieces in reading order and the
/// header fields read along the way. Plain text (`TextStructurer`) and HTML
/// (`HTMLStructure`) both provide it.
protocol StructuredText {
    var pieces: [TextStructurer.Piece] { get }
    var title: String? { get }
    var deck: String? { get }
    var published: String? { get }
    var site: String? { get }
    var authors: [String] { get }
    var language: String { get }
    var sources: [String] { get }
}

extension TextStructurer: StructuredText {}

/// Assembles an Article from the structurer's decisions: lays the kept blocks out as the body
/// text, computes every offset in both unit systems, and groups blocks into sections, lists,
/// tables and FAQ pairs.
enum ArticleBuilder {
    static func build(_ s: some StructuredText, known: KnownFields, source: ArticleSource, warnings: [String], extra: JSONObject) -> Article {
        var text = ""
        var scalarOffset = 0
        var utf8Offset = 0
        var paragraphs: [Paragraph] = []
        var sentences: [Sentence] = []
        var removed: [RemovedSpan] = []
        var blockOfGroup: [Int: [Int]] = [:]
        var groupOrder: [Int] = []
        var pieceOfBlock: [TextStructurer.Piece] = []
        var previousWasRemoved = false

        for piece in s.pieces {
            guard let kind = blockKind(piece.role) else {
                let reason: String?
                switch piece.role {
                case .removed(let r): reason = r
                case .metadata: reason = "metadata"
                default: reason = nil
                }
                guard let r = reason else { continue }
                if previousWasRemoved, let last = removed.last, last.reason == r {
                    removed[removed.count - 1].text += "\n" + piece.text
                } else {
                    removed.append(RemovedSpan(text: piece.text, reason: r, line: piece.line > 0 ? piece.line : nil))
                }
                previousWasRemoved = true
                continue
            }
            previousWasRemoved = false
            let blockText = piece.cells.map { $0.joined(separator: "\t") } ?? piece.text
            if !text.isEmpty {
                text += "\n\n"; scalarOffset += 2; utf8Offset += 2
            }
            // Most blocks are ASCII: one scalar per byte, and scalar offsets are byte offsets,
            // so the sentence splitter reads the bytes themselves.
            let ascii = blockText.isASCII
            let scalarCount: Int
            let ranges: [Range<Int>]
            // UTF-8 offset of every scalar boundary in a non-ASCII block, for sentence spans.
            var utf8At: [Int] = []
            if ascii {
                scalarCount = blockText.utf8.count
                ranges = blockText.withUTF8Bytes { bytes in
                    kind.isProse ? SentenceSplitter.split(ascii: bytes)
                                 : SentenceSplitter.trimmed(ascii: bytes, 0..<bytes.count).map { [$0] } ?? []
                }
            } else {
                let scalars = blockText.scalarArray
                scalarCount = scalars.count
                utf8At = [Int](repeating: 0, count: scalars.count + 1)
                for (k, c) in scalars.enumerated() { utf8At[k + 1] = utf8At[k] + UTF8.width(c) }
                ranges = kind.isProse ? SentenceSplitter.split(scalars: scalars) : SentenceSplitter.trimmed(scalars, 0..<scalars.count).map { [$0] } ?? []
            }
            let index = paragraphs.count
            paragraphs.append(Paragraph(text: blockText, kind: kind, span: TextSpan(
                start: scalarOffset, end: scalarOffset + scalarCount,
                utf8Start: utf8Offset, utf8End: utf8Offset + blockText.utf8.count)))
            blockText.withUTF8Bytes { utf8 in
                for r in ranges {
                    let from = ascii ? r.lowerBound : utf8At[r.lowerBound], to = ascii ? r.upperBound : utf8At[r.upperBound]
                    // Cut the sentence from the UTF-8 bytes: much cheaper than re-appending scalars.
                    let sentence = String(decoding: UnsafeBufferPointer(rebasing: utf8[from..<to]), as: UTF8.self)
                    sentences.append(Sentence(text: sentence, paragraph: index, kind: kind, span: TextSpan(
                        start: scalarOffset + r.lowerBound, end: scalarOffset + r.upperBound,
                        utf8Start: utf8Offset + from, utf8End: utf8Offset + to)))
                }
            }
            text += blockText
            scalarOffset += scalarCount
            utf8Offset += blockText.utf8.count
            if let g = piece.group {
                if blockOfGroup[g] == nil { groupOrder.append(g) }
                blockOfGroup[g, default: []].append(index)
            }
            pieceOfBlock.append(piece)
        }

        var faq: [FAQPair] = []
        var tables: [Table] = []
        var lists: [ListBlock] = []
        for g in groupOrder {
            let blocks = blockOfGroup[g]!
            switch pieceOfBlock[blocks[0]].role {
            case .question:
                let answers = blocks.dropFirst().map { paragraphs[$0].text }
                faq.append(FAQPair(question: paragraphs[blocks[0]].text, answer: answers.joined(separator: "\n"), paragraphs: blocks))
            case .tableRow:
                tables.append(Table(rows: blocks.map { pieceOfBlock[$0].cells ?? [paragraphs[$0].text] }, header: blocks.count >= 3, paragraphs: blocks))
            case .listItem(let ordered):
                lists.append(ListBlock(items: blocks.map { paragraphs[$0].text }, ordered: ordered, paragraphs: blocks))
            default:
                break
            }
        }

        var sections: [Section] = []
        for (i, p) in paragraphs.enumerated() {
            if p.kind == .heading {
                sections.append(Section(heading: p.text, headingParagraph: i, paragraphs: []))
            } else {
                if sections.isEmpty { sections.append(Section(heading: nil, headingParagraph: nil, paragraphs: [])) }
                sections[sections.count - 1].paragraphs.append(i)
            }
        }

        let id = known.id ?? contentID(title: s.title, text: text)
        var src = source
        src.site = src.site ?? s.site
        return Article(
            id: id, source: src, title: s.title, deck: s.deck, published: s.published, authors: s.authors,
            language: s.language, text: text, paragraphs: paragraphs, sentences: sentences, sections: sections,
            faq: faq, tables: tables, lists: lists, sources: s.sources, removed: removed, warnings: warnings + known.warnings,
            errors: [], analyses: JSONObject(), extra: extra)
    }

    /// The first 16 hex digits of SHA-256 over title and body: equal content, equal id.
    static func contentID(title: String?, text: String) -> String {
        String(SHA256.hex(Array(((title ?? "") + "\n" + text).utf8)).prefix(16))
    }

    static func blockKind(_ role: Role) -> BlockKind? {
        switch role {
        case .heading: return .heading
        case .paragraph: return .paragraph
        case .listItem: return .listItem
        case .tableRow: return .tableRow
        case .question: return .question
        case .answer: return .answer
        default: return nil
        }
    }
}
