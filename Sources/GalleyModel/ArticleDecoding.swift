import GalleyJSON

// MARK: - JSON bytes -> Article, without a JSONValue tree

/// The fast path of `Article(json:)`: reads an Article straight from its bytes with a
/// `JSONCursor`. It gives up (`JSONCursor.Mismatch`) on anything unusual (a wrong type, a
/// repeated key, a number written as `1.0`, a newer schema), and callers then decode the
/// general way, which decides and words the error. On what it accepts it builds exactly the
/// Article that `Article(json: JSONParser.parse(bytes))` builds (a test holds it to that).
extension Article {
    /// The Article in `bytes` (one JSON object and nothing else), or nil when the fast path
    /// does not apply; decode the general way then.
    public static func fastDecoded(_ bytes: UnsafeBufferPointer<UInt8>) -> Article? {
        var c = JSONCursor(bytes)
        guard let article = try? decode(&c), c.atEnd() else { return nil }
        return article
    }

    public static func fastDecoded(_ bytes: ArraySlice<UInt8>) -> Article? {
        bytes.withUnsafeBufferPointer { fastDecoded($0) }
    }

    /// Reads the object at the cursor as an Article.
    public static func decode(_ c: inout JSONCursor) throws(JSONCursor.Mismatch) -> Article {
        var a = Article(id: "")
        var seen: UInt32 = 0
        var extraKeys: [String] = []
        try c.beginObject()
        var first = true
        while let key = try c.nextKey(&first) {
            let field = ArticleField.of(key)
            if let field {
                // A repeated field: the general reader decides which copy wins.
                guard seen & field.bit == 0 else { throw JSONCursor.Mismatch() }
                seen |= field.bit
            }
            switch field {
            case .galley:
                if let v = try c.optionalInt(), v > Article.schemaVersion { throw JSONCursor.Mismatch() }
            case .id:
                guard let id = try c.optionalString() else { throw JSONCursor.Mismatch() }
                a.id = id
            case .title: a.title = try c.optionalString()
            case .deck: a.deck = try c.optionalString()
            case .published: a.published = try c.optionalString()
            case .authors: a.authors = try strings(&c)
            case .language: a.language = try c.optionalString() ?? "und"
            case .source: a.source = try source(&c)
            case .text: a.text = try c.optionalString() ?? ""
            case .paragraphs:
                a.paragraphs = try objects(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in
                    var text: String?, kind = BlockKind.paragraph, span = SpanReader()
                    var first = true
                    while let key = try c.nextKey(&first) {
                        if JSONCursor.matches(key, "text") {
                            guard text == nil, let t = try c.optionalString() else { throw JSONCursor.Mismatch() }
                            text = t
                        } else if JSONCursor.matches(key, "kind") {
                            kind = try blockKind(&c)
                        } else if try !span.read(key, &c) {
                            try c.skipValue()
                        }
                    }
                    guard let text else { throw JSONCursor.Mismatch() }
                    // Offsets out of order: the general reader words the error.
                    guard span.span.problem == nil else { throw JSONCursor.Mismatch() }
                    return Paragraph(text: text, kind: kind, span: span.span)
                }
            case .sentences:
                // The bulk of most requests: keys told apart by length and first letter.
                a.sentences = try objects(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in
                    var text: String?, paragraph = 0, kind = BlockKind.paragraph, span = SpanReader()
                    var first = true
                    while let key = try c.nextKey(&first) {
                        switch (key.count, key.first ?? 0) {
                        case (4, UInt8(ascii: "t")) where JSONCursor.matches(key, "text"):
                            guard text == nil, let t = try c.optionalString() else { throw JSONCursor.Mismatch() }
                            text = t
                        case (9, UInt8(ascii: "p")) where JSONCursor.matches(key, "paragraph"):
                            paragraph = try c.optionalInt() ?? 0
                        case (4, UInt8(ascii: "k")) where JSONCursor.matches(key, "kind"):
                            kind = try blockKind(&c)
                        default:
                            if try !span.read(key, &c) { try c.skipValue() }
                        }
                    }
                    guard let text else { throw JSONCursor.Mismatch() }
                    // Offsets out of order: the general reader words the error.
                    guard span.span.problem == nil else { throw JSONCursor.Mismatch() }
                    return Sentence(text: text, paragraph: paragraph, kind: kind, span: span.span)
                }
            case .sections:
                a.sections = try objects(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in
                    var s = Section(heading: nil, headingParagraph: nil, paragraphs: [])
                    var first = true
                    while let key = try c.nextKey(&first) {
                        if JSONCursor.matches(key, "heading") { s.heading = try c.optionalString() }
                        else if JSONCursor.matches(key, "heading_paragraph") { s.headingParagraph = try c.optionalInt() }
                        else if JSONCursor.matches(key, "paragraphs") { s.paragraphs = try ints(&c) }
                        else { try c.skipValue() }
                    }
                    return s
                }
            case .faq:
                a.faq = try objects(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in
                    var question: String?, answer = "", paragraphs: [Int] = []
                    var first = true
                    while let key = try c.nextKey(&first) {
                        if JSONCursor.matches(key, "question") {
                            guard question == nil, let q = try c.optionalString() else { throw JSONCursor.Mismatch() }
                            question = q
                        } else if JSONCursor.matches(key, "answer") { answer = try c.optionalString() ?? "" }
                        else if JSONCursor.matches(key, "paragraphs") { paragraphs = try ints(&c) }
                        else { try c.skipValue() }
                    }
                    guard let question else { throw JSONCursor.Mismatch() }
                    return FAQPair(question: question, answer: answer, paragraphs: paragraphs)
                }
            case .tables:
                a.tables = try objects(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in
                    var t = Table(rows: [], header: false, paragraphs: [])
                    var first = true
                    while let key = try c.nextKey(&first) {
                        if JSONCursor.matches(key, "rows") {
                            t.rows = []
                            if c.takeNull() { continue }
                            try c.beginArray()
                            var firstRow = true
                            while try c.nextElement(&firstRow) {
                                var row: [String] = []
                                try c.beginArray()
                                var firstCell = true
                                while try c.nextElement(&firstCell) {
                                    // A cell that is not a string reads as its JSON text, as the general reader does.
                                    let v = try c.value()
                                    row.append(v.stringValue ?? JSONWriter.string(v))
                                }
                                t.rows.append(row)
                            }
                        } else if JSONCursor.matches(key, "header") { t.header = try c.optionalBool() ?? false }
                        else if JSONCursor.matches(key, "paragraphs") { t.paragraphs = try ints(&c) }
                        else { try c.skipValue() }
                    }
                    return t
                }
            case .lists:
                a.lists = try objects(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in
                    var l = ListBlock(items: [], ordered: false, paragraphs: [])
                    var first = true
                    while let key = try c.nextKey(&first) {
                        if JSONCursor.matches(key, "items") { l.items = try strings(&c) }
                        else if JSONCursor.matches(key, "ordered") { l.ordered = try c.optionalBool() ?? false }
                        else if JSONCursor.matches(key, "paragraphs") { l.paragraphs = try ints(&c) }
                        else { try c.skipValue() }
                    }
                    return l
                }
            case .sources: a.sources = try strings(&c)
            case .removed:
                a.removed = try objects(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in
                    var r = RemovedSpan(text: "", reason: "", line: nil)
                    var first = true
                    while let key = try c.nextKey(&first) {
                        if JSONCursor.matches(key, "text") { r.text = try c.optionalString() ?? "" }
                        else if JSONCursor.matches(key, "reason") { r.reason = try c.optionalString() ?? "" }
                        else if JSONCursor.matches(key, "line") { r.line = try c.optionalInt() }
                        else { try c.skipValue() }
                    }
                    return r
                }
            case .warnings: a.warnings = try strings(&c)
            case .errors:
                a.errors = try objects(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in
                    var e = ArticleError(stage: "", code: 0, message: "")
                    var first = true
                    while let key = try c.nextKey(&first) {
                        if JSONCursor.matches(key, "stage") { e.stage = try c.optionalString() ?? "" }
                        else if JSONCursor.matches(key, "code") { e.code = try c.optionalInt() ?? 0 }
                        else if JSONCursor.matches(key, "message") { e.message = try c.optionalString() ?? "" }
                        else if JSONCursor.matches(key, "data") { let v = try c.value(); e.data = v.isNull ? nil : v }
                        else { try c.skipValue() }
                    }
                    return e
                }
            case .duplicate: a.duplicate = try c.optionalString()
            case .analyses:
                if c.takeNull() { continue }
                guard case .object(let o) = try c.value() else { throw JSONCursor.Mismatch() }
                a.analyses = o
            case nil:
                let name = String(decoding: key, as: UTF8.self)
                guard !extraKeys.contains(name) else { throw JSONCursor.Mismatch() }
                extraKeys.append(name)
                a.extra.appendUnchecked(name, try c.value())
            }
        }
        guard seen & ArticleField.id.bit != 0 else { throw JSONCursor.Mismatch() }
        return a
    }

    private static func source(_ c: inout JSONCursor) throws(JSONCursor.Mismatch) -> ArticleSource {
        var s = ArticleSource()
        if c.takeNull() { return s }
        try c.beginObject()
        var seen = Set<String>()
        var first = true
        while let key = try c.nextKey(&first) {
            let name = String(decoding: key, as: UTF8.self)
            guard seen.insert(name).inserted else { throw JSONCursor.Mismatch() }
            switch name {
            case "path": s.path = try c.optionalString()
            case "url": s.url = try c.optionalString()
            case "site": s.site = try c.optionalString()
            case "format": s.format = try c.optionalString() ?? "text"
            case "encoding": s.encoding = try c.optionalString() ?? "utf-8"
            default: try c.skipValue()
            }
        }
        return s
    }

    /// An array (or null: none) of values each read by `element`.
    private static func array<T>(_ c: inout JSONCursor, _ element: (inout JSONCursor) throws(JSONCursor.Mismatch) -> T) throws(JSONCursor.Mismatch) -> [T] {
        if c.takeNull() { return [] }
        var out: [T] = []
        try c.beginArray()
        var first = true
        while try c.nextElement(&first) { out.append(try element(&c)) }
        return out
    }

    /// An array of objects (or null: none), each read by `read` from inside the object.
    /// Repeated keys inside the objects are left to `read`: most fields there are plain
    /// overwrites, which is what the general parser's "last one wins" gives too.
    private static func objects<T>(_ c: inout JSONCursor, _ read: (inout JSONCursor) throws(JSONCursor.Mismatch) -> T) throws(JSONCursor.Mismatch) -> [T] {
        try array(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in
            try c.beginObject()
            return try read(&c)
        }
    }

    private static func strings(_ c: inout JSONCursor) throws(JSONCursor.Mismatch) -> [String] {
        try array(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in try c.string() }
    }

    private static func ints(_ c: inout JSONCursor) throws(JSONCursor.Mismatch) -> [Int] {
        try array(&c) { (c: inout JSONCursor) throws(JSONCursor.Mismatch) in try c.int() }
    }

    /// A block kind, matched on its bytes (no String per sentence).
    private static func blockKind(_ c: inout JSONCursor) throws(JSONCursor.Mismatch) -> BlockKind {
        if c.takeNull() { return .paragraph }
        let raw = try c.plainASCIIString()
        for (name, kind) in blockKindNames where name.count == raw.count && raw.elementsEqual(name) { return kind }
        throw JSONCursor.Mismatch()
    }

    /// Each kind's name as bytes, made once: comparing with each case's `rawValue` String
    /// per sentence was 1.8% of a plugin's time.
    private static let blockKindNames: [([UInt8], BlockKind)] = BlockKind.allCases.map { (Array($0.rawValue.utf8), $0) }
}

/// The four offsets of a block or sentence, read in any order.
private struct SpanReader {
    var span = TextSpan(start: 0, end: 0, utf8Start: 0, utf8End: 0)

    /// Reads `key`'s value when it is one of the offsets.
    mutating func read(_ key: UnsafeBufferPointer<UInt8>, _ c: inout JSONCursor) throws(JSONCursor.Mismatch) -> Bool {
        switch key.count {
        case 5 where JSONCursor.matches(key, "start"): span.start = try c.optionalInt() ?? 0
        case 3 where JSONCursor.matches(key, "end"): span.end = try c.optionalInt() ?? 0
        case 10 where JSONCursor.matches(key, "utf8_start"): span.utf8Start = try c.optionalInt() ?? 0
        case 8 where JSONCursor.matches(key, "utf8_end"): span.utf8End = try c.optionalInt() ?? 0
        default: return false
        }
        return true
    }
}

/// Article's own top-level fields, each with a bit for spotting a repeated one (and, when
/// writing, for choosing members without hashing their names).
enum ArticleField: Int {
    case galley, id, title, deck, published, authors, language, source, text, paragraphs, sentences, sections,
         faq, tables, lists, sources, removed, warnings, errors, duplicate, analyses

    var bit: UInt32 { 1 << UInt32(rawValue) }

    static func of(_ key: UnsafeBufferPointer<UInt8>) -> ArticleField? {
        // Dispatch on length and first byte, then confirm: no String per key.
        guard let f = key.first else { return nil }
        let candidate: ArticleField?
        switch (key.count, f) {
        case (6, UInt8(ascii: "g")): candidate = .galley
        case (2, UInt8(ascii: "i")): candidate = .id
        case (5, UInt8(ascii: "t")): candidate = .title
        case (4, UInt8(ascii: "d")): candidate = .deck
        case (9, UInt8(ascii: "p")): candidate = .published
        case (7, UInt8(ascii: "a")): candidate = .authors
        case (8, UInt8(ascii: "l")): candidate = .language
        case (6, UInt8(ascii: "s")): candidate = .source
        case (4, UInt8(ascii: "t")): candidate = .text
        case (10, UInt8(ascii: "p")): candidate = .paragraphs
        case (9, UInt8(ascii: "s")): candidate = .sentences
        case (8, UInt8(ascii: "s")): candidate = .sections
        case (3, UInt8(ascii: "f")): candidate = .faq
        case (6, UInt8(ascii: "t")): candidate = .tables
        case (5, UInt8(ascii: "l")): candidate = .lists
        case (7, UInt8(ascii: "s")): candidate = .sources
        case (7, UInt8(ascii: "r")): candidate = .removed
        case (8, UInt8(ascii: "w")): candidate = .warnings
        case (6, UInt8(ascii: "e")): candidate = .errors
        case (9, UInt8(ascii: "d")): candidate = .duplicate
        case (8, UInt8(ascii: "a")): candidate = .analyses
        default: candidate = nil
        }
        guard let candidate, key.elementsEqual(candidate.name.utf8) else { return nil }
        return candidate
    }

    var name: String { articleFieldOrder[rawValue] }

    /// The bits of the fields among `names` (other names have none).
    static func bits(_ names: Set<String>) -> UInt32 {
        var bits: UInt32 = 0
        for name in names {
            var n = name
            if let f = n.withUTF8({ of($0) }) { bits |= f.bit }
        }
        return bits
    }
}
