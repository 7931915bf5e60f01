import GalleyJSON

/// A JSON document that does not fit the Article schema; names the offending field.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public init(field: String, reason: String) { self.field = field; self.reason = reason }
    public var description: String { "field '\(field)': \(reason)" }
}

/// The wire names of Article's own fields, in the order they are written. Anything else in
/// a record is carried through in `extra`.
public let articleFieldOrder: [String] = [
    "galley", "id", "title", "deck", "published", "authors", "language", "source", "text",
    "paragraphs", "sentences", "sections", "faq", "tables", "lists", "sources", "removed",
    "warnings", "errors", "duplicate", "analyses",
]

// MARK: - Article -> JSON (the fast path; Codable below is for Foundation users)

extension Article {
    public var json: JSONValue {
        var o = JSONObject()
        o.appendUnchecked("galley", JSONValue(Article.schemaVersion))
        o.appendUnchecked("id", .string(id))
        o.appendUnchecked("title", JSONValue(title))
        o.appendUnchecked("deck", JSONValue(deck))
        o.appendUnchecked("published", JSONValue(published))
        o.appendUnchecked("authors", .array(authors.map(JSONValue.string)))
        o.appendUnchecked("language", .string(language))
        o.appendUnchecked("source", source.json)
        o.appendUnchecked("text", .string(text))
        o.appendUnchecked("paragraphs", .array(paragraphs.map(\.json)))
        o.appendUnchecked("sentences", .array(sentences.map(\.json)))
        o.appendUnchecked("sections", .array(sections.map(\.json)))
        o.appendUnchecked("faq", .array(faq.map(\.json)))
        o.appendUnchecked("tables", .array(tables.map(\.json)))
        o.appendUnchecked("lists", .array(lists.map(\.json)))
        o.appendUnchecked("sources", .array(sources.map(JSONValue.string)))
        o.appendUnchecked("removed", .array(removed.map(\.json)))
        o.appendUnchecked("warnings", .array(warnings.map(JSONValue.string)))
        o.appendUnchecked("errors", .array(errors.map(\.json)))
        o.appendUnchecked("duplicate", JSONValue(duplicate))
        o.appendUnchecked("analyses", .object(analyses))
        for (k, v) in extra where o[k] == nil { o.appendUnchecked(k, v) }
        return .object(o)
    }

    /// One NDJSON line (without the newline): the same bytes as writing `json`, written
    /// directly (the article is the one large document of every run).
    public var jsonLine: [UInt8] { written.bytes }

    /// `jsonLine` with the positions of its top-level members and of its closing brace, for
    /// a host that carries the article as bytes (no scan of what it just wrote).
    /// With `only`, just those members are written (in their usual order): a host that knows
    /// nobody downstream reads the others need not write them. `elementMembers` narrows an
    /// object field, or the objects of an array field, to the members named
    /// (`["sentences": ["text", "kind"]]`); a field it does not name is written whole.
    public func jsonLineWithMembers(only: Set<String>? = nil, elementMembers: [String: Set<String>] = [:])
        -> (bytes: [UInt8], members: [(key: String, value: Range<Int>)], close: Int) {
        let w = written(only: only, elementMembers: elementMembers)
        return (w.bytes, w.members, w.count - 1)
    }

    private var written: JSONBuffer { written(only: nil, elementMembers: [:]) }

    private func written(only: Set<String>?, elementMembers: [String: Set<String>]) -> JSONBuffer {
        var w = JSONBuffer(capacity: only == nil ? text.utf8.count * 3 + 1024 : text.utf8.count * 2 + 512)
        // The selection as bits, found once (hashing twenty names per article showed in profiles).
        let wanted = only.map(ArticleField.bits) ?? ~0
        func wants(_ field: ArticleField) -> Bool { wanted & field.bit != 0 }
        // Sentences and paragraphs are most of a request: their members as bits, found once.
        let sentenceMembers = elementMembers["sentences"].map(Sentence.memberBits) ?? ~0
        let paragraphMembers = elementMembers["paragraphs"].map(Paragraph.memberBits) ?? ~0
        func narrowed(_ field: ArticleField, _ v: JSONValue) -> JSONValue {
            guard let keep = elementMembers[field.name], case .object(let o) = v else { return v }
            return .object(JSONObject(o.members.filter { keep.contains($0.key) }.map { ($0.key, $0.value) }))
        }
        w.beginObject()
        if wants(.galley) { w.key("galley"); w.int(Article.schemaVersion) }
        if wants(.id) { w.key("id"); w.string(id) }
        if wants(.title) { w.key("title"); w.string(title) }
        if wants(.deck) { w.key("deck"); w.string(deck) }
        if wants(.published) { w.key("published"); w.string(published) }
        if wants(.authors) { w.key("authors"); w.strings(authors) }
        if wants(.language) { w.key("language"); w.string(language) }
        if wants(.source) { w.key("source"); if elementMembers["source"] == nil { source.write(to: &w) } else { w.value(narrowed(.source, source.json)) } }
        if wants(.text) { w.key("text"); w.string(text) }
        if wants(.paragraphs) { w.key("paragraphs"); w.beginArray(); for p in paragraphs { p.write(to: &w, members: paragraphMembers) }; w.endArray() }
        if wants(.sentences) { w.key("sentences"); w.beginArray(); for s in sentences { s.write(to: &w, members: sentenceMembers) }; w.endArray() }
        if wants(.sections) { w.key("sections"); w.beginArray(); for s in sections { w.value(narrowed(.sections, s.json)) }; w.endArray() }
        if wants(.faq) { w.key("faq"); w.beginArray(); for f in faq { w.value(narrowed(.faq, f.json)) }; w.endArray() }
        if wants(.tables) { w.key("tables"); w.beginArray(); for t in tables { w.value(narrowed(.tables, t.json)) }; w.endArray() }
        if wants(.lists) { w.key("lists"); w.beginArray(); for l in lists { w.value(narrowed(.lists, l.json)) }; w.endArray() }
        if wants(.sources) { w.key("sources"); w.strings(sources) }
        if wants(.removed) { w.key("removed"); w.beginArray(); for r in removed { w.value(narrowed(.removed, r.json)) }; w.endArray() }
        if wants(.warnings) { w.key("warnings"); w.strings(warnings) }
        if wants(.errors) { w.key("errors"); w.beginArray(); for e in errors { w.value(narrowed(.errors, e.json)) }; w.endArray() }
        if wants(.duplicate) { w.key("duplicate"); w.string(duplicate) }
        if wants(.analyses) { w.key("analyses"); w.value(.object(analyses)) }
        // Carried-through members: never one that shadows an Article field, the first of a repeated key.
        let carried = extra.members
        for (j, (k, v)) in carried.enumerated()
        where !Article.fieldSet.contains(k) && (only?.contains(k) ?? true) && !carried[..<j].contains(where: { $0.key == k }) {
            w.key(string: k); w.value(v)
        }
        w.endObject()
        return w
    }

    static let fieldSet = Set(articleFieldOrder)
}

extension ArticleSource {
    func write(to w: inout JSONBuffer) {
        w.beginObject()
        w.key("path"); w.string(path)
        w.key("url"); w.string(url)
        w.key("site"); w.string(site)
        w.key("format"); w.string(format)
        w.key("encoding"); w.string(encoding)
        w.endObject()
    }

    public var json: JSONValue {
        .object(JSONObject([
            ("path", JSONValue(path)), ("url", JSONValue(url)), ("site", JSONValue(site)),
            ("format", .string(format)), ("encoding", .string(encoding)),
        ]))
    }
}

private func spanMembers(_ s: some Spanned) -> [(String, JSONValue)] {
    [("start", JSONValue(s.start)), ("end", JSONValue(s.end)),
     ("utf8_start", JSONValue(s.utf8Start)), ("utf8_end", JSONValue(s.utf8End))]
}

/// The span's members among `members`, whose bits for start, end, utf8_start and utf8_end
/// begin at `first`.
private func writeSpan(_ s: some Spanned, to w: inout JSONBuffer, members: UInt32, first: Int) {
    if members & 1 << first != 0 { w.key("start"); w.int(s.start) }
    if members & 1 << (first + 1) != 0 { w.key("end"); w.int(s.end) }
    if members & 1 << (first + 2) != 0 { w.key("utf8_start"); w.int(s.utf8Start) }
    if members & 1 << (first + 3) != 0 { w.key("utf8_end"); w.int(s.utf8End) }
}

/// Bit k for each of `names` that is `order[k]`.
private func memberBits(_ names: Set<String>, order: [String]) -> UInt32 {
    var bits: UInt32 = 0
    for (k, name) in order.enumerated() where names.contains(name) { bits |= 1 << k }
    return bits
}

extension Paragraph {
    /// The wire members, in the order they are written.
    public static let memberOrder = ["text", "kind", "start", "end", "utf8_start", "utf8_end"]
    static func memberBits(_ names: Set<String>) -> UInt32 { GalleyModel.memberBits(names, order: memberOrder) }

    /// The members whose bits (`memberBits`) are set.
    func write(to w: inout JSONBuffer, members: UInt32 = ~0) {
        w.beginObject()
        if members & 1 != 0 { w.key("text"); w.string(text) }
        if members & 2 != 0 { w.key("kind"); w.string(kind.rawValue) }
        writeSpan(self, to: &w, members: members, first: 2)
        w.endObject()
    }

    public var json: JSONValue {
        let head: [(String, JSONValue)] = [("text", .string(text)), ("kind", .string(kind.rawValue))]
        return .object(JSONObject(head + spanMembers(self)))
    }
}

extension Sentence {
    /// The wire members, in the order they are written.
    public static let memberOrder = ["text", "paragraph", "kind", "start", "end", "utf8_start", "utf8_end"]
    static func memberBits(_ names: Set<String>) -> UInt32 { GalleyModel.memberBits(names, order: memberOrder) }

    /// The members whose bits (`memberBits`) are set.
    func write(to w: inout JSONBuffer, members: UInt32 = ~0) {
        w.beginObject()
        if members & 1 != 0 { w.key("text"); w.string(text) }
        if members & 2 != 0 { w.key("paragraph"); w.int(paragraph) }
        if members & 4 != 0 { w.key("kind"); w.string(kind.rawValue) }
        writeSpan(self, to: &w, members: members, first: 3)
        w.endObject()
    }

    public var json: JSONValue {
        let head: [(String, JSONValue)] = [("text", .string(text)), ("paragraph", JSONValue(paragraph)), ("kind", .string(kind.rawValue))]
        return .object(JSONObject(head + spanMembers(self)))
    }
}

extension Section {
    public var json: JSONValue {
        .object(JSONObject([("heading", JSONValue(heading)),
                            ("heading_paragraph", headingParagraph.map { JSONValue($0) } ?? .null),
                            ("paragraphs", .array(paragraphs.map { JSONValue($0) }))]))
    }
}

extension FAQPair {
    public var json: JSONValue {
        .object(JSONObject([("question", .string(question)), ("answer", .string(answer)),
                            ("paragraphs", .array(paragraphs.map { JSONValue($0) }))]))
    }
}

extension Table {
    public var json: JSONValue {
        .object(JSONObject([("rows", .array(rows.map { .array($0.map(JSONValue.string)) })),
                            ("header", .bool(header)), ("paragraphs", .array(paragraphs.map { JSONValue($0) }))]))
    }
}

extension ListBlock {
    public var json: JSONValue {
        .object(JSONObject([("items", .array(items.map(JSONValue.string))), ("ordered", .bool(ordered)),
                            ("paragraphs", .array(paragraphs.map { JSONValue($0) }))]))
    }
}

extension RemovedSpan {
    public var json: JSONValue {
        .object(JSONObject([("text", .string(text)), ("reason", .string(reason)), ("line", line.map { JSONValue($0) } ?? .null)]))
    }
}

extension ArticleError {
    public var json: JSONValue {
        var o = JSONObject([("stage", .string(stage)), ("code", JSONValue(code)), ("message", .string(message))])
        if let data { o.appendUnchecked("data", data) }
        return .object(o)
    }
}

// MARK: - JSON -> Article

/// Typed reads from a JSON object that report the field path on a mismatch. Missing optional
/// fields read as their empty value: a plugin may receive only the fields it asked for.
struct FieldReader {
    let object: JSONObject
    let path: String

    init(_ value: JSONValue, path: String) throws(ModelError) {
        guard case .object(let o) = value else {
            throw ModelError(field: path.isEmpty ? "(record)" : path, reason: "expected an object, found \(value.kind)")
        }
        object = o
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func string(_ key: String) throws(ModelError) -> String? {
        guard let v = object[key], !v.isNull else { return nil }
        guard case .string(let s) = v else { throw ModelError(field: name(key), reason: "expected a string, found \(v.kind)") }
        return s
    }

    func requiredString(_ key: String) throws(ModelError) -> String {
        guard let s = try string(key) else { throw ModelError(field: name(key), reason: "is required") }
        return s
    }

    func int(_ key: String) throws(ModelError) -> Int? {
        guard let v = object[key], !v.isNull else { return nil }
        guard let i = v.intValue else { throw ModelError(field: name(key), reason: "expected an integer, found \(v.kind)") }
        return i
    }

    func bool(_ key: String) throws(ModelError) -> Bool? {
        guard let v = object[key], !v.isNull else { return nil }
        guard case .bool(let b) = v else { throw ModelError(field: name(key), reason: "expected a boolean, found \(v.kind)") }
        return b
    }

    func array(_ key: String) throws(ModelError) -> [JSONValue] {
        guard let v = object[key], !v.isNull else { return [] }
        guard case .array(let a) = v else { throw ModelError(field: name(key), reason: "expected an array, found \(v.kind)") }
        return a
    }

    func strings(_ key: String) throws(ModelError) -> [String] {
        var out: [String] = []
        for (k, v) in try array(key).enumerated() {
            guard case .string(let s) = v else { throw ModelError(field: "\(name(key))[\(k)]", reason: "expected a string, found \(v.kind)") }
            out.append(s)
        }
        return out
    }

    func ints(_ key: String) throws(ModelError) -> [Int] {
        var out: [Int] = []
        for (k, v) in try array(key).enumerated() {
            guard let i = v.intValue else { throw ModelError(field: "\(name(key))[\(k)]", reason: "expected an integer, found \(v.kind)") }
            out.append(i)
        }
        return out
    }

    func objects<T>(_ key: String, _ make: (FieldReader) throws(ModelError) -> T) throws(ModelError) -> [T] {
        var out: [T] = []
        for (k, v) in try array(key).enumerated() { out.append(try make(try FieldReader(v, path: "\(name(key))[\(k)]"))) }
        return out
    }

    func span() throws(ModelError) -> TextSpan {
        let span = TextSpan(start: try int("start") ?? 0, end: try int("end") ?? 0,
                            utf8Start: try int("utf8_start") ?? 0, utf8End: try int("utf8_end") ?? 0)
        if let problem = span.problem { throw ModelError(field: path, reason: problem) }
        return span
    }

    func kind(_ key: String) throws(ModelError) -> BlockKind {
        guard let raw = try string(key) else { return .paragraph }
        guard let k = BlockKind(rawValue: raw) else {
            throw ModelError(field: name(key), reason: "unknown block kind '\(raw)'")
        }
        return k
    }
}

extension JSONValue {
    var kind: String { kindName }
}

extension Article {
    /// Reads an Article from its wire form. Fields the Article does not model are kept in `extra`.
    public init(json: JSONValue) throws(ModelError) {
        let r = try FieldReader(json, path: "")
        if let version = try r.int("galley"), version > Article.schemaVersion {
            throw ModelError(field: "galley", reason: "schema version \(version) is newer than this Galley's \(Article.schemaVersion)")
        }
        id = try r.requiredString("id")
        title = try r.string("title")
        deck = try r.string("deck")
        published = try r.string("published")
        authors = try r.strings("authors")
        language = try r.string("language") ?? "und"
        if let s = r.object["source"], !s.isNull {
            let sr = try FieldReader(s, path: "source")
            source = ArticleSource(path: try sr.string("path"), url: try sr.string("url"), site: try sr.string("site"),
                                   format: try sr.string("format") ?? "text", encoding: try sr.string("encoding") ?? "utf-8")
        } else {
            source = ArticleSource()
        }
        text = try r.string("text") ?? ""
        paragraphs = try r.objects("paragraphs") { (p: FieldReader) throws(ModelError) in
            Paragraph(text: try p.requiredString("text"), kind: try p.kind("kind"), span: try p.span())
        }
        sentences = try r.objects("sentences") { (s: FieldReader) throws(ModelError) in
            Sentence(text: try s.requiredString("text"), paragraph: try s.int("paragraph") ?? 0,
                     kind: try s.kind("kind"), span: try s.span())
        }
        sections = try r.objects("sections") { (s: FieldReader) throws(ModelError) in
            Section(heading: try s.string("heading"), headingParagraph: try s.int("heading_paragraph"), paragraphs: try s.ints("paragraphs"))
        }
        faq = try r.objects("faq") { (f: FieldReader) throws(ModelError) in
            FAQPair(question: try f.requiredString("question"), answer: try f.string("answer") ?? "", paragraphs: try f.ints("paragraphs"))
        }
        tables = try r.objects("tables") { (t: FieldReader) throws(ModelError) in
            var rows: [[String]] = []
            for (k, row) in try t.array("rows").enumerated() {
                guard case .array(let cells) = row else {
                    throw ModelError(field: "\(t.name("rows"))[\(k)]", reason: "expected an array of cells")
                }
                rows.append(cells.map { $0.stringValue ?? JSONWriter.string($0) })
            }
            return Table(rows: rows, header: try t.bool("header") ?? false, paragraphs: try t.ints("paragraphs"))
        }
        lists = try r.objects("lists") { (l: FieldReader) throws(ModelError) in
            ListBlock(items: try l.strings("items"), ordered: try l.bool("ordered") ?? false, paragraphs: try l.ints("paragraphs"))
        }
        sources = try r.strings("sources")
        removed = try r.objects("removed") { (x: FieldReader) throws(ModelError) in
            RemovedSpan(text: try x.string("text") ?? "", reason: try x.string("reason") ?? "", line: try x.int("line"))
        }
        warnings = try r.strings("warnings")
        errors = try r.objects("errors") { (e: FieldReader) throws(ModelError) in
            ArticleError(stage: try e.string("stage") ?? "", code: try e.int("code") ?? 0, message: try e.string("message") ?? "",
                         data: e.object["data"].flatMap { $0.isNull ? nil : $0 })
        }
        duplicate = try r.string("duplicate")
        if let a = r.object["analyses"], !a.isNull {
            guard case .object(let o) = a else { throw ModelError(field: "analyses", reason: "expected an object, found \(a.kind)") }
            analyses = o
        } else {
            analyses = JSONObject()
        }
        var rest = JSONObject()
        for (k, v) in r.object where !articleFieldOrder.contains(k) { rest.appendUnchecked(k, v) }
        extra = rest
    }
}

// MARK: - Codable, for users of Foundation's coders

extension Article: Codable {
    public init(from decoder: any Decoder) throws {
        // One mapping, not two: decode generically, then reuse the fast path's rules.
        try self.init(json: try JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
