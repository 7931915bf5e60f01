/// Reads a run of short lines as a table. Lines with explicit separators (tabs, pipes, runs
/// of spaces) split on them. Scrapes often lose the separators ("Magnitude Approximately
/// 13% - 15% Projected 20% or more"); those rows are split where a new cell plausibly
/// starts: a Title Case row label, then a capitalised word or a number after a word that
/// ends a phrase (lowercase, a number, a closing quote), but never after "and", a comma
/// or a dash. The column count is what most rows agree on.
enum TableReader {
    static func read(_ lines: [Line]) -> [[String]]? {
        guard lines.count >= 2 else { return nil }
        if lines.allSatisfy({ $0.separatedCells != nil }) {
            let rows = lines.map { $0.separatedCells! }
            let width = mostCommon(rows.map(\.count))
            return rows.allSatisfy({ abs($0.count - width) <= 1 }) ? rows.map { pad($0, width) } : nil
        }
        guard lines.count >= 3 else { return nil }
        let tokenized = lines.map { $0.text.split(separator: " ").map(String.init) }
        var candidates: [(label: Int, boundaries: [(at: Int, score: Int)])] = []
        for words in tokenized {
            guard let label = labelLength(words) else { return nil }
            candidates.append((label, cellStarts(words, after: label)))
        }
        // Columns: the label plus one more than the strong boundaries most rows show.
        let width = mostCommon(candidates.map { 2 + $0.boundaries.count })
        guard width >= 2, width <= 6 else { return nil }
        let agreeing = candidates.filter { 2 + $0.boundaries.count >= width }.count
        guard agreeing * 10 >= candidates.count * 8 else { return nil }
        var rows: [[String]] = []
        for (words, c) in zip(tokenized, candidates) {
            let chosen = c.boundaries.enumerated()
                .sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }
                .prefix(width - 2).map(\.element.at).sorted()
            var cells: [String] = [words[0..<c.label].joined(separator: " ")]
            var start = c.label
            for b in chosen + [words.count] {
                cells.append(words[start..<b].joined(separator: " "))
                start = b
            }
            rows.append(pad(cells.filter { !$0.isEmpty }, width))
        }
        return rows
    }

    /// For each start `s`, whether `read(Array(lines[s...]))` finds a table, all in one pass
    /// from the end. The structurer tries every suffix of a run of short lines until one reads
    /// as a table; calling `read` on each suffix was quadratic (12,000 Title Case lines took
    /// 52 s). Each row is split and scored once here, and the column counts the rows agree on
    /// are kept as the suffix grows.
    static func readableSuffixes(_ lines: [Line]) -> [Bool] {
        let n = lines.count
        var readable = [Bool](repeating: false, count: n)
        // Rows with explicit separators: the cell count most rows have, and the extremes.
        var allSeparated = true
        var cellCounts: [Int: Int] = [:], commonCells = 0, fewestCells = Int.max, mostCells = Int.min
        // Rows without: whether one has no label, and the column counts (label + boundaries + 1).
        var anyUnlabelled = false
        var widthCounts: [Int: Int] = [:], commonWidth = 0
        for s in stride(from: n - 1, through: 0, by: -1) {
            let size = n - s
            if allSeparated, let cells = lines[s].separatedCells {
                let c = cells.count, seen = cellCounts[c, default: 0] + 1
                cellCounts[c] = seen
                // `mostCommon`'s order: more rows first, then the smaller count.
                if cellCounts.count == 1 || (seen, -c) > (cellCounts[commonCells, default: 0], -commonCells) { commonCells = c }
                fewestCells = min(fewestCells, c); mostCells = max(mostCells, c)
            } else {
                allSeparated = false
            }
            if !anyUnlabelled {
                let words = lines[s].text.split(separator: " ").map(String.init)
                if let label = labelLength(words) {
                    let w = 2 + cellStarts(words, after: label).count, seen = widthCounts[w, default: 0] + 1
                    widthCounts[w] = seen
                    if widthCounts.count == 1 || (seen, -w) > (widthCounts[commonWidth, default: 0], -commonWidth) { commonWidth = w }
                } else {
                    anyUnlabelled = true
                }
            }
            guard size >= 2 else { continue }
            if allSeparated {
                readable[s] = fewestCells >= commonCells - 1 && mostCells <= commonCells + 1
            } else if size >= 3, !anyUnlabelled, commonWidth >= 2, commonWidth <= 6 {
                let agreeing = widthCounts.reduce(0) { $0 + ($1.key >= commonWidth ? $1.value : 0) }
                readable[s] = agreeing * 10 >= size * 8
            }
        }
        return readable
    }

    /// The row label: the Title Case words at the start, minus the last one when a lowercase
    /// word or a number follows it (then that word starts the next cell: "Post-pandemic over-hiring").
    static func labelLength(_ words: [String]) -> Int? {
        var n = 0
        while n < words.count, isCapitalised(words[n]) { n += 1 }
        guard n >= 1, n < words.count else { return nil }
        if n >= 2, startsLowerOrDigit(words[n]) { n -= 1 }
        return n
    }

    /// Positions after the label where a new cell plausibly starts, with a strength score.
    static func cellStarts(_ words: [String], after label: Int) -> [(at: Int, score: Int)] {
        var out: [(Int, Int)] = []
        var inQuote = false
        for k in label..<words.count {
            let w = words[k]
            defer { if quoteCount(w) % 2 == 1 { inQuote.toggle() } }
            guard k > label, !inQuote else { continue }
            let prev = words[k - 1]
            guard isCapitalised(w) || startsWithDigit(w) || opensQuote(w) else { continue }
            if ["and", "or", "&", "of", "the", "to", "-", "–", "—", "vs", "vs."].contains(prev.lowercased()) { continue }
            if let last = prev.last, ",;:-–—/".contains(last) { continue }
            if closesQuote(prev) { out.append((k, 3)); continue }
            if startsLowerOrDigit(prev) && !isCapitalised(prev) {
                // A number then a quoted name reads as one cell: 2023 "Year of Efficiency".
                out.append((k, opensQuote(w) && startsWithDigit(prev) ? 1 : 2))
            }
        }
        return out
    }

    static func isCapitalised(_ w: String) -> Bool {
        guard let f = w.unicodeScalars.first(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { return false }
        return f.properties.isUppercase
    }

    static func startsWithDigit(_ w: String) -> Bool {
        w.unicodeScalars.first(where: { !"\"“'‘($£€".unicodeScalars.contains($0) })?.properties.numericType != nil
    }

    static func startsLowerOrDigit(_ w: String) -> Bool {
        guard let f = w.unicodeScalars.first(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { return false }
        return f.properties.isLowercase || f.properties.numericType != nil
    }

    static func quoteCount(_ w: String) -> Int { w.filter { $0 == "\"" || $0 == "“" || $0 == "”" }.count }
    static func opensQuote(_ w: String) -> Bool { w.hasPrefix("\"") || w.hasPrefix("“") }
    static func closesQuote(_ w: String) -> Bool { w.hasSuffix("\"") || w.hasSuffix("”") }

    static func mostCommon(_ xs: [Int]) -> Int {
        var counts: [Int: Int] = [:]
        for x in xs { counts[x, default: 0] += 1 }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 0
    }

    static func pad(_ cells: [String], _ width: Int) -> [String] {
        if cells.count >= width { return Array(cells.prefix(width - 1)) + [cells[(width - 1)...].joined(separator: " ")] }
        return cells + Array(repeating: "", count: width - cells.count)
    }
}
