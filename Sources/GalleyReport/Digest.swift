import Foundation
import GalleyIO
import GalleyJSON

/// The readable per-article view `galley analyze` prints on a terminal.
public final class Digest: @unchecked Sendable {
    private let output: OutputWriter
    /// Writes to standard output unless given another descriptor.
    public init(fd: Int32 = 1) { output = OutputWriter(fd: fd) }

    /// Prints one article's digest at once (a person is reading). A reader that went away
    /// (`| head`) surfaces as `.closed`, so the run stops quietly instead of trapping.
    public func print(_ bytes: [UInt8]) throws(OutputWriter.WriteError) {
        guard let a = try? JSONParser.parse(bytes) else { return }
        let text = ReportText.visible(Self.render(a), keepNewlines: true)
        try output.writeLine(text.utf8.dropLast(text.hasSuffix("\n") ? 1 : 0))
        try output.flush()
    }

    public static func render(_ a: JSONValue) -> String {
        let row = ArticleRow(a)
        var s = "━━ \(row.title)"
        let meta = [row.site, row.published].filter { !$0.isEmpty }
        if !meta.isEmpty { s += "  (\(meta.joined(separator: ", ")))" }
        s += "\n"
        if let d = row.duplicateOf { s += "   duplicate of \(d): analysed once\n" }
        for e in row.errors { s += "   ! \(e)\n" }
        if !row.summary.isEmpty { s += wrap("Summary: " + row.summary, indent: "   ") }
        for j in row.judgements {
            guard let top = j.scores.first else { continue }
            s += "   Scenario" + (row.judgements.count > 1 && !j.pack.isEmpty ? " (\(j.pack))" : "") + ": \(top.name) \(Int((top.score * 100).rounded()))%"
            if j.verdict == "undetermined" { s += " (verdict: undetermined)" }
            s += "\n"
            if !j.topEvidence.isEmpty { s += wrap("Evidence: \"\(j.topEvidence)\"", indent: "     ") }
        }
        // The distinct figures with a subject (a change repeats its amount; repeats say nothing
        // new, in other words either: "1,000 employees", "a thousand jobs" and "1,000 roles" are
        // one figure). Not a bare count named by its noun ("billions of people").
        var seen: Set<String> = []
        let facts = FactReader.facts(in: a).filter { f in
            guard !f.subject.isEmpty, f.kind != "change", f.kind != "date" else { return false }
            if Reconciler.isBareCount(f) { return false }
            let amount = f.value.map { "\($0)" } ?? "\(f.low ?? .nan)-\(f.high ?? .nan)"
            return seen.insert(f.text.lowercased()).inserted && seen.insert("\(amount)|\(Reconciler.unitClass(f))|\(f.subject)|\(f.entity)").inserted
        }.prefix(6)
        if !facts.isEmpty {
            s += "   Facts: " + facts.map { f in
                var t = f.text
                let about = [f.entity, f.subject].filter { !$0.isEmpty }.joined(separator: " ")
                if !about.isEmpty { t += " (\(about))" }
                return t
            }.joined(separator: "; ") + "\n"
        }
        // Other plugins' results, compactly.
        for (name, value) in a["analyses"]?.objectValue ?? JSONObject() where !["summary", "metrics", "scenarios"].contains(name) {
            let text = JSONWriter.string(value)
            s += "   \(name): \(text.count > 160 ? String(text.prefix(157)) + "..." : text)\n"
        }
        let removed = a["removed"]?.arrayValue?.count ?? 0
        let faq = a["faq"]?.arrayValue?.count ?? 0
        let tables = a["tables"]?.arrayValue?.count ?? 0
        let sentences = a["sentences"]?.arrayValue?.count ?? 0
        s += "   \(sentences) sentences, \(faq) FAQ pairs, \(tables) tables, \(removed) boilerplate spans removed\n\n"
        return s
    }

    static func wrap(_ text: String, indent: String, width: Int = 100) -> String {
        var out = "", line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line != indent { out += line + "\n"; line = indent + "  " }
            line += (line.hasSuffix(" ") || line == indent ? "" : " ") + word
        }
        return out + line + "\n"
    }
}
