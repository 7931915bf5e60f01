import Foundation
import GalleyJSON
import GalleyText

/// A pack that cannot be used, with the JSON path of the offending field
/// (`scenarios[1].signals[0].weight`), so that the analyst can fix it.
public struct PackError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var problem: String
    public init(_ field: String, _ problem: String) { self.field = field; self.problem = problem }
    public var description: String { "scenario pack: '\(field)' \(problem)" }
}

/// Reads and validates scenario packs (protocol/scenario-pack.schema.json).
public enum PackReader {
    /// The metric kinds the metrics plugin produces.
    public static let metricKinds: Set<String> = ["number", "ordinal", "percent", "money", "quantity", "date", "duration", "range", "change"]

    public static func read(file path: String) throws -> ScenarioPack {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PackError("pack", "file not found or unreadable: \(path)")
        }
        let bytes = Array(data)
        // A byte order mark, as editors on Windows write one, is no part of the JSON.
        let json = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        let value: JSONValue
        do { value = try JSONParser.parse(json) } catch {
            throw PackError("pack", "is not valid JSON (\(path)): \(error)")
        }
        do { return try read(value) } catch let e as PackError {
            // Which file, when packs come from a folder the user did not name one by one.
            throw PackError(e.field, "\(e.problem) (in \(path))")
        }
    }

    /// A whole pack object, or (the scoring harness's inline form) an array of scenarios with the
    /// pack id given separately.
    public static func read(_ value: JSONValue, id fallbackID: String? = nil) throws -> ScenarioPack {
        if case .array = value {
            return try read(.object(JSONObject([("pack", .string(fallbackID ?? "inline")), ("scenarios", value)])))
        }
        guard case .object(let o) = value else { throw PackError("pack", "must be an object, not \(value.kindName)") }
        try checkSpelling(o, known: ["pack", "id", "name", "independent", "scenarios"], path: nil)
        let id: String
        if let v = o["pack"] ?? o["id"] {
            guard let s = v.stringValue, !s.trimmed.isEmpty else { throw PackError("pack", "must be a non-empty string (the pack id)") }
            id = s
        } else if let fallbackID {
            id = fallbackID
        } else {
            throw PackError("pack", "is missing: give the pack an id")
        }
        var independent = false
        if let v = o["independent"], !v.isNull {
            guard let b = v.boolValue else { throw PackError("independent", "must be true or false") }
            independent = b
        }
        guard let list = o["scenarios"] else { throw PackError("scenarios", "is missing") }
        guard case .array(let items) = list else { throw PackError("scenarios", "must be an array of scenarios") }
        guard !items.isEmpty else { throw PackError("scenarios", "must hold at least one scenario") }
        if !independent && items.count < 2 {
            throw PackError("scenarios", "must hold at least two scenarios (or set \"independent\": true)")
        }
        var scenarios: [Scenario] = []
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let s = try scenario(item, path: "scenarios[\(i)]", independent: independent)
            guard seen.insert(s.id).inserted else { throw PackError("scenarios[\(i)].id", "repeats the id \"\(s.id)\"") }
            scenarios.append(s)
        }
        return ScenarioPack(id: id, name: o["name"]?.stringValue, independent: independent, scenarios: scenarios)
    }

    /// Members a pack may carry beyond its fields ("note", "source") are fine; a member spelt
    /// nearly like a field ("signal", "Prior", "weigth") is a typo that would silently drop
    /// what the analyst meant, so it is refused with the field it resembles.
    static func checkSpelling(_ o: JSONObject, known: [String], path: String?) throws {
        for key in o.keys where !known.contains(key) {
            if let meant = known.first(where: { resembles(key, $0, edits: 0) }) ?? known.first(where: { resembles(key, $0, edits: 2) }) {
                throw PackError(path.map { "\($0).\(key)" } ?? key, "is not a pack field; did you mean '\(meant)'?")
            }
        }
    }

    /// The same word but for case or a plural, or (for names of five letters or more) up to
    /// `edits` letters changed, added, dropped or swapped.
    static func resembles(_ key: String, _ field: String, edits: Int) -> Bool {
        func singular(_ w: String) -> String {
            if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
            return w.hasSuffix("s") ? String(w.dropLast()) : w
        }
        let a = key.lowercased(), b = field.lowercased()
        if a == b || singular(a) == singular(b) { return true }
        guard edits > 0, min(a.count, b.count) >= 5 else { return false }
        return editDistance(Array(a), Array(b)) <= edits
    }

    /// Levenshtein distance with adjacent swaps counted as one edit (optimal string alignment).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    static func scenario(_ v: JSONValue, path: String, independent: Bool) throws -> Scenario {
        guard case .object(let o) = v else { throw PackError(path, "must be an object") }
        try checkSpelling(o, known: ["id", "name", "description", "signals", "conditions", "prior"], path: path)
        func text(_ key: String) throws -> String {
            guard let raw = o[key] else { throw PackError("\(path).\(key)", "is missing") }
            guard let s = raw.stringValue, !s.trimmed.isEmpty else { throw PackError("\(path).\(key)", "must be a non-empty string") }
            return s
        }
        let id = try text("id")
        // Letters keep their combining marks ("e" + U+0301 is "é" too).
        let marks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]
        guard id.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || marks.contains($0.properties.generalCategory)
                                             || "-_.:".unicodeScalars.contains($0) }) else {
            throw PackError("\(path).id", "may hold only letters, digits and - _ . :")
        }
        // The verdict names "undetermined" when no scenario is supported: a scenario of that id
        // could not be told from it.
        guard id.lowercased() != "undetermined" else { throw PackError("\(path).id", "may not be \"undetermined\" (the verdict's word for none)") }
        let name = try text("name")
        let description = try text("description")
        try requireContent(description, path: "\(path).description")
        var signals: [Signal] = []
        if let raw = o["signals"], !raw.isNull {
            guard case .array(let a) = raw else { throw PackError("\(path).signals", "must be an array of phrases or {text, weight} objects") }
            for (k, item) in a.enumerated() { signals.append(try signal(item, path: "\(path).signals[\(k)]")) }
        }
        var conditions: [MetricCondition] = []
        if let raw = o["conditions"], !raw.isNull {
            guard case .array(let a) = raw else { throw PackError("\(path).conditions", "must be an array of conditions") }
            for (k, item) in a.enumerated() { conditions.append(try condition(item, path: "\(path).conditions[\(k)]")) }
        }
        var prior: Double?
        if let raw = o["prior"], !raw.isNull {
            guard let p = raw.doubleValue, p.isFinite, p > 0, !independent || p < 1 else {
                throw PackError("\(path).prior", independent ? "must be a number between 0 and 1 (exclusive)" : "must be a positive number")
            }
            prior = p
        }
        return Scenario(id: id, name: name, description: description, signals: signals, conditions: conditions, prior: prior)
    }

    /// A description or signal is matched by its content words: it needs one.
    static func requireContent(_ text: String, path: String) throws {
        guard !TermExtractor.stems(text).isEmpty else { throw PackError(path, "has no content word (only stop words or numbers): \"\(text)\"") }
    }

    static func signal(_ v: JSONValue, path: String) throws -> Signal {
        switch v {
        case .string(let s):
            try requireContent(s, path: path)
            return Signal(s)
        case .object(let o):
            try checkSpelling(o, known: ["text", "weight"], path: path)
            guard let t = o["text"]?.stringValue, !t.trimmed.isEmpty else { throw PackError("\(path).text", "must be a non-empty string") }
            try requireContent(t, path: "\(path).text")
            var weight = 1.0
            if let w = o["weight"], !w.isNull {
                guard let x = w.doubleValue, x.isFinite, x != 0, abs(x) <= 10 else { throw PackError("\(path).weight", "must be a non-zero number between -10 and 10") }
                weight = x
            }
            return Signal(t, weight: weight)
        default:
            throw PackError(path, "must be a phrase or an object {\"text\", \"weight\"}")
        }
    }

    static func condition(_ v: JSONValue, path: String) throws -> MetricCondition {
        guard case .object(let o) = v else { throw PackError(path, "must be an object") }
        try checkSpelling(o, known: ["subject", "kind", "op", "value", "unit", "entity", "period", "weight"], path: path)
        // A subject, or a list of names for it (the first is shown).
        var names: [String] = []
        switch o["subject"] {
        case .string(let s)?: names = [s]
        case .array(let a)?: names = a.compactMap(\.stringValue)
            if names.count != a.count { names = [] }
        default: break
        }
        guard let subject = names.first, names.allSatisfy({ !TermExtractor.stems($0).isEmpty }) else {
            throw PackError("\(path).subject", "must be a phrase naming what the figure is about (\"workforce reduction\"), or a list of such phrases")
        }
        var kind: String?
        if let k = o["kind"], !k.isNull {
            guard let s = k.stringValue, metricKinds.contains(s) else {
                throw PackError("\(path).kind", "must be one of \(metricKinds.sorted().joined(separator: ", "))")
            }
            kind = s
        }
        guard let opText = o["op"]?.stringValue, let op = MetricCondition.Op(rawValue: opText) else {
            throw PackError("\(path).op", "must be one of \(MetricCondition.Op.allCases.map(\.rawValue).joined(separator: " "))")
        }
        guard let value = o["value"]?.doubleValue, value.isFinite else { throw PackError("\(path).value", "must be a number") }
        var unit: String?, entity: String?
        if let u = o["unit"], !u.isNull {
            guard let s = u.stringValue, !s.trimmed.isEmpty else { throw PackError("\(path).unit", "must be a non-empty string") }
            unit = s
        }
        if let e = o["entity"], !e.isNull {
            guard let s = e.stringValue, !s.trimmed.isEmpty else { throw PackError("\(path).entity", "must be a non-empty string") }
            entity = s
        }
        var period: ClosedRange<Int>?
        if let p = o["period"], !p.isNull {
            period = try years(p, path: "\(path).period")
        }
        var weight = 1.0
        if let w = o["weight"], !w.isNull {
            guard let x = w.doubleValue, x.isFinite, x > 0, x <= 10 else { throw PackError("\(path).weight", "must be a positive number up to 10") }
            weight = x
        }
        return MetricCondition(subject: subject, aliases: Array(names.dropFirst()), kind: kind, op: op, value: value, unit: unit, entity: entity, period: period, weight: weight)
    }

    /// "2026", 2026, "2025-2026" or {"from": 2025, "to": 2026}.
    static func years(_ v: JSONValue, path: String) throws -> ClosedRange<Int> {
        func year(_ x: JSONValue?) -> Int? {
            guard let x else { return nil }
            if let i = x.intValue { return (1000...2999).contains(i) ? i : nil }
            if let s = x.stringValue, let i = Int(s.trimmed.prefix(4)), (1000...2999).contains(i) { return i }
            return nil
        }
        let bad = PackError(path, "must be a year (2026), a range \"2025-2026\" or {\"from\": 2025, \"to\": 2026}")
        switch v {
        case .number: guard let y = year(v) else { throw bad }; return y...y
        case .string(let s):
            let parts = s.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "\u{2013}" })
            if parts.count == 2, let a = year(.string(String(parts[0]))), let b = year(.string(String(parts[1]))), a <= b, parts[0].count == 4, parts[1].count == 4 { return a...b }
            guard let y = year(v) else { throw bad }
            return y...y
        case .object(let o):
            guard let a = year(o["from"]), let b = year(o["to"]), a <= b else { throw bad }
            return a...b
        default: throw bad
        }
    }
}
