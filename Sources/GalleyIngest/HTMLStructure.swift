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
        Self.dropRelatedTail(&pieces)
        title = known.title ?? page.title
        deck = known.deck ?? page.deck
        published = known.published ?? page.published ?? Self.visibleDate(pieces)
        site = known.site ?? page.siteName
        authors = known.authors.flatMap { $0.isEmpty ? nil : $0 } ?? page.authors
        language = known.language ?? Self.language(declared: page.language, identified: Self.identifyLanguage(pieces))
    }

    /// A related-stories block the page's markup did not label ("More Great WIRED Stories",
    /// "Related articles") after most of the article: its heading and the list items and short
    /// lines under it (a dozen words, or no sentence's end), up to the next heading or a
    /// sentence of prose, are "related".
    static func dropRelatedTail(_ pieces: inout [TextStructurer.Piece]) {
        let total = pieces.reduce(0) { $0 + ($1.role.isKeptBody ? $1.text.utf8.count : 0) }
        guard total > 0 else { return }
        var before = 0
        var k = 0
        while k < pieces.count {
            let p = pieces[k]
            // The marker: a heading, or a short line standing as one (no sentence's end).
            let markerShaped = p.role == .heading || (p.role == .paragraph && !(p.text.last.map { ".!?".contains($0) } ?? false))
            if markerShaped, before * 2 >= total, isRelatedMarker(p.text) {
                pieces[k].role = .removed("related")
                var j = k + 1
                while j < pieces.count {
                    let q = pieces[j]
                    if q.role == .heading { break }
                    let words = q.text.split(separator: " ").count
                    let sentenceEnd = q.text.last.map { ".!?".contains($0) } ?? false
                    if case .listItem = q.role {} else if q.role == .paragraph, words <= 12 || (!sentenceEnd && words <= 30) {} else if !q.role.isKeptBody {
                        j += 1; continue
                    } else { break }
                    pieces[j].role = .removed("related")
                    j += 1
                }
                k = j
                continue
            }
            if p.role.isKeptBody { before += p.text.utf8.count }
            k += 1
        }
    }

    static func isRelatedMarker(_ heading: String) -> Bool {
        let key = TextStructurer.lexiconKey(heading)
        guard key.split(separator: " ").count <= 6 else { return false }
        if Lexicon.tailMarkers.contains(key) && !["comments", "comment", "related"].contains(key) { return true }
        // "More Great WIRED Stories", "More from the Times", "More news".
        return key.hasPrefix("more ") && (key.hasSuffix(" stories") || key.hasSuffix(" articles") || key.hasSuffix(" news") || key.hasPrefix("more from "))
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
            // A block of links, a sidebar or the footer taken out ends the FAQ: what follows
            // is no answer to its last question.
            if inFAQ, case .removed(let reason) = p.role, Self.faqEnders.contains(reason) { inFAQ = false; current = nil; continue }
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

    static let faqEnders: Set<String> = ["related", "navigation", "sidebar", "footer", "chrome", "off-topic"]

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
