import GalleyJSON
import GalleyModel
import GalleyPluginKit
import GalleyProtocol
import ScenariosCore

// galley-scenarios: which future does the evidence support, and why. A stateless line filter:
// the pack comes from --option pack=FILE or inline in each line ("scenarios": {...}, or the
// scoring harness's "scenarios": [...] with "pack": "<id>").

let manifest = PluginManifest(
    name: "scenarios", version: "1.0.0", provides: ["scenarios"],
    // The whole article: besides text, sentences, sections and tables it needs the line's own
    // "scenarios" pack, a carried-through field that shares its name with this plugin's analysis
    // (so naming it in `requires` would ask for the analysis, not the field).
    requires: ["*"],
    uses: ["metrics", "sentences"],
    options: [
        "type": "object",
        "properties": [
            "pack": ["type": ["array", "string"], "items": ["type": "string"],
                     "description": "path of a scenario pack (protocol/scenario-pack.schema.json), or a JSON array of paths; a line's own \"scenarios\" wins"],
            "evidence": ["type": "integer", "minimum": 0, "maximum": 50, "default": 5, "description": "support items quoted per scenario"],
            "offsets": ["type": "boolean", "default": true, "description": "give evidence offsets into article.text (false: quote text only)"],
            "features": ["type": "boolean", "default": false, "description": "add each scenario's score inputs (for calibration)"],
            "stats": ["type": "string", "description": "evaluation only: statistics file (build_stats.py --format tsv) instead of the shipped ones"],
            "calibration": ["type": "object", "description": "evaluation only: {semantic, lexical, evidence} weights instead of the fitted ones"],
        ],
        "additionalProperties": false,
    ],
    concurrency: 1,
    description: "Scores an article against analyst-defined scenarios: calibrated probabilities, quoted evidence, a verdict."
)

/// Packs compiled once: the option's file by path, the last inline pack by value.
final class PackCache: @unchecked Sendable {
    var files: [String: CompiledPack] = [:]
    var lastInline: (JSONValue, String?, CompiledPack)?
    var stats = EnglishStats.shared
    var statsPath: String?

    func useStats(_ path: String?) throws {
        guard path != statsPath else { return }
        stats = try path.map(EnglishStats.init(file:)) ?? .shared
        statsPath = path
        files = [:]
        lastInline = nil
    }

    func file(_ path: String) throws -> CompiledPack {
        if let p = files[path] { return p }
        let p = CompiledPack(try PackReader.read(file: path), stats: stats)
        files[path] = p
        return p
    }

    func inline(_ value: JSONValue, id: String?) throws -> CompiledPack {
        if let (v, i, p) = lastInline, i == id, v == value { return p }
        let p = CompiledPack(try PackReader.read(value, id: id), stats: stats)
        lastInline = (value, id, p)
        return p
    }
}

let cache = PackCache()

func calibration(_ options: JSONObject) -> Calibration {
    var c = Calibration.fitted
    guard let o = options["calibration"]?.objectValue else { return c }
    if let x = o["semantic"]?.doubleValue { c.semantic = x }
    if let x = o["lexical"]?.doubleValue { c.lexical = x }
    if let x = o["evidence"]?.doubleValue { c.evidence = x }
    return c
}

/// The packs to score against: the line's own, else the option's file or files.
func packs(for article: Article, options: JSONObject) throws -> [CompiledPack] {
    if let inline = article.extra["scenarios"], !inline.isNull {
        return [try cache.inline(inline, id: article.extra["pack"]?.stringValue)]
    }
    if let paths = packPaths(options), !paths.isEmpty { return try paths.map(cache.file) }
    throw PluginFailure("no scenario pack: give one with --pack FILE (or --option scenarios.pack=FILE), or a \"scenarios\" pack in the article's record",
                        code: GalleyErrorCode.invalidParams)
}

func packPaths(_ options: JSONObject) -> [String]? {
    switch options["pack"] {
    case .string(let p)?: return [p]
    case .array(let a)?: return a.compactMap(\.stringValue)
    default: return nil
    }
}

PluginMain.run(manifest: manifest, checkOptions: { options in
    try cache.useStats(options["stats"]?.stringValue)
    for path in packPaths(options) ?? [] { _ = try cache.file(path) }
}, process: { article, context in
    let compiled: [CompiledPack]
    do {
        try cache.useStats(context.options["stats"]?.stringValue)
        compiled = try packs(for: article, options: context.options)
    } catch let e as PackError {
        throw PluginFailure(e.description, code: GalleyErrorCode.invalidParams)
    }
    let metrics = MetricItem.items(from: article.analyses["metrics"])
    let results: [JSONValue] = compiled.map { pack in
        var scorer = ScenarioScorer(pack: pack, calibration: calibration(context.options), stats: cache.stats)
        if let n = context.options["evidence"]?.intValue { scorer.maxSupport = n }
        return scorer.score(article, metrics: metrics).json(features: context.options["features"]?.boolValue ?? false,
                                                            offsets: context.options["offsets"]?.boolValue ?? true)
    }
    // Several packs: the first one's result as usual, and every pack's under "packs".
    guard results.count > 1, case .object(var first) = results[0] else { return results[0] }
    first["packs"] = .array(results)
    return .object(first)
})
