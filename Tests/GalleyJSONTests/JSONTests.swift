import Foundation
import Testing
@testable import GalleyJSON
@testable import GalleyModel

@Suite struct JSONParserTests {
    @Test func parsesAllKinds() throws {
        let v = try JSONParser.parse(#"{"a":[1,-2.5e3,true,false,null],"b":{"c":"d"},"e":""}"#)
        #expect(v["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
        #expect(v["b"]?["c"] == .string("d"))
        #expect(v["e"] == .string(""))
    }

    /// A line that is not JSON is quoted in the message, not called a broken literal.
    @Test func notJSONIsQuoted() {
        #expect(throws: JSONError.self) { try JSONParser.parse("not json") }
        do { _ = try JSONParser.parse("not json"); Issue.record("parsed") } catch {
            #expect(error.description.contains("not JSON: 'not json'"), "\(error)")
        }
        // Any word or sentence is quoted, not only one starting like a literal, and a quote
        // never cuts a character in two.
        for (line, quoted) in [("Hello", "Hello"), ("fast", "fast"), ("false alarm in the city", "false alarm in the city"),
                               ("ñandú is a bird", "ñandú is a bird"), ("42 is the answer", "42 is the answer"),
                               ("naïve café résumé naïve café résumé naïve", "naïve café résumé naïve café résu")] {
            do { _ = try JSONParser.parse(line); Issue.record("parsed \(line)") } catch {
                #expect(error.description.contains("not JSON: '\(quoted)'"), "\(error)")
            }
        }
        // The quote stops at the line's end: a message stays one line.
        do { _ = try JSONParser.parse("nope\n{\"a\":1}"); Issue.record("parsed") } catch {
            #expect(error.description.contains("not JSON: 'nope'") && !error.description.contains("\n"), "\(error)")
        }
    }

    /// Values back to back, as `jq .` writes them (pretty-printed, one after another).
    @Test func parsesASequenceOfValues() throws {
        let text = "{\n  \"a\": 1\n}\n{\n  \"b\": [2, 3]\n}[4]\"s\" 5\n"
        let values = try JSONParser.parseSequence(Array(text.utf8))
        #expect(values.count == 5 && values[0]["a"]?.intValue == 1 && values[1]["b"]?.arrayValue?.count == 2 && values[4].intValue == 5)
        #expect(try JSONParser.parseSequence(Array("  \n".utf8)).isEmpty)
        #expect(throws: JSONError.self) { try JSONParser.parseSequence(Array("{\"a\":1} {Breaking} news".utf8)) }
    }

    @Test func keepsKeyOrderAndNumberText() throws {
        let text = #"{"z":1.10,"a":{"y":[],"b":0},"m":"x"}"#
        #expect(JSONWriter.string(try JSONParser.parse(text)) == text)
    }

    @Test func decodesEscapes() throws {
        let v = try JSONParser.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#)
        #expect(v == .string("a\"b\\c/d\n\té😀"))
        #expect(try JSONParser.parse(#""\ud800x""#) == .string("\u{FFFD}x"), "a lone surrogate becomes U+FFFD")
    }

    @Test func writerEscapesAndNeverEmitsRawNewlines() {
        let s = JSONWriter.string(.string("line1\nline2\u{01}\"\\é"))
        #expect(s == #""line1\nline2\u0001\"\\é""#)
        #expect(!s.contains("\n"))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "01", "1.", "-", "tru", "\"abc", "\"a\u{01}b\"",
        "{\"a\":1}x", "[1 2]", "{'a':1}", "\"\\x\"", "NaN", "[", "{\"a\":1,}",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONError.self) { try JSONParser.parse(bytes) }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONError.self) { try JSONParser.parse(deep) }
    }

    @Test func errorNamesTheByteOffset() {
        do { _ = try JSONParser.parse(#"{"a":1,"b" 2}"#); Issue.record("should fail") } catch {
            #expect(error.offset == 11)
            #expect(error.description.contains("expected ':'"))
        }
    }

    @Test func agreesWithFoundationOnRandomDocuments() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let value = randomValue(depth: 0, rng: &rng)
            let bytes = JSONWriter.bytes(value)
            let reparsed = try JSONParser.parse(bytes)
            #expect(reparsed == value)
            #expect((try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil)
        }
    }

    func randomValue(depth: Int, rng: inout SystemRandomNumberGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return JSONValue(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 3:
            let alphabet = Array("ab\"\\\n\té😀 \u{7}")
            return .string(String((0..<Int.random(in: 0..<12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        case 4: return .array((0..<Int.random(in: 0..<4, using: &rng)).map { _ in randomValue(depth: depth + 1, rng: &rng) })
        default:
            var o = JSONObject()
            for k in 0..<Int.random(in: 0..<4, using: &rng) { o["k\(k)"] = randomValue(depth: depth + 1, rng: &rng) }
            return .object(o)
        }
    }
}

@Suite struct ArticleJSONTests {
    static let sample = Article(
        id: "abc", source: ArticleSource(path: "a.txt", site: "marsbit"), title: "T", deck: nil, published: "2026-03-17",
        authors: ["Jane Doe"], language: "en", text: "Héllo world.\n\nQ?",
        paragraphs: [Paragraph(text: "Héllo world.", kind: .paragraph, span: TextSpan(start: 0, end: 12, utf8Start: 0, utf8End: 13)),
                     Paragraph(text: "Q?", kind: .question, span: TextSpan(start: 14, end: 16, utf8Start: 15, utf8End: 17))],
        sentences: [Sentence(text: "Héllo world.", paragraph: 0, kind: .paragraph, span: TextSpan(start: 0, end: 12, utf8Start: 0, utf8End: 13))],
        sections: [Section(heading: nil, headingParagraph: nil, paragraphs: [0, 1])],
        faq: [FAQPair(question: "Q?", answer: "", paragraphs: [1])],
        tables: [Table(rows: [["a", "b"]], header: false, paragraphs: [])],
        lists: [ListBlock(items: ["x"], ordered: true, paragraphs: [])], sources: ["Reuters"],
        removed: [RemovedSpan(text: "spot_img", reason: "chrome", line: 3)], warnings: ["w"],
        errors: [ArticleError(stage: "ingest", code: -32000, message: "m")],
        analyses: JSONObject([("summary", .object(JSONObject([("text", "x")])))]),
        extra: JSONObject([("topic", "tech"), ("budget", ["sentences": 3])]))

    @Test func roundTripsThroughTheFastPath() throws {
        let line = Self.sample.jsonLine
        #expect(try Article(json: try JSONParser.parse(line)) == Self.sample)
    }

    @Test func fieldOrderIsStableAndExtraFieldsComeLast() throws {
        let keys = try JSONParser.parse(Self.sample.jsonLine).objectValue!.keys
        #expect(Array(keys.prefix(articleFieldOrder.count)) == articleFieldOrder)
        #expect(Array(keys.suffix(2)) == ["topic", "budget"])
    }

    @Test func codableAgreesWithTheFastPath() throws {
        let data = try JSONEncoder().encode(Self.sample)
        #expect(try JSONDecoder().decode(Article.self, from: data) == Self.sample)
        // Foundation's own decoding of a sub-structure uses the same wire names.
        let p = try JSONDecoder().decode(Paragraph.self, from: Data(JSONWriter.bytes(Self.sample.paragraphs[1].json)))
        #expect(p == Self.sample.paragraphs[1])
    }

    @Test func acceptsPartialArticlesAsPluginsReceiveThem() throws {
        let a = try Article(json: try JSONParser.parse(#"{"id":"x","sentences":[{"text":"A.","paragraph":0}]}"#))
        #expect(a.sentences.count == 1 && a.paragraphs.isEmpty && a.title == nil)
    }

    @Test func namesTheFieldThatIsWrong() {
        do {
            _ = try Article(json: try JSONParser.parse(#"{"id":"x","sentences":[{"text":1}]}"#))
            Issue.record("should fail")
        } catch let e as ModelError {
            #expect(e.field == "sentences[0].text")
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: ModelError.self) { try Article(json: try JSONParser.parse(#"{"galley":99,"id":"x"}"#)) }
        #expect(throws: ModelError.self) { try Article(json: try JSONParser.parse(#"{"title":"no id"}"#)) }
    }
}

@Suite struct ByteScanTests {
    /// The 8-byte test agrees with the byte-by-byte definition, byte values at every position.
    @Test func plainStringBytesMatchesTheDefinition() {
        func plain(_ b: UInt8) -> Bool { b >= 0x20 && b < 0x80 && b != 0x22 && b != 0x5C }
        func writable(_ b: UInt8) -> Bool { b >= 0x20 && b != 0x22 && b != 0x5C }
        for filler in [UInt8(ascii: "a"), 0x20, 0xC3] {  // ASCII, a space, a UTF-8 lead byte
            var bytes = [UInt8](repeating: filler, count: 8)
            for pos in 0..<8 {
                for v in 0...255 {
                    bytes[pos] = UInt8(v)
                    bytes.withUnsafeBufferPointer { b in
                        #expect(ByteScan.plainStringBytes(b, at: 0) == bytes.allSatisfy(plain), "byte \(v) at \(pos)")
                        #expect(ByteScan.needsNoEscape(b, at: 0) == bytes.allSatisfy(writable), "byte \(v) at \(pos)")
                        let x = ByteScan.load8(b, at: 0)!
                        #expect(ByteScan.has(x, 0x2A) == bytes.contains(0x2A))
                        let mask = ByteScan.equalMask(x, 0x20)
                        #expect((0..<8).allSatisfy { k in (mask >> (8 * UInt64(k) + 7)) & 1 == (bytes[k] == 0x20 ? 1 : 0) })
                        #expect(mask & ~ByteScan.highs == 0)
                        #expect(ByteScan.hasBelow(x, 0x20) == bytes.contains { $0 < 0x20 })
                        #expect(ByteScan.hasNonASCII(x) == bytes.contains { $0 >= 0x80 })
                        if !ByteScan.hasNonASCII(x) {
                            #expect(ByteScan.hasInRange(asciiOnly: x, 0x5B, 0x60) == bytes.contains { (0x5B...0x60).contains($0) }, "byte \(v) at \(pos)")
                            #expect(ByteScan.hasInRange(asciiOnly: x, 0x00, 0x1F) == bytes.contains { $0 < 0x20 })
                        }
                    }
                }
                bytes[pos] = filler
            }
        }
        // Fewer than 8 bytes left: never plain (the caller goes byte by byte).
        #expect(Array("abcdefg".utf8).withUnsafeBufferPointer { ByteScan.plainStringBytes($0, at: 0) } == false)
        #expect(Array("abcdefghi".utf8).withUnsafeBufferPointer { ByteScan.plainStringBytes($0, at: 1) } == true)
    }

    @Test func writerEscapesAfterLongPlainRuns() {
        let run = String(repeating: "plain text é ", count: 4)
        #expect(JSONWriter.string(.string(run + "\"\\\n\u{01}" + run)) == "\"" + run + "\\\"\\\\\\n\\u0001" + run + "\"")
    }

    @Test func stringsWithEscapesAndControlsAfterLongPlainRuns() throws {
        let plainRun = String(repeating: "plain text ", count: 5)
        let value = try JSONParser.parse(Array("\"\(plainRun)\\\"q\\\" \\u00e9 é end\"".utf8))
        #expect(value == .string(plainRun + "\"q\" é é end"))
        #expect(throws: JSONError.self) { try JSONParser.parse(Array("\"\(plainRun)\u{01}\"".utf8)) }
        #expect(throws: JSONError.self) { try JSONParser.parse(Array("\"\(plainRun)".utf8)) }
    }
}
