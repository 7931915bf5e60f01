/// A light plural stemmer: "elections" -> "election", "companies" -> "company", "taxes" -> "tax".
/// Deliberately weak (no "-ing"/"-ed" stripping): it must never merge unrelated words, and
/// `tools/build_stats.py` implements the very same function for the shipped statistics.
public enum Stemmer {
    public static func stem(_ word: String) -> String {
        let b = Array(word.utf8)
        let n = b.count
        guard n > 3 else { return word }
        func ends(_ s: String) -> Bool {
            let e = Array(s.utf8)
            return n >= e.count && Array(b[(n - e.count)...]) == e
        }
        if ends("ies"), n > 4 { return String(decoding: b[..<(n - 3)], as: UTF8.self) + "y" }
        if ends("sses") { return String(decoding: b[..<(n - 2)], as: UTF8.self) }
        if ends("ss") || ends("us") || ends("is") { return word }
        if ends("ches") || ends("shes") || (ends("es") && n > 4 && (b[n - 3] == 0x78 || b[n - 3] == 0x7A)) {
            return String(decoding: b[..<(n - 2)], as: UTF8.self)
        }
        if b[n - 1] == 0x73 { return String(decoding: b[..<(n - 1)], as: UTF8.self) }
        return word
    }
}
