import Testing
@testable import GalleyJSON
@testable import GalleyProtocol
import GalleyModel

@Suite struct RawJSONTests {
    @Test func membersAndValueRanges() throws {
        let bytes = Array(#"  {"id":"a1","n":[1,{"x":"}"}],"s":"q\"uote","e\u0078":null}  "#.utf8)
        let (members, _) = try RawJSON.members(bytes)
        #expect(members.map(\.key) == ["id", "n", "s", "ex"])
        #expect(String(decoding: bytes[members[1].value], as: UTF8.self) == #"[1,{"x":"}"}]"#)
        #expect(String(decoding: bytes[members[2].value], as: UTF8.self) == #""q\"uote""#)
    }

    @Test func onlyObjectsAreMessages() {
        #expect(throws: JSONError.self) { try RawJSON.members(Array("[1]".utf8)) }
    }

    /// Valid JSON of another kind is not called invalid ("invalid JSON at byte 0: expected a
    /// JSON object, found an array" read as a syntax error); a broken one still is.
    @Test func aValidNonObjectIsNotCalledInvalid() {
        func message(_ text: String) -> String {
            do { _ = try RawJSON.members(Array(text.utf8)); return "" } catch { return error.description }
        }
        #expect(message("[1, 2]") == "expected a JSON object, found an array")
        #expect(message(" true") == "expected a JSON object, found a boolean")
        #expect(message("[1, 2") == "invalid JSON at byte 0: expected a JSON object, found an array")
    }

    @Test(arguments: [
        "", "{", #"{"a":}"#, #"{"a":1,}"#, #"{"a" 1}"#, #"{"a":01}"#, #"{"a":tru}"#, #"{"a":"x}"#, #"{"a":1}x"#,
        #"{"a":"\q"}"#, #"{"a":[1 2]}"#, "{\"a\":\"\u{1}\"}",
    ])
    func rejectsWhatTheFullParserRejects(_ text: String) {
        #expect(throws: JSONError.self) { try RawJSON.members(Array(text.utf8)) }
        #expect(throws: JSONError.self) { try JSONParser.parse(text) }
    }

    @Test func validatesUTF8InStrings() {
        for bad: [UInt8] in [[0xC3, 0x28], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF]] {
            let line = Array(#"{"a":""#.utf8) + bad + Array(#""}"#.utf8)
            #expect(throws: JSONError.self) { try RawJSON.members(line) }
        }
        #expect(throws: Never.self) { try RawJSON.members(Array(#"{"a":"é😀"}"#.utf8)) }
    }

    @Test func addsAnalysesWithoutTouchingOtherBytes() throws {
        let article = Array(#"{"id":"x","text":"a  b","analyses":{"one":1},"z":1.50}"#.utf8)
        let out = try RawJSON.addingAnalysis("two", result: Array(#"{"k":[1]}"#.utf8), to: article)
        #expect(String(decoding: out, as: UTF8.self) == #"{"id":"x","text":"a  b","analyses":{"one":1,"two":{"k":[1]}},"z":1.50}"#)
        let replaced = try RawJSON.addingAnalysis("one", result: Array("2".utf8), to: out)
        #expect(String(decoding: replaced, as: UTF8.self) == #"{"id":"x","text":"a  b","analyses":{"one":2,"two":{"k":[1]}},"z":1.50}"#)
        let fresh = try RawJSON.addingAnalysis("a", result: Array("true".utf8), to: Array(#"{"id":"y"}"#.utf8))
        #expect(String(decoding: fresh, as: UTF8.self) == #"{"id":"y","analyses":{"a":true}}"#)
        let empty = try RawJSON.addingAnalysis("a", result: Array("1".utf8), to: Array(#"{"analyses":{}}"#.utf8))
        #expect(String(decoding: empty, as: UTF8.self) == #"{"analyses":{"a":1}}"#)
    }

    @Test func appendsToArrays() throws {
        let a = Array(#"{"errors":[],"id":1}"#.utf8)
        let (m1, c1) = try RawJSON.members(a)
        let one = RawJSON.appending(Array("{\"e\":1}".utf8), toArray: "errors", in: a, members: m1, close: c1)
        #expect(String(decoding: one, as: UTF8.self) == #"{"errors":[{"e":1}],"id":1}"#)
        let (m2, c2) = try RawJSON.members(one)
        let two = RawJSON.appending(Array("2".utf8), toArray: "errors", in: one, members: m2, close: c2)
        #expect(String(decoding: two, as: UTF8.self) == #"{"errors":[{"e":1},2],"id":1}"#)
        let (m3, c3) = try RawJSON.members(Array(#"{"id":1}"#.utf8))
        #expect(String(decoding: RawJSON.appending(Array("3".utf8), toArray: "errors", in: Array(#"{"id":1}"#.utf8), members: m3, close: c3), as: UTF8.self) == #"{"id":1,"errors":[3]}"#)
    }

    @Test func picksFieldsInOrder() throws {
        let a = Array(#"{"galley":1,"id":"x","title":"T","text":"body","sentences":[]}"#.utf8)
        let (m, _) = try RawJSON.members(a)
        let subset = RawJSON.object(from: a, members: m) { ["id", "sentences"].contains($0) }
        #expect(String(decoding: subset, as: UTF8.self) == #"{"id":"x","sentences":[]}"#)
    }
}

@Suite struct BrokenLineTests {
    func id(_ line: String) -> Int? { RawJSON.idOfBrokenLine(Array(line.utf8)[...]) }

    @Test func theTopLevelIDOfABrokenAnswer() {
        #expect(id(#"{"jsonrpc":"2.0","id":7,"result":{"score":NaN}}"#) == 7)
        #expect(id(#"{ "result": {"id": 3, "x": NaN}, "id" : 12 }"#) == 12)      // a nested "id" is not the request's
        #expect(id(#"{"jsonrpc":"2.0","result":{"s":"a \" \"id\":4"},"id":5,"bad":tru}"#) == 5)  // quotes inside strings
        #expect(id(#"{"method":"id","params":{},"x":NaN}"#) == nil)                // "id" as a value is not a key
        #expect(id(#"{"id":"seven","result":NaN}"#) == nil)                         // not an integer
        #expect(id(#"{"result":NaN}"#) == nil)
        #expect(id(#"{"id":12x,"result":1}"#) == nil)
        #expect(id(#"garbage "id":9 without braces"#) == nil)
    }

    /// The start of a line too long to read: its top-level keys, as far as it goes.
    @Test func theTopLevelKeysOfACutLine() {
        func keys(_ s: String) -> [String] { RawJSON.topLevelKeys(ofPrefix: Array(s.utf8)[...]) }
        #expect(keys(#"{"jsonrpc":"2.0","method":"log","params":{"level":"info","message":"yyyy"#) == ["jsonrpc", "method", "params"])
        #expect(keys(#"{"jsonrpc":"2.0","id":7,"result":{"id":1,"text":"a, "b": c"#) == ["jsonrpc", "id", "result"])
        #expect(keys(#"{"a":["x","y"],"b":1}"#) == ["a", "b"])
        #expect(keys("") == [])
    }
}

@Suite struct MessageTests {
    @Test func decodesTheFourKinds() throws {
        guard case .request(let id, "process", _)? = try? RPCMessage.decode(JSONParser.parse(#"{"jsonrpc":"2.0","id":7,"method":"process","params":{}}"#)).get() else {
            Issue.record("request"); return
        }
        #expect(id == .int(7))
        guard case .notification("cancel", _)? = try? RPCMessage.decode(JSONParser.parse(#"{"jsonrpc":"2.0","method":"cancel","params":{"id":7}}"#)).get() else {
            Issue.record("notification"); return
        }
        guard case .response(.string("a"), .null)? = try? RPCMessage.decode(JSONParser.parse(#"{"jsonrpc":"2.0","id":"a","result":null}"#)).get() else {
            Issue.record("response"); return
        }
        guard case .errorResponse(nil, let e)? = try? RPCMessage.decode(JSONParser.parse(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"m"}}"#)).get() else {
            Issue.record("error"); return
        }
        #expect(e.code == -32700)
    }

    @Test func rejectsNonMessages() throws {
        for text in [#"[1]"#, #"{"id":1,"method":"x"}"#, #"{"jsonrpc":"2.0","id":{},"method":"x"}"#, #"{"jsonrpc":"2.0"}"#, #"{"jsonrpc":"2.0","result":1}"#] {
            if case .success = RPCMessage.decode(try JSONParser.parse(text)) { Issue.record("accepted \(text)") }
        }
    }

    @Test func rawRequestsSpliceTheirParams() throws {
        let line = RPC.request(id: 3, method: "process", rawParams: [("article", Array(#"{"id":"x"}"#.utf8)), ("options", Array("{}".utf8))])
        let v = try JSONParser.parse(line)
        #expect(v["id"] == 3 && v["params"]?["article"]?["id"] == "x")
    }
}

@Suite struct ManifestTests {
    let good: JSONValue = ["name": "wordstats", "version": "1.0.0", "protocol": 1,
                           "manifest": ["provides": ["wordstats"], "requires": ["sentences"], "concurrency": 4,
                                        "options": ["type": "object", "properties": [:]]]]

    @Test func roundTrips() throws {
        let m = try PluginManifest(initializeResult: good)
        #expect(m.name == "wordstats" && m.provides == ["wordstats"] && m.requires == ["sentences"] && m.concurrency == 4 && m.ordered)
        #expect(try PluginManifest(initializeResult: m.initializeResult) == m)
    }

    @Test func namesTheBadField() {
        func message(_ change: (inout JSONObject) -> Void) -> String {
            var o = good.objectValue!
            change(&o)
            do { _ = try PluginManifest(initializeResult: .object(o)); return "accepted" } catch { return error.message }
        }
        #expect(message { $0["name"] = "Word Stats" }.contains("'name'"))
        #expect(message { $0["protocol"] = "one" }.contains("'protocol'"))
        #expect(message { var m = $0["manifest"]!.objectValue!; m["provides"] = []; $0["manifest"] = .object(m) }.contains("manifest.provides"))
        #expect(message { var m = $0["manifest"]!.objectValue!; m["concurrency"] = 0; $0["manifest"] = .object(m) }.contains("manifest.concurrency"))
        #expect(message { var m = $0["manifest"]!.objectValue!; m["requires"] = "text"; $0["manifest"] = .object(m) }.contains("manifest.requires"))
    }

    @Test func missingRequiresMeansTheWholeArticle() throws {
        var o = good.objectValue!
        var m = o["manifest"]!.objectValue!
        m.removeValue(forKey: "requires")
        o["manifest"] = .object(m)
        #expect(try PluginManifest(initializeResult: .object(o)).wantsWholeArticle)
    }
}

@Suite struct FieldSelectionTests {
    let article = Array(#"{"galley":1,"id":"a1","title":"T","text":"long body","errors":[],"analyses":{"summary":{"text":"S","sentences":[{"index":0}]},"metrics":[1,2]},"deck":null}"#.utf8)

    func apply(_ list: String) throws -> String {
        String(decoding: try FieldSelection(parsing: list).apply(article), as: UTF8.self)
    }

    @Test func keepsTheNamedFieldsInTheirOrderWithIdAndErrors() throws {
        #expect(try apply("title") == #"{"id":"a1","title":"T","errors":[]}"#)
        #expect(try apply("deck, title") == #"{"id":"a1","title":"T","errors":[],"deck":null}"#)
    }

    @Test func dottedPathsReachIntoObjects() throws {
        #expect(try apply("analyses.summary.text") == #"{"id":"a1","errors":[],"analyses":{"summary":{"text":"S"}}}"#)
        #expect(try apply("analyses.metrics,analyses.summary.text") == #"{"id":"a1","errors":[],"analyses":{"summary":{"text":"S"},"metrics":[1,2]}}"#)
        // The whole value wins over a path inside it, in either order.
        #expect(try apply("analyses,analyses.summary.text") == apply("analyses"))
        #expect(try apply("analyses.summary.text,analyses") == apply("analyses"))
        // A path into something that is not an object selects nothing there; id is not
        // duplicated when named.
        #expect(try apply("title.x,id") == #"{"id":"a1","errors":[]}"#)
    }

    /// Through an array, a path picks from each object in it (jq's `.sentences[].text`); other
    /// elements are left out. The coverage check sees through arrays too.
    @Test func dottedPathsReachThroughArrays() throws {
        let doc = Array(#"{"id":"a","sentences":[{"text":"One.","start":0},{"text":"Two.","start":5},7,{"start":9}],"analyses":{"metrics":[1,2]}}"#.utf8)
        let selection = try FieldSelection(parsing: "sentences.text,analyses.metrics.value")
        let out = selection.apply(doc)
        #expect(String(decoding: out, as: UTF8.self) == #"{"id":"a","sentences":[{"text":"One."},{"text":"Two."},{}],"analyses":{"metrics":[]}}"#)
        var coverage = FieldCoverage(selection)
        coverage.note(doc)
        #expect(coverage.unseen == [["analyses", "metrics", "value"]], "\(coverage.unseen)")
        #expect(try apply("analyses.summary.sentences.index") == #"{"id":"a1","errors":[],"analyses":{"summary":{"sentences":[{"index":0}]}}}"#)
    }

    @Test func unknownFieldsAndOddInputAreHarmless() throws {
        #expect(try apply("nope") == #"{"id":"a1","errors":[]}"#)
        let notObject = Array("[1,2]".utf8)
        #expect(try FieldSelection(parsing: "a").apply(notObject) == notObject)
    }

    @Test func badListsAreRefused() {
        for bad in ["", ",", "a..b", ".a", "a."] {
            #expect(throws: FieldSelection.Invalid.self, "\(bad)") { try FieldSelection(parsing: bad) }
        }
    }
}

/// The fast reading of `process` requests: it takes exactly the requests a plugin would take
/// the general way, and leaves every other line to it.
@Suite struct ProcessRequestTests {
    static func line(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

    @Test func readsAProcessRequest() throws {
        let r = try #require(ProcessRequest(Self.line(
            #"{"jsonrpc":"2.0","id":7,"method":"process","params":{"article":{"id":"a","title":"T","budget":{"sentences":2}},"options":{"k":1},"x":[]}}"#)))
        #expect(r.id == .int(7))
        #expect(r.article.id == "a" && r.article.title == "T")
        #expect(r.article.extra["budget"]?["sentences"] == .number("2"))
        #expect(r.options?["k"] == .number("1"))
        let s = try #require(ProcessRequest(Self.line(#"{"jsonrpc":"2.0","id":"r-1","method":"process","params":{"article":{"id":"b"}}}"#)))
        #expect(s.id == .string("r-1") && s.options == nil)
    }

    /// Lines the general path must see: other methods, notifications, odd ids, params before
    /// the method, repeated members, broken JSON, a broken article.
    @Test(arguments: [
        #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocol":1}}"#,
        #"{"jsonrpc":"2.0","method":"process","params":{"article":{"id":"a"}}}"#,
        #"{"jsonrpc":"2.0","id":null,"method":"process","params":{"article":{"id":"a"}}}"#,
        #"{"jsonrpc":"2.0","id":1.5,"method":"process","params":{"article":{"id":"a"}}}"#,
        #"{"jsonrpc":"1.0","id":1,"method":"process","params":{"article":{"id":"a"}}}"#,
        #"{"jsonrpc":"2.0","id":1,"params":{"article":{"id":"a"}},"method":"process"}"#,
        #"{"jsonrpc":"2.0","id":1,"id":2,"method":"process","params":{"article":{"id":"a"}}}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"process","params":{"article":{"id":"a"},"article":{"id":"b"}}}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"process","params":{"options":{}}}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"process","params":{"article":{"title":"no id"}}}"#,
        #"{"jsonrpc":"2.0","id":1,"method":"process","params":{"article":{"id":"a"}}} trailing"#,
        #"{"jsonrpc":"2.0","id":1,"method":"process","params":[]}"#,
    ])
    func leavesOtherLinesToTheGeneralPath(_ text: String) {
        #expect(ProcessRequest(Self.line(text)) == nil)
    }

    /// Whatever the fast path accepts, the general path reads as the same request.
    @Test func agreesWithTheGeneralPath() throws {
        let text = #"{"jsonrpc":"2.0","id":3,"method":"process","params":{"article":{"id":"a","sentences":[{"text":"One.","paragraph":0,"kind":"paragraph","start":0,"end":4,"utf8_start":0,"utf8_end":4}],"budget":3},"options":{"sentences":2}}}"#
        let fast = try #require(ProcessRequest(Self.line(text)))
        guard case .success(.request(let id, let method, let params)) = RPCMessage.decode(try JSONParser.parse(text)) else {
            Issue.record("not a request"); return
        }
        #expect(id == fast.id && method == "process")
        let general = try Article(json: try #require(params?["article"]))
        #expect(general.jsonLine == fast.article.jsonLine)
        #expect(params?["options"]?.objectValue == fast.options)
    }
}

/// `--fields` says which of its paths no written article had, and what was there instead.
@Suite struct FieldCoverageTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func pathsThatMatchNothingAreNamedWithWhatWasThere() throws {
        let selection = try FieldSelection(parsing: "title,analyses.sumary,analyses.summary.text,body")
        #expect(selection.paths == [["analyses", "sumary"], ["analyses", "summary", "text"], ["body"], ["title"]])
        var coverage = FieldCoverage(selection)
        #expect(coverage.warnings.isEmpty, "nothing written, nothing to say")
        let article = bytes(#"{"id":"a","title":"T","text":"x","analyses":{"summary":{"text":"S"}}}"#)
        coverage.note(article)
        #expect(coverage.warnings == [
            "--fields: no article written had analyses.sumary (analyses has: summary)",
            "--fields: no article written had body (articles have: id, title, text, analyses)",
        ])
    }

    @Test func aPathSeenOnceIsNotReported() throws {
        let selection = try FieldSelection(parsing: "analyses.summary")
        var coverage = FieldCoverage(selection)
        let without = bytes(#"{"id":"a","analyses":{}}"#), with = bytes(#"{"id":"b","analyses":{"summary":1}}"#)
        coverage.note(without)
        #expect(coverage.warnings == ["--fields: no article written had analyses.summary (analyses has: nothing)"])
        coverage.note(with)
        coverage.note(without)
        #expect(coverage.warnings.isEmpty)
    }

    /// A path that meets an empty array or null is there, only empty this time: no warning
    /// (every article without FAQ warned about "faq.question").
    @Test func emptyArraysAndNullsAreNoTypo() throws {
        let selection = try FieldSelection(parsing: "faq.question,source.site,sections.heading")
        var coverage = FieldCoverage(selection)
        let article = bytes(#"{"id":"a","faq":[],"source":null,"sections":[{"heading":"H"}]}"#)
        coverage.note(article)
        #expect(coverage.warnings.isEmpty, "\(coverage.warnings)")
        let missing = bytes(#"{"id":"a","faq":[{"answer":"x"}]}"#)
        var other = FieldCoverage(try FieldSelection(parsing: "faq.question"))
        other.note(missing)
        #expect(other.warnings == ["--fields: no article written had faq.question (faq has: answer)"], "\(other.warnings)")
        // A typo inside an array's elements is named with what the elements have.
        var nested = FieldCoverage(try FieldSelection(parsing: "sentences.txt"))
        let doc = bytes(#"{"id":"a","sentences":[{"text":"One.","start":0}]}"#)
        nested.note(doc)
        #expect(nested.warnings == ["--fields: no article written had sentences.txt (sentences has: text, start)"], "\(nested.warnings)")
    }
}
