import Foundation
import GalleyJSON
import GalleyModel
import GalleyPluginKit
import GalleyProtocol
import SummarizeCore

/// galley-summarize: extractive summaries as a Galley plugin (see Plugins/summarize/README.md).
enum SummarizePlugin {
    static let manifest = PluginManifest(
        name: "summarize", version: "1.0.0", provides: ["summary"],
        requires: ["title", "deck", "sentences", "paragraphs", "sections", "faq", "budget"],
        options: SummaryOptions.schema, concurrency: 16,
        description: "Extractive summary: the article's most central sentences, never headings, tables, FAQ or bylines.")

    static func main() -> Never {
        if CommandLine.arguments.dropFirst().first == "--features" { FeatureDump.run() }
        let summarizer = Summarizer()
        PluginMain.run(manifest: manifest, checkOptions: { options in
            do { _ = try SummaryOptions(options: options) } catch { throw PluginFailure("\(error)", code: -32602) }
        }, process: { article, context in
            let options: SummaryOptions
            do { options = try SummaryOptions(options: context.options, lineBudget: context.extra["budget"]) } catch {
                throw PluginFailure("\(error)", code: -32602)
            }
            return summarizer.summarize(article, options: options).json
        })
    }
}

/// `--features`: Article NDJSON in, one line per article out with every sentence's features
/// and tier (what tools/train.py learns the weights from).
enum FeatureDump {
    static func run() -> Never {
        let summarizer = Summarizer()
        var out = ""
        while let line = readLine(strippingNewline: true) {
            guard !line.isEmpty, let value = try? JSONParser.parse(line), let article = try? Article(json: value) else { continue }
            let a = summarizer.analyze(article)
            let n = a.features.sentenceCount
            let rows: [JSONValue] = (0..<n).map { i in
                .array((0..<Features.count).map { JSONValue((a.features[i, $0] * 1e6).rounded() / 1e6) })
            }
            let record: JSONValue = .object(JSONObject([
                ("id", .string(article.id)), ("names", .array(Features.names.map(JSONValue.string))),
                ("tiers", .array(a.tiers.map { JSONValue($0.rawValue) })),
                ("kinds", .array(article.sentences.map { .string($0.kind.rawValue) })),
                ("sentences", .array(article.sentences.map { .string($0.text) })),
                ("rows", .array(rows)),
            ]))
            out += JSONWriter.string(record) + "\n"
            if out.utf8.count > 1 << 16 { FileHandle.standardOutput.write(out.data(using: .utf8)!); out = "" }
        }
        FileHandle.standardOutput.write(out.data(using: .utf8)!)
        exit(0)
    }
}

SummarizePlugin.main()
