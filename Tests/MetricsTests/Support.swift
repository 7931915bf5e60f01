import Foundation
import GalleyIngest
import GalleyModel
@testable import MetricsCore

/// Where the package's folders are, from this file's location.
enum Paths {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = package.appendingPathComponent("seeds")
    static let shared = package.deletingLastPathComponent().appendingPathComponent("shared")
    static func seed(_ prefix: String) -> URL {
        let name = try! FileManager.default.contentsOfDirectory(atPath: seeds.path).first { $0.hasPrefix(prefix) }!
        return seeds.appendingPathComponent(name)
    }
}

/// Metrics of a text read as given (raw ingest: offsets refer to it), with an optional
/// publication date.
func metrics(_ text: String, published: String? = nil) -> [Metric] {
    var a = Ingester.rawArticle(text: text, id: "t")
    a.published = published
    return Extractor().extract(a)
}

/// The first item whose text is `text` (and of `kind`, when given).
func item(_ items: [Metric], _ text: String, _ kind: MetricKind? = nil) -> Metric? {
    items.first { $0.text == text && (kind == nil || $0.kind == kind) }
}

extension Metric {
    var number: Double? { value.number }
    var iso: String? { value.text }
    var range: (Double?, Double?)? { if case .range(let a, let b) = value { return (a, b) }; return nil }
}
