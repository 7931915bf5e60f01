/// Lowercase function words keyed by their packed bytes: a lookup without building a String.
struct StopWordSet: Sendable {
    private let table: PackedNameTable<Bool>

    init(_ words: Set<String>) {
        table = PackedNameTable(words.compactMap { w in PackedName(w).map { ($0, true) } })
    }

    /// `word` as written; ASCII letters are lowercased, curly apostrophes are not matched.
    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count <= 16 else { return false }
        var low: UInt64 = 0, high: UInt64 = 0
        for (k, raw) in word.enumerated() {
            let b = raw >= 0x41 && raw <= 0x5A ? raw | 0x20 : raw
            if k < 8 { low |= UInt64(b) << (8 * UInt64(k)) } else { high |= UInt64(b) << (8 * UInt64(k - 8)) }
        }
        var key = PackedName()
        key.low = low
        key.high = high
        return table.contains(key)
    }
}
