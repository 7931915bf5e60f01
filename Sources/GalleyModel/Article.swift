import GalleyJSON

/// One news article as Galley understands it. Every analysis reads this and adds its result
/// under `analyses.<name>`. The wire form is specified in protocol/ARTICLE.md and
/// protocol/article.schema.json; `ArticleJSON.swift` maps between the two.
public struct Article: Sendable, Equatable {
    /// The version of the Article schema this value follows (`"galley": 1` on the wire).
    public static let schemaVersion = 1

    /// Stable identifier: the record's own `id` when it had one, else a hash of title and body.
    public var id: String
    public var source: ArticleSource
    /// `nil` when the text states no title; Galley never invents one.
    public var title: String?
    /// Subtitle or standfirst, when the text has one.
    public var deck: String?
    /// ISO 8601 date (or date-time) of publication, only when the input states it.
    public var published: String?
    public var authors: [String]
    /// ISO 639-1 code of the body's main language, or "und" when it cannot be told.
    public var language: String
    /// The body: every kept block, in reading order, separated by a blank line ("\n\n").
    /// All offsets in the article point into this string.
    public var text: String
    public var paragraphs: [Paragraph]
    public var sentences: [Sentence]
    public var sections: [Section]
    public var faq: [FAQPair]
    public var tables: [Table]
    public var lists: [ListBlock]
    /// Cited sources ("Sources:" lists, "Source: X" credit lines).
    public var sources: [String]
    /// What ingest dropped as boilerplate, with the reason.
    public var removed: [RemovedSpan]
    /// Non-fatal notes about the input (for example an encoding conversion).
    public var warnings: [String]
    /// Failures attached by the host when a stage could not process this article.
    public var errors: [ArticleError]
    /// Set by `galley analyze`: the id of an earlier article of the same run with the same
    /// title and body. Plugins are not run on a duplicate.
    public var duplicate: String?
    /// Plugin results, each under the plugin's own name.
    public var analyses: JSONObject
    /// Fields of the input record that Galley does not model, carried through unchanged.
    public var extra: JSONObject

    public init(
        id: String, source: ArticleSource = ArticleSource(), title: String? = nil, deck: String? = nil,
        published: String? = nil, authors: [String] = [], language: String = "und", text: String = "",
        paragraphs: [Paragraph] = [], sentences: [Sentence] = [], sections: [Section] = [],
        faq: [FAQPair] = [], tables: [Table] = [], lists: [ListBlock] = [], sources: [String] = [],
        removed: [RemovedSpan] = [], warnings: [String] = [], errors: [ArticleError] = [],
        duplicate: String? = nil, analyses: JSONObject = JSONObject(), extra: JSONObject = JSONObject()
    ) {
        self.id = id; self.source = source; self.title = title; self.deck = deck
        self.published = published; self.authors = authors; self.language = language; self.text = text
        self.paragraphs = paragraphs; self.sentences = sentences; self.sections = sections
        self.faq = faq; self.tables = tables; self.lists = lists; self.sources = sources
        self.removed = removed; self.warnings = warnings; self.errors = errors; self.duplicate = duplicate
        self.analyses = analyses; self.extra = extra
    }
}

/// Where the article came from.
public struct ArticleSource: Sendable, Equatable, Codable {
    /// File path as given on the command line, when read from a file.
    public var path: String?
    public var url: String?
    /// Publication or site name ("marsbit"), when stated.
    public var site: String?
    /// How the input was read: "text", "json" or "html".
    public var format: String
    /// Character encoding the input was decoded from ("utf-8", "windows-1252").
    public var encoding: String

    public init(path: String? = nil, url: String? = nil, site: String? = nil, format: String = "text", encoding: String = "utf-8") {
        self.path = path; self.url = url; self.site = site; self.format = format; self.encoding = encoding
    }
}

/// What a body block is. Analyses use it to skip what is not running prose.
public enum BlockKind: String, Sendable, Codable, CaseIterable {
    case paragraph, heading, listItem = "list_item", tableRow = "table_row", question, answer

    /// Running prose: the blocks a summary or a scenario judgement may quote.
    public var isProse: Bool { self == .paragraph || self == .answer || self == .listItem }
}

/// A half-open span of the body text, in both unit systems consumers need: Unicode scalars
/// (`start`/`end`, what Python's `str` indexes) and UTF-8 bytes (`utf8Start`/`utf8End`).
public struct TextSpan: Sendable, Equatable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var utf8Start: Int
    public var utf8End: Int
    public init(start: Int, end: Int, utf8Start: Int, utf8End: Int) {
        self.start = start; self.end = end; self.utf8Start = utf8Start; self.utf8End = utf8End
    }
    enum CodingKeys: String, CodingKey {
        case start, end, utf8Start = "utf8_start", utf8End = "utf8_end"
    }

    /// Why these offsets cannot be a span of a text (a negative offset, an end before its
    /// start), or nil. Readers turn a bad span into `start..<end`, which would trap.
    public var problem: String? {
        if start < 0 || end < 0 || utf8Start < 0 || utf8End < 0 { return "offsets must not be negative" }
        if start > end { return "start \(start) is after end \(end)" }
        if utf8Start > utf8End { return "utf8_start \(utf8Start) is after utf8_end \(utf8End)" }
        return nil
    }
}

/// Offsets are flattened onto blocks and sentences on the wire (`start`, `end`, `utf8_start`,
/// `utf8_end`) so that jq filters can use them directly.
public protocol Spanned {
    var start: Int { get }
    var end: Int { get }
    var utf8Start: Int { get }
    var utf8End: Int { get }
}

extension Spanned {
    public var span: TextSpan { TextSpan(start: start, end: end, utf8Start: utf8Start, utf8End: utf8End) }
}

public struct Paragraph: Sendable, Equatable, Codable, Spanned {
    public var text: String
    public var kind: BlockKind
    public var start: Int
    public var end: Int
    public var utf8Start: Int
    public var utf8End: Int
    public init(text: String, kind: BlockKind, span: TextSpan) {
        self.text = text; self.kind = kind
        start = span.start; end = span.end; utf8Start = span.utf8Start; utf8End = span.utf8End
    }
    enum CodingKeys: String, CodingKey { case text, kind, start, end, utf8Start = "utf8_start", utf8End = "utf8_end" }
}

public struct Sentence: Sendable, Equatable, Codable, Spanned {
    public var text: String
    /// Index into `paragraphs`.
    public var paragraph: Int
    /// The kind of the block the sentence belongs to.
    public var kind: BlockKind
    public var start: Int
    public var end: Int
    public var utf8Start: Int
    public var utf8End: Int
    public init(text: String, paragraph: Int, kind: BlockKind, span: TextSpan) {
        self.text = text; self.paragraph = paragraph; self.kind = kind
        start = span.start; end = span.end; utf8Start = span.utf8Start; utf8End = span.utf8End
    }
    enum CodingKeys: String, CodingKey {
        case text, paragraph, kind, start, end, utf8Start = "utf8_start", utf8End = "utf8_end"
    }
}

/// A heading and the blocks under it. The first section has no heading when the body
/// starts with text.
public struct Section: Sendable, Equatable, Codable {
    public var heading: String?
    /// Index of the heading's own block in `paragraphs`.
    public var headingParagraph: Int?
    public var paragraphs: [Int]
    public init(heading: String?, headingParagraph: Int?, paragraphs: [Int]) {
        self.heading = heading; self.headingParagraph = headingParagraph; self.paragraphs = paragraphs
    }
    enum CodingKeys: String, CodingKey { case heading, headingParagraph = "heading_paragraph", paragraphs }
}

public struct FAQPair: Sendable, Equatable, Codable {
    public var question: String
    public var answer: String
    /// Blocks holding the question and the answer.
    public var paragraphs: [Int]
    public init(question: String, answer: String, paragraphs: [Int]) {
        self.question = question; self.answer = answer; self.paragraphs = paragraphs
    }
}

public struct Table: Sendable, Equatable, Codable {
    /// Rows of cells; the first row is the header when `header` is true.
    public var rows: [[String]]
    public var header: Bool
    public var paragraphs: [Int]
    public init(rows: [[String]], header: Bool, paragraphs: [Int]) {
        self.rows = rows; self.header = header; self.paragraphs = paragraphs
    }
}

public struct ListBlock: Sendable, Equatable, Codable {
    public var items: [String]
    public var ordered: Bool
    public var paragraphs: [Int]
    public init(items: [String], ordered: Bool, paragraphs: [Int]) {
        self.items = items; self.ordered = ordered; self.paragraphs = paragraphs
    }
}

/// A block of the input that ingest dropped, and why.
public struct RemovedSpan: Sendable, Equatable, Codable {
    public var text: String
    /// One of the reasons listed in protocol/ARTICLE.md (for example "chrome", "related", "ad").
    public var reason: String
    /// 1-based line of the input where the span starts, for plain-text input.
    public var line: Int?
    public init(text: String, reason: String, line: Int? = nil) { self.text = text; self.reason = reason; self.line = line }
}

/// A failure attached to an article by the host or a plugin run.
public struct ArticleError: Sendable, Equatable, Codable {
    /// Which stage failed: "ingest" or a plugin name.
    public var stage: String
    /// A JSON-RPC or Galley error code (see protocol/PROTOCOL.md).
    public var code: Int
    public var message: String
    /// What a plugin's error answer carried in `data` (details for the plugin's author), as sent.
    public var data: JSONValue?
    public init(stage: String, code: Int, message: String, data: JSONValue? = nil) {
        self.stage = stage; self.code = code; self.message = message; self.data = data
    }
}

/// The file `galley analyze --out` leaves in its folder, naming what the run was asked to do:
/// `--resume` must ask the same, and folder walks skip folders holding it (earlier reports).
public enum ReportFolder {
    public static let recipeFile = ".galley-run.json"
}
