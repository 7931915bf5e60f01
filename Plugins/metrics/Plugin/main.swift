import GalleyJSON
import GalleyPluginKit
import GalleyProtocol
import MetricsCore

// galley-metrics: every number in an article with what it measures. The work is in
// MetricsCore; this file only declares the plugin and hands each article to it.
let manifest = PluginManifest(
    name: "metrics", version: "1.0.0", provides: ["metrics"],
    requires: ["text", "sentences", "published"],
    options: ["type": "object", "properties": [:], "additionalProperties": false],
    concurrency: 64,
    description: "Numbers, amounts, percentages, quantities, dates, durations, ranges and changes, with unit, qualifier, subject and entity.")

let extractor = Extractor()
PluginMain.run(manifest: manifest) { article, _ in
    .array(extractor.extract(article).map(\.json))
}
