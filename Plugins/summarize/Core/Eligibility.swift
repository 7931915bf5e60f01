import GalleyModel

/// Which sentences may stand in a summary, in three tiers. A summary takes sentences from the
/// best tier first and reaches into a lower tier only when the better ones are used up, so
/// a heading or a table row appears only in an article that has nothing else.
public enum Tier: Int, Sendable, Comparable, CaseIterable {
    /// Running prose of the article body.
    case prose = 0
    /// Text that restates, itemises or frames the article rather than telling it: FAQ
    /// answers, list items that are whole sentences, questions asked inside prose ("But why now?").
    case secondary = 1
    /// Not a statement: headings, table rows, FAQ questions, bylines and credits, list
    /// fragments, lead-ins ending in a colon, scraps under four words.
    case lastResort = 2
    /// Never: a repeat of an earlier sentence, or a sentence without words.
    case never = 3

    public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
}

public enum Eligibility {
    /// The tier of every sentence of `article`. `wordCount` and `fingerprint` come from the
    /// article's `Document` (same order as `article.sentences`).
    public static func tiers(_ article: Article, wordCount: [Int32], fingerprint: [UInt64]) -> [Tier] {
        var faqBlocks = Set<Int>()
        for pair in article.faq { faqBlocks.formUnion(pair.paragraphs) }
        let n = article.sentences.count
        // Repeats: a linear look back is cheapest for a news article's few dozen sentences.
        var seen = n > 64 ? Set<UInt64>(minimumCapacity: n) : []
        var out: [Tier] = []
        out.reserveCapacity(n)
        var inScenarioSection = false
        for (i, s) in article.sentences.enumerated() {
            if s.kind == .heading { inScenarioSection = framesScenario(s.text) }
            let words = Int(wordCount[i])
            let repeated = n > 64 ? !seen.insert(fingerprint[i]).inserted : fingerprint[0..<i].contains(fingerprint[i])
            if words == 0 || repeated {
                out.append(.never)
                continue
            }
            var t = tier(of: s, words: words, inFAQ: !faqBlocks.isEmpty && faqBlocks.contains(s.paragraph))
            // What might happen is not what happened: a section headed "Scenario Two: ..." and
            // a sentence "In this scenario, ..." describe a future, not the news.
            if t == .prose, inScenarioSection || startsHypothetical(s.text) { t = .secondary }
            out.append(t)
        }
        return out
    }

    /// A heading that frames a scenario: "Scenario One: The Lean Machine", "Worst-case scenario".
    static func framesScenario(_ heading: String) -> Bool {
        let lower = heading.prefix(80).lowercased()
        return lower.hasPrefix("scenario") || lower.hasPrefix("best case") || lower.hasPrefix("best-case")
            || lower.hasPrefix("worst case") || lower.hasPrefix("worst-case") || lower.contains(" scenario:")
    }

    static func startsHypothetical(_ text: String) -> Bool {
        guard let first = text.utf8.first, first | 0x20 == UInt8(ascii: "i") || first | 0x20 == UInt8(ascii: "u") else { return false }
        let lower = text.prefix(24).lowercased()
        return hypotheticalOpenings.contains { lower.hasPrefix($0) }
    }

    static let hypotheticalOpenings = ["in this scenario", "in that scenario", "in such a scenario", "under this scenario", "under that scenario"]

    /// The tier of one sentence from its kind and its own shape.
    public static func tier(of s: Sentence, words: Int, inFAQ: Bool) -> Tier {
        switch s.kind {
        case .heading, .tableRow, .question: return .lastResort
        case .listItem: return looksLikeFullSentence(s.text, words: words) ? .secondary : .lastResort
        case .answer: return shapeTier(s.text, words: words) == .prose ? .secondary : .lastResort
        case .paragraph:
            let shape = shapeTier(s.text, words: words)
            return inFAQ && shape == .prose ? .secondary : shape
        }
    }

    /// Tier by the sentence's shape alone.
    static func shapeTier(_ text: String, words: Int) -> Tier {
        if words < 4 { return .lastResort }
        let last = lastVisibleScalar(text)
        if last == ":" { return .lastResort }
        if !hasLowercase(text) { return .lastResort }  // ALL CAPS or no letters: a banner, not a sentence
        if isCredit(text, words: words) { return .lastResort }
        if last == "?" { return .secondary }
        return .prose
    }

    /// A list item that reads as a sentence: long enough, ends like one.
    static func looksLikeFullSentence(_ text: String, words: Int) -> Bool {
        guard words >= 8, shapeTier(text, words: words) == .prose else { return false }
        let last = lastVisibleScalar(text)
        return last == "." || last == "!" || last == "\u{201D}" || last == "\""
    }

    /// The last character that is not white space.
    static func lastVisibleScalar(_ text: String) -> UnicodeScalar? {
        let utf8 = text.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            let b = utf8[before]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { end = before; continue }
            if b < 0x80 { return UnicodeScalar(b) }
            // The last scalar is multi-byte: step back to its lead byte.
            let scalars = text.unicodeScalars
            let s = scalars[scalars.index(before: end)]
            if s.value == 0xA0 { end = scalars.index(before: end); continue }
            return s
        }
        return nil
    }

    /// Any lowercase letter: ASCII by bytes, other scripts by their Unicode property.
    static func hasLowercase(_ text: String) -> Bool {
        var nonASCII = false
        for b in text.utf8 {
            if b &- 0x61 < 26 { return true }
            if b >= 0x80 { nonASCII = true }
        }
        return nonASCII && text.unicodeScalars.contains { $0.value >= 0x80 && $0.properties.isLowercase }
    }

    /// Bylines and credit lines: "By Jane Doe", "Photo: Reuters", "Reporting by ...",
    /// "Follow us on ...", "Read more: ...". Only short lines qualify: a long sentence that
    /// starts with "By" ("By cutting 1,000 jobs, Meta ...") is prose.
    static func isCredit(_ text: String, words: Int) -> Bool {
        guard words <= 12, let first = text.utf8.first, creditInitials[Int(first | 0x20)] else { return false }
        let startsWithBy: Bool
        if let start = asciiStart(text) {
            // An ASCII start (nearly always): the prefixes are compared on the lowercased bytes.
            for p in creditPrefixBytes where start.starts(with: p) { return true }
            startsWithBy = start.starts(with: "by ".utf8)
        } else {
            let lower = text.prefix(40).lowercased()
            for p in creditPrefixes where lower.hasPrefix(p) { return true }
            startsWithBy = lower.hasPrefix("by ")
        }
        if startsWithBy {
            // "By" + capitalised names, without a verb-like lowercase run.
            let rest = text.dropFirst(3).split(separator: " ")
            let lowerWords = rest.filter { w in w.first.map { $0.isLowercase } ?? false }
            return lowerWords.allSatisfy { ["and", "in", "for", "at", "of", "the", "de", "van", "von"].contains(String($0)) }
        }
        return false
    }

    /// By byte: whether it is the first byte (lowercased) of a credit prefix or of "by".
    static let creditInitials: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for b in creditPrefixes.compactMap({ $0.utf8.first.map { $0 | 0x20 } }) + [0x62] { table[Int(b)] = true }
        return table
    }()

    static let creditPrefixBytes: [[UInt8]] = creditPrefixes.map { Array($0.utf8) }

    /// The first 40 bytes of `text` lowercased, when they are all ASCII (then they are its
    /// first 40 characters, as no sentence holds a line break); nil otherwise.
    static func asciiStart(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(40)
        for b in text.utf8.prefix(40) {
            guard b < 0x80 else { return nil }
            out.append(b &- 0x41 < 26 ? b | 0x20 : b)
        }
        return out
    }

    static let creditPrefixes = [
        "photo:", "photo by", "photograph:", "image:", "image by", "image credit", "credit:", "credits:", "source:",
        "sources:", "reporting by", "additional reporting", "editing by", "edited by", "written by", "follow us",
        "read more", "read also", "see also", "related:", "click here", "subscribe", "sign up", "advertisement",
        "sponsored", "copyright", "©", "all rights reserved", "share this", "listen to this",
    ]
}
