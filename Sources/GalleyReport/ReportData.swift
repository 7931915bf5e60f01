import GalleyJSON

/// What the report shows about one article (a few hundred bytes, whatever the article's size).
public struct ArticleRow: Sendable {
    public var id: String
    public var title: String
    public var site: String
    public var published: String
    public var summary: String
    /// One judgement per scenario pack (the scenarios plugin scores each pack it is given).
    public var judgements: [ScenarioReader.Read]
    public var facts: Int
    public var errors: [String]
    public var duplicateOf: String?

    public init(_ a: JSONValue) {
        id = a["id"]?.stringValue ?? "?"
        title = a["title"]?.stringValue ?? a["source"]?["path"]?.stringValue.map { "(untitled) " + ($0.split(separator: "/").last.map(String.init) ?? $0) } ?? "(untitled)"
        site = a["source"]?["site"]?.stringValue ?? a["source"]?["url"]?.stringValue ?? ""
        published = a["published"]?.stringValue ?? ""
        let analyses = a["analyses"]
        summary = analyses?["summary"]?["text"]?.stringValue ?? ""
        judgements = ScenarioReader.readAll(analyses?["scenarios"])
        facts = FactReader.metricsItems(a)?.count ?? 0
        errors = (a["errors"]?.arrayValue ?? []).map { e in
            "\(e["stage"]?.stringValue ?? "?"): \(e["message"]?.stringValue ?? "")"
        }
        duplicateOf = a["duplicate"]?.stringValue
    }
}

/// Reads the scenarios plugin's result: `{"scenarios":[{id,name,score,evidence}],"verdict"}`,
/// or an array of scenario entries.
public enum ScenarioReader {
    /// Every pack's judgement: the plugin's `packs` list when it scored several, else one.
    public static func readAll(_ value: JSONValue?) -> [Read] {
        guard let value else { return [] }
        if let packs = value["packs"]?.arrayValue, packs.count > 1 { return packs.map { read($0) }.filter { !$0.scores.isEmpty } }
        let one = read(value)
        return one.scores.isEmpty ? [] : [one]
    }

    public struct Read: Sendable {
        public var scores: [(id: String, name: String, score: Double)] = []
        public var verdict = ""
        public var topEvidence = ""
        public var pack = ""
        public var entries: [JSONValue] = []
        public init() {}
    }

    public static func read(_ value: JSONValue?) -> Read {
        var r = Read()
        guard let value else { return r }
        var entries: [JSONValue] = value.arrayValue ?? value["scenarios"]?.arrayValue ?? []
        if entries.isEmpty, let packs = value["packs"]?.arrayValue, let first = packs.first {
            entries = first["scenarios"]?.arrayValue ?? []
            r.pack = first["pack"]?.stringValue ?? ""
        }
        r.entries = entries
        if case .string(let v)? = value["verdict"] { r.verdict = v }
        else if let v = value["verdict"]?["scenario"]?.stringValue ?? value["verdict"]?["id"]?.stringValue { r.verdict = v }
        if r.pack.isEmpty { r.pack = value["pack"]?.stringValue ?? "" }
        r.scores = entries.compactMap { e in
            guard let id = e["id"]?.stringValue, let score = e["score"]?.doubleValue else { return nil }
            return (id, e["name"]?.stringValue ?? id, score)
        }.sorted { $0.score > $1.score }
        if let top = r.scores.first, let entry = entries.first(where: { $0["id"]?.stringValue == top.id }),
           let ev = entry["evidence"]?.arrayValue?.first(where: { $0["polarity"]?.stringValue != "oppose" }) ?? entry["evidence"]?.arrayValue?.first {
            r.topEvidence = ev["text"]?.stringValue ?? ""
        }
        return r
    }
}

/// Everything the report needs, gathered in one streaming pass over articles.ndjson with
/// bounded memory: rows go to the caller as they come; facts are kept per group up to a cap,
/// the timeline up to a cap.
public final class ReportAccumulator {
    public private(set) var articles = 0
    public private(set) var failed = 0
    public private(set) var duplicates = 0
    public private(set) var factCount = 0
    public private(set) var sites: [String: Int] = [:]
    private var groupFacts: [String: [Fact]] = [:]
    private var groupOrder: [String] = []
    /// A sample of the corpus's dated facts, at most `maximumTimeline`, every one with the
    /// same chance to be in it (reservoir sampling, seeded: the same input gives the same sample).
    public private(set) var timeline: [Fact] = []
    /// Dated facts seen in the whole corpus (what the sample is of).
    public private(set) var datedFacts = 0
    private var sampleState: UInt64 = 0x9E37_79B9_7F4A_7C15
    public let maximumGroups: Int
    public let maximumFactsPerGroup: Int
    public let maximumTimeline: Int

    public init(maximumGroups: Int = 5_000, maximumFactsPerGroup: Int = 12, maximumTimeline: Int = 5_000) {
        self.maximumGroups = maximumGroups
        self.maximumFactsPerGroup = maximumFactsPerGroup
        self.maximumTimeline = maximumTimeline
    }

    /// Adds one article; returns its row and its facts (for the CSVs).
    public func add(_ article: JSONValue) -> (ArticleRow, [Fact]) {
        let row = ArticleRow(article)
        articles += 1
        if !row.errors.isEmpty { failed += 1 }
        if row.duplicateOf != nil { duplicates += 1 }
        if !row.site.isEmpty { sites[row.site, default: 0] += 1 }
        let facts = FactReader.facts(in: article)
        factCount += facts.count
        var datesOfArticle: Set<String> = []
        for f in facts {
            if Reconciler.isGroupable(f) {
                let key = Reconciler.about(f) + "|" + f.period
                if groupFacts[key] == nil {
                    guard groupOrder.count < maximumGroups else { continue }
                    groupOrder.append(key)
                    groupFacts[key] = []
                }
                if groupFacts[key]!.contains(where: { Reconciler.sameClaim($0, f) }) { continue }
                if groupFacts[key]!.count < maximumFactsPerGroup { groupFacts[key]!.append(f) }
            }
            // One point per date and article: "Monday" said three times is one point. Only
            // calendar dates: not durations (P3M), unresolved dates (XXXX-03) or positions.
            if let d = f.date, Self.isCalendarDate(d), datesOfArticle.insert(d).inserted {
                datedFacts += 1
                var point = f
                point.sentence = ""  // the timeline shows the fact, not its sentence
                if timeline.count < maximumTimeline {
                    timeline.append(point)
                } else {
                    sampleState = sampleState &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let j = Int((sampleState >> 33) % UInt64(datedFacts))
                    if j < maximumTimeline { timeline[j] = point }
                }
            }
        }
        return (row, facts)
    }

    /// "2024", "2024-03-05", "2024-10/2024-12": a year from 1900 to 2100 first ("At 1405 GMT"
    /// misread as a year would stretch a timeline over six centuries).
    static func isCalendarDate(_ iso: String) -> Bool {
        let head = iso.prefix(4)
        guard head.count == 4, head.allSatisfy(\.isNumber), let y = Int(head), (1900...2100).contains(y) else { return false }
        return iso.count == 4 || iso.dropFirst(4).first == "-" || iso.dropFirst(4).first == "/"
    }

    /// Groups spanning two or more articles, judged, most telling first.
    public var groups: [FactGroup] {
        Reconciler.groups(groupOrder.flatMap { groupFacts[$0]! }, maximumFactsPerGroup: maximumFactsPerGroup)
    }
}
