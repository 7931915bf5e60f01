import GalleyHTML
import GalleyModel
import GalleyText

/// An extracted HTML page in the shape `ArticleBuilder` lays out: the page's blocks become
/// role-tagged pieces (kept blocks as headings, paragraphs, list items and table rows;
/// boilerplate as removed pieces with its reason), and its metadata fills the header fields
/// unless the record already gave them.
struct HTMLStructure: StructuredText {
    private(set) var pieces: [TextStructurer.Piece] = []
    let title: String?
    let deck: String?
    let published: String?
    let site: String?
    let authors: [String]
    let language: String
    let sources: [String] = []

    init(page: ExtractedPage, known: KnownFields) {
        for b in page.blocks {
            let role: Role
            if let reason = b.removedReason {
                role = .removed(reason)
            } else {
                switch b.kind {
                case .heading: role = .heading
                case .listItem(let ordered): role = .listItem(ordered: ordered)
                case .tableRow: role = .tableRow
                case .paragraph, .preformatted, .caption: role = .paragraph
                }
            }
            pieces.append(TextStructurer.Piece(text: b.text, role: role, line: 0, cells: b.cells, group: b.group))
        }
        Self.readFAQ(&pieces)
        title = known.title ?? page.title
        deck = known.deck ?? page.deck
        published = known.published ?? page.published ?? Self.visibleDate(pieces)
        site = known.site ?? page.siteName
        authors = known.authors.flatMap { $0.isEmpty ? nil : $0 } ?? page.authors
        language = known.language ?? Self.language(declared: page.language, identified: Self.identifyLanguage(pieces))
    }

    /// Questions and answers under an FAQ heading ("FAQ", "Frequently asked questions",
    /// "Domande frequenti"): a heading or paragraph ending in "?" is a question, the
    /// paragraphs after it its answer, until a heading that asks nothing. As the text reader
    /// does; on pages the questions are headings or `<summary>`s.
    static func readFAQ(_ pieces: inout [TextStructurer.Piece]) {
        var group = (pieces.compactMap(\.group).max() ?? 0) + 1_000_000
        var inFAQ = false
        var current: Int?
        for k in pieces.indices {
            let p = pieces[k]
            guard p.role.isKeptBody || p.role == .heading else { continue }
            let words = p.text.split(separator: " ").count
            if p.role == .heading, words <= 6, Lexicon.faqHeadings[TextStructurer.lexiconKey(p.text)] != nil {
                inFAQ = true; current = nil; continue
            }
            guard inFAQ else { continue }
            let asks = p.text.hasSuffix("?") && words <= 30
            if asks, p.role == .heading || p.role == .paragraph {
                pieces[k].role = .question
                group += 1
                pieces[k].group = group
                current = group
            } else if p.role == .heading {
                inFAQ = false; current = nil  // a new section after the FAQ
            } else if let g = current, p.role == .paragraph {
                pieces[k].role = .answer
                pieces[k].group = g
            }
        }
    }

    /// The publication date a page shows but does not declare: the first dated line taken out
    /// as metadata ("Published: March 5, 2024", "Monday, November 18, 2019"), not one about
    /// an update.
    static func visibleDate(_ pieces: [TextStructurer.Piece]) -> String? {
        for p in pieces {
            guard case .removed(let reason) = p.role, reason == "metadata" || reason == "byline" else { continue }
            for line in p.text.split(separator: "\n") {
                let lower = line.lowercased()
                if (lower.contains("updated") || lower.contains("modified")) && !lower.contains("published") { continue }
                if let d = DateParser.findDates(in: String(line)).first(where: { $0.date.iso.count >= 10 && $0.date.iso.prefix(4).allSatisfy(\.isNumber) }) {
                    return d.date.iso
                }
            }
        }
        return nil
    }

    /// The declared language (`<html lang>`) unless the body's own words clearly say otherwise:
    /// templates keep "en" on pages written in other languages.
    static func language(declared: String?, identified: LanguageIdentifier.Guess) -> String {
        guard let declared else { return identified.language }
        if identified.language != "und", identified.language != declared, identified.confidence >= 0.2 { return identified.language }
        return declared
    }

    /// The language of the kept body, from a sample of its longer blocks.
    static func identifyLanguage(_ pieces: [TextStructurer.Piece]) -> LanguageIdentifier.Guess {
        var sample = ""
        for p in pieces where p.role.isKeptBody && p.text.utf8.count >= 40 {
            sample += p.text
            sample += " "
            if sample.utf8.count > 1500 { break }
        }
        return LanguageIdentifier.identify(sample)
    }
}
