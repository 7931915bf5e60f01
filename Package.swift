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
        // Tolerant HTML: encoding sniffing, gzip, tokenizer, tree builder, main-content and metadata extraction.
        .target(name: "GalleyHTML", dependencies: ["GalleyText", "GalleyJSON"]),
        // Raw input (plain text, JSON records, HTML pages) -> Article.
        .target(name: "GalleyIngest", dependencies: ["GalleyModel", "GalleyText", "GalleyJSON", "GalleyIO", "GalleyHTML"]),
        // The command-line interface.
        .executableTarget(name: "galley", dependencies: ["GalleyIngest", "GalleyModel", "GalleyJSON", "GalleyText", "GalleyIO"]),

        .testTarget(name: "GalleyJSONTests", dependencies: ["GalleyJSON", "GalleyModel"]),
        .testTarget(name: "GalleyTextTests", dependencies: ["GalleyText"]),
        .testTarget(name: "GalleyIngestTests", dependencies: ["GalleyIngest", "GalleyModel", "GalleyJSON", "GalleyText"]),
        .testTarget(name: "GalleyCLITests", dependencies: ["GalleyJSON"]),
        .testTarget(name: "GalleyHTMLTests", dependencies: ["GalleyHTML", "GalleyIngest", "GalleyModel", "GalleyJSON"]),
    ]
)
