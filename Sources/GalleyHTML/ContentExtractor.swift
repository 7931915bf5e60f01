import GalleyText

/// Decides which text blocks are the article. The main content is the element whose subtree
/// holds the most article-like text net of furniture: every block is valued by its length,
/// link density and stop-word density (prose counts for, link lists and furniture against),
/// the values are summed up the tree, and the element with the largest sum wins. Inside it,
/// blocks are kept unless a cue says otherwise (a furniture container, a caption, a link
/// list, a dateline, teasers above the headline, a byline at the edge); everything outside
/// it is removed.
struct ContentExtractor {
    let document: HTMLDocument
    let blocks: [TextBlock]
    let cues: [Cue]
    /// The page's language has a stop-word list, so stop-word density means something.
    let judgesStopWords: Bool
    /// Words of the headline and of the standfirst the page states, to recognise them in the body.
    let titleWords: [String]?
    let deckWords: [String]?

    /// Reasons no majority-of-the-page argument can override.
    static let strongFurniture: Set<String> = ["comments"]

    private(set) var root: Int32 = HTMLDocument.root
    private(set) var decisions: [String?] = []
    private var inRoot: [Bool] = []

    init(document: HTMLDocument, blocks: [TextBlock], cues: [Cue], judgesStopWords: Bool, title: String?, deck: String?) {
        self.document = document
        self.blocks = blocks
        self.cues = cues
        self.judgesStopWords = judgesStopWords
        titleWords = title.map { Tokenizer.lowerWords($0) }.flatMap { $0.isEmpty ? nil : $0 }
        deckWords = deck.map { Tokenizer.lowerWords($0) }.flatMap { $0.count < 4 ? nil : $0 }
    }

    func isProse(_ b: TextBlock) -> Bool {
        guard b.words >= 10, b.linkDensity < 0.4 else { return false }
        return !judgesStopWords || b.stopWordDensity >= 0.15
    }

    mutating func run() {
        let count = document.nodes.count
        let nodes = document.nodes

        // Subtrees are contiguous index ranges: nodes are stored in document order.
        var subtreeEnd = [Int32](repeating: 0, count: count)
        for n in 0..<count { subtreeEnd[n] = Int32(n + 1) }
        for n in stride(from: count - 1, to: 0, by: -1) {
            let p = Int(nodes[n].parent)
            if subtreeEnd[n] > subtreeEnd[p] { subtreeEnd[p] = subtreeEnd[n] }
        }

        // Prose per subtree, to tell a furniture container from a mislabelled page wrapper.
        var prose = [Double](repeating: 0, count: count)
        var proseBlocks = [Int32](repeating: 0, count: count)
        var totalProse = 0.0
        for b in blocks where isProse(b) {
            prose[Int(b.owner)] += Double(b.characters)
            proseBlocks[Int(b.owner)] += 1
            totalProse += Double(b.characters)
        }
        for n in stride(from: count - 1, to: 0, by: -1) {
            prose[Int(nodes[n].parent)] += prose[n]
            proseBlocks[Int(nodes[n].parent)] += proseBlocks[n]
        }

        // The furniture reason each element inherits from itself or its nearest labelled
        // ancestor, and how strongly it is marked as the article.
        var own = [String?](repeating: nil, count: count)
        var inherited = [String?](repeating: nil, count: count)
        var boost = [Double](repeating: 1, count: count)
        for n in 1..<count where nodes[n].kind == .element {
            let tag = nodes[n].tag
            let parent = Int(nodes[n].parent)
            boost[n] = boost[parent]
            if tag == .html || tag == .body { continue }
            switch cues[n] {
            case .furniture(let reason):
                // A label on a wrapper holding most of the page's prose, in several blocks,
                // describes a layout ("has-sidebar"), not furniture.
                let wrapper = proseBlocks[n] >= 3 && prose[n] > 0.5 * totalProse
                if Self.strongFurniture.contains(reason) || !wrapper { own[n] = reason }
            case .articleBody:
                boost[n] = 3
            case .content:
                boost[n] = max(boost[n], 1.5)
            case .none:
                break
            }
            inherited[n] = own[n] ?? inherited[parent]
        }

        // Sum the block values up the tree; the best subtree is the content.
        var sum = [Double](repeating: 0, count: count)
        for b in blocks {
            var v = value(b, furniture: inherited[Int(b.owner)] != nil || b.inlineFurniture != nil)
            if v > 0 { v *= boost[Int(b.owner)] }
            sum[Int(b.owner)] += v
        }
        for n in stride(from: count - 1, to: 0, by: -1) { sum[Int(nodes[n].parent)] += sum[n] }
        // Ties go to the deeper element. A page with no positive block at all (a fragment, a
        // few short lines) keeps its whole body as the candidate.
        var best = 0
        for n in 0..<count where nodes[n].kind != .text && sum[n] >= sum[best] { best = n }
        if sum[best] <= 0 { best = Int(document.elements(.body).first ?? HTMLDocument.root) }
        root = Int32(best)

        inRoot = blocks.map { Int32(best) <= $0.owner && $0.owner < subtreeEnd[best] }
        decisions = blocks.indices.map { i in
            let b = blocks[i]
            guard inRoot[i] else { return inherited[Int(b.owner)] ?? b.inlineFurniture ?? (b.linkDensity > 0.5 ? "links" : "outside-content") }
            // Only labels between the block and the content root count inside it.
            var k = b.owner
            while k > Int32(best) {
                if let r = own[Int(k)] { return r }
                k = nodes[Int(k)].parent
            }
            return b.inlineFurniture ?? decideInside(b)
        }
        dropTeasersAboveTheHeadline()
        trimEdges()
        attachShortLinesToFurniture()
        dropBlocksBetweenFurniture()
        dropEmptySections()
        dropRepeats()
    }

    private func value(_ b: TextBlock, furniture: Bool) -> Double {
        let c = Double(b.characters)
        if furniture { return -c - 10 }
        if b.linkDensity > 0.5 { return -c }
        if isProse(b) { return c * (1 - b.linkDensity) }
        if case .heading = b.kind { return 0 }
        if b.characters < 40 { return -5 }
        return 0.25 * c
    }

    private func decideInside(_ b: TextBlock) -> String? {
        switch b.kind {
        case .caption: return "caption"
        case .heading(let level):
            let words = Tokenizer.lowerWords(b.string)
            // The headline: an <h1> that matches the stated title, or any <h1> when none is
            // stated. Pages that use <h1> for their section headings keep those.
            if level == 1, titleWords.map({ Self.similar(words, $0) }) ?? true { return "title" }
            if let d = deckWords, words == d { return "deck" }
        default: break
        }
        // Mostly links, and little else to read: a link list. A paragraph that links a lot
        // but still says something in its own words (a round-up item) stays.
        let ownWords = Double(b.words) * (1 - b.linkDensity)
        if b.linkDensity > 0.7 || (b.linkDensity > 0.5 && ownWords < 8) { return "links" }
        if isDateline(b) { return "metadata" }
        if b.words <= 6, let reason = Self.chromeLine(b.string) { return reason }
        return nil
    }

    /// Labels that are furniture wherever they stand alone ("Advertisement", "Read more").
    static let chromeLines: [String: String] = [
        "advert": "ad", "advertisement": "ad", "advertisements": "ad", "ad": "ad", "ads": "ad", "sponsored": "ad",
        "sponsored content": "ad", "paid content": "ad", "anzeige": "ad", "werbung": "ad", "publicidad": "ad",
        "publicité": "ad", "pubblicità": "ad", "реклама": "ad", "story continues below advertisement": "ad",
        "advertisement - scroll to continue": "ad", "scroll to continue with content": "ad",
        "share": "share", "share this": "share", "share this article": "share", "share this story": "share",
        "print": "chrome", "email": "chrome", "loading": "chrome", "skip to content": "chrome", "back to top": "chrome",
        "click to expand": "chrome", "continue reading": "chrome", "read more": "related", "related": "related",
        "related articles": "related", "related stories": "related", "you may also like": "related",
        "recommended": "related", "more stories": "related", "follow us": "share", "subscribe": "newsletter",
        "sign up": "newsletter",
    ]

    static func chromeLine(_ text: String) -> String? {
        var key = text.lowercased()
        while let last = key.unicodeScalars.last, ".:!…»›|-–—".unicodeScalars.contains(last) || last == " " {
            key.unicodeScalars.removeLast()
        }
        return chromeLines[key]
    }

    /// Calls to action that close or open an article: newsletter sign-ups, "have a tip?",
    /// "follow us". Only looked for in the first and the last few kept blocks.
    static let callToAction = ["sign up", "subscribe", "newsletter", "click here", "follow us", "delivered to your inbox",
                               "download the app", "download our app", "have a tip", "can be reached at", "may be reached at",
                               "email us at"]

    private func isCallToAction(_ b: TextBlock) -> Bool {
        guard b.words <= 40, b.kind == .paragraph else { return false }
        let lower = b.string.lowercased()
        return Self.callToAction.contains { lower.containsBytes($0) }
    }

    /// "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05" or "Posted on 3 May 2021":
    /// a short line that states a date and little else.
    private func isDateline(_ b: TextBlock) -> Bool {
        guard b.words <= 16, !b.endsSentence || b.words <= 8, Self.containsYear(b.text) else { return false }
        let text = b.string
        let dates = DateParser.findDates(in: text)
        guard !dates.isEmpty else { return false }
        let lower = text.lowercased()
        if Self.dateWords.contains(where: { lower.contains($0) }) { return true }
        var rest = Array(text.unicodeScalars)
        for d in dates.reversed() { rest.removeSubrange(d.range) }
        return Tokenizer.words(String(String.UnicodeScalarView(rest))).count <= 3
    }

    /// A four-digit year from 1900 to 2099: every full date has one, and checking for it
    /// first keeps the date parser away from almost every block.
    static func containsYear(_ text: [UInt8]) -> Bool {
        var run = 0
        for (i, b) in text.enumerated() {
            if b >= 0x30 && b <= 0x39 {
                run += 1
                if run == 4 {
                    let (c, d) = (text[i - 3], text[i - 2])
                    if (c == 0x31 && d == 0x39) || (c == 0x32 && d == 0x30) {
                        if i + 1 == text.count || !(text[i + 1] >= 0x30 && text[i + 1] <= 0x39) { return true }
                    }
                }
            } else {
                run = 0
            }
        }
        return false
    }

    /// Two word sequences share most of their words (a headline with or without a kicker).
    static func similar(_ a: [String], _ b: [String]) -> Bool {
        let x = Set(a), y = Set(b)
        guard !x.isEmpty, !y.isEmpty else { return false }
        return Double(x.intersection(y).count) >= 0.6 * Double(max(x.count, y.count))
    }

    static let dateWords = ["published", "updated", "posted", "last modified", "pubblicato", "publicado", "publié", "veröffentlicht", "aktualisiert"]

    // MARK: - Context

    /// Kept text inside the content, as (block index, characters).
    private var keptIndices: [Int] { decisions.indices.filter { decisions[$0] == nil && inRoot[$0] } }

    /// Teasers for other stories often sit above the headline inside the same container. When
    /// the stated headline appears in the content with a fair share of the kept text after it
    /// (at least half as much as before it, so that a headline repeated at the foot of the
    /// page does not count), what comes before is not the article.
    private mutating func dropTeasersAboveTheHeadline() {
        guard let title = titleWords else { return }
        guard let headline = blocks.indices.first(where: { i in
            inRoot[i] && abs(blocks[i].words - title.count) <= 3 && Tokenizer.lowerWords(blocks[i].string) == title
        }) else { return }
        var before = 0, after = 0
        for i in keptIndices { if i < headline { before += blocks[i].characters } else { after += blocks[i].characters } }
        guard before > 0, 2 * after >= before else { return }
        for i in keptIndices where i < headline { decisions[i] = "before-title" }
    }

    /// Bylines, dates and buttons at the start or end of the content are not body text; nor is
    /// a heading with nothing after it.
    private mutating func trimEdges() {
        let all = keptIndices
        if let first = all.first, isCallToAction(blocks[first]) { decisions[first] = "promo" }
        for i in all.suffix(3) where isCallToAction(blocks[i]) { decisions[i] = "promo" }
        let kept = keptIndices
        for i in kept {
            if isEdgeFurniture(blocks[i]) { decisions[i] = "metadata" } else { break }
        }
        for i in kept.reversed() {
            let b = blocks[i]
            if case .heading = b.kind { decisions[i] = "chrome"; continue }
            if isEdgeFurniture(b) { decisions[i] = "chrome" } else { break }
        }
    }

    /// A short line between pieces of furniture belongs to them ("DON'T MISS" above a link
    /// list, "Related" over teasers): when the next substantial block is removed and nothing
    /// kept comes between, the line goes too, with that block's reason.
    private mutating func attachShortLinesToFurniture() {
        let inside = blocks.indices.filter { inRoot[$0] }
        // For each position, the first later block that is not a kept short line (one backward pass).
        var nextSubstantial = [Int](repeating: inside.count, count: inside.count + 1)
        for k in stride(from: inside.count - 1, through: 0, by: -1) {
            let i = inside[k]
            nextSubstantial[k] = decisions[i] == nil && isShortLine(blocks[i]) ? nextSubstantial[k + 1] : k
        }
        for (k, i) in inside.enumerated() where decisions[i] == nil && isShortLine(blocks[i]) {
            let j = nextSubstantial[k + 1]
            guard j < inside.count, let reason = decisions[inside[j]], isFurnitureReason(reason) else { continue }
            // The previous block must not be kept prose that the line could be closing.
            if k > 0, decisions[inside[k - 1]] == nil, !isShortLine(blocks[inside[k - 1]]) { continue }
            decisions[i] = reason
        }
    }

    /// jusText's context rule: a block that is not long enough to stand on its own and sits
    /// between two pieces of furniture is furniture too (teaser cards: link, blurb, link, blurb).
    private mutating func dropBlocksBetweenFurniture() {
        let inside = blocks.indices.filter { inRoot[$0] }
        guard inside.count >= 3 else { return }
        for k in 1..<(inside.count - 1) {
            let i = inside[k]
            guard decisions[i] == nil, blocks[i].words < 25 else { continue }
            guard let before = decisions[inside[k - 1]], let after = decisions[inside[k + 1]],
                  isFurnitureReason(before), isFurnitureReason(after) else { continue }
            decisions[i] = after
        }
    }

    /// A heading whose section holds nothing kept introduced furniture ("Most popular").
    private mutating func dropEmptySections() {
        let inside = blocks.indices.filter { inRoot[$0] }
        for (k, i) in inside.enumerated() where decisions[i] == nil {
            guard case .heading = blocks[i].kind else { continue }
            var j = k + 1
            var removedAfter = 0
            while j < inside.count {
                let b = blocks[inside[j]]
                if case .heading = b.kind { break }
                if decisions[inside[j]] == nil { removedAfter = -1; break }
                removedAfter += 1
                j += 1
            }
            if removedAfter > 0, let reason = decisions[inside[k + 1]] { decisions[i] = isFurnitureReason(reason) ? reason : "chrome" }
        }
    }

    /// The same short block twice in the content (a caption or a teaser repeated) is kept once.
    private mutating func dropRepeats() {
        var seen: Set<[UInt8]> = []
        for i in keptIndices where blocks[i].words <= 40 && blocks[i].words >= 3 {
            if !seen.insert(blocks[i].text).inserted { decisions[i] = "duplicate" }
        }
    }

    private func isFurnitureReason(_ r: String) -> Bool {
        !["title", "deck", "metadata", "caption", "before-title", "outside-content", "chrome"].contains(r)
    }

    private func isShortLine(_ b: TextBlock) -> Bool {
        switch b.kind {
        case .paragraph, .heading: return b.words <= 5 && !b.endsSentence
        default: return false
        }
    }

    /// A short line that is not a sentence: a byline, a date, a button label. Table cells and
    /// list items are judged with their table or list, not alone.
    private func isEdgeFurniture(_ b: TextBlock) -> Bool {
        guard b.kind == .paragraph else { return false }
        return b.words <= 8 && !b.endsSentence
    }
}
