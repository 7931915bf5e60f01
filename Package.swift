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
        // Raw-byte line reading and buffered writing, for every NDJSON stream.
        .target(name: "GalleyIO"),
        // Language pieces: encodings, tokens, sentences, stop words, dates, hashing.
        .target(name: "GalleyText", dependencies: []),
        // Raw input (plain text, JSON records) -> Article.
        .target(name: "GalleyIngest", dependencies: ["GalleyModel", "GalleyText", "GalleyJSON", "GalleyIO"]),
        // The line protocol: JSON-RPC messages, the manifest, raw-byte JSON editing.
        .target(name: "GalleyProtocol", dependencies: ["GalleyJSON", "GalleyModel"]),
        // What a Swift plugin links: the protocol loop, so a plugin is one function.
        .target(name: "GalleyPluginKit", dependencies: ["GalleyProtocol", "GalleyModel", "GalleyJSON", "GalleyIO"]),
        // The command-line interface.
        .executableTarget(name: "galley", dependencies: ["GalleyIngest", "GalleyModel", "GalleyJSON", "GalleyText", "GalleyIO", "galley-summarize"]),

        // Plugins/summarize: extractive summaries (issue 4).
        .target(name: "SummarizeCore", dependencies: ["GalleyModel", "GalleyText", "GalleyJSON"], path: "Plugins/summarize/Core"),
        .executableTarget(name: "galley-summarize", dependencies: ["SummarizeCore", "GalleyPluginKit", "GalleyProtocol"], path: "Plugins/summarize/Plugin"),

        .testTarget(name: "GalleyJSONTests", dependencies: ["GalleyJSON", "GalleyModel"]),
        .testTarget(name: "GalleyTextTests", dependencies: ["GalleyText"]),
        .testTarget(name: "GalleyIngestTests", dependencies: ["GalleyIngest", "GalleyModel", "GalleyJSON", "GalleyText"]),
        .testTarget(name: "GalleyCLITests", dependencies: ["galley"]),
        .testTarget(name: "SummarizeTests", dependencies: ["SummarizeCore", "GalleyIngest", "GalleyModel", "GalleyJSON"]),
    ]
)
