/// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.
public enum CSV {
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    public static func field(_ raw: String) -> String {
        // Control characters shown, not carried (an escape sequence in a cell reaches whoever
        // cats the file); line breaks stay, quoted.
        let s = ReportText.visible(raw, keepNewlines: true)
        // Text a spreadsheet would run as a formula (a title "=HYPERLINK(...)" from a hostile
        // page) starts with a quote mark, as OWASP advises; numbers ("-5") stay as they are.
        if let first = s.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D,
           Double(s) == nil {
            return field("'" + s)
        }
        // Bytes, not Characters: a CSV of a large corpus has millions of fields.
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    public static func number(_ d: Double?) -> String {
        guard let d, d.isFinite else { return "" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    public static let metricsHeader = ["article_id", "title", "site", "published", "sentence_index", "start", "end", "kind", "text",
                                       "value", "low", "high", "date", "unit", "qualifier", "conversion", "subject", "entity", "period", "sentence"]
    public static let scenariosHeader = ["article_id", "title", "site", "published", "pack", "scenario_id", "scenario", "score",
                                         "verdict", "rank", "top_evidence"]
}

import Foundation
