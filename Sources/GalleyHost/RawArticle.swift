import Foundation
import GalleyJSON
import GalleyModel
import GalleyProtocol

/// An article as the host carries it: its NDJSON bytes and the positions of its top-level
/// members, so that the host can pick fields and add results without decoding it.
struct RawArticle: Sendable {
    private(set) var bytes: [UInt8]
    private(set) var members: [RawJSON.Member]
    private(set) var close: Int
    /// The members of `analyses`, when known from writing or editing it, with positions
    /// relative to the start of its value (so edits elsewhere leave them as they are): results
    /// are added there, and `--fields analyses.x` then picks one without a rescan.
    private var analysesInner: [RawJSON.Member]?

    /// The members of `analyses` with positions in `bytes`, when known.
    var analysesMembers: [RawJSON.Member]? {
        guard let inner = analysesInner, let a = members.last(where: { $0.key == "analyses" }) else { return nil }
        return inner.map { $0.shifted(by: a.value.lowerBound) }
    }

    init(bytes: [UInt8]) throws(JSONError) {
        let parsed = try RawJSON.members(bytes)
        self.bytes = bytes
        members = parsed.members
        close = parsed.close
    }

    /// An article just written: its member positions come from the writer. With `only`, just
    /// those top-level members are written, and of the fields in `elementMembers` just those
    /// members of their objects (see `Pipeline.membersNeeded`).
    init(article: Article, only: Set<String>? = nil, elementMembers: [String: Set<String>] = [:]) {
        let line = article.jsonLineWithMembers(only: only, elementMembers: elementMembers)
        bytes = line.bytes
        members = line.members.map { RawJSON.Member(key: $0.key, value: $0.value) }
        close = line.close
        if article.analyses.isEmpty, members.contains(where: { $0.key == "analyses" }) { analysesInner = [] }
        assert((try? RawJSON.members(bytes)).map { $0.members == members && $0.close == close } ?? false,
               "member positions recorded while writing differ from a fresh scan")
    }

    /// `newBytes` is `bytes` with member `key`'s value edited in place, or with `key` appended
    /// before the closing brace (`RawJSON.setting`): every other position shifts by the size change.
    private mutating func reset(_ newBytes: [UInt8], changed key: String) {
        let delta = newBytes.count - bytes.count
        members = RawJSON.members(members, afterEditing: key, delta: delta, close: close)
        close += delta
        bytes = newBytes
        assert((try? RawJSON.members(newBytes)).map { $0.members == members && $0.close == close } ?? false,
               "member positions after editing '\(key)' differ from a fresh scan")
    }

    func value(_ key: String) -> ArraySlice<UInt8>? {
        members.last(where: { $0.key == key }).map { bytes[$0.value] }
    }

    var id: String {
        guard let v = value("id"), let parsed = try? JSONParser.parse(v) else { return "?" }
        return parsed.stringValue ?? parsed.intValue.map(String.init) ?? "?"
    }

    /// Plugins are not asked about this article: it could not be read (an ingest error), or
    /// it is a duplicate of one analysed earlier in the run (`duplicate`). One plugin's failure
    /// does not stop the others.
    var skipsPlugins: Bool {
        if hasIngestError { return true }
        guard let d = value("duplicate") else { return false }
        return d.first == UInt8(ascii: "\"")
    }

    /// The article carries an `errors` entry from ingest.
    var hasIngestError: Bool {
        guard let v = value("errors"), v.contains(where: { $0 == UInt8(ascii: "{") }) else { return false }
        return Self.contains(v, Array(#""stage":"ingest""#.utf8))
    }

    /// Whether `needle` occurs in `hay`: memchr to each place its first byte occurs, then a
    /// comparison (`Pipeline` looks through whole input lines with it).
    static func contains(_ hay: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        let n = needle.count
        return hay.withUnsafeBufferPointer { h in
            guard let base = h.baseAddress else { return false }
            var from = 0
            while from + n <= h.count, let hit = memchr(base + from, Int32(first), h.count - from - n + 1) {
                let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + k, needle, n) == 0 { return true }
                from = k + 1
            }
            return false
        }
    }

    /// `analyses` has a member `name`.
    func hasAnalysis(_ name: String) -> Bool {
        if let known = analysesInner { return known.contains { $0.key == name } }
        guard let a = value("analyses"), let parsed = try? RawJSON.members(Array(a)) else { return false }
        return parsed.members.contains { $0.key == name }
    }

    /// The article carries an `errors` entry.
    var hasErrors: Bool {
        guard let v = value("errors") else { return false }
        return v.contains(where: { $0 == UInt8(ascii: "{") })
    }

    /// The object a plugin receives: `id`, the fields it requires (all when it asks for
    /// everything), and `analyses` narrowed to the analyses it requires or uses.
    func subset(fields: Set<String>?, analyses: Set<String>) -> [UInt8] {
        guard let fields else { return bytes }
        var out = RawJSON.object(from: bytes, members: members) { key in key == "id" || fields.contains(key) }
        if !analyses.isEmpty, let a = members.last(where: { $0.key == "analyses" }) {
            let inner = Array(bytes[a.value])
            if let parsed = try? RawJSON.members(inner) {
                let narrowed = RawJSON.object(from: inner, members: parsed.members) { analyses.contains($0) }
                if let o = try? RawJSON.members(out) {
                    out = RawJSON.setting("analyses", to: narrowed, in: out, members: o.members, close: o.close)
                }
            }
        }
        return out
    }

    mutating func addAnalysis(_ name: String, _ result: ArraySlice<UInt8>) {
        guard let a = value("analyses"), a.first == UInt8(ascii: "{") else {
            reset(RawJSON.addingAnalysis(name, result: Array(result), to: bytes, members: members, close: close), changed: "analyses")
            analysesInner = value("analyses").flatMap { try? RawJSON.members($0).members }
            return
        }
        // The analyses object's members: known, or read once.
        let inner = Array(a)
        guard let innerMembers = analysesInner ?? (try? RawJSON.members(inner))?.members else { return }
        let edited = RawJSON.settingWithMembers(name, to: Array(result), in: inner, members: innerMembers, close: inner.count - 1)
        reset(RawJSON.setting("analyses", to: edited.bytes, in: bytes, members: members, close: close), changed: "analyses")
        analysesInner = edited.members
        assert((try? RawJSON.members(value("analyses")!)).map { $0.members == analysesInner } ?? false,
               "analyses members recorded while editing differ from a fresh scan")
    }

    mutating func addError(stage: String, code: Int, message: String, data: JSONValue? = nil) {
        let item = JSONWriter.bytes(ArticleError(stage: stage, code: code, message: message, data: data).json)
        reset(RawJSON.appending(item, toArray: "errors", in: bytes, members: members, close: close), changed: "errors")
    }
}

/// An article on its way into the chain: bytes read from the input (a Galley article passing
/// through), or an Article ingest has just built and not yet written. Writing waits until the
/// chain is running: only then is it known which members anyone downstream reads.
enum IncomingArticle: Sendable {
    case raw(RawArticle)
    case built(Article)

    /// Bytes held, about: what reading ahead counts against its bound.
    var approximateSize: Int {
        switch self {
        case .raw(let r): return r.bytes.count
        case .built(let a): return a.text.utf8.count * 4 + 512
        }
    }

    func written(_ needed: ArticleProjection?) -> RawArticle {
        switch self {
        case .raw(let r): return r
        case .built(let a): return RawArticle(article: a, only: needed?.fields, elementMembers: needed?.elementMembers ?? [:])
        }
    }
}

/// What of an ingested article anyone downstream reads: its top-level `fields`, and for some
/// of them only certain members of their objects (`elementMembers`, e.g. `sentences` with
/// `text` and `kind`). See `Pipeline.membersNeeded`.
struct ArticleProjection: Equatable {
    var fields: Set<String>
    var elementMembers: [String: Set<String>] = [:]

    /// Adds what one reader reads: `fields`, of which `members` (field -> members) are read
    /// member by member and the rest whole. A field any reader reads whole is written whole.
    mutating func add(fields more: Set<String>, members: [String: Set<String>]) {
        for f in more {
            let alreadyWhole = fields.contains(f) && elementMembers[f] == nil
            if let m = members[f], !alreadyWhole {
                elementMembers[f, default: []].formUnion(m)
            } else {
                elementMembers[f] = nil
            }
            fields.insert(f)
        }
    }
}
