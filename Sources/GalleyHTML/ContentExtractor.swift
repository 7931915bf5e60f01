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

    /// The document is a fragment that is all article (a feed item's body, a record's html
    /// field): its whole body is the content, with no main part to pick out.
    var wholeBody = false

    /// Reasons no majority-of-the-page argument can override.
    static let strongFurniture: Set<String> = ["comments"]

    private(set) var root: Int32 = HTMLDocument.root
    /// Per block: nil when kept, else why it was removed.
    var decisions: [String?] = []
    /// Whether each block lies inside the content root.
    var inRoot: [Bool] = []

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
        if sum[best] <= 0 || wholeBody { best = Int(document.elements(.body).first ?? HTMLDocument.root) }
        best = liftedFromOneBlock(best, subtreeEnd: subtreeEnd, inherited: inherited)
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
        // Context passes (ContentContext.swift).
        dropTeasersAboveTheHeadline()
        trimEdges()
        attachShortLinesToFurniture()
        dropBlocksBetweenFurniture()
        dropEmptySections()
        dropRepeats()
    }

    /// A short article can leave one paragraph as the best subtree: its other sentences, under
    /// ten words each, count a little against their container, as do the container's byline and
    /// sidebar. A lone block is no article when the element around it holds more sentences
    /// outside any furniture: that element is the content ("The company blamed weak demand."
    /// was removed as outside the content). Furniture inside it is still removed by its label.
    private func liftedFromOneBlock(_ best: Int, subtreeEnd: [Int32], inherited: [String?]) -> Int {
        let nodes = document.nodes
        let inside = blocks.filter { Int32(best) <= $0.owner && $0.owner < subtreeEnd[best] }
        guard inside.count == 1, best > 0, nodes[best].kind == .element else { return best }
        let parent = Int(nodes[best].parent)
        guard parent > 0, inherited[parent] == nil, nodes[parent].tag != .html, nodes[parent].tag != .body else { return best }
        let sentences = blocks.filter { b in
            Int32(parent) <= b.owner && b.owner < subtreeEnd[parent] && !(Int32(best) <= b.owner && b.owner < subtreeEnd[best])
                && b.kind == .paragraph && b.endsSentence && b.words >= 3 && b.linkDensity < 0.25
                && inherited[Int(b.owner)] == nil && b.inlineFurniture == nil
        }
        return sentences.isEmpty ? best : parent
    }

    private func value(_ b: TextBlock, furniture: Bool) -> Double {
        // Hidden text neither adds to nor takes from the region it sits in.
        if b.inlineFurniture == "hidden" { return 0 }
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
        if BlockLexicon.isDateline(b) { return "metadata" }
        if BlockLexicon.isTeaser(b) { return "related" }
        if b.words <= 6, let reason = BlockLexicon.chromeLine(b.string) { return reason }
        return nil
    }

    /// Two word sequences share most of their words (a headline with or without a kicker).
    static func similar(_ a: [String], _ b: [String]) -> Bool {
        let x = Set(a), y = Set(b)
        guard !x.isEmpty, !y.isEmpty else { return false }
        return Double(x.intersection(y).count) >= 0.6 * Double(max(x.count, y.count))
    }
}
