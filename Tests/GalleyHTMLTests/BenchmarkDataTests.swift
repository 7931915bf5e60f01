import Foundation
import XCTest
import GalleyJSON
@testable import GalleyHTML

/// A regression guard on the shared article-extraction benchmark pages (read at test time
/// from ../shared, skipped when absent): the body text must stay close to the hand-made
/// ground truth, scored with the benchmark's 4-word-shingle precision and recall.
final class BenchmarkDataTests: XCTestCase {
    static let folder = "../shared/data/aeb"

    func testDevelopmentPagesF1() throws {
        let truthPath = Self.folder + "/ground-truth.json"
        guard let truthData = FileManager.default.contents(atPath: truthPath) else {
            throw XCTSkip("shared benchmark data not found at \(truthPath)")
        }
        guard case .object(let truth) = try JSONParser.parse([UInt8](truthData)) else { return XCTFail("bad ground truth") }
        var precisions: [Double] = [], recalls: [Double] = []
        for (id, value) in truth {
            let path = Self.folder + "/html/\(id).html.gz"
            guard let gz = FileManager.default.contents(atPath: path), let gold = value["articleBody"]?.stringValue else { continue }
            let page = HTMLExtractor.extract(bytes: try Gzip.decompress([UInt8](gz)))
            let (p, r) = Self.shingleScores(gold: gold, predicted: page.bodyText)
            if let p { precisions.append(p) }
            if let r { recalls.append(r) }
        }
        XCTAssertGreaterThan(precisions.count, 50)
        let p = precisions.reduce(0, +) / Double(precisions.count)
        let r = recalls.reduce(0, +) / Double(recalls.count)
        let f1 = 2 * p * r / (p + r)
        print("AEB development pages: F1 \(f1) P \(p) R \(r)")
        XCTAssertGreaterThan(f1, 0.97, "extraction quality regressed (0.982 when written)")
    }

    /// Per-page precision and recall over multisets of 4-word shingles (words = runs of
    /// letters, digits and "_"), as the benchmark defines them; nil where undefined.
    static func shingleScores(gold: String, predicted: String) -> (Double?, Double?) {
        let g = shingles(gold), q = shingles(predicted)
        var tp = 0
        for (k, n) in q { tp += min(n, g[k] ?? 0) }
        let fp = q.values.reduce(0, +) - tp, fn = g.values.reduce(0, +) - tp
        let total = Double(tp + fp + fn)
        guard total > 0 else { return (nil, nil) }
        let (t, f, m) = (Double(tp) / total, Double(fp) / total, Double(fn) / total)
        let precision: Double? = tp + fp > 0 ? ((fp == 0 && fn == 0) ? 1 : t / (t + f)) : nil
        let recall: Double? = tp + fn > 0 ? ((fp == 0 && fn == 0) ? 1 : t / (t + m)) : nil
        return (precision, recall)
    }

    static func shingles(_ text: String) -> [[String]: Int] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c.properties.generalCategory == .nonspacingMark {
                current.append(c)
            } else if !current.isEmpty {
                words.append(String(current)); current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        var out: [[String]: Int] = [:]
        if words.isEmpty { return out }
        if words.count < 4 { out[words] = 1; return out }
        for i in 0...(words.count - 4) { out[Array(words[i..<(i + 4)]), default: 0] += 1 }
        return out
    }
}
