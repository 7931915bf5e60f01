import GalleyJSON

/// How long a summary may be. Every limit given applies; with none, `defaultSentences`.
public struct Budget: Sendable, Equatable {
    public var sentences: Int?
    /// Share of the article's candidate sentences (see `sentenceLimit`), in (0, 1].
    public var ratio: Double?
    public var words: Int?

    public static let defaultSentences = 3

    public init(sentences: Int? = nil, ratio: Double? = nil, words: Int? = nil) {
        self.sentences = sentences; self.ratio = ratio; self.words = words
    }

    public var isEmpty: Bool { sentences == nil && ratio == nil && words == nil }

    /// The most sentences the summary may hold. `candidates` is the number of sentences the
    /// article could offer (prose and secondary tiers; headings, table rows and questions do
    /// not count), which `ratio` is a share of: `max(1, round(ratio * candidates))`.
    public func sentenceLimit(candidates: Int) -> Int {
        var limit = Int.max
        if let sentences { limit = min(limit, sentences) }
        if let ratio { limit = min(limit, max(1, Int((ratio * Double(candidates)).rounded()))) }
        if sentences == nil && ratio == nil { limit = words == nil ? Self.defaultSentences : Int.max }
        return limit
    }

    /// Reads `{"sentences": N, "ratio": R, "words": W}` (any subset).
    public init(json: JSONObject, field: String) throws(OptionError) {
        sentences = try Self.positiveInt(json["sentences"], "\(field).sentences")
        words = try Self.positiveInt(json["words"], "\(field).words")
        if let r = json["ratio"], !r.isNull {
            guard let d = r.doubleValue, d > 0, d <= 1 else { throw OptionError("\(field).ratio must be a number in (0, 1]") }
            ratio = d
        }
    }

    static func positiveInt(_ v: JSONValue?, _ name: String) throws(OptionError) -> Int? {
        guard let v, !v.isNull else { return nil }
        guard let i = v.intValue, i >= 1 else { throw OptionError("\(name) must be an integer >= 1") }
        return i
    }

    public var json: JSONValue {
        var o = JSONObject()
        if let sentences { o["sentences"] = JSONValue(sentences) }
        if let ratio { o["ratio"] = JSONValue(ratio) }
        if let words { o["words"] = JSONValue(words) }
        if isEmpty { o["sentences"] = JSONValue(Self.defaultSentences) }
        return .object(o)
    }
}

/// How sentences are scored.
public enum Method: String, Sendable, CaseIterable {
    /// The default: a linear model over centrality, query, position and shape signals,
    /// weights learned on the BBC development set (tools/train.py).
    case galley
    /// PageRank on the word-overlap graph (Mihalcea & Tarau 2004).
    case textrank
    /// PageRank on the tf-idf cosine graph (Erkan & Radev 2004, continuous LexRank).
    case lexrank
    /// Sum of stem-overlap similarities (degree centrality; what sumy's Reduction computes).
    case degree
    /// Cosine to the article's tf-idf centroid (Radev et al. 2004).
    case centroid
    /// The first sentences, in order.
    case lead
}

/// The order of the chosen sentences in the summary.
public enum Order: String, Sendable, CaseIterable {
    case text, rank
}

/// A bad option or budget; the message names the field.
public struct OptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

public struct SummaryOptions: Sendable, Equatable {
    public var budget = Budget()
    public var method = Method.galley
    public var order = Order.text
    /// Two chosen sentences may not be more alike than this (tf-idf cosine); a sentence over
    /// the limit waits until nothing else is left. 1 turns the check off.
    public var redundancy = 0.7

    public init(budget: Budget = Budget(), method: Method = .galley, order: Order = .text, redundancy: Double = 0.7) {
        self.budget = budget; self.method = method; self.order = order; self.redundancy = redundancy
    }

    /// The plugin's options: `sentences`, `ratio`, `words`, `method`, `order`, `redundancy`.
    /// A line's own `budget` object, when present, replaces the options' limits.
    public init(options: JSONObject, lineBudget: JSONValue? = nil) throws(OptionError) {
        for (key, _) in options where !Self.optionNames.contains(key) {
            throw OptionError("unknown option '\(key)' (options: \(Self.optionNames.joined(separator: ", ")))")
        }
        budget = try Budget(json: options, field: "option")
        if let m = options["method"], !m.isNull {
            guard let s = m.stringValue, let method = Method(rawValue: s) else {
                throw OptionError("option method must be one of \(Method.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.method = method
        }
        if let o = options["order"], !o.isNull {
            guard let s = o.stringValue, let order = Order(rawValue: s) else { throw OptionError("option order must be text or rank") }
            self.order = order
        }
        if let r = options["redundancy"], !r.isNull {
            guard let d = r.doubleValue, d > 0, d <= 1 else { throw OptionError("option redundancy must be a number in (0, 1]") }
            redundancy = d
        }
        if let line = lineBudget, !line.isNull {
            if let n = line.intValue, n >= 1 {
                budget = Budget(sentences: n)  // "budget": 3 means three sentences
            } else {
                guard case .object(let o) = line else { throw OptionError("budget must be an object like {\"sentences\": 3}") }
                // A misspelt key ("sentence") was ignored, and the default budget used unsaid.
                for (key, _) in o where !["sentences", "ratio", "words"].contains(key) {
                    throw OptionError("budget has no '\(key)'\(key.hasPrefix("sentence") ? " (did you mean 'sentences'?)" : ""); its keys are sentences, ratio and words")
                }
                let b = try Budget(json: o, field: "budget")
                if !b.isEmpty { budget = b }
            }
        }
    }

    public static let optionNames = ["sentences", "ratio", "words", "method", "order", "redundancy"]

    /// JSON Schema of the options, for the manifest.
    public static var schema: JSONValue {
        [
            "type": "object",
            "properties": [
                "sentences": ["type": "integer", "minimum": 1, "description": "at most this many sentences (default 3 when no limit is given)"],
                "ratio": ["type": "number", "exclusiveMinimum": 0, "maximum": 1, "description": "at most this share of the article's sentences"],
                "words": ["type": "integer", "minimum": 1, "description": "at most this many words"],
                "method": ["type": "string", "enum": .array(Method.allCases.map { .string($0.rawValue) }), "default": "galley"],
                "order": ["type": "string", "enum": ["text", "rank"], "default": "text"],
                "redundancy": ["type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.7,
                               "description": "largest tf-idf cosine allowed between two chosen sentences"],
            ],
            "additionalProperties": false,
        ]
    }
}
