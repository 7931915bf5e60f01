// swift-tools-version: 6.0
// Galley: a line-protocol plugin host for analysing news articles. No package dependencies:
// Foundation, Dispatch and the test libraries only.
import PackageDescription

let package = Package(
    name: "Galley",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "galley", targets: ["galley"]),
    ],
    targets: [
        // The value types everyone shares.
        .target(name: "GalleyJSON"),
        .target(name: "GalleyModel", dependencies: ["GalleyJSON"]),
        // Raw-byte line reading and buffered writing, for every NDJSON stream; a worker pool with
        // batched hand-off (ingest threads, the report feed).
        .target(name: "GalleyIO"),
        // Language pieces: encodings, tokens, sentences, stop words, dates, hashing.
        .target(name: "GalleyText", dependencies: ["GalleyJSON"]),
        // Tolerant HTML: encoding sniffing, gzip, tokenizer, tree builder, main-content and metadata extraction.
        .target(name: "GalleyHTML", dependencies: ["GalleyText", "GalleyJSON"]),
        // Raw input (plain text, JSON records, HTML pages) -> Article.
        .target(name: "GalleyIngest", dependencies: ["GalleyModel", "GalleyText", "GalleyJSON", "GalleyIO", "GalleyHTML"]),
        // The line protocol: JSON-RPC messages, the manifest, raw-byte JSON editing.
        .target(name: "GalleyProtocol", dependencies: ["GalleyJSON", "GalleyModel"]),
        // What a Swift plugin links: the protocol loop, so a plugin is one function.
        .target(name: "GalleyPluginKit", dependencies: ["GalleyProtocol", "GalleyModel", "GalleyJSON", "GalleyIO"]),
        // The plugin host: processes, supervision, scheduling, chains, discovery.
        .target(name: "GalleyHost", dependencies: ["GalleyProtocol", "GalleyIngest", "GalleyModel", "GalleyJSON", "GalleyIO"]),
        // Corpus runs: the --out folder (resumable, atomic), progress, report files.
        .target(name: "GalleyBatch", dependencies: ["GalleyJSON", "GalleyModel", "GalleyIO", "GalleyReport", "GalleyText"]),
        // Reports: facts and their reconciliation across articles, CSV, Markdown, HTML.
        .target(name: "GalleyReport", dependencies: ["GalleyJSON", "GalleyIO", "GalleyText"]),
        // A do-nothing Swift plugin: the host's relay cost in benchmarks and tests.
        .executableTarget(name: "galley-noop", dependencies: ["GalleyPluginKit"], path: "Plugins/noop"),
        // The command-line interface.
        .executableTarget(name: "galley", dependencies: ["GalleyHost", "GalleyBatch", "GalleyReport", "GalleyIngest", "GalleyModel", "GalleyJSON", "GalleyText", "GalleyIO", "GalleyProtocol", "galley-noop", "galley-summarize", "galley-metrics", "galley-scenarios"]),

        // Plugins: each a small executable over GalleyPluginKit, its logic in a library.
        // summarize: extractive summaries (issue 4).
        .target(name: "SummarizeCore", dependencies: ["GalleyModel", "GalleyText", "GalleyJSON"], path: "Plugins/summarize/Core"),
        .executableTarget(name: "galley-summarize", dependencies: ["SummarizeCore", "GalleyPluginKit", "GalleyProtocol"], path: "Plugins/summarize/Plugin"),
        // metrics: numbers, amounts, dates and ranges with what they measure (issue 5).
        .target(name: "MetricsCore", dependencies: ["GalleyModel", "GalleyText", "GalleyJSON"], path: "Plugins/metrics/Core"),
        .executableTarget(name: "galley-metrics", dependencies: ["MetricsCore", "GalleyPluginKit"], path: "Plugins/metrics/Plugin"),
        // scenarios: which future does the evidence support, and why (issue 6).
        .target(name: "ScenariosCore", dependencies: ["GalleyModel", "GalleyJSON", "GalleyText"],
                path: "Plugins/scenarios/Core"),
        .executableTarget(name: "galley-scenarios", dependencies: ["ScenariosCore", "GalleyPluginKit", "GalleyModel", "GalleyJSON"],
                          path: "Plugins/scenarios/Plugin"),

        // Seeded random generators the test targets share.
        .target(name: "GalleyTestSupport", path: "Tests/Support"),
        .testTarget(name: "GalleyJSONTests", dependencies: ["GalleyJSON", "GalleyModel", "GalleyTestSupport"]),
        .testTarget(name: "GalleyTextTests", dependencies: ["GalleyText", "GalleyTestSupport"]),
        .testTarget(name: "GalleyIngestTests", dependencies: ["GalleyIngest", "GalleyModel", "GalleyJSON", "GalleyText", "GalleyTestSupport"]),
        .testTarget(name: "GalleyProtocolTests", dependencies: ["GalleyProtocol", "GalleyJSON", "GalleyModel"]),
        .testTarget(name: "GalleyHostTests", dependencies: ["GalleyHost", "GalleyProtocol", "GalleyJSON", "GalleyIO", "GalleyModel"]),
        .testTarget(name: "GalleyReportTests", dependencies: ["GalleyReport", "GalleyJSON"]),
        .testTarget(name: "GalleyBatchTests", dependencies: ["GalleyBatch", "GalleyReport"]),
        .testTarget(name: "GalleyCLITests", dependencies: ["galley"]),
        .testTarget(name: "GalleyHTMLTests", dependencies: ["GalleyHTML", "GalleyIngest", "GalleyModel", "GalleyJSON", "GalleyTestSupport"]),
        .testTarget(name: "SummarizeTests", dependencies: ["SummarizeCore", "GalleyIngest", "GalleyModel", "GalleyJSON", "GalleyText", "GalleyTestSupport"]),
        .testTarget(name: "MetricsTests", dependencies: ["MetricsCore", "GalleyIngest", "GalleyModel", "GalleyJSON"]),
        .testTarget(name: "ScenariosTests", dependencies: ["ScenariosCore", "GalleyIngest", "GalleyModel", "GalleyJSON"]),
    ]
)

// Release builds on Linux are fully static executables (the Swift runtime, Foundation and the C
// library linked in, no dynamic loader): a Galley pipeline starts a process per command and per
// plugin instance (Spark, one per partition), and a static executable starts with a third of the
// page faults and none of the relocation work. `galley run summarize` with no input: 12.4 ms with
// the runtime linked statically into a dynamic executable, 7.5 ms fully static (README, Host).
// Every module is compiled for the static runtime and executables link statically. Galley calls
// nothing that needs the system's name-service libraries at run time (user or group look-ups).
// Debug builds (swift run, swift test) link dynamically.
let staticRelease = BuildSettingCondition.when(platforms: [.linux], configuration: .release)
for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-static-executable"], staticRelease)]
    if target.type == .executable {
        target.linkerSettings = (target.linkerSettings ?? []) + [.unsafeFlags(["-static-executable"], staticRelease)]
    }
}
