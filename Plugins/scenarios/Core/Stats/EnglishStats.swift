import Foundation

/// English corpus statistics shipped with the scorer, since one article alone has none:
/// document frequencies (idf weights) and a small latent semantic space (LSA) of word stems,
/// both built by `tools/build_stats.py` from the BBC development split only.
public struct EnglishStats: Sendable {
    public let documents: Int
    public let dims: Int
    struct Entry: Sendable { var df: Int32; var vector: Int32 }  // vector: row in `vectors`, -1 when none
    let entries: [String: Entry]
    let vectors: [Float]
    /// Mean length of a stem's vector: the scale at which a stem without a vector (unseen in the
    /// reference corpus, like "metaverse") enters a similarity as its own exact-match dimension.
    public let meanVectorNorm: Double

    public static let shared = EnglishStats(parsing: EnglishStatsData.text)

    /// Statistics from a file in the builder's line format (`build_stats.py --format tsv`), for
    /// held-out checks with statistics built on part of the data.
    public init(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("documents\t") else {
            throw PackError("stats", "not a statistics file: \(path)")
        }
        self.init(parsing: text)
    }

    /// Reads the builder's line format on bytes: every run of the scorer starts by reading
    /// 10,000 lines, so no per-field Substring, Data or String is made except the stem.
    init(parsing text: String) {
        var entries: [String: Entry] = [:]
        var vectors: [Float] = []
        var documents = 1, dims = 0
        var copy = text
        copy.withUTF8 { buf in
            var fields: [Range<Int>] = []
            var lineStart = 0
            var first = true
            while lineStart < buf.count {
                var lineEnd = lineStart
                while lineEnd < buf.count, buf[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                guard lineEnd > lineStart else { continue }
                fields.removeAll(keepingCapacity: true)
                var f = lineStart
                for k in lineStart...lineEnd where k == lineEnd || buf[k] == 0x09 { fields.append(f..<k); f = k + 1 }
                func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: buf[r]), as: UTF8.self) }
                if first {
                    first = false
                    if fields.count >= 4 { documents = Int(text(fields[1])) ?? 1; dims = Int(text(fields[3])) ?? 0 }
                    entries.reserveCapacity(12_000)
                    vectors.reserveCapacity(8_000 * max(dims, 1))
                    continue
                }
                guard fields.count >= 2, let df = Int32(text(fields[1])) else { continue }
                var row: Int32 = -1
                if fields.count >= 4, dims > 0, let scale = Float(text(fields[2])),
                   Self.base64Length(UnsafeBufferPointer(rebasing: buf[fields[3]])) == dims {
                    row = Int32(vectors.count / dims)
                    Self.decodeBase64(UnsafeBufferPointer(rebasing: buf[fields[3]])) { b in vectors.append(Float(Int8(bitPattern: b)) * scale) }
                }
                entries[text(fields[0])] = Entry(df: df, vector: row)
            }
        }
        self.documents = documents; self.dims = dims; self.entries = entries; self.vectors = vectors
        var total = 0.0
        let rows = dims > 0 ? vectors.count / dims : 0
        for r in 0..<rows {
            var n: Float = 0
            for k in 0..<dims { n += vectors[r * dims + k] * vectors[r * dims + k] }
            total += Double(n.squareRoot())
        }
        meanVectorNorm = rows > 0 ? total / Double(rows) : 1
    }

    /// Values of the base64 alphabet (255: not in it).
    static let base64Values: [UInt8] = {
        var t = [UInt8](repeating: 255, count: 256)
        for (k, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = UInt8(k) }
        return t
    }()

    /// The number of bytes `b64` decodes to, or nil when it is not base64 (padding allowed).
    static func base64Length(_ b64: UnsafeBufferPointer<UInt8>) -> Int? {
        var n = b64.count
        while n > 0, b64[n - 1] == UInt8(ascii: "=") { n -= 1 }
        guard b64.count % 4 == 0, b64.count - n <= 2 else { return nil }
        for k in 0..<n where base64Values[Int(b64[k])] == 255 { return nil }
        return n * 3 / 4
    }

    /// Calls `body` with each decoded byte of valid base64 (see `base64Length`).
    static func decodeBase64(_ b64: UnsafeBufferPointer<UInt8>, _ body: (UInt8) -> Void) {
        var n = b64.count
        while n > 0, b64[n - 1] == UInt8(ascii: "=") { n -= 1 }
        var acc: UInt32 = 0, bits = 0
        for k in 0..<n {
            acc = acc << 6 | UInt32(base64Values[Int(b64[k])])
            bits += 6
            if bits >= 8 { bits -= 8; body(UInt8(truncatingIfNeeded: acc >> UInt32(bits))) }
        }
    }

    /// Documents of the reference corpus containing the stem (0 when unseen).
    public func documentFrequency(_ stem: String) -> Int { Int(entries[stem]?.df ?? 0) }

    /// Smoothed inverse document frequency, ln((N+1)/(df+1)) + 1: the same formula as the builder.
    public func idf(_ stem: String) -> Double { idf(df: documentFrequency(stem)) }
    public func idf(df: Int) -> Double { log(Double(documents + 1) / Double(df + 1)) + 1 }
    /// The idf of a stem never seen: the largest value.
    public var maxIdf: Double { idf(df: 0) }

    /// Adds `weight` times the stem's vector to `into`; false when the stem has none.
    @discardableResult
    public func accumulate(_ stem: String, weight: Float, into: inout [Float]) -> Bool {
        guard let e = entries[stem], e.vector >= 0 else { return false }
        let base = Int(e.vector) * dims
        vectors.withUnsafeBufferPointer { v in
            for k in 0..<dims { into[k] += weight * v[base + k] }
        }
        return true
    }

    /// Both lookups at once, for the inner loop: (df, vector row or -1).
    func lookup(_ stem: String) -> (df: Int, row: Int) {
        guard let e = entries[stem] else { return (0, -1) }
        return (Int(e.df), Int(e.vector))
    }

    func add(row: Int, weight: Float, into: inout [Float]) {
        let base = row * dims
        vectors.withUnsafeBufferPointer { v in
            for k in 0..<dims { into[k] += weight * v[base + k] }
        }
    }
}

/// Cosine of two dense vectors (0 when either is zero).
public func cosine(_ a: [Float], _ b: [Float]) -> Double {
    var dot: Float = 0, na: Float = 0, nb: Float = 0
    for k in 0..<min(a.count, b.count) { dot += a[k] * b[k]; na += a[k] * a[k]; nb += b[k] * b[k] }
    guard na > 0, nb > 0 else { return 0 }
    return Double(dot / (na.squareRoot() * nb.squareRoot()))
}
