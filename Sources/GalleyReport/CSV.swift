/// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.
public enum CSV {
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func number(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    public static let metricsHeader = ["article_id", "title", "site", "published", "sentence_index", "start", "end", "kind", "text",
                                       "value", "low", "high", "date", "unit", "qualifier", "subject", "entity", "period", "sentence"]
    public static let scenariosHeader = ["article_id", "title", "site", "published", "pack", "scenario_id", "scenario", "score",
                                         "verdict", "rank", "top_evidence"]
}

import Foundation
