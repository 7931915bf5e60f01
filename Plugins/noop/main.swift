import GalleyJSON
import GalleyPluginKit
import GalleyProtocol

// The smallest Swift plugin: it asks for nothing but the id and answers {}. Benchmarks use
// it to measure what the host itself costs per article.
PluginMain.run(manifest: PluginManifest(
    name: "noop", version: "1.0.0", provides: ["noop"], requires: ["id"],
    concurrency: 64, description: "Does nothing: measures the host's own cost per article."
)) { _, _ in .object(JSONObject()) }
