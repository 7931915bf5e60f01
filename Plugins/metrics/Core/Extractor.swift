import GalleyModel
import GalleyText

/// Finds every metric in a text: numbers, ordinals, percentages, money, quantities, dates,
/// durations, ranges and changes, each with what it measures.
///
/// 1. tokens, and traps marked (product names, codes, phone numbers, list markers);
/// 2. every grammar proposes readings at every token; the longest win, ties by kind;
/// 3. neighbouring readings are composed: ranges ("13% - 15%", "from $126k to under $61k",
///    "from the end of 2022 to the beginning of 2023"), qualifiers ("about", "or more");
/// 4. changes ("rising about 2%", "cut more than 20,000 jobs"), subjects and entities attached.
public struct Extractor: Sendable {
    public init() {}

    /// Metrics of an article: its text, its sentences (for the `sentence` index and the
    /// context of subjects and entities) and its publication date (for relative dates).
    public func extract(_ article: Article) -> [Metric] {
        let sentences = article.sentences.map { ($0.start..<$0.end, $0.kind) }
        return extract(text: article.text, sentences: sentences, published: article.published)
    }

    public func extract(text: String, sentences: [(Range<Int>, BlockKind)] = [], published: String? = nil) -> [Metric] {
        let t = TokenText(text)
        guard t.count > 0 else { return [] }
        assignSentences(t, sentences)
        Traps.mark(t)
        let reference = published.flatMap(Reference.init(iso:))
        let g = Grammars(t, reference: reference)
        var chosen = Resolver.choose(g.candidates(), count: t.count)
        chosen = Composer(t: t, g: g).compose(chosen)
        Qualifiers.apply(&chosen, t)
        let changes = Changes.find(chosen, t)
        var items = (chosen + changes).sorted { ($0.first, -$0.last) < ($1.first, -$1.last) }
        let context = Context(t: t, kinds: sentences.map(\.1))
        for k in items.indices where items[k].kind != .change {
            if items[k].subject == nil { items[k].subject = Subjects.subject(items[k], context) }
        }
        // An amount repeated without context measures what it measured before ("a 20% cut"
        // after "lay off 20% of its workforce"): the subject of the first item with a subject
        // and the same kind, value, unit and currency. Looked up, not scanned for: a report with
        // thousands of figures made this pass quadratic.
        var subjectOfAmount: [AmountKey: String] = [:]
        for c in items {
            if let s = c.subject, subjectOfAmount[AmountKey(c)] == nil { subjectOfAmount[AmountKey(c)] = s }
        }
        for k in items.indices where items[k].subject == nil && items[k].kind != .date && items[k].kind != .change && items[k].kind != .ordinal {
            if let s = subjectOfAmount[AmountKey(items[k])] { items[k].subject = s }
        }
        // A change measures what its amount (the first other item starting there) measures.
        var itemStartingAt: [Int: Int] = [:]
        for (k, c) in items.enumerated() where c.kind != .change && itemStartingAt[c.first] == nil { itemStartingAt[c.first] = k }
        for k in items.indices where items[k].kind == .change {
            items[k].subject = items[k].measureFirst.flatMap { itemStartingAt[$0] }.flatMap { items[$0].subject }
        }
        let entities = Entities(t: t)
        let places = Entities.enumeratedPlaces(items, entities, t)
        var metrics = items.enumerated().map { k, c in
            let a = t.tokens[c.first].start, b = t.tokens[c.last].end
            var m = Metric(text: t.text(c.first, c.last), start: a, end: b, kind: c.kind, value: c.value, unit: c.unit,
                           currency: c.currency, qualifier: c.qualifier, subject: c.subject, entity: nil,
                           sentence: nil, direction: c.direction, resolved: c.resolved)
            let s = t.sentenceOf[c.first]
            m.sentence = s >= 0 ? s : nil
            m.place = places[k]?.place
            m.entity = entities.entity(for: places[k].map { items[$0.first] } ?? c)
            return m
        }
        Self.markConversions(&metrics, scalars: t.scalars)
        return metrics
    }

    /// Money in brackets right after money in another currency restates it ("$550,000
    /// (£292,000)", "$25m (about £13m)", "$9m [£5m]"), as does the next amount of the same
    /// brackets ("1.55bn euros ($2bn; £1.1bn)"): a conversion, which says nothing the first
    /// amount does not. Only when the amount ends its part of the brackets: "€20m (£10m from
    /// Britain alone)" and "$5m (£3m; £2m a year earlier)" say more than a conversion would.
    static func markConversions(_ metrics: inout [Metric], scalars: [Unicode.Scalar]) {
        func visible(_ a: Int, _ b: Int) -> String {
            String(String.UnicodeScalarView(scalars[a..<b].filter { !$0.properties.isWhitespace })).lowercased()
        }
        func endsItsPart(_ m: Metric) -> Bool {
            var k = m.end
            while k < scalars.count, scalars[k].properties.isWhitespace { k += 1 }
            if k < scalars.count && ")];,:".unicodeScalars.contains(scalars[k]) { return true }
            // "(£13m at current exchange rates)": the rate it was converted at.
            var close = k
            while close < scalars.count, close - k < 60, scalars[close] != ")", scalars[close] != "]" { close += 1 }
            guard close < scalars.count, close - k < 60 else { return false }
            let rest = String(String.UnicodeScalarView(scalars[k..<close])).lowercased()
            return rest.hasPrefix("at ") && rest.contains("rate")
        }
        var previous: Int?          // the last money item
        var original: Int?          // the amount the open brackets restate
        for k in metrics.indices where metrics[k].kind == .money {
            defer { previous = k }
            var opens = false, continues = false
            if let p = previous, metrics[p].end <= metrics[k].start, metrics[k].start <= scalars.count {
                let gap = visible(metrics[p].end, metrics[k].start)
                func opening(_ mark: Character) -> Bool {
                    gap.first == mark && (gap.count == 1 || approximators.contains(String(gap.dropFirst())))
                }
                opens = !metrics[p].conversion && (opening("(") || opening("["))
                continues = metrics[p].conversion && (opening(";") || opening(",") || opening(":"))
                if opens { original = p }
            }
            guard opens || continues, let o = original, let mine = metrics[k].currency, let theirs = metrics[o].currency,
                  mine != theirs, endsItsPart(metrics[k]) else {
                original = nil
                continue
            }
            metrics[k].conversion = true
        }
    }

    /// Words that may stand before a conversion inside its brackets: the qualifiers of an
    /// approximate amount, written without spaces as the gap is read ("about", "ca.", "closeto"),
    /// and "c.".
    static let approximators: Set<String> = Set(Qualifiers.before.filter { $0.1 == .approx }.map { $0.0.joined() } + ["c."])

    /// What makes two items the same amount.
    struct AmountKey: Hashable {
        let kind: MetricKind, value: MetricValue, unit: String?, currency: String?
        init(_ c: Candidate) { kind = c.kind; value = c.value; unit = c.unit; currency = c.currency }
    }

    /// Sentence index of every token; without sentences, the whole text is one.
    func assignSentences(_ t: TokenText, _ sentences: [(Range<Int>, BlockKind)]) {
        guard !sentences.isEmpty else { return }
        var s = 0
        for k in 0..<t.count {
            let a = t.tokens[k].start
            while s < sentences.count, sentences[s].0.upperBound <= a { s += 1 }
            if s < sentences.count, sentences[s].0.contains(a) { t.sentenceOf[k] = s }
        }
    }
}

/// All grammars over one text, sharing the number reader.
final class Grammars {
    let t: TokenText
    let numbers: NumberParser
    let money: MoneyGrammar
    let quantities: QuantityGrammar
    let ordinals: OrdinalGrammar
    let durations: DurationGrammar
    let dates: DateGrammar

    init(_ t: TokenText, reference: Reference?) {
        self.t = t
        numbers = NumberParser(t)
        money = MoneyGrammar(t: t, numbers: numbers)
        quantities = QuantityGrammar(t: t, numbers: numbers)
        ordinals = OrdinalGrammar(t: t, numbers: numbers)
        durations = DurationGrammar(t: t, numbers: numbers)
        dates = DateGrammar(t: t, numbers: numbers, reference: reference)
    }

    /// Every reading the grammars propose, at every token.
    func candidates() -> [Candidate] {
        var out: [Candidate] = []
        out.reserveCapacity(t.count / 4)
        for i in 0..<t.count where !t.blocked[i] {
            let tok = t.tokens[i]
            if tok.kind == .symbol, Currencies.symbols[tok.lower] == nil, tok.lower != "-", tok.lower != "−", tok.lower != "+",
               NumberWords.vulgar[tok.text.unicodeScalars.first!] == nil, tok.lower != ">", tok.lower != "<" { continue }
            if tok.kind == .word, !Grammars.startWords.contains(tok.lower) { continue }
            if let c = money.parse(at: i) { out.append(c) }
            if let c = quantities.percent(at: i) { out.append(c) }
            if let c = quantities.share(at: i) { out.append(c) }
            if let c = quantities.measure(at: i) { out.append(c) }
            if let c = quantities.counted(at: i, yearLike: { self.dates.isYear($0) }) { out.append(c) }
            if let c = quantities.aged(at: i) { out.append(c) }
            if let c = ordinals.parse(at: i) { out.append(c) }
            if let c = durations.parse(at: i) { out.append(c) }
            if let c = dates.parse(at: i) { out.append(c) }
            if let c = number(at: i) { out.append(c) }
        }
        return out
    }

    /// Words that can start a reading (one look-up per word token: the cheap filter).
    static let startWords: Set<String> = {
        var s = Set<String>(["a", "an", "minus", "negative", "half", "quarter", "hundred", "thousand", "million", "billion", "trillion",
                             "percent", "percents", "per", "several", "few", "next", "last", "previous", "current", "penultimate",
                             "aged", "every", "each", "once", "twice", "all", "semi", "bi", "second"])
        s.formUnion(NumberWords.units.keys); s.formUnion(NumberWords.tens.keys); s.formUnion(NumberWords.vaguePlurals.keys)
        s.formUnion(NumberWords.ordinalUnits.keys); s.formUnion(NumberWords.ordinalTens.keys); s.formUnion(NumberWords.ordinalScales.keys)
        s.formUnion(Currencies.codes); s.formUnion(Currencies.dollarPrefixes.keys); s.formUnion(Currencies.symbols.keys)
        s.formUnion(DateGrammar.startWords); s.formUnion(DateWords.months.keys); s.formUnion(DateWords.weekdays.keys)
        s.formUnion(DateWords.weekdayPlurals.keys); s.formUnion(Durations.recurrenceWords.keys)
        return s
    }()

    /// A plain number, when nothing richer reads it.
    func number(at i: Int) -> Candidate? {
        guard let n = numbers.parse(at: i), !n.ordinal else { return nil }
        // "one" alone is a pronoun as often as a number ("one of the", "this one").
        if n.written, n.first == n.last, n.value == 1 || t.lower(i) == "a" || t.lower(i) == "an" { return nil }
        // "the hundreds" may be a noun; "investing billions to" is an amount.
        if n.vague, !t.isWord(n.last + 1, "of"), let next = t[n.last + 1], next.kind == .word, !StopWords.english.contains(next.lower) { return nil }
        return Candidate(i, n.last, .number, .number(n.value), priority: Priority.number, number: n)
    }
}

/// Keeps the best non-overlapping readings: the longest first, ties by kind priority, then
/// leftmost.
enum Resolver {
    static func choose(_ all: [Candidate], count: Int) -> [Candidate] {
        let sorted = all.sorted { a, b in
            if a.length != b.length { return a.length > b.length }
            if a.priority != b.priority { return a.priority > b.priority }
            return a.first < b.first
        }
        var taken = [Bool](repeating: false, count: count)
        var out: [Candidate] = []
        for c in sorted {
            if (c.first...c.last).contains(where: { taken[$0] }) { continue }
            for k in c.first...c.last { taken[k] = true }
            out.append(c)
        }
        return out.sorted { $0.first < $1.first }
    }
}
