/// Decides which text blocks are the article. The main content is the element whose subtree
/// holds the most article-like text net of furniture: every block is valued by its length,
/// link density and stop-word density (prose counts for, link lists and furniture against),
/// the values are summed up the tree, and the element with the largest sum wins. Inside it,
/// blocks are kept unless a cue says otherwise (a furniture container, a caption, a link
/// list, a byline at the edge); everything outside it is removed.
struct ContentExtractor {
    let document: HTMLDocument
    let blocks: [TextBlock]
    /// The page's language has a stop-word list, so stop-word density means something.
    let judgesStopWords: Bool

    /// Reasons no majority-of-the-page argument can override.
    static let strongFurniture: Set<String> = ["comments"]

    private(set) var root: Int32 = HTMLDocument.root
    private(set) var decisions: [String?] = []

    init(document: HTMLDocument, blocks: [TextBlock], judgesStopWords: Bool) {
        self.document = document
        self.blocks = blocks
        self.judgesStopWords = judgesStopWords
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
        var scratch = BoilerplateCues.CueScratch()
        var cache = BoilerplateCues.CueCache()
        for n in 1..<count where nodes[n].kind == .element {
            let tag = nodes[n].tag
            let parent = Int(nodes[n].parent)
            boost[n] = boost[parent]
            if tag == .html || tag == .body { continue }
            switch cache.cue(of: Int32(n), in: document, scratch: &scratch) {
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
            var v = value(b, furniture: inherited[Int(b.owner)] != nil)
            if v > 0 { v *= boost[Int(b.owner)] }
            sum[Int(b.owner)] += v
        }
        for n in stride(from: count - 1, to: 0, by: -1) { sum[Int(nodes[n].parent)] += sum[n] }
        var best = 0
        for n in 0..<count where nodes[n].kind != .text && sum[n] >= sum[best] { best = n }
        root = Int32(best)

        decisions = blocks.map { b in
            let inside = Int32(best) <= b.owner && b.owner < subtreeEnd[best]
            guard inside else { return inherited[Int(b.owner)] ?? (b.linkDensity > 0.5 ? "links" : "outside-content") }
            // Only labels between the block and the content root count inside it.
            var k = b.owner
            while k > Int32(best) {
                if let r = own[Int(k)] { return r }
                k = nodes[Int(k)].parent
            }
            return decideInside(b)
        }
        trimEdges()
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
        case .heading(let level) where level == 1: return "title"
        default: break
        }
        if b.linkDensity > 0.5 { return "links" }
        return nil
    }

    /// Bylines, dates and buttons at the start or end of the content are not body text.
    private mutating func trimEdges() {
        let kept = decisions.indices.filter { decisions[$0] == nil }
        for i in kept {
            if isEdgeFurniture(blocks[i]) { decisions[i] = "metadata" } else { break }
        }
        for i in kept.reversed() {
            if decisions[i] != nil { break }
            let b = blocks[i]
            if case .heading = b.kind { decisions[i] = "chrome"; continue }
            if isEdgeFurniture(b) { decisions[i] = "chrome" } else { break }
        }
    }

    /// A short line that is not a sentence: a byline, a date, a button label. Table cells and
    /// list items are judged with their table or list, not alone.
    private func isEdgeFurniture(_ b: TextBlock) -> Bool {
        guard b.kind == .paragraph else { return false }
        return b.words <= 8 && !b.endsSentence
    }
}
