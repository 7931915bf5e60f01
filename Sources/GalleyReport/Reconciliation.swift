/// Facts about the same thing, from different articles, set side by side: grouped by what is
/// measured (subject), about whom (entity) and when (period), and judged.
public struct FactGroup: Sendable {
    public enum Verdict: String, Sendable, Comparable {
        case agreeing, compatible, conflicting, single
        var rank: Int { ["conflicting": 0, "compatible": 1, "agreeing": 2, "single": 3][rawValue]! }
        public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
    }

    public var subject: String
    public var entity: String
    public var period: String
    public var facts: [Fact]
    public var verdict: Verdict
    /// Why, in a few words ("20% vs 20% or more: compatible; 16,000 vs 1,000 employees: conflicting").
    public var explanation: String

    public var title: String {
        var parts: [String] = []
        if !entity.isEmpty { parts.append(entity) }
        parts.append(subject.isEmpty ? "unlabelled facts" : subject)
        var s = parts.joined(separator: " ")
        if !period.isEmpty { s += ", " + period }
        return s
    }

    public var articleCount: Int { Set(facts.map(\.articleID)).count }
}

public enum Reconciler {
    /// Groups facts that share subject, entity and period, keeps the groups that span more
    /// than one article, and judges each. At most `maximumFactsPerGroup` facts are kept per
    /// group so that memory stays bounded on large corpora.
    public static func groups(_ facts: [Fact], maximumFactsPerGroup: Int = 40) -> [FactGroup] {
        var byKey: [String: [Fact]] = [:]
        var order: [String] = []
        for f in facts where !f.subject.isEmpty && f.kind != "date" && f.kind != "duration" {
            let key = [normalize(f.subject), normalize(f.entity), f.period].joined(separator: "|")
            if byKey[key] == nil { order.append(key) }
            if byKey[key, default: []].count < maximumFactsPerGroup { byKey[key, default: []].append(f) }
        }
        var out: [FactGroup] = []
        for key in order {
            let fs = byKey[key]!
            guard Set(fs.map(\.articleID)).count >= 2 else { continue }
            let (verdict, why) = judge(fs)
            out.append(FactGroup(subject: fs[0].subject, entity: fs[0].entity, period: fs[0].period, facts: fs, verdict: verdict, explanation: why))
        }
        return out.sorted { ($0.verdict, -$0.articleCount, $0.title) < ($1.verdict, -$1.articleCount, $1.title) }
    }

    static func normalize(_ s: String) -> String { s.lowercased().split(separator: " ").joined(separator: " ") }

    /// Compares facts measured in the same unit, pair by pair across articles.
    static func judge(_ facts: [Fact]) -> (FactGroup.Verdict, String) {
        var byUnit: [String: [Fact]] = [:]
        for f in facts where f.interval != nil { byUnit[unitClass(f), default: []].append(f) }
        var worst = FactGroup.Verdict.single
        var notes: [String] = []
        for (unit, fs) in byUnit.sorted(by: { $0.key < $1.key }) {
            var unitWorst = FactGroup.Verdict.single
            var example = ""
            for i in 0..<fs.count {
                for j in (i + 1)..<fs.count where fs[i].articleID != fs[j].articleID {
                    let v = compare(fs[i], fs[j])
                    if unitWorst == .single || v < unitWorst {
                        unitWorst = v
                        example = "\(fs[i].text) vs \(fs[j].text)"
                    }
                }
            }
            guard unitWorst != .single else { continue }
            notes.append("\(example)\(unit.isEmpty ? "" : " (\(unit))"): \(unitWorst.rawValue)")
            if worst == .single || unitWorst < worst { worst = unitWorst }
        }
        if worst == .single { return (.single, "different kinds of figure; nothing to compare directly") }
        return (worst, notes.joined(separator: "; "))
    }

    /// Facts compare when they measure in the same unit: percentages with percentages,
    /// employees with employees, dollars with dollars.
    static func unitClass(_ f: Fact) -> String {
        if f.kind == "percent" || f.unit == "%" { return "%" }
        return f.unit.lowercased()
    }

    static func compare(_ a: Fact, _ b: Fact) -> FactGroup.Verdict {
        guard let x = a.interval, let y = b.interval else { return .single }
        if a.isPoint && b.isPoint { return x.overlaps(y) ? .agreeing : .conflicting }
        if x == y { return .agreeing }
        return x.overlaps(y) ? .compatible : .conflicting
    }
}
