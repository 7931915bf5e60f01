import GalleyModel
import GalleyText

/// How a scenario's metric condition fared against one figure of the article.
public struct ConditionOutcome: Sendable, Equatable {
    public enum Status: String, Sendable { case met, notMet = "not_met", outOfScope = "out_of_scope" }
    public var condition: Int
    public var status: Status
    public var metric: MetricItem
    /// Why, in words: "20 >= 15, Meta, 2026" or "about 2023, not 2026".
    public var why: String
}

/// Applies metric conditions to the metrics plugin's items, scoped to the right subject, entity
/// and period: a 2023 cut of 13-15% says nothing about a 2026 cut of 20%.
public struct ConditionEvaluator {
    public let article: Article
    public let items: [MetricItem]
    let publishedYear: Int?
    /// Each sentence's content stems, when the caller has them already (the scorer does).
    let sentenceStems: [Set<String>]?

    public init(article: Article, items: [MetricItem], sentenceStems: [Set<String>]? = nil) {
        self.article = article
        self.items = items
        self.sentenceStems = sentenceStems
        publishedYear = article.published.flatMap { Int($0.prefix(4)) }
    }

    public func evaluate(_ c: MetricCondition, index: Int) -> [ConditionOutcome] {
        var out: [ConditionOutcome] = []
        var seenFigures = Set<String>()  // a figure repeated (lead and table) is one claim
        let subjects = ([c.subject] + c.aliases).map { Set(TermExtractor.stems($0)) }
        for m in items {
            if let kind = c.kind {
                // A range of percents still answers a percent condition.
                guard m.kind == kind || (m.kind == "range" && m.text.contains("%") == (kind == "percent")) else { continue }
            }
            guard let s = m.sentence, s >= 0, s < article.sentences.count else { continue }
            let sentence = article.sentences[s]
            guard subjects.contains(where: { aboutSubject(m, subject: $0, sentence: sentence) }) else { continue }
            if let unit = c.unit, let mu = m.unit, mu.lowercased() != unit.lowercased() { continue }
            var notes: [String] = []
            if let entity = c.entity {
                let e = entity.lowercased()
                let named = (m.entity?.lowercased().contains(e) ?? false) || sentence.text.lowercased().contains(e)
                    || (article.title?.lowercased().contains(e) ?? false) && m.entity == nil
                if !named {
                    out.append(ConditionOutcome(condition: index, status: .outOfScope, metric: m, why: "not about \(entity)"))
                    continue
                }
            }
            if let period = c.period {
                let years = yearsInScope(of: m, sentence: sentence)
                if !years.isEmpty {
                    if !years.contains(where: period.contains) {
                        out.append(ConditionOutcome(condition: index, status: .outOfScope, metric: m,
                                                    why: "about \(years.map(String.init).joined(separator: ", ")), not \(Self.text(period))"))
                        continue
                    }
                } else if let y = publishedYear {
                    if !period.contains(y) {
                        out.append(ConditionOutcome(condition: index, status: .outOfScope, metric: m, why: "published \(y), no year stated, not \(Self.text(period))"))
                        continue
                    }
                    notes.append("year taken from publication date")
                } else {
                    notes.append("no year stated")
                }
            }
            // A range meets the condition only if all of it does; a bound ("at least 20%") by its number.
            let values = m.value.map { [$0] } ?? [m.low, m.high].compactMap { $0 }
            guard !values.isEmpty else { continue }
            let met = values.allSatisfy(c.test)
            let shown = values.map(JSONNumber.format).joined(separator: "-")
            guard seenFigures.insert(shown).inserted else { continue }
            var why = "\(shown) \(met ? "" : "not ")\(c.op.rawValue) \(JSONNumber.format(c.value))"
            if !notes.isEmpty { why += " (" + notes.joined(separator: "; ") + ")" }
            out.append(ConditionOutcome(condition: index, status: met ? .met : .notMet, metric: m, why: why))
        }
        return out
    }

    static func text(_ r: ClosedRange<Int>) -> String { r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound)-\(r.upperBound)" }

    /// The figure is about the subject when most subject stems appear in its `subject`, or in its sentence.
    func aboutSubject(_ m: MetricItem, subject: Set<String>, sentence: Sentence) -> Bool {
        guard !subject.isEmpty else { return true }
        func share(_ have: Set<String>) -> Double { Double(subject.filter(have.contains).count) / Double(subject.count) }
        func share(_ text: String) -> Double { share(Set(TermExtractor.stems(text))) }
        if let s = m.subject, share(s) >= 0.5 { return true }
        if sentence.kind != .tableRow, let i = m.sentence, let known = sentenceStems?[i] { return share(known) >= 0.5 }
        var context = sentence.text
        if sentence.kind == .tableRow, let header = tableHeader(of: sentence) { context += " " + header.joined(separator: " ") }
        return share(context) >= 0.5
    }

    /// Years the figure is about: for a table cell, the years of its column header; otherwise the
    /// years named in its sentence (dates found by the metrics plugin, or four-digit years).
    func yearsInScope(of m: MetricItem, sentence: Sentence) -> [Int] {
        if sentence.kind == .tableRow, let header = tableHeader(of: sentence), let start = m.start {
            let offset = start - sentence.start
            let cell = sentence.text.unicodeScalars.prefix(max(0, offset)).filter { $0 == "\t" }.count
            if cell < header.count {
                let ys = Self.years(in: header[cell])
                if !ys.isEmpty { return ys }
            }
        }
        var ys: [Int] = []
        var dated = false
        for other in items where other.sentence == m.sentence && other.kind == "date" {
            dated = true
            // "its largest cut since late 2022": a year the figure is compared with, not its time.
            if other.text.lowercased().hasPrefix("since ") { continue }
            if let y = Int(other.text.filter(\.isNumber).prefix(4)), (1900...2199).contains(y), other.text.contains(String(y)) { ys.append(y) }
        }
        return ys.isEmpty && !dated ? Self.years(in: sentence.text) : ys
    }

    func tableHeader(of sentence: Sentence) -> [String]? {
        guard let t = article.tables.first(where: { $0.paragraphs.contains(sentence.paragraph) }), t.header, let h = t.rows.first else { return nil }
        return h
    }

    /// Four-digit years named in `text`, but not one introduced by "since" (up to four words
    /// before it: "since late 2022", "since the end of 2022"), which the figure is compared with.
    static func years(in text: String) -> [Int] {
        var out: [Int] = []
        let words = Tokenizer.words(text)
        for (k, w) in words.enumerated() where w.text.count == 4 {
            guard let y = Int(w.text), (1900...2199).contains(y) else { continue }
            if words[max(0, k - 4)..<k].contains(where: { $0.lower == "since" }) { continue }
            out.append(y)
        }
        return out
    }
}
