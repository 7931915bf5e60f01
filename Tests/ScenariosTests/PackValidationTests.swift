import Foundation
import GalleyJSON
import ScenariosCore
import Testing

@Suite struct PackValidationTests {
    func error(_ json: String) -> PackError? {
        do { _ = try PackReader.read(try JSONParser.parse(Array(json.utf8)[...])); return nil } catch let e as PackError { return e } catch { return PackError("?", "\(error)") }
    }

    let two = #"{"id":"a","name":"A","description":"Alpha things."},{"id":"b","name":"B","description":"Beta things."}"#

    /// Other members (notes, sources, tags) are the analyst's own and stay allowed.
    @Test func otherMembersAreAllowed() throws {
        let p = try PackReader.read(try JSONParser.parse(Array(#"{"pack":"p","note":"n","source":"s","tags":["x"],"scenarios":[{"id":"a","name":"A","description":"Alpha.","notes":"why","examples":[]},{"id":"b","name":"B","description":"Beta.","comment":"c"}]}"#.utf8)[...]))
        #expect(p.scenarios.count == 2)
        #expect(error(#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","Prior":2},{"id":"b","name":"B","description":"Beta."}]}"#)?.problem == "is not a pack field; did you mean 'prior'?")
    }

    @Test func aGoodPackReads() throws {
        let p = try PackReader.read(try JSONParser.parse(Array(#"{"pack":"p","scenarios":[\#(two)]}"#.utf8)[...]))
        #expect(p.id == "p" && p.scenarios.map(\.id) == ["a", "b"] && !p.independent)
        // "e" + U+0301 is "é": a letter with its combining mark, as the pack schema allows.
        let marked = try PackReader.read(try JSONParser.parse(Array(#"{"pack":"p","scenarios":[{"id":"cafe\u0301","name":"A","description":"Alpha."},{"id":"b","name":"B","description":"Beta."}]}"#.utf8)[...]))
        #expect(marked.scenarios.first?.id == "cafe\u{301}")
    }

    @Test(arguments: [
        (#"{"scenarios":[X]}"#, "pack"),
        (#"{"pack":"","scenarios":[X]}"#, "pack"),
        (#"{"pack":"p"}"#, "scenarios"),
        (#"{"pack":"p","scenarios":{}}"#, "scenarios"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha."}]}"#, "scenarios"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha."},{"id":"a","name":"B","description":"Beta."}]}"#, "scenarios[1].id"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A"},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].description"),
        (#"{"pack":"p","scenarios":[{"id":"a b","name":"A","description":"Alpha."},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].id"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","signals":"x"},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].signals"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","signals":[{"text":"cuts","weight":0}]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].signals[0].weight"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","signals":["the of"]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].signals[0]"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","prior":-1},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].prior"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","conditions":[{"subject":"jobs","op":"=>","value":3}]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].conditions[0].op"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","conditions":[{"subject":"jobs","op":">=","value":"3"}]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].conditions[0].value"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","conditions":[{"subject":"jobs","kind":"percentage","op":">=","value":3}]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].conditions[0].kind"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","conditions":[{"subject":"jobs","op":">=","value":3,"period":"last year"}]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].conditions[0].period"),
        (#"{"pack":"p","independent":"yes","scenarios":[X]}"#, "independent"),
        // "undetermined" is the verdict's word for none; a description needs a content word.
        (#"{"pack":"p","scenarios":[{"id":"undetermined","name":"A","description":"Alpha."},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].id"),
        (#"{"pack":"p","scenarios":[{"id":"Undetermined","name":"A","description":"Alpha."},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].id"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"the of and"},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].description"),
        // Near misses of a field's name are typos that would drop what was meant.
        (#"{"pack":"p","Scenarios":[X]}"#, "Scenarios"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","signal":["cuts"]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].signal"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","conditons":[]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].conditons"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","signals":[{"text":"cuts","weigth":2}]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].signals[0].weigth"),
        (#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","conditions":[{"subject":"jobs","op":">=","value":3,"units":"%"}]},{"id":"b","name":"B","description":"Beta."}]}"#, "scenarios[0].conditions[0].units"),
    ])
    func aBadPackNamesTheField(_ json: String, _ field: String) {
        let e = error(json.replacingOccurrences(of: "X", with: two))
        #expect(e?.field == field, "\(json) -> \(String(describing: e))")
        #expect(e?.description.contains("'\(field)'") == true)
    }

    /// A pack file saved with a byte order mark reads (it was "not valid JSON").
    @Test func aByteOrderMarkIsIgnored() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pack-bom-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data([0xEF, 0xBB, 0xBF] + Array(#"{"pack":"p","scenarios":[\#(two)]}"#.utf8)).write(to: file)
        #expect(try PackReader.read(file: file.path).scenarios.count == 2)
    }

    @Test func independentPacksMayHoldOneScenarioAndNeedPriorsBelowOne() {
        #expect(error(#"{"pack":"p","independent":true,"scenarios":[{"id":"a","name":"A","description":"Alpha."}]}"#) == nil)
        #expect(error(#"{"pack":"p","independent":true,"scenarios":[{"id":"a","name":"A","description":"Alpha.","prior":1}]}"#)?.field == "scenarios[0].prior")
    }

    @Test func theHarnessInlineFormIsAnArrayWithTheIdBeside() throws {
        let p = try PackReader.read(try JSONParser.parse(Array("[\(two)]".utf8)[...]), id: "bbc")
        #expect(p.id == "bbc" && p.scenarios.count == 2)
    }

    @Test func periodsAndConditionsRead() throws {
        let p = try PackReader.read(try JSONParser.parse(Array(#"{"pack":"p","scenarios":[{"id":"a","name":"A","description":"Alpha.","conditions":[{"subject":"workforce reduction","kind":"percent","op":">=","value":15,"entity":"Meta","period":"2025-2026"}]},{"id":"b","name":"B","description":"Beta."}]}"#.utf8)[...]))
        let c = p.scenarios[0].conditions[0]
        #expect(c.period == 2025...2026 && c.op == .ge && c.value == 15 && c.entity == "Meta" && c.kind == "percent")
    }

    @Test(arguments: ["meta-layoffs-drivers", "meta-ai-futures"])
    func shippedPacksAreValid(_ name: String) throws {
        let p = try shippedPack(name)
        #expect(p.scenarios.count == 3)
        #expect(p.scenarios.allSatisfy { !$0.signals.isEmpty && !$0.terms.isEmpty })
    }

    @Test func aMissingFileIsAClearError() {
        #expect(throws: PackError.self) { try PackReader.read(file: "/nonexistent/pack.json") }
    }
}
