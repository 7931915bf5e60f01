import Foundation
import Testing
@testable import GalleyIngest
@testable import GalleyModel
import GalleyTestSupport

@Suite struct TableReaderTests {
    func line(_ text: String) -> Line { Line(raw: text, number: 1, blankBefore: false) }

    /// `readableSuffixes` must agree with `read` on every suffix: it replaces one `read` per
    /// suffix in the structurer. Runs drawn from a small pool of row shapes (labelled rows of 2
    /// to 4 cells, explicit separators of 2 to 4 cells, unlabelled rows, ties between column
    /// counts), 2,000 runs of up to 12 rows.
    @Test func suffixesAgreeWithReadingEachSuffix() {
        let pool = [
            // Labelled rows of two, three and four columns, so that column counts tie.
            "Revenue 12% 15%", "Headcount 3,400 2,900", "Revenue rose sharply",
            "Margin held steady", "Staff 3,400 2,900 1,800", "Cost Savings $2bn Targeted \"Year of Efficiency\"",
            "Region Europe Asia Americas", "Scope Global", "Outlook Positive",
            "Name\tRole\tTeam", "Jane\tEditor\tNews", "Bob\tWriter", "A\tB\tC\tD",
            "Col A | Col B", "x | y | z", "lowercase start here", "2024 figures only",
            "Magnitude Approximately 13% - 15% Projected 20% or more", "Key Facts",
        ]
        var rng = SplitMix(seed: 42)
        var tables = 0, separatedTables = 0
        for _ in 0..<2_000 {
            // Half the runs draw from one family of shapes, so that tables are common.
            let family = rng.below(3)
            let rows = (0..<(2 + rng.below(11))).map { _ in
                line(rng.below(2) == 0 ? pool[rng.below(pool.count)] : pool[family * 6 + rng.below(6)])
            }
            let fast = TableReader.readableSuffixes(rows)
            for s in rows.indices {
                let slow = TableReader.read(Array(rows[s...])) != nil
                #expect(fast[s] == slow, "rows \(rows.map(\.text)) from \(s)")
                if slow { tables += 1 }
                if slow, rows[s...].allSatisfy({ $0.separatedCells != nil }) { separatedTables += 1 }
            }
        }
        // Both ways of reading a table come up often enough for the comparison to mean something.
        #expect(tables - separatedTables > 200, "\(tables - separatedTables) labelled")
        #expect(separatedTables > 100, "\(separatedTables) separated")
    }

    @Test func aTableAfterAHeadingLineIsStillFound() throws {
        let text = "Layoffs at a glance\n\nKey Figures\nRevenue 12% 15%\nHeadcount 3,400 2,900\nMargin 21% 19%\n\nThe company said the cuts would be finished by March."
        let a = try Ingester.article(fromTextBytes: Array(text.utf8), name: "t")
        #expect(a.tables.count == 1)
        #expect(a.tables.first?.rows.suffix(3) == [["Revenue", "12%", "15%"], ["Headcount", "3,400", "2,900"], ["Margin", "21%", "19%"]])
    }

    /// Trying every suffix with `read` was quadratic: 12,000 Title Case lines took 52 s in a
    /// release build. Judged in one pass, 100,000 take about a second in a debug build.
    @Test(.timeLimit(.minutes(1))) func aLongRunOfShortTitleCaseLinesIsLinear() throws {
        var rng = SplitMix(seed: 7)
        let words = ["Market", "Shares", "Rally", "Bank", "Rates", "Oil", "Prices", "Jobs", "Report", "Tech"]
        let text = (0..<100_000).map { _ in (0..<4).map { _ in words[rng.below(words.count)] }.joined(separator: " ") }
            .joined(separator: "\n")
        let a = try Ingester.article(fromTextBytes: Array(text.utf8), name: "t")
        #expect(a.paragraphs.count + a.removed.count > 0)
    }
}
