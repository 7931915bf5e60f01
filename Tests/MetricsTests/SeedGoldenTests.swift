import Foundation
import GalleyIngest
import GalleyModel
import Testing
@testable import MetricsCore

/// What an analyst must get from the five seed scrapes, read the way the plugin reads them
/// (after ingest removed the boilerplate), and what must never come out of them.
@Suite struct SeedGoldenTests {
    static func seed(_ prefix: String) throws -> (Article, [Metric]) {
        let url = Paths.seed(prefix)
        let a = try Ingester.article(fromTextBytes: Array(try Data(contentsOf: url)), name: url.lastPathComponent)
        return (a, Extractor().extract(a))
    }

    /// Checks one item: found by text and kind, with value, unit or currency, qualifier, subject, entity.
    func expect(_ items: [Metric], _ text: String, _ kind: MetricKind, _ value: MetricValue, unit: String? = nil, currency: String? = nil,
                qualifier: Qualifier = .exact, subject: String? = nil, entity: String? = nil, direction: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) {
        guard let m = items.first(where: { $0.text == text && $0.kind == kind }) else {
            Issue.record("missing \(kind) '\(text)'", sourceLocation: sourceLocation)
            return
        }
        #expect(m.value == value, "\(text): \(m.value)", sourceLocation: sourceLocation)
        if let unit { #expect(m.unit == unit, "\(text): unit \(String(describing: m.unit))", sourceLocation: sourceLocation) }
        if let currency { #expect(m.currency == currency, "\(text)", sourceLocation: sourceLocation) }
        #expect(m.qualifier == qualifier, "\(text): \(m.qualifier)", sourceLocation: sourceLocation)
        if let subject { #expect(m.subject == subject, "\(text): subject \(String(describing: m.subject))", sourceLocation: sourceLocation) }
        if let entity { #expect(m.entity == entity, "\(text): entity \(String(describing: m.entity))", sourceLocation: sourceLocation) }
        if let direction { #expect(m.direction == direction, "\(text)", sourceLocation: sourceLocation) }
    }

    /// Nothing may overlap these spans of the body (product names, codes, modal "may", list numbers...).
    func expectNoItem(on fragments: [String], in a: Article, _ items: [Metric], sourceLocation: SourceLocation = #_sourceLocation) {
        let scalars = Array(a.text.unicodeScalars)
        for f in fragments {
            let needle = Array(f.unicodeScalars)
            var found = false
            var k = 0
            while k + needle.count <= scalars.count {
                if Array(scalars[k..<(k + needle.count)]) == needle {
                    found = true
                    let hits = items.filter { $0.start < k + needle.count && k < $0.end }
                    #expect(hits.isEmpty, "'\(f)' at \(k) read as \(hits.map { "\($0.kind) '\($0.text)'" })", sourceLocation: sourceLocation)
                }
                k += 1
            }
            #expect(found, "trap '\(f)' not in the body", sourceLocation: sourceLocation)
        }
    }

    @Test func seed000MetaLaysOff20Percent() throws {
        let (a, m) = try Self.seed("000")
        #expect(a.published == "2026-03-17")
        expect(m, "20%", .percent, .number(20), unit: "percent", subject: "workforce reduction", entity: "Meta")
        expect(m, "lay off 20%", .change, .number(20), unit: "percent", subject: "workforce reduction", entity: "Meta", direction: "down")
        expect(m, "16,000 employees", .quantity, .number(16000), unit: "employees", qualifier: .approx, subject: "workforce reduction", entity: "Meta")
        expect(m, "16,000 people", .quantity, .number(16000), unit: "people", qualifier: .approx, subject: "workforce reduction")
        expect(m, "since late 2022", .date, .text("2022-09/.."))
        expect(m, "since the end of 2022", .date, .text("2022-09/.."))
        expect(m, "hundreds of billions of dollars", .money, .number(1e11), currency: "USD", qualifier: .atLeast, subject: "investment", entity: "Meta")
        expect(m, "Last week", .date, .text("2026-W11"))
        expect(m, "this week", .date, .text("2026-W12"))
        expect(m, "last year", .date, .text("2025"))
        expect(m, "Monday", .date, .text("2026-03-16"))
        expect(m, "the past three years", .date, .text("2023-03-17/2026-03-17"))
        expect(m, "rising about 2%", .change, .number(2), unit: "percent", qualifier: .approx, subject: "stock move", entity: "Meta", direction: "up")
        expect(m, "2%", .percent, .number(2), unit: "percent", qualifier: .approx, subject: "stock move", entity: "Meta")
        expect(m, "From the end of 2022 to the beginning of 2023", .date, .text("2022-09/2023-04"))
        expect(m, "cut more than 20,000 jobs", .change, .number(20000), unit: "jobs", qualifier: .atLeast, subject: "workforce reduction", entity: "Meta", direction: "down")
        expect(m, "20,000 jobs", .quantity, .number(20000), unit: "jobs", qualifier: .atLeast, subject: "workforce reduction", entity: "Meta")
        // Relative dates resolved against the publication date.
        #expect(m.filter { $0.kind == .date }.allSatisfy { $0.resolved != false })
        expectNoItem(on: ["COVID-19", "META.O", "one of the reasons", "may not be good news", "may signal"], in: a, m)
        // Boilerplate numbers (metadata date, related-article Bitcoin prices, view counts) are gone.
        for gone in ["2026-03-17", "$126k", "$61k", "347", "Oct 2025"] { #expect(!m.contains { $0.text.contains(gone) }, "\(gone)") }
    }

    @Test func seed001ThousandsAndBillions() throws {
        let (a, m) = try Self.seed("001")
        #expect(a.published == "2025-11-12")
        expect(m, "Thousands of employees", .quantity, .number(1000), unit: "employees", qualifier: .atLeast, subject: "workforce reduction")
        expect(m, "Thousands of roles", .quantity, .number(1000), unit: "roles", qualifier: .atLeast, subject: "workforce reduction")
        expect(m, "2023", .date, .text("2023"))
        expect(m, "billions", .number, .number(1e9), qualifier: .atLeast, subject: "investment", entity: "Meta")
        expectNoItem(on: ["Llama 3", "one of the world"], in: a, m)
    }

    @Test func seed002AThousandSeats() throws {
        let (a, m) = try Self.seed("002")
        #expect(a.published == nil)
        expect(m, "laid off nearly 1,000 employees", .change, .number(1000), unit: "employees", qualifier: .approx, subject: "workforce reduction", entity: "Meta", direction: "down")
        expect(m, "1,000 Seats", .quantity, .number(1000), unit: "seats")
        expect(m, "a thousand jobs", .quantity, .number(1000), unit: "jobs")
        expect(m, "thousand employees", .quantity, .number(1000), unit: "employees", qualifier: .approx, subject: "workforce reduction")
        expect(m, "tens of billions of dollars", .money, .number(1e10), currency: "USD", qualifier: .atLeast, subject: "investment", entity: "Meta")
        expect(m, "2024 and beyond", .date, .text("2024/.."))
        expect(m, "2012", .date, .text("2012"))
        expect(m, "2021", .date, .text("2021"))
        expect(m, "cutting 1,000 jobs", .change, .number(1000), unit: "jobs", subject: "workforce reduction", direction: "down")
        expect(m, "2024–2026", .date, .text("2024/2026"))
        // No publication date: "today" is found but left unresolved, never read as the day of the run.
        let today = try #require(m.first { $0.text == "today" })
        #expect(today.value == MetricValue.none && today.resolved == false)
        expectNoItem(on: ["Nvidia H100", "Llama 3", "Llama 4", "one of the world"], in: a, m)
    }

    @Test func seed003TwentyPercentOrMore() throws {
        let (a, m) = try Self.seed("003")
        expect(m, "mid-March 2026", .date, .text("2026-03-11/2026-03-20"))
        expect(m, "reduced by 20%", .change, .number(20), unit: "percent", qualifier: .atLeast, subject: "workforce reduction", entity: "Meta", direction: "down")
        expect(m, "two years", .duration, .text("P2Y"), qualifier: .approx)
        // The comparison table: the row names what is measured.
        expect(m, "13% - 15%", .range, .range(low: 13, high: 15), unit: "percent", qualifier: .approx, subject: "magnitude")
        expect(m, "20% cut", .change, .number(20), unit: "percent", subject: "workforce reduction", direction: "down")
        #expect(m.contains { $0.kind == .percent && $0.qualifier == .atLeast && $0.subject == "magnitude" })
        expectNoItem(on: ["Llama 4", "may be sunsetting"], in: a, m)
    }

    @Test func seed004EarlyTwoThousands() throws {
        let (a, m) = try Self.seed("004")
        expect(m, "the early 2000s", .date, .text("2000/2003"))
        expect(m, "2000", .date, .text("2000"))
        #expect(m.contains { $0.text == "the past year" && $0.resolved == false })
        expectNoItem(on: ["Scenario Two", "Scenario Three", "Scenario One"], in: a, m)
    }

    /// Raw mode (`galley run metrics --raw`) reads the whole scrape, boilerplate included:
    /// the related-article summary holds the Bitcoin figures.
    @Test func seed000RawBitcoinMove() throws {
        let text = try String(contentsOf: Paths.seed("000"), encoding: .utf8)
        let m = metrics(text)
        let move = try #require(m.first { $0.text == "from a peak near $126k in Oct 2025 to briefly under $61k" })
        #expect(move.kind == .range && move.value == .range(low: 61000, high: 126000) && move.currency == "USD" && move.direction == "down")
        #expect(move.entity == "Bitcoin")
        expect(m, "Oct 2025", .date, .text("2025-10"))
        expect(m, "Feb 2026", .date, .text("2026-02"))
        expect(m, "$1.4 trillion", .money, .number(1.4e12), currency: "USD", qualifier: .approx, subject: "market cap", entity: "Bitcoin")
        expect(m, "3-4%", .range, .range(low: 3, high: 4), unit: "percent", qualifier: .approx, subject: "adoption")
        expect(m, "95% crash", .change, .number(95), unit: "percent", subject: "drawdown", entity: "Amazon", direction: "down")
        expect(m, "2021-22", .date, .text("2021/2022"))
        expect(m, "2026-03-17", .date, .text("2026-03-17"))
        // Offsets refer to the raw text.
        let scalars = Array(text.unicodeScalars)
        for item in m { #expect(String(String.UnicodeScalarView(scalars[item.start..<item.end])) == item.text) }
    }
}
