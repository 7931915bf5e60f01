import Foundation
import GalleyJSON
import GalleyModel

/// A chosen sentence.
public struct Pick: Sendable, Equatable {
    /// Index into `article.sentences`.
    public var index: Int
    public var text: String
    public var score: Double

    public init(index: Int, text: String, score: Double) { self.index = index; self.text = text; self.score = score }
}

/// The result stored under `analyses.summary`.
public struct Summary: Sendable, Equatable {
    public var sentences: [Pick]
    public var method: Method
    public var budget: Budget

    public init(sentences: [Pick], method: Method, budget: Budget) {
        self.sentences = sentences; self.method = method; self.budget = budget
    }

    public var text: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sentences.reduce(0) { $0 + $1.text.utf8.count + 1 })
        for (k, p) in sentences.enumerated() {
            if k > 0 { bytes.append(0x20) }
            bytes.append(contentsOf: p.text.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public var json: JSONValue {
        var o = JSONObject()
        o.appendUnchecked("text", .string(text))
        o.appendUnchecked("sentences", .array(sentences.map { p in
            var s = JSONObject()
            s.appendUnchecked("index", JSONValue(p.index))
            s.appendUnchecked("text", .string(p.text))
            s.appendUnchecked("score", JSONValue(Self.round(p.score)))
            return .object(s)
        }))
        o.appendUnchecked("method", .string(method.rawValue))
        o.appendUnchecked("budget", budget.json)
        return .object(o)
    }

    /// `json`, written directly (the same bytes as `JSONWriter.bytes(json)`): the summary
    /// is every answer's bulk, and building its tree first cost more than the writing.
    public var encoded: [UInt8] {
        let texts = sentences.map(\.text)
        var w = JSONBuffer(capacity: 2 * texts.reduce(0) { $0 + $1.utf8.count + 1 } + 128)
        w.beginObject()
        w.key("text"); w.string(joining: texts)
        w.key("sentences")
        w.beginArray()
        for p in sentences {
            w.beginObject()
            w.key("index"); w.int(p.index)
            w.key("text"); w.string(p.text)
            w.key("score"); w.number(Self.round(p.score))
            w.endObject()
        }
        w.endArray()
        w.key("method"); w.string(method.rawValue)
        w.key("budget"); w.value(budget.json)
        w.endObject()
        return w.bytes
    }

    static func round(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

/// What the ranking knows about one article: vectors, similarities, tiers and features.
public struct Analysis: Sendable {
    public var document: Document
    public var tiers: [Tier]
    /// Sentences the graphs link: the statements (prose and secondary tiers), or every
    /// sentence with words when the article has no statement.
    public var nodes: [Bool]
    public var features: Features
}

/// Summarizes articles. Keeps a lexicon (words seen so far, with their stems) across
/// articles, so one instance should serve a whole stream; it is not thread-safe.
public final class Summarizer {
    public private(set) var lexicon = Lexicon()
    public var model: LinearModel

    public init(model: LinearModel = .learned) { self.model = model }

    public func analyze(_ article: Article) -> Analysis {
        lexicon.trimIfNeeded()
        let texts = article.sentences.map(\.text)
        let query = [article.title, article.deck].compactMap { $0 }
        let doc = Document(sentences: texts, query: query, lexicon: &lexicon)
        let tiers = Eligibility.tiers(article, wordCount: doc.wordCount, fingerprint: doc.fingerprint)
        // The graphs link the article's statements; headings, table rows and questions only
        // when the article has nothing else.
        var nodes = tiers.map { $0 <= .secondary }
        if !nodes.contains(true) { nodes = tiers.map { $0 != .never } }
        let features = Features(doc: doc, nodes: nodes, prose: tiers.map { $0 == .prose }, texts: texts)
        return Analysis(document: doc, tiers: tiers, nodes: nodes, features: features)
    }

    public func summarize(_ article: Article, options: SummaryOptions = SummaryOptions()) -> Summary {
        let a = analyze(article)
        let scores = self.scores(a, method: options.method)
        let candidates = a.tiers.lazy.filter { $0 <= .secondary }.count
        let limit = options.budget.sentenceLimit(candidates: max(1, candidates))
        let doc = a.document
        // Lead takes the first sentences as they come: no redundancy control, so no norms.
        let redundancy = options.method == .lead ? 1 : options.redundancy
        let norms = redundancy < 1 ? Self.tfidfNorms(doc) : []
        let chosen = Selection.select(
            scores: scores, tiers: a.tiers, words: doc.wordCount, maxSentences: limit, maxWords: options.budget.words,
            redundancy: redundancy,
            similarity: { Self.cosine(doc, norms, $0, $1) })
        let ordered = options.order == .text ? chosen.sorted() : chosen
        return Summary(
            sentences: ordered.map { Pick(index: $0, text: article.sentences[$0].text, score: scores[$0]) },
            method: options.method, budget: options.budget)
    }

    /// One score per sentence; higher is better.
    public func scores(_ a: Analysis, method: Method) -> [Double] {
        let f = a.features
        let n = f.sentenceCount
        switch method {
        case .galley: return (0..<n).map { i in model.score(f, i) }
        case .textrank: return Centrality.textRank(a.document, nodes: a.nodes)
        case .lexrank: return Centrality.lexRank(a.document, nodes: a.nodes)
        case .degree: return Centrality.degree(a.document, nodes: a.nodes)
        case .centroid: return Centrality.centroid(a.document, nodes: a.nodes)
        case .lead: return (0..<n).map { 1 - Double($0) / Double(max(1, n)) }
        }
    }

    /// tf-idf cosine of two sentences (words), by merging their sorted term rows; `norms`
    /// from `tfidfNorms`.
    public static func cosine(_ document: Document, _ norms: [Float], _ i: Int, _ j: Int) -> Double {
        let v = document.words
        guard norms[i] > 0, norms[j] > 0 else { return 0 }
        var a = v.row(i).lowerBound, b = v.row(j).lowerBound
        let ea = v.row(i).upperBound, eb = v.row(j).upperBound
        var dot: Float = 0
        while a < ea, b < eb {
            let ta = v.terms[a], tb = v.terms[b]
            if ta == tb {
                let w = v.idf[Int(ta)]
                dot += v.tf[a] * v.tf[b] * w * w
                a += 1; b += 1
            } else if ta < tb { a += 1 } else { b += 1 }
        }
        return Double(dot / (norms[i] * norms[j]))
    }

    /// Length of each sentence's word tf-idf vector.
    public static func tfidfNorms(_ document: Document) -> [Float] {
        let v = document.words
        return (0..<v.count).map { i in
            var s: Float = 0
            for k in v.row(i) { let w = v.tf[k] * v.idf[Int(v.terms[k])]; s += w * w }
            return s.squareRoot()
        }
    }
}

/// score = bias + Σ weight_f · feature_f, the features of `Features.names`.
public struct LinearModel: Sendable, Equatable {
    public var bias: Double
    public var weights: [Double]

    public init(bias: Double, weights: [Double]) {
        precondition(weights.count == Features.count, "one weight per feature")
        self.bias = bias; self.weights = weights
    }

    /// A model that is one feature alone.
    public static func only(_ name: String) -> LinearModel {
        LinearModel(bias: 0, weights: Features.names.map { $0 == name ? 1 : 0 })
    }

    @inline(__always) public func score(_ f: Features, _ i: Int) -> Double {
        var s = bias
        for k in 0..<weights.count { s += weights[k] * f[i, k] }
        return s
    }
}
