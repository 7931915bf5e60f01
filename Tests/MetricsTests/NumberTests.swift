import Testing
@testable import MetricsCore

@Suite struct NumberTests {
    @Test(arguments: [
        ("1,234,567", 1234567.0), ("40 000", 40000), ("1 234 567", 1234567), ("3.5", 3.5), ("192", 192),
        ("1,674.5 million", 1674500000), ("1,674,200.5 M", 1674200500000), ("10 bln", 1e10), ("2mil", 2e6),
        ("1.3e6", 1300000), ("1.3x10^6", 1300000), ("2.5^-1", 0.4), ("-4/5", -0.8), ("1 crore", 1e7),
        ("12,34,567", 1234567), ("5,00", 5), ("10 , 000", 10000),
    ])
    func digits(_ text: String, _ value: Double) {
        let items = metrics(text)
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.number == value, "\(text): \(String(describing: items.first?.number))")
        #expect(items.first?.text == text)
    }

    @Test(arguments: [
        ("sixteen", 16.0), ("sixteen thousand", 16000), ("a thousand", 1000), ("one hundred and sixteen", 116),
        ("twenty-one trillion and three hundred", 21000000000300), ("fifty   two", 52), ("two hundred and two thousand", 202000),
        ("4 thousand 3 hundred and 21", 4321), ("three dozens", 36), ("a dozen", 12), ("2.12 hundred", 212),
        ("nineteen hundred ninety three", 1993), ("minus five", -5), ("negative ten", -10), ("zero", 0),
    ])
    func writtenNumbers(_ text: String, _ value: Double) {
        let items = metrics(text)
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        #expect(items.first?.number == value, "\(text): \(String(describing: items.first?.number))")
    }

    static let fractionCases: [(String, Double)] = [
        ("two thirds", 0.6666666666666666), ("two-thirds", 0.6666666666666666), ("half", 0.5), ("a fifth", 0.2), ("one-eighth", 0.125),
        ("three fifths", 0.6), ("twenty fifths", 4), ("twenty twenty fifths", 0.8), ("one twenty-fifth", 0.04),
        ("one hundred and thirty fifths", 26), ("one hundred and three quarters", 100.75), ("five and a quarter", 5.25),
        ("twenty and three fifths", 20.6), ("two million and one half", 2500000), ("one billion and a quarter million", 1000250000),
        ("quarter million", 250000), ("two thirds of a million", 666666.6666666666), ("one over three", 0.3333333333333333), ("a hundredth", 0.01),
        ("a hundred trillionths", 1e-10), ("- 1 4/5", -1.8), ("⅔", 0.6666666666666666), ("forty two and a third", 42.333333333333336),
    ]

    @Test(arguments: fractionCases)
    func fractions(_ text: String, _ value: Double) {
        let items = metrics(text)
        #expect(items.count == 1, "\(text): \(items.map(\.text))")
        if let v = items.first?.number { #expect(abs(v - value) <= 1e-9 * max(1, abs(value)), "\(text): \(v)") } else { Issue.record("\(text): no number") }
    }

    @Test func listsAndSeparators() {
        #expect(metrics("Exercises nrs. 22,24,26,31.").compactMap(\.number) == [22, 24, 26, 31])
        #expect(metrics("1, 234, 567").compactMap(\.number) == [1, 234, 567])
        #expect(metrics("The number is 1,3.").first?.number == 1.3)
    }

    @Test(arguments: [
        "one of the companies", "This one you is not correct", "a", "an", "Llama 3 is open", "trained on Nvidia H100 chips",
        "over-hiring during the COVID-19 pandemic", "GPT-4 and RT-2 models", "24703L202", "scp173m", "Call +1-222-2222/2222 now",
        "Tel: +86 138-2010-2015", "version 3.5.1 shipped", "it runs 24/7", "code ABC-12345-A1B2C3 here", "the 5G network",
        "a B2B and P2P market", "Scenario Two: Innovation", "See https://example.com/2024/05/page-3 for more",
    ])
    func trapsGiveNothing(_ text: String) {
        let items = metrics(text).filter { $0.kind != .date && $0.kind != .ordinal }
        #expect(items.isEmpty, "\(text): \(items.map(\.text))")
    }

    @Test func listMarkersAreNotNumbers() {
        let items = metrics("Key points:\n1. Revenue grew.\n2. Costs fell.\n**3. Outlook:** steady")
        #expect(items.filter { $0.kind == .number }.isEmpty, "\(items.map(\.text))")
    }
}
