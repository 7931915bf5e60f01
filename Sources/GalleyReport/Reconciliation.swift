/// Facts about the same thing, from different articles, set side by side: grouped by what is
/// measured (subject), about whom (entity) and when (period), and judged.
public struct FactGroup: Sendable {
    public enum Verdict: String, Sendable, Comparable {
        /// Same value; a range or bound containing the other; values that cannot both be true;
        /// or different measures (a percentage and a head count) shown side by side.
        case agreeing, compatible, conflicting, incomparable = "side by side"
        var rank: Int { ["conflicting": 0, "compatible": 1, "agreeing": 2, "side by side": 3][rawValue]! }
        /// A name usable as a CSS class.
        public var cssClass: String { self == .incomparable ? "incomparable" : rawValue }
        public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }
    }

    public var subject: String
    public var entity: String
    /// Where, when the facts are given place by place ("in Europe"); empty otherwise.
    public var place = ""
    public var period: String
    public var facts: [Fact]
    public var verdict: Verdict
    /// Why, in a few words ("20% vs 20% or more: compatible; 16,000 vs 1,000 employees: conflicting").
    public var explanation: String

    public var title: String {
        var parts: [String] = []
        if !entity.isEmpty { parts.append(entity) }
        parts.append(subject.isEmpty ? "unlabelled facts" : subject)
        if !place.isEmpty { parts.append("in " + place) }
        var s = parts.joined(separator: " ")
        if !period.isEmpty { s += ", " + period }
        return s
    }

    public var articleCount: Int { Set(facts.map(\.articleID)).count }
}

public enum Reconciler {
    /// Facts that can be compared across articles: amounts with a subject (dates, durations,
    /// changes and ordinals place or order things, they do not measure them), which claim the
    /// same quantity when they share subject, entity and period. Not a bare count named by its noun ("households", "users", "cars": broadband households and
    /// TV households are not one quantity), and not what differs from one case to the next by
    /// nature (an age, a day's share or price move).
    static func isGroupable(_ f: Fact) -> Bool {
        guard !f.subject.isEmpty, !["date", "duration", "change", "ordinal"].contains(f.kind) else { return false }
        // A currency conversion restates its amount: judged with it, "£292,000 vs £266,582"
        // repeated every dollar comparison in pounds, at the day's exchange rate.
        guard !f.isConversion else { return false }
        // About whom: without an entity, "profit, 2024: 10% vs 12%" set two unnamed companies'
        // figures against each other.
        guard !f.entity.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
        let subject = normalize(f.subject)
        if perCase.contains(subject) { return false }
        if isBareCount(f) { return false }
        if isShareOfAPopulation(f) { return false }
        return true
    }

    /// A percentage of a group of people ("36% of UK camera phone users had never sent an
    /// MMS", "50% of net users will be on broadband"): the share doing something the label
    /// does not say, so two of them are not one quantity.
    static func isShareOfAPopulation(_ f: Fact) -> Bool {
        unitClass(f) == "percent" && populations.contains(normalize(f.subject))
    }

    static let populations: Set<String> = [
        "users", "people", "population", "customers", "households", "consumers", "voters", "adults", "children",
        "women", "men", "viewers", "readers", "listeners", "respondents", "subscribers", "students", "residents",
        "citizens", "patients", "employees", "workers", "staff", "members", "players", "fans", "shoppers", "buyers",
    ]

    /// A count named by its noun ("billions of people", "3 households"): no measure of anything.
    static func isBareCount(_ f: Fact) -> Bool {
        guard !f.unit.isEmpty else { return false }
        let subject = normalize(f.subject)
        return subject == normalize(f.unit) || (subject == "people" && unitClass(f) == "people")
    }

    static let perCase: Set<String> = ["age", "stock move", "price move", "people"]

    /// What a fact measures, about whom and where: its group, before the period.
    static func about(_ f: Fact) -> String { normalize(f.subject) + "|" + normalize(f.entity) + "|" + normalize(f.place) }

    /// Groups facts that share subject, entity and period, keeps the groups that span more
    /// than one article, and judges each. Facts from undated articles join the latest period
    /// known for their subject and entity (undated news is taken to be current). At most
    /// `maximumFactsPerGroup` facts are kept per group so that memory stays bounded.
    public static func groups(_ facts: [Fact], maximumFactsPerGroup: Int = 40) -> [FactGroup] {
        let usable = facts.filter(isGroupable)
        var latest: [String: String] = [:]
        for f in usable where !f.period.isEmpty {
            let k = about(f)
            if f.period > latest[k, default: ""] { latest[k] = f.period }
        }
        var byKey: [String: [Fact]] = [:]
        var order: [String] = []
        for var f in usable {
            let subject = about(f)
            if f.period.isEmpty { f.period = latest[subject] ?? "" }
            let key = subject + "|" + f.period
            if byKey[key] == nil { order.append(key); byKey[key] = [] }
            // The same figure repeated in one article is one claim.
            if byKey[key]!.contains(where: { sameClaim($0, f) }) { continue }
            if byKey[key]!.count < maximumFactsPerGroup { byKey[key]!.append(f) }
        }
        var out: [FactGroup] = []
        for key in order {
            let fs = byKey[key]!
            guard Set(fs.map(\.articleID)).count >= 2 else { continue }
            // Two copies of one story (one sentence in both) are one source, not two agreeing.
            let words = fs.map { sentenceWords($0.sentence) }
            let independent = fs.indices.contains { i in
                fs.indices.contains { j in fs[i].articleID < fs[j].articleID && !sameSentence(fs[i].sentence, fs[j].sentence, words[i], words[j]) }
            }
            guard independent else { continue }
            let (verdict, why) = judge(fs)
            out.append(FactGroup(subject: fs[0].subject, entity: fs[0].entity, place: fs[0].place, period: fs[0].period, facts: fs,
                                 verdict: verdict, explanation: why))
        }
        return out.sorted { ($0.verdict, -$0.articleCount, $0.title) < ($1.verdict, -$1.articleCount, $1.title) }
    }

    /// The same figure, said twice in one article.
    public static func sameClaim(_ a: Fact, _ b: Fact) -> Bool {
        a.articleID == b.articleID && a.value == b.value && a.low == b.low && a.high == b.high
            && unitClass(a) == unitClass(b) && a.qualifier == b.qualifier
    }

    static func normalize(_ s: String) -> String { s.lowercased().split(separator: " ").joined(separator: " ") }

    /// Compares facts measured in the same unit, pair by pair across articles.
    static func judge(_ facts: [Fact]) -> (FactGroup.Verdict, String) {
        var byUnit: [String: [Fact]] = [:]
        for f in facts where f.interval != nil { byUnit[unitClass(f), default: []].append(f) }
        var worst = FactGroup.Verdict.incomparable
        var notes: [String] = []
        var apart = false
        for (unit, fs) in byUnit.sorted(by: { $0.key < $1.key }) {
            var unitWorst = FactGroup.Verdict.incomparable
            var example = ""
            let words = fs.map { sentenceWords($0.sentence) }
            for i in 0..<fs.count {
                // One sentence found in two articles (a wire story run twice, perhaps with a word
                // changed) is one claim: its figures are compared each with its own copy, not with
                // the sentence's others (a score's "19" against its "13" read as a conflict).
                for j in (i + 1)..<fs.count where fs[i].articleID != fs[j].articleID
                    && (fs[i].text == fs[j].text || !sameSentence(fs[i].sentence, fs[j].sentence, words[i], words[j])) {
                    let v = compare(fs[i], fs[j])
                    if farApart(fs[i], fs[j]) { apart = true }
                    if unitWorst == .incomparable || v < unitWorst {
                        unitWorst = v
                        example = "\(fs[i].text) vs \(fs[j].text)"
                    }
                }
            }
            guard unitWorst != .incomparable else { continue }
            notes.append("\(example)\(unit.isEmpty ? "" : " (\(unit))"): \(unitWorst.rawValue)")
            if worst == .incomparable || unitWorst < worst { worst = unitWorst }
        }
        if worst == .incomparable {
            // A plain number has no unit to name: "count".
            let kinds = Set(facts.map { f -> String in let u = unitClass(f); return u.isEmpty ? "count" : u }).sorted().joined(separator: ", ")
            if apart {
                let times = "figures \(Int(differentQuantityRatio)) times apart or more"
                return (.incomparable, kinds.contains(",") ? "different measures (\(kinds)), or \(times): shown side by side"
                                                           : "\(times) (\(kinds)): different quantities, shown side by side")
            }
            return (.incomparable, "different measures (\(kinds)): shown side by side, no direct comparison")
        }
        return (worst, notes.joined(separator: "; "))
    }

    /// The same sentence, or one edited in a word or two: four fifths of their words shared.
    static func sameSentence(_ a: String, _ b: String) -> Bool {
        sameSentence(a, b, sentenceWords(a), sentenceWords(b))
    }

    /// The same, with each sentence's words already taken (once per fact, not once per pair).
    static func sameSentence(_ a: String, _ b: String, _ x: Set<String>, _ y: Set<String>) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }  // not known
        if a == b { return true }
        guard !x.isEmpty, !y.isEmpty else { return false }
        return Double(x.intersection(y).count) >= 0.8 * Double(x.union(y).count)
    }

    /// A sentence's distinct words, lowercased.
    static func sentenceWords(_ s: String) -> Set<String> {
        Set(s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    /// Facts compare when they measure in the same unit: percentages with percentages,
    /// people with people (employees, jobs, roles and staff are one unit), dollars with dollars.
    static func unitClass(_ f: Fact) -> String {
        let u = f.unit.lowercased()
        if f.kind == "percent" || u == "%" || u == "percent" { return "percent" }
        if peopleNouns.contains(u) { return "people" }
        return u
    }

    static let peopleNouns: Set<String> = [
        "employees", "employee", "jobs", "job", "people", "persons", "workers", "worker", "staff", "roles", "role",
        "positions", "position", "seats", "seat", "staffers", "personnel", "headcount", "layoffs", "redundancies",
    ]

    /// Figures this many times apart measure different things, whatever their labels say (a
    /// price and a total, "$120m" and "$150"; a town's 7,000 jobless and a country's 5.2
    /// million): reports of one quantity differ by rounding, estimates and errors, not by
    /// orders of magnitude.
    static let differentQuantityRatio = 100.0

    /// The same digits a thousand times apart ("$1.13bn" and "$1.13m") are one figure with a
    /// mistaken scale, which is a conflict to show, not two quantities.
    static func farApart(_ a: Fact, _ b: Fact) -> Bool {
        guard let u = a.value ?? a.high, let v = b.value ?? b.high, u > 0, v > 0 else { return false }
        guard max(u, v) >= differentQuantityRatio * min(u, v) else { return false }
        if let x = Fact.writtenNumber(a.text), let y = Fact.writtenNumber(b.text), Double(x) == Double(y) { return false }
        return true
    }

    static func compare(_ a: Fact, _ b: Fact) -> FactGroup.Verdict {
        guard let x = a.interval, let y = b.interval, !farApart(a, b) else { return .incomparable }
        if a.isPoint && b.isPoint {
            if x.overlaps(y) { return .agreeing }
            // Two roundings of one figure ("$27.5bn" and "$27bn", "$9.3bn" and "$9.4bn" for
            // $9.35bn) could both be true.
            func widest(_ i: ClosedRange<Double>, _ r: ClosedRange<Double>?) -> ClosedRange<Double> {
                guard let r else { return i }
                return min(i.lowerBound, r.lowerBound)...max(i.upperBound, r.upperBound)
            }
            // Half-open: "12" and "13" share only 12.5, which rounds to 13 alone.
            let u = widest(x, a.roundingInterval), v = widest(y, b.roundingInterval)
            return u.lowerBound < v.upperBound && v.lowerBound < u.upperBound ? .compatible : .conflicting
        }
        if x == y { return .agreeing }
        return x.overlaps(y) ? .compatible : .conflicting
    }
}
