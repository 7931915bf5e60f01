import Foundation
import GalleyIngest
import GalleyModel
import ScenariosCore

/// Package folders, from this file's location.
enum Folders {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = package.appendingPathComponent("seeds")
    static let packs = seeds.appendingPathComponent("scenarios")
    static let shared = package.deletingLastPathComponent().appendingPathComponent("shared")

    static func seed(_ prefix: String) -> URL {
        let name = try! FileManager.default.contentsOfDirectory(atPath: seeds.path).first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }!
        return seeds.appendingPathComponent(name)
    }
}

func seedArticle(_ prefix: String) throws -> Article {
    let url = Folders.seed(prefix)
    return try Ingester.article(fromTextBytes: Array(try Data(contentsOf: url)), name: url.lastPathComponent)
}

func shippedPack(_ name: String) throws -> CompiledPack {
    CompiledPack(try PackReader.read(file: Folders.packs.appendingPathComponent(name + ".json").path))
}

/// An article of one paragraph, cut into sentences at ". " (the tests' texts are simple), with
/// offsets as ingest gives them. Built by hand so that no ingest heuristic (a first line taken
/// as the title) changes what a test means.
func article(_ text: String, published: String? = nil) -> Article {
    var pieces: [String] = []
    var rest = Substring(text)
    while let r = rest.range(of: ". ") {
        pieces.append(String(rest[..<rest.index(after: r.lowerBound)]))
        rest = rest[r.upperBound...]
    }
    if !rest.isEmpty { pieces.append(String(rest)) }
    var sentences: [Sentence] = []
    var scalar = 0, byte = 0
    for (i, p) in pieces.enumerated() {
        if i > 0 { scalar += 1; byte += 1 }
        let n = p.unicodeScalars.count, b = p.utf8.count
        sentences.append(Sentence(text: p, paragraph: 0, kind: p.hasSuffix("?") ? .paragraph : .paragraph,
                                  span: TextSpan(start: scalar, end: scalar + n, utf8Start: byte, utf8End: byte + b)))
        scalar += n; byte += b
    }
    let body = pieces.joined(separator: " ")
    let para = Paragraph(text: body, kind: .paragraph, span: TextSpan(start: 0, end: body.unicodeScalars.count, utf8Start: 0, utf8End: body.utf8.count))
    return Article(id: "t", published: published, language: "en", text: body, paragraphs: [para], sentences: sentences,
                   sections: [Section(heading: nil, headingParagraph: nil, paragraphs: [0])])
}

/// A small pack: three futures of a company's layoffs, with signals.
func layoffPack(independent: Bool = false) -> CompiledPack {
    CompiledPack(ScenarioPack(id: "test", independent: independent, scenarios: [
        Scenario(id: "efficiency", name: "Efficiency", description: "Automation lets smaller teams do the work.",
                 signals: [Signal("automation"), Signal("productivity gains")]),
        Scenario(id: "bloat", name: "Bloat", description: "The company over-hired and carries bloat.",
                 signals: [Signal("over-hiring"), Signal("bloat")]),
        Scenario(id: "costs", name: "Costs", description: "Chip and energy bills force the cuts.",
                 signals: [Signal("energy bills"), Signal("chips")]),
    ]))
}

extension ScenarioScores {
    subscript(_ id: String) -> ScenarioScore { scenarios.first { $0.id == id }! }
}
