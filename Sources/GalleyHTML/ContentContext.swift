import GalleyText

/// The passes that judge a block by its neighbours once the content root is known: what sits
/// above the headline, at the edges of the content, between pieces of furniture, under a
/// heading with nothing kept after it, or repeats itself.
extension ContentExtractor {
    /// Indices of the blocks still kept inside the content root.
    var keptIndices: [Int] { decisions.indices.filter { decisions[$0] == nil && inRoot[$0] } }

    /// Teasers for other stories often sit above the headline inside the same container. When
    /// the stated headline appears in the content with a fair share of the kept text after it
    /// (at least half as much as before it, so that a headline repeated at the foot of the
    /// page does not count), what comes before is not the article.
    mutating func dropTeasersAboveTheHeadline() {
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
    mutating func trimEdges() {
        let all = keptIndices
        if let first = all.first, BlockLexicon.isCallToAction(blocks[first]) { decisions[first] = "promo" }
        for i in all.suffix(3) where BlockLexicon.isCallToAction(blocks[i]) { decisions[i] = "promo" }
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
    mutating func attachShortLinesToFurniture() {
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
    mutating func dropBlocksBetweenFurniture() {
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
    mutating func dropEmptySections() {
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
    /// Not a table cell or a list item: a column or a list may say the same thing twice
    /// ("No change", a repeated feature), and taking one out shifts the rest.
    mutating func dropRepeats() {
        var seen: Set<[UInt8]> = []
        for i in keptIndices where blocks[i].words <= 40 && blocks[i].words >= 3 {
            switch blocks[i].kind {
            case .tableCell, .listItem: continue
            default: break
            }
            if !seen.insert(blocks[i].text).inserted { decisions[i] = "duplicate" }
        }
    }

    func isFurnitureReason(_ r: String) -> Bool {
        // Hidden text says nothing about what is around it: it was never on the page.
        !["title", "deck", "metadata", "caption", "before-title", "outside-content", "chrome", "hidden"].contains(r)
    }

    func isShortLine(_ b: TextBlock) -> Bool {
        switch b.kind {
        case .paragraph, .heading: return b.words <= 5 && !b.endsSentence
        default: return false
        }
    }

    /// A short line that is not a sentence: a byline, a date, a button label. Table cells and
    /// list items are judged with their table or list, not alone.
    func isEdgeFurniture(_ b: TextBlock) -> Bool {
        guard b.kind == .paragraph else { return false }
        return b.words <= 8 && !b.endsSentence
    }
}
