/// A scenario pack: futures an analyst wants articles scored against. The JSON form is specified
/// by `protocol/scenario-pack.schema.json`; `PackReader` reads and checks it.
public struct ScenarioPack: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// True when the scenarios are not mutually exclusive: each gets its own probability and
    /// the scores need not sum to 1.
    public var independent: Bool
    public var scenarios: [Scenario]

    public init(id: String, name: String? = nil, independent: Bool = false, scenarios: [Scenario]) {
        self.id = id; self.name = name; self.independent = independent; self.scenarios = scenarios
    }
}

public struct Scenario: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    public var signals: [Signal]
    public var conditions: [MetricCondition]
    /// Prior probability; nil means uniform (or 0.5 for independent packs).
    public var prior: Double?

    public init(id: String, name: String, description: String, signals: [Signal] = [],
                conditions: [MetricCondition] = [], prior: Double? = nil) {
        self.id = id; self.name = name; self.description = description; self.signals = signals
        self.conditions = conditions; self.prior = prior
    }
}

/// A phrase or term that indicates a scenario (positive weight) or counts against it (negative).
public struct Signal: Sendable, Equatable {
    public var text: String
    public var weight: Double
    public init(_ text: String, weight: Double = 1) { self.text = text; self.weight = weight }
}

/// A threshold on a figure the metrics plugin found, e.g. workforce reduction >= 15 percent at
/// Meta in 2026.
public struct MetricCondition: Sendable, Equatable {
    public enum Op: String, Sendable, CaseIterable { case ge = ">=", gt = ">", le = "<=", lt = "<", eq = "==", ne = "!=" }
    /// What the figure is about ("workforce reduction"); matched against the metric's subject
    /// and, failing that, its sentence.
    public var subject: String
    /// Other names for the subject ("headcount", "staff"): any of them will do.
    public var aliases: [String] = []
    /// Metric kind (percent, money, number, quantity, ...); nil accepts any.
    public var kind: String?
    public var op: Op
    public var value: Double
    /// Required unit or currency ("USD", "employees"); nil accepts any.
    public var unit: String?
    /// Whose figure it must be ("Meta"); nil accepts any.
    public var entity: String?
    /// The period the figure must be about: years, inclusive. nil accepts any.
    public var period: ClosedRange<Int>?
    /// Evidence weight when met; a figure in scope that fails the test counts against the scenario.
    public var weight: Double

    public init(subject: String, aliases: [String] = [], kind: String? = nil, op: Op, value: Double, unit: String? = nil,
                entity: String? = nil, period: ClosedRange<Int>? = nil, weight: Double = 1) {
        self.subject = subject; self.aliases = aliases; self.kind = kind; self.op = op; self.value = value; self.unit = unit
        self.entity = entity; self.period = period; self.weight = weight
    }

    public func test(_ x: Double) -> Bool {
        switch op {
        case .ge: return x >= value
        case .gt: return x > value
        case .le: return x <= value
        case .lt: return x < value
        case .eq: return abs(x - value) < 1e-9
        case .ne: return abs(x - value) >= 1e-9
        }
    }

    /// The condition in words, for the `why` of evidence: "workforce reduction percent >= 15".
    public var summary: String {
        var s = subject
        if let kind { s += " \(kind)" }
        s += " \(op.rawValue) \(JSONNumber.format(value))"
        if let unit { s += " \(unit)" }
        if let entity { s += " (\(entity))" }
        if let period { s += period.lowerBound == period.upperBound ? " in \(period.lowerBound)" : " in \(period.lowerBound)-\(period.upperBound)" }
        return s
    }
}

enum JSONNumber {
    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}
