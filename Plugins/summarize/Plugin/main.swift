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
        // Of the sentences, only what the ranking reads (their offsets are a quarter of a
        // request's bytes); of FAQ pairs, which blocks they cover.
        requires: ["title", "deck", "sentences.text", "sentences.paragraph", "sentences.kind",
                   "faq.question", "faq.paragraphs", "budget"],
        options: SummaryOptions.schema, concurrency: 64,
        description: "Extractive summary: the article's most central sentences, never headings, tables, FAQ or bylines.")

    static func main() -> Never {
        if CommandLine.arguments.dropFirst().first == "--features" { FeatureDump.run() }
        if CommandLine.arguments.dropFirst().first == "--bench" { Bench.run(Array(CommandLine.arguments.dropFirst(2))) }
        let summarizer = Summarizer()
        PluginMain.run(manifest: manifest, checkOptions: { options in
            _ = try SummaryOptions(options: options)  // an OptionError's text names the option
        }, processEncoded: { article, context in
            let options: SummaryOptions
            do { options = try SummaryOptions(options: context.options, lineBudget: context.extra["budget"]) } catch {
                throw PluginFailure("\(error)", code: -32602)
            }
            return summarizer.summarize(article, options: options).encoded
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

/// `--bench FILE [PASSES]`: the plugin's own work on Article NDJSON held in memory (JSON
/// decode, ranking, result encoding; no pipes, no host), timed per stage. The first pass
/// starts with an empty lexicon, as a fresh process does; later passes show the steady state.
enum Bench {
    static func run(_ args: [String]) -> Never {
        guard let path = args.first, let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write("usage: galley-summarize --bench ARTICLES.ndjson [PASSES]\n".data(using: .utf8)!)
            exit(64)
        }
        let passes = args.count > 1 ? max(1, Int(args[1]) ?? 3) : 3
        var lines: [[UInt8]] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var start = 0
            for k in 0...raw.count where k == raw.count || raw[k] == 0x0A {
                if k > start { lines.append(Array(raw[start..<k])) }
                start = k + 1
            }
        }
        let summarizer = Summarizer()
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_MONOTONIC, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        print("pass  articles  decode µs/art  rank µs/art  encode µs/art  total µs/art  articles/s")
        for pass in 1...passes {
            var decode = 0.0, rank = 0.0, encode = 0.0, bytes = 0
            for line in lines {
                let t0 = now()
                // As the plugin reads a request's article: the fast reader, the general one if it declines.
                guard let article = Article.fastDecoded(line[...]) ?? (try? JSONParser.parse(line)).flatMap({ try? Article(json: $0) }) else { continue }
                let t1 = now()
                let options = (try? SummaryOptions(options: JSONObject(), lineBudget: article.extra["budget"])) ?? SummaryOptions()
                let summary = summarizer.summarize(article, options: options)
                let t2 = now()
                bytes += summary.encoded.count
                let t3 = now()
                decode += t1 - t0; rank += t2 - t1; encode += t3 - t2
            }
            let n = Double(lines.count), total = decode + rank + encode
            print(String(format: "%4d  %8d  %13.1f  %11.1f  %13.1f  %12.1f  %10.0f", pass, lines.count,
                         decode / n * 1e6, rank / n * 1e6, encode / n * 1e6, total / n * 1e6, n / total))
        }
        exit(0)
    }
}

SummarizePlugin.main()
