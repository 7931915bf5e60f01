import GalleyJSON
import GalleyModel
import GalleyText

extension Ingester {
    /// An Article whose `text` is the record's text exactly as given: no cleaning, no
    /// boilerplate removal, so offsets refer to the input. Paragraphs are the runs of lines
    /// between blank lines, sentences are split inside them. For scoring tools and for
    /// analysing text that is already clean.
    public static func rawArticle(fromRecord value: JSONValue, name: String) throws(IngestError) -> Article {
        guard case .object(let record) = value else {
            throw IngestError(input: name, reason: "expected a JSON object, found \(value.kindPhrase)")
        }
        guard let textValue = record["text"] else { throw IngestError(input: name, reason: "record has no 'text' field") }
        guard case .string(let text) = textValue else {
            throw IngestError(input: name, reason: "field 'text' must be a string, found \(textValue.kindPhrase)")
        }
        var id = name
        if let v = record["id"] { id = v.stringValue ?? v.intValue.map(String.init) ?? name }
        var extra = JSONObject()
        for (k, v) in record where !articleFieldOrder.contains(k) { extra.appendUnchecked(k, v) }
        var article = rawArticle(text: text, id: id)
        article.title = record["title"]?.stringValue
        article.published = (record["published"] ?? record["reference_date"])?.stringValue
        article.extra = extra
        return article
    }

    /// A plain-text file kept exactly as given (decoded, nothing else), its id from its content.
    public static func rawArticle(fromTextBytes bytes: [UInt8], name: String) throws(IngestError) -> Article {
        guard bytes.count <= defaultMaximumBytes else {
            throw IngestError(input: name, reason: "\(bytes.count) bytes is over the \(defaultMaximumBytes)-byte limit for one article")
        }
        let decoded: TextDecoding.Decoded
        do { decoded = try TextDecoding.decode(bytes) } catch { throw IngestError(input: name, reason: error.description) }
        var article = rawArticle(text: decoded.text, id: ArticleBuilder.contentID(title: nil, text: decoded.text))
        article.source.format = "text"
        article.source.encoding = decoded.encoding
        if let w = decoded.warning { article.warnings.append(w) }
        return article
    }

    public static func rawArticle(text: String, id: String) -> Article {
        let scalars = text.scalarArray
        var utf8At = [Int](repeating: 0, count: scalars.count + 1)
        for (k, c) in scalars.enumerated() { utf8At[k + 1] = utf8At[k] + UTF8.width(c) }
        let bytes = Array(text.utf8)
        func slice(_ r: Range<Int>) -> String { String(decoding: bytes[utf8At[r.lowerBound]..<utf8At[r.upperBound]], as: UTF8.self) }
        func span(_ r: Range<Int>) -> TextSpan {
            TextSpan(start: r.lowerBound, end: r.upperBound, utf8Start: utf8At[r.lowerBound], utf8End: utf8At[r.upperBound])
        }
        // Paragraph ranges: split at blank lines, trimmed.
        var ranges: [Range<Int>] = []
        var start = 0, i = 0
        while i <= scalars.count {
            var isBreak = i == scalars.count
            if !isBreak, scalars[i] == "\n" {
                var j = i + 1
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" || scalars[j] == "\r" { j += 1 }
                isBreak = j < scalars.count && scalars[j] == "\n"
            }
            if isBreak {
                if let r = SentenceSplitter.trimmed(scalars, start..<min(i, scalars.count)) { ranges.append(r) }
                start = i + 1
            }
            i += 1
        }
        var paragraphs: [Paragraph] = []
        var sentences: [Sentence] = []
        for r in ranges {
            let index = paragraphs.count
            paragraphs.append(Paragraph(text: slice(r), kind: .paragraph, span: span(r)))
            for s in SentenceSplitter.split(scalars: Array(scalars[r])) {
                let abs = (r.lowerBound + s.lowerBound)..<(r.lowerBound + s.upperBound)
                sentences.append(Sentence(text: slice(abs), paragraph: index, kind: .paragraph, span: span(abs)))
            }
        }
        return Article(id: id, source: ArticleSource(format: "json"), language: LanguageIdentifier.identify(text).language,
                       text: text, paragraphs: paragraphs, sentences: sentences,
                       sections: paragraphs.isEmpty ? [] : [Section(heading: nil, headingParagraph: nil, paragraphs: Array(paragraphs.indices))])
    }
}
