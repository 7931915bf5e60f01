import GalleyModel

/// What the structurer decided a line (or a run of lines) is.
enum Role: Equatable {
    case undecided
    case title, deck
    /// Dates, bylines, site names: read into fields, not kept in the body.
    case metadata
    case removed(String)
    case heading
    case paragraph
    case listItem(ordered: Bool)
    case tableRow
    case question, answer
    case source

    var isRemoved: Bool { if case .removed = self { return true }; return false }
    var isKeptBody: Bool { ArticleBuilder.blockKind(self) != nil }
}

/// Fields read from the text or given by a JSON record, which the text must not override.
public struct KnownFields: Sendable {
    public var id: String?
    public var title: String?
    public var deck: String?
    public var published: String?
    public var authors: [String]?
    public var site: String?
    public var url: String?
    public var path: String?
    public var language: String?
    /// What reading these fields left out, for the article's warnings ("field 'title' must be a
    /// string, found a number: left out").
    public var warnings: [String] = []
    public init(id: String? = nil, title: String? = nil, deck: String? = nil, published: String? = nil,
                authors: [String]? = nil, site: String? = nil, url: String? = nil, path: String? = nil, language: String? = nil) {
        self.id = id; self.title = title; self.deck = deck; self.published = published; self.authors = authors
        self.site = site; self.url = url; self.path = path; self.language = language
    }
}
