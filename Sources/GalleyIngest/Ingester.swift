import GalleyHTML
import GalleyIO
import GalleyJSON
import GalleyModel
import GalleyText

/// Why an input could not become an article. Messages name the input.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case badData, unreadable, missing }
    public var input: String
    public var reason: String
    public var kind: Kind
    public init(input: String, reason: String, kind: Kind = .badData) { self.input = input; self.reason = reason; self.kind = kind }
    public var description: String { "\(input): \(reason)" }

    /// Standard input that could not be read (a folder given as stdin, a closed descriptor):
    /// said, never taken for an empty input.
    public static func unreadableStandardInput(_ error: LineReader.ReadError) -> IngestError {
        IngestError(input: "stdin", reason: error.description, kind: .unreadable)
    }
}

/// The entry points from raw input to Article.
public enum Ingester {
    /// Largest body accepted, in bytes; a larger input is refused with a clear error.
    public static let defaultMaximumBytes = 32 << 20

    /// Plain text (any supported encoding) to an Article.
    public static func article(fromTextBytes bytes: [UInt8], name: String, known: KnownFields = KnownFields(),
                               maximumBytes: Int = defaultMaximumBytes) throws(IngestError) -> Article {
        guard bytes.count <= maximumBytes else {
            throw IngestError(input: name, reason: "\(bytes.count) bytes is over the \(maximumBytes)-byte limit for one article")
        }
        let decoded: TextDecoding.Decoded
        do { decoded = try TextDecoding.decode(bytes) } catch { throw IngestError(input: name, reason: error.description) }
        var warnings: [String] = []
        if let w = decoded.warning { warnings.append(w) }
        return article(fromText: decoded.text, known: known, format: "text", encoding: decoded.encoding, warnings: warnings)
    }

    /// Already-decoded text to an Article.
    public static func article(fromText text: String, known: KnownFields = KnownFields(), format: String = "text",
                               encoding: String = "utf-8", warnings: [String] = [], extra: JSONObject = JSONObject()) -> Article {
        let structurer = TextStructurer(text: text, known: known)
        structurer.run()
        let source = ArticleSource(path: known.path, url: known.url, site: known.site, format: format, encoding: encoding)
        return ArticleBuilder.build(structurer, known: known, source: source, warnings: warnings, extra: extra)
    }

    /// A saved web page (raw bytes in any encoding it declares, gzip-compressed or not) to an
    /// Article: the main content becomes the body, page furniture goes to `removed`.
    public static func article(fromHTMLBytes bytes: [UInt8], name: String, known: KnownFields = KnownFields(),
                               maximumBytes: Int = defaultMaximumBytes) throws(IngestError) -> Article {
        var raw = bytes
        if Gzip.isGzip(raw) {
            do { raw = try Gzip.decompress(raw, limit: maximumBytes + 1) } catch { throw IngestError(input: name, reason: error.description) }
        }
        guard raw.count <= maximumBytes else {
            throw IngestError(input: name, reason: "\(raw.count) bytes is over the \(maximumBytes)-byte limit for one article")
        }
        guard raw.contains(where: { $0 > 0x20 }) else { throw IngestError(input: name, reason: "empty input") }
        // Random bytes named .html (or a broken .html.gz) are no page; UTF-16 has NULs by design.
        let utf16 = raw.count >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF))
        if !utf16, let reason = TextDecoding.binaryReason(raw[...], strayNULs: true) {
            throw IngestError(input: name, reason: "looks like a binary file (\(reason)), not a web page")
        }
        let page = HTMLExtractor.extract(bytes: raw, url: known.url)
        return article(fromPage: page, known: known)
    }

    /// An already-decoded page (a record's `html` field) to an Article.
    /// `fragment`: the HTML is an article's body alone (see `HTMLExtractor.extract(html:url:fragment:)`).
    public static func article(fromHTML html: String, known: KnownFields = KnownFields(), extra: JSONObject = JSONObject(),
                               fragment: Bool = false) -> Article {
        article(fromPage: HTMLExtractor.extract(html: html, url: known.url, fragment: fragment), known: known, extra: extra)
    }

    static func article(fromPage page: ExtractedPage, known: KnownFields, extra: JSONObject = JSONObject()) -> Article {
        let structure = HTMLStructure(page: page, known: known)
        let source = ArticleSource(path: known.path, url: known.url ?? page.canonicalURL, site: known.site,
                                   format: "html", encoding: page.encoding)
        return ArticleBuilder.build(structure, known: known, source: source, warnings: page.warnings, extra: extra)
    }

    /// A record line that is not valid UTF-8 (exports from older tools are Latin-1), read as
    /// Windows-1252 as plain text is: the record, or nil when the line is valid UTF-8 (its
    /// fault lies elsewhere) or is still not JSON. Articles made from it carry `markWindows1252`.
    public static func recordFromNonUTF8Line(_ line: ArraySlice<UInt8>) -> JSONValue? {
        guard String(validating: line, as: UTF8.self) == nil else { return nil }
        return try? JSONParser.parse(Array(TextDecoding.decodeWindows1252(line).utf8))
    }

    /// Says on an article that its record was read as Windows-1252 (`recordFromNonUTF8Line`).
    public static func markWindows1252(_ article: inout Article) {
        article.source.encoding = "windows-1252"
        article.warnings.append("record is not valid UTF-8; decoded as Windows-1252")
    }

    /// A JSON record (`{"id","title","text",...}`) to an Article. The record's own id is kept
    /// and fields Galley does not model are carried through unchanged. A record that already
    /// is a Galley article passes through as it is.
    public static func article(fromRecord value: JSONValue, name: String) throws(IngestError) -> Article {
        guard case .object(let record) = value else {
            throw IngestError(input: name, reason: "expected a JSON object, found \(value.kindPhrase)")
        }
        if record["galley"] != nil, record["paragraphs"] != nil {
            do { return try Article(json: value) } catch { throw IngestError(input: name, reason: error.description) }
        }
        return try RecordFields.article(from: record, name: name)
    }

    /// An Article that only carries an ingest error, so that every input yields one output.
    public static func failed(_ error: IngestError, id: String? = nil, path: String? = nil, record: JSONObject = JSONObject()) -> Article {
        var extra = record
        for k in articleFieldOrder { extra.removeValue(forKey: k) }
        return Article(id: id ?? error.input, source: ArticleSource(path: path, format: "unknown"),
                       errors: [ArticleError(stage: "ingest", code: GalleyErrorCode.invalidInput, message: error.description)],
                       extra: extra)
    }
}
