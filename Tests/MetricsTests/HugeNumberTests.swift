import Testing
@testable import MetricsCore

/// Scraped text holds digit runs of any length (IDs, phone numbers, tracking codes). The date,
/// time and range grammars convert what they read to Int; a number past Int's range used to
/// trap there and kill the plugin (a 19-digit number anywhere a date could start was enough).
@Suite struct HugeNumberTests {
    static let huge = ["9999999999999999999", "99999999999999999999", "-99999999999999999999", "18446744073709551616",
                       "99999999999999999999.5", "1e308", "1" + String(repeating: "0", count: 400)]
    static let contexts = [
        "On {h}/12/2020 the firm cut jobs.", "It happened on 12/{h}/2020.", "In March {h} the firm cut jobs.",
        "It ended {h} March 2020.", "In {h} years the firm will cut jobs.", "It happened {h} days ago.",
        "{h} weeks from now it ends.", "{h} months later it ended.", "At {h}:30 the firm spoke.", "At 10:{h} the firm spoke.",
        "The meeting is at {h} pm.", "{h} hours from now it ends.", "{h} minutes later it ended.",
        "Between {h} and 5 jobs were cut.", "From 5 to {h} percent of staff left.", "It cut {h}-{h} jobs.",
        "In the {h}th quarter profits rose.", "In Q{h} profits rose.", "In {h} the firm cut jobs.", "By the {h}s the firm had grown.",
        "In the {h}th century the firm began.", "It cost ${h}bn.", "It cut {h}% of staff.", "Since {h}, the firm has grown.",
        "From 2020 to {h} the firm grew.", "On {h}-{h}-{h} it began.", "It cut jobs {h} days after March 3, 2020.",
        "It happened in week {h} of 2020.", "Revenue was {h}, {h} and {h}.", "The {h}-year-old firm cut jobs.",
    ]

    /// A duration is ISO 8601, which has no exponent: "0.0000001 years" was "P1e-07Y".
    @Test func durationsAreWrittenWithoutAnExponent() {
        #expect(Durations.positional(0.0000001) == "0.0000001" && Durations.positional(1.5) == "1.5")
        #expect(Durations.positional(3) == "3" && Durations.positional(1.2345678901234568e20).hasPrefix("1234567890123456")
                && Durations.positional(1.2345678901234568e20).count == 21 && Durations.positional(1.2345678901234568e20).allSatisfy(\.isNumber))
        for text in ["He waited 0.0000001 years.", "It lasts 123456789012345678901 years."] {
            for m in metrics(text) where m.kind == .duration {
                #expect(!(m.iso ?? "").contains("e"), "\(text): \(m.iso ?? "nil")")
            }
        }
    }

    @Test(arguments: contexts)
    func hugeNumbersAreReadWithoutTrapping(_ context: String) {
        for h in Self.huge {
            let text = context.replacingOccurrences(of: "{h}", with: h)
            _ = metrics(text, published: "2025-03-01")
            _ = metrics(text, published: h + "-01-01")
        }
    }

    @Test func aHugeCountIsStillReported() {
        let items = metrics("The firm cut 99999999999999999999 jobs.")
        #expect(item(items, "99999999999999999999 jobs")?.number == 1e20)
    }

    @Test func readingHoldsToTheBound() {
        #expect(Int(reading: 2_026) == 2_026 && Int(reading: -3.7) == -3)
        #expect(Int(reading: 1e19) == 1_000_000_000_000_000 && Int(reading: -1e300) == -1_000_000_000_000_000)
        #expect(Int(reading: .nan) == 0 && Int(reading: .infinity) == 1_000_000_000_000_000)
    }
}
