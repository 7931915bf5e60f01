import Testing
import GalleyTestSupport
@testable import GalleyJSON
@testable import GalleyModel

/// `Article.fastDecoded` (the cursor reader) never disagrees with the general reader: what it
/// accepts reads to the same Article, and what it declines is left to the general reader.
@Suite struct FastDecodingTests {
    static let full = #"""
    {"galley":1,"id":"a1","title":"T \"q\"","deck":null,"published":"2026-03-01","authors":["A","B"],"language":"en",\#
    "source":{"path":null,"url":"https://x.example/a","site":"x","format":"text","encoding":"utf-8"},\#
    "text":"Hello world.\n\nSecond é.","paragraphs":[{"text":"Hello world.","kind":"paragraph","start":0,"end":12,"utf8_start":0,"utf8_end":12},\#
    {"text":"Second é.","kind":"heading","start":14,"end":23,"utf8_start":14,"utf8_end":24}],\#
    "sentences":[{"text":"Hello world.","paragraph":0,"kind":"paragraph","start":0,"end":12,"utf8_start":0,"utf8_end":12}],\#
    "sections":[{"heading":null,"heading_paragraph":null,"paragraphs":[0]},{"heading":"Second é.","heading_paragraph":1,"paragraphs":[]}],\#
    "faq":[{"question":"Why?","answer":"Because.","paragraphs":[2,3]}],\#
    "tables":[{"rows":[["a","b"],["1",2,null,{"x":true}]],"header":true,"paragraphs":[4]}],\#
    "lists":[{"items":["x","y"],"ordered":false,"paragraphs":[5,6]}],"sources":["S"],\#
    "removed":[{"text":"Menu","reason":"navigation","line":3}],"warnings":["w"],\#
    "errors":[{"stage":"ingest","code":-32001,"message":"m"},{"stage":"p","code":-32007,"message":"n","data":{"k":[1,"v"]}}],"duplicate":null,\#
    "analyses":{"summary":{"text":"x","score":1.50}},"topic":"tech","budget":{"sentences":2},"z":[1,2.5e3]}
    """#

    static func general(_ text: String) -> Article? {
        guard let v = try? JSONParser.parse(text) else { return nil }
        return try? Article(json: v)
    }

    static func fast(_ text: String) -> Article? { Article.fastDecoded(Array(text.utf8)[...]) }

    @Test func readsEveryFieldAsTheGeneralReaderDoes() throws {
        let fast = try #require(Self.fast(Self.full))
        let general = try #require(Self.general(Self.full))
        #expect(fast.jsonLine == general.jsonLine)
        #expect(fast.tables[0].rows[1] == ["1", "2", "null", #"{"x":true}"#])
        #expect(fast.extra.keys == ["topic", "budget", "z"])
        #expect(fast.analyses["summary"]?["score"] == .number("1.50"))
        #expect(fast.errors[0].data == nil && fast.errors[1].data?["k"]?.arrayValue?.count == 2)
    }

    /// The fast reader matches block kinds on their bytes; every kind the model has must be there.
    @Test(arguments: BlockKind.allCases)
    func everyBlockKindReadsBack(_ kind: BlockKind) throws {
        let text = #"{"id":"k","paragraphs":[{"text":"P","kind":"\#(kind.rawValue)"}],"sentences":[{"text":"S","kind":"\#(kind.rawValue)"}]}"#
        let fast = try #require(Self.fast(text))
        #expect(fast.paragraphs[0].kind == kind && fast.sentences[0].kind == kind)
        #expect(fast.jsonLine == Self.general(text)?.jsonLine)
    }

    @Test func missingFieldsReadAsEmpty() throws {
        let text = #"{"id":"only","sentences":[{"text":"One."}]}"#
        let fast = try #require(Self.fast(text))
        #expect(fast.jsonLine == Self.general(text)?.jsonLine)
        #expect(fast.language == "und" && fast.source == ArticleSource() && fast.sentences[0].kind == .paragraph)
        // Every part with only what it must have, and null wherever null is allowed.
        let sparse = #"{"id":"s","title":null,"authors":null,"language":null,"source":{},"text":null,"#
            + #""paragraphs":[{"text":"P","kind":null,"start":null}],"sentences":[{"text":"S","paragraph":null}],"#
            + #""sections":[{},{"heading":null,"heading_paragraph":null,"paragraphs":null}],"faq":[{"question":"Q?"},"#
            + #"{"question":"R?","answer":null,"paragraphs":null}],"tables":[{"rows":null},{"header":null,"paragraphs":null}],"#
            + #""lists":[{},{"items":null,"ordered":null,"paragraphs":null}],"sources":null,"removed":[{},"#
            + #"{"text":null,"reason":null,"line":null}],"warnings":null,"errors":[{},{"stage":null,"code":null,"message":null}],"#
            + #""duplicate":null,"analyses":null}"#
        let f = try #require(Self.fast(sparse))
        #expect(f.jsonLine == Self.general(sparse)?.jsonLine)
        #expect(f == Self.general(sparse))
    }

    /// Shapes the fast reader leaves to the general one, valid or not.
    @Test(arguments: [
        #"{"id":"a","title":"x","title":"y"}"#,                      // a repeated field: last one wins there
        #"{"id":"a","sentences":[{"text":"x","paragraph":1.0}]}"#,    // an integer written as a fraction
        #"{"id":"a","sentences":[{"text":"x","start":1e1,"end":20}]}"#,
        #"{"id":"a","t\u0069tle":"x"}"#,                               // an escaped key
        #"{"id":"a","x":1,"x":2}"#,                                    // a repeated carried field
        #"{"id":"a","source":{"site":"a","site":"b"}}"#,
    ])
    func declinesWhatItDoesNotPlanFor(_ text: String) throws {
        #expect(Self.fast(text) == nil)
        #expect(Self.general(text) != nil, "the general reader takes it")
    }

    /// Documents that are not Articles: both readers refuse them.
    @Test(arguments: [
        #"{"title":"no id"}"#, #"{"id":null}"#, #"{"id":"a","title":5}"#, #"{"id":"a","sentences":[{"kind":"paragraph"}]}"#,
        #"{"id":"a","sentences":[{"text":"x","kind":"poem"}]}"#, #"{"id":"a","galley":2}"#, #"{"id":"a","analyses":[]}"#,
        #"{"id":"a","tables":[{"rows":["not a row"]}]}"#, #"{"id":"a","authors":[null]}"#, #"{"id":"a"} x"#,
        #"{"id":"a","text":"\x"}"#, #"{"id":"a",}"#, #"["id"]"#, #"{"id":"a","sentences":[null]}"#,
        // An integer past 64 bits (the fast reader's digit loop once overflowed and trapped),
        // and offsets that are no span: readers build `start..<end` from them.
        #"{"id":"a","sentences":[{"text":"x","start":99999999999999999999}]}"#,
        #"{"id":"a","sentences":[{"text":"x","paragraph":-99999999999999999999}]}"#,
        #"{"id":"a","sentences":[{"text":"x","start":10,"end":2}]}"#,
        #"{"id":"a","paragraphs":[{"text":"x","kind":"paragraph","utf8_start":5,"utf8_end":1}]}"#,
        #"{"id":"a","sentences":[{"text":"x","start":-1,"end":0}]}"#,
    ])
    func refusesWhatTheGeneralReaderRefuses(_ text: String) {
        #expect(Self.fast(text) == nil)
        #expect(Self.general(text) == nil)
    }

    /// Random damage to a real document: whenever the fast reader still accepts it, the
    /// general reader accepts it too and reads the same Article.
    @Test func agreesWithTheGeneralReaderOnDamagedDocuments() {
        var rng = SplitMix(seed: 7)
        let base = Array(Self.full.utf8)
        let alphabet = Array(#"{}[]",:0123456789.-eE nultrfa\"#.utf8)
        var accepted = 0
        for _ in 0..<20_000 {
            var bytes = base
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                }
            }
            let general = (try? JSONParser.parse(bytes)).flatMap { try? Article(json: $0) }
            guard let fast = Article.fastDecoded(bytes[...]) else { continue }
            accepted += 1
            #expect(general?.jsonLine == fast.jsonLine, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(accepted > 1_000, "the damage leaves many documents readable")
    }
}


/// Writing only some members (`jsonLineWithMembers(only:)`): the same bytes for each member
/// kept, in the same order, and the member positions point at them.
@Suite struct PartialArticleWritingTests {
    @Test func keptMembersAreWrittenAsInTheFullLine() throws {
        let article = try #require(FastDecodingTests.general(FastDecodingTests.full))
        let full = article.jsonLineWithMembers()
        let only: Set<String> = ["id", "sentences", "budget", "analyses", "nonexistent"]
        let part = article.jsonLineWithMembers(only: only)
        #expect(part.members.map(\.key) == ["id", "sentences", "analyses", "budget"])
        for m in part.members {
            let f = try #require(full.members.first { $0.key == m.key })
            #expect(Array(part.bytes[m.value]) == Array(full.bytes[f.value]), "\(m.key)")
        }
        #expect(part.bytes[part.close] == UInt8(ascii: "}") && part.close == part.bytes.count - 1)
        let reread = try JSONParser.parse(part.bytes)
        #expect(reread.objectValue?.keys == ["id", "sentences", "analyses", "budget"])
    }
}

/// Writing only some members of the objects of a field (`elementMembers`): each object keeps
/// the members named, with the bytes the full line has for them, in the same order; fields
/// not named are written whole.
@Suite struct ElementMemberWritingTests {
    @Test func namedMembersOfEachObjectAreKept() throws {
        let article = try #require(FastDecodingTests.general(FastDecodingTests.full))
        let full = try #require(try JSONParser.parse(article.jsonLineWithMembers().bytes).objectValue)
        let members: [String: Set<String>] = ["sentences": ["kind", "text", "nonexistent"], "paragraphs": ["utf8_end"],
                                              "faq": ["paragraphs"], "source": ["site"]]
        let part = article.jsonLineWithMembers(only: ["id", "sentences", "paragraphs", "faq", "source", "sections"], elementMembers: members)
        let reread = try #require(try JSONParser.parse(part.bytes).objectValue)
        #expect(reread.keys == ["id", "source", "paragraphs", "sentences", "sections", "faq"])
        for field in ["sentences", "paragraphs", "faq"] {
            let kept = try #require(reread[field]?.arrayValue), whole = try #require(full[field]?.arrayValue)
            #expect(kept.count == whole.count && !kept.isEmpty, "\(field)")
            for (k, w) in zip(kept, whole) {
                let expected = w.objectValue!.members.filter { members[field]!.contains($0.key) }
                #expect(k.objectValue!.keys == expected.map(\.key), "\(field)")
                #expect(k.objectValue!.members.map(\.value) == expected.map(\.value), "\(field)")
            }
        }
        #expect(reread["source"]?.objectValue?.keys == ["site"])
        #expect(reread["source"]?["site"] == full["source"]?["site"])
        #expect(reread["sections"] == full["sections"], "a field not named is written whole")
        // The member positions point at the values written.
        for m in part.members { #expect((try? JSONParser.parse(part.bytes[m.value])) == reread[m.key], "\(m.key)") }
    }
}

/// `JSONBuffer` writes what `JSONWriter` writes for the same value.
@Suite struct JSONBufferTests {
    @Test func numbersAsTheGeneralWriterFormatsThem() {
        var rng = SplitMix(seed: 3)
        var values: [Double] = [0, 1, -1, 0.5, -0.05, 0.0001, -0.0001, 2.5566, 12345.6789, 1e9, 999_999_999.9999, 1e-5, 0.1 + 0.2, .pi, 1e300]
        for _ in 0..<20_000 {
            let raw = Double(Int64(bitPattern: rng.next()) % 2_000_000_000) / 1_000
            values.append(raw)
            values.append((raw * 10_000).rounded() / 10_000)
            values.append(Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF))
        }
        for v in values {
            var w = JSONBuffer()
            w.number(v)
            #expect(String(decoding: w.bytes, as: UTF8.self) == JSONValue.format(v), "\(v)")
        }
    }

    @Test func joinedStringsAsTheirJoinedText() {
        let parts = ["He said \"no\".", "Tabs\tand\\slashes", "", "é and \u{1}", String(repeating: "x", count: 100)]
        var w = JSONBuffer()
        w.string(joining: parts)
        #expect(w.bytes == JSONWriter.bytes(.string(parts.joined(separator: " "))))
    }
}
