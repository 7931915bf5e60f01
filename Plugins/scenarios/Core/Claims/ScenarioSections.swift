import GalleyModel

/// Finds the parts of an article that write up a scenario ("Scenario Two: Innovation
/// Stagnation ...") instead of reporting what happened: every sentence there is a description.
public enum ScenarioSections {
    /// Paragraphs under a heading that frames a scenario: the first one, and any later one that
    /// still names something from the heading (a section can run on into the article's
    /// conclusion, which is a claim again).
    public static func framedParagraphs(_ article: Article) -> Set<Int> {
        var out = Set<Int>()
        for section in article.sections {
            guard let h = section.heading, ClaimReading.framesScenario(h) else { continue }
            let named = Set(TermExtractor.stems(h)).subtracting(["scenario", "outlook", "case"])
            for (k, p) in section.paragraphs.enumerated() {
                guard p < article.paragraphs.count else { continue }
                if k == 0 || !named.isDisjoint(with: TermExtractor.stems(article.paragraphs[p].text)) { out.insert(p) }
            }
        }
        return out
    }
}
