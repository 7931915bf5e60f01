/// A plugin's last words: the last non-blank line it wrote to stderr, kept (at most 200 bytes)
/// for the messages that say why it ended, in the records too, which are all a Spark `pipe()`
/// user sees. `PluginInstance` and `galley plugin check` keep it alike.
enum LastStderrLine {
    /// The line to keep of one stderr line: nil when it is blank.
    static func kept(_ bytes: ArraySlice<UInt8>) -> String? {
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
        return prefix(String(decoding: bytes.prefix(4096), as: UTF8.self), utf8Bytes: 200).trimmingCharacters(in: .whitespaces)
    }

    /// What a message adds: "; its last stderr line: ..." (nothing without one).
    static func suffix(_ line: String?) -> String { line.map { "; its last stderr line: \($0)" } ?? "" }

    /// At most `n` bytes of `s`'s UTF-8, cut between characters.
    static func prefix(_ s: String, utf8Bytes n: Int) -> String {
        guard s.utf8.count > n else { return s }
        var out = ""
        var used = 0
        for c in s {
            let size = c.utf8.count
            if used + size > n { break }
            out.append(c)
            used += size
        }
        return out
    }
}
