import Foundation
import Testing
@testable import ScenariosCore

/// The shipped corpus statistics read on bytes agree with a plain reading of the same lines
/// (Foundation's splitting, Float parsing and base64 decoding).
@Suite struct EnglishStatsTests {
    @Test func byteReaderAgreesWithAPlainReading() {
        let stats = EnglishStats.shared
        var documents = 0, dims = 0, rows = 0, checked = 0
        for (k, line) in EnglishStatsData.text.split(separator: "\n").enumerated() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if k == 0 { documents = Int(f[1])!; dims = Int(f[3])!; continue }
            let stem = String(f[0])
            #expect(stats.documentFrequency(stem) == Int(f[1])!, "\(stem)")
            let entry = stats.entries[stem]
            if f.count >= 4, let scale = Float(f[2]), let bytes = Data(base64Encoded: String(f[3])), bytes.count == dims {
                rows += 1
                guard let row = entry.map({ Int($0.vector) }), row >= 0 else { Issue.record("\(stem) lost its vector"); continue }
                let expected = bytes.map { Float(Int8(bitPattern: $0)) * scale }
                #expect(Array(stats.vectors[(row * dims)..<((row + 1) * dims)]) == expected, "\(stem)")
                checked += 1
            } else {
                #expect(entry?.vector == -1, "\(stem) has a vector it should not")
            }
        }
        #expect(stats.documents == documents && stats.dims == dims && documents == 1117 && dims == 48)
        #expect(stats.entries.count == 10_459 && rows == 7_714 && checked == rows)
    }

    @Test func base64EdgeCases() {
        func decode(_ s: String) -> [UInt8]? {
            var out: [UInt8] = []
            let ok = Array(s.utf8).withUnsafeBufferPointer { b -> Bool in
                guard EnglishStats.base64Length(b) != nil else { return false }
                EnglishStats.decodeBase64(b) { out.append($0) }
                return true
            }
            return ok ? out : nil
        }
        for bytes: [UInt8] in [[], [0], [255, 1], [1, 2, 3], [250, 251, 252, 253], Array(0...200)] {
            #expect(decode(Data(bytes).base64EncodedString()) == bytes)
        }
        #expect(decode("abc") == nil)      // not a multiple of 4
        #expect(decode("ab!d") == nil)     // outside the alphabet
        #expect(decode("a===") == nil)     // too much padding
    }
}
