import GalleyJSON

/// `--fields title,analyses.summary`: the members of each output object to keep, so that a
/// pipeline that wants a few fields does not carry (and its next stage parse) the whole
/// article. Dotted paths reach into objects, and through arrays into each of their objects
/// (`sentences.text`: every sentence's text, as jq's `.sentences[].text` would pick them, in
/// their array). `id` and `errors` are always kept: a record
/// still says which article it is and whether anything failed. Works on the raw bytes.
public struct FieldSelection: Sendable, Equatable {
    /// Selected keys; an empty selection under a key keeps its whole value.
    public private(set) var children: [String: FieldSelection] = [:]

    public init() {}

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses a comma-separated list of paths ("id,title,analyses.summary.text").
    public init(parsing list: String) throws(Invalid) {
        for path in list.split(separator: ",") {
            let parts = path.filter { $0 != " " }.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else {
                throw Invalid(description: "--fields: '\(path)' is not a field path (names joined by '.', e.g. analyses.summary)")
            }
            add(parts[...])
        }
        guard !children.isEmpty else { throw Invalid(description: "--fields: name at least one field") }
    }

    private mutating func add(_ parts: ArraySlice<String>) {
        guard let first = parts.first else { return }
        let rest = parts.dropFirst()
        if var child = children[first] {
            // "analyses" and "analyses.summary": the whole value wins.
            guard !child.children.isEmpty else { return }
            if rest.isEmpty { child.children = [:] } else { child.add(rest) }
            children[first] = child
        } else {
            var child = FieldSelection()
            child.add(rest)
            children[first] = child
        }
    }

    /// The object in `bytes` narrowed to the selection (top level: plus `id` and `errors`).
    /// Anything that is not an object is returned unchanged.
    public func apply(_ bytes: [UInt8]) -> [UInt8] {
        narrow(bytes, alwaysKeep: ["id", "errors"])
    }

    /// The same, for an object whose top-level members are already known (no scan), and, in
    /// `nested`, the members of some of its object values (positions in `bytes`): a path into
    /// one of those needs no scan of it either.
    public func apply(_ bytes: [UInt8], members: [RawJSON.Member], nested: [String: [RawJSON.Member]] = [:]) -> [UInt8] {
        narrow(bytes, members: members, alwaysKeep: ["id", "errors"], nested: nested)
    }

    private func narrow(_ bytes: [UInt8], alwaysKeep: Set<String>) -> [UInt8] {
        guard let parsed = try? RawJSON.members(bytes) else { return bytes }
        return narrow(bytes, members: parsed.members, alwaysKeep: alwaysKeep)
    }

    private func narrow(_ bytes: [UInt8], members: [RawJSON.Member], alwaysKeep: Set<String>,
                        nested: [String: [RawJSON.Member]] = [:]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(min(bytes.count, 4096))
        var first = true
        for m in members {
            let value: ArraySlice<UInt8>
            if let sub = children[m.key] {
                if sub.children.isEmpty {
                    value = bytes[m.value]
                } else if bytes[m.value].first == UInt8(ascii: "[") {
                    // Through an array: each object element narrowed, anything else left out.
                    guard let items = try? RawJSON.elements(bytes[m.value]) else { continue }
                    var array: [UInt8] = [UInt8(ascii: "[")]
                    let base = m.value.lowerBound
                    for item in items {
                        let element = bytes[(base + item.lowerBound)..<(base + item.upperBound)]
                        guard element.first == UInt8(ascii: "{") else { continue }
                        if array.count > 1 { array.append(UInt8(ascii: ",")) }
                        array += sub.narrow(Array(element), alwaysKeep: [])
                    }
                    array.append(UInt8(ascii: "]"))
                    value = array[...]
                } else {
                    // A path into null keeps the null (the field is there, empty); into any
                    // other non-object it selects nothing.
                    if bytes[m.value].first == UInt8(ascii: "n") {
                        value = bytes[m.value]
                    } else if bytes[m.value].first != UInt8(ascii: "{") {
                        continue
                    } else if let inner = nested[m.key] {
                        value = sub.narrow(bytes, members: inner, alwaysKeep: [])[...]
                    } else {
                        value = sub.narrow(Array(bytes[m.value]), alwaysKeep: [])[...]
                    }
                }
            } else if alwaysKeep.contains(m.key) {
                value = bytes[m.value]
            } else {
                continue
            }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONWriter.writeString(m.key, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: value)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

extension FieldSelection {
    /// The selected paths, each as its keys ("analyses.summary": ["analyses", "summary"]).
    public var paths: [[String]] {
        children.keys.sorted().flatMap { key -> [[String]] in
            let child = children[key]!
            return child.children.isEmpty ? [[key]] : child.paths.map { [key] + $0 }
        }
    }

    /// Whether the object `bytes` has a value at `path` (through arrays: in any of their elements).
    /// A path that runs into null or an empty array counts as had: the field is there, with
    /// nothing in it this time ("faq.question" on articles without FAQ is no typo).
    static func has(_ path: ArraySlice<String>, in bytes: ArraySlice<UInt8>) -> Bool {
        guard let key = path.first else { return true }
        let lead = bytes.first(where: { $0 > 0x20 })
        if lead == UInt8(ascii: "n") { return true }
        if lead == UInt8(ascii: "[") {
            guard let items = try? RawJSON.elements(bytes) else { return false }
            return items.isEmpty || items.contains { has(path, in: bytes[(bytes.startIndex + $0.lowerBound)..<(bytes.startIndex + $0.upperBound)]) }
        }
        guard let m = (try? RawJSON.members(bytes))?.members.last(where: { $0.key == key }) else { return false }
        return has(path.dropFirst(), in: bytes[(bytes.startIndex + m.value.lowerBound)..<(bytes.startIndex + m.value.upperBound)])
    }
}

/// Which selected paths no written line has had: `--fields analyses.sumary` (a typo) would
/// otherwise write bare ids without a word. Each line is looked at only until every path has
/// been seen once. Not thread-safe: one writer notes the lines in order.
public struct FieldCoverage: Sendable {
    public private(set) var unseen: [[String]]
    private var noted = 0
    private var lastArticle: [UInt8] = []

    public init(_ selection: FieldSelection) { unseen = selection.paths }

    /// Notes one written article (before narrowing), with its top-level members when the
    /// writer knows them (no second scan of every line while a mistyped path stays unseen).
    public mutating func note(_ article: [UInt8], members: [RawJSON.Member]? = nil) {
        guard !unseen.isEmpty else { return }
        noted += 1
        // Looked for in the article: narrowing drops an array's non-object elements, and an
        // array left empty by that would pass for one that was empty.
        // The top level is scanned once for every path, not once per path.
        guard let top = members ?? (try? RawJSON.members(article[...]).members) else { lastArticle = article; return }
        unseen.removeAll { path in
            guard let m = top.last(where: { $0.key == path[0] }) else { return false }
            return FieldSelection.has(path.dropFirst(), in: article[m.value])
        }
        lastArticle = article
    }

    /// One line per path that no written article had, naming what the last one had there.
    public var warnings: [String] {
        guard noted > 0 else { return [] }
        return unseen.map { path in
            var value = lastArticle[...], place = "articles have"
            for (k, key) in path.enumerated() {
                // Through an array, its first object tells what its elements have.
                if value.first(where: { $0 > 0x20 }) == UInt8(ascii: "["), let items = try? RawJSON.elements(value),
                   let first = items.map({ value[(value.startIndex + $0.lowerBound)..<(value.startIndex + $0.upperBound)] })
                       .first(where: { $0.first(where: { $0 > 0x20 }) == UInt8(ascii: "{") }) {
                    value = first
                }
                guard let members = (try? RawJSON.members(value))?.members else { break }
                guard let m = members.last(where: { $0.key == key }) else {
                    let keys = members.isEmpty ? "nothing" : members.map(\.key).joined(separator: ", ")
                    return "--fields: no article written had \(path.joined(separator: ".")) (\(place): \(keys))"
                }
                value = value[(value.startIndex + m.value.lowerBound)..<(value.startIndex + m.value.upperBound)]
                place = path[...k].joined(separator: ".") + " has"
            }
            return "--fields: no article written had \(path.joined(separator: "."))"
        }
    }
}
