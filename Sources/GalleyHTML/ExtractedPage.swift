/// What `HTMLExtractor` reads from a page: its metadata and its text blocks in reading
/// order, each either kept as article body or removed with a reason.
public struct ExtractedPage: Sendable {
    public var title: String?
    /// The standfirst or description the page gives for the article.
    public var deck: String?
    /// ISO 8601 date or date-time of publication.
    public var published: String?
    public var authors: [String] = []
    public var siteName: String?
    public var canonicalURL: String?
    /// The page's declared language (`<html lang>`, `og:locale`, JSON-LD `inLanguage`), as an ISO 639-1 code.
    public var language: String?
    /// How the bytes were decoded ("utf-8", "windows-1252").
    public var encoding: String = "utf-8"
    public var warnings: [String] = []
    public var blocks: [ExtractedBlock] = []

    public init() {}

    /// The kept body text, blocks separated by blank lines.
    public var bodyText: String {
        blocks.filter { $0.removedReason == nil }.map { $0.cells?.joined(separator: "\t") ?? $0.text }.joined(separator: "\n\n")
    }
}

public struct ExtractedBlock: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case paragraph
        case heading(level: Int)
        case listItem(ordered: Bool)
        case tableRow
        case preformatted
        case caption
    }

    public var kind: Kind
    public var text: String
    /// Cells of a table row.
    public var cells: [String]?
    /// Items of one list, or rows of one table, share a group number.
    public var group: Int?
    /// Why the block is not part of the article ("navigation", "related", "comments", "links",
    /// "caption", "title", ...), or nil when it is kept.
    public var removedReason: String?

    public init(kind: Kind, text: String, cells: [String]? = nil, group: Int? = nil, removedReason: String? = nil) {
        self.kind = kind; self.text = text; self.cells = cells; self.group = group; self.removedReason = removedReason
    }
}
