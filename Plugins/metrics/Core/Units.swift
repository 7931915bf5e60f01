/// Units of measure: surface forms (one or more tokens) to a canonical symbol.
enum Units {
    /// tokens[m] must be glued to tokens[m-1] when glue[m] ("km/h"), may be spaced otherwise ("square meters").
    struct Entry { let tokens: [String]; let glue: [Bool]; let unit: String; let caseSensitive: Bool; let gluedOnly: Bool; let temperature: Bool }

    /// (surface, unit). A surface is matched token by token in lowercase; "°c" means "°" then "c".
    private static let table: [(String, String)] = [
        // length
        ("mm", "mm"), ("millimeter", "mm"), ("millimeters", "mm"), ("millimetre", "mm"), ("millimetres", "mm"),
        ("cm", "cm"), ("centimeter", "cm"), ("centimeters", "cm"), ("centimetre", "cm"), ("centimetres", "cm"),
        ("dm", "dm"), ("decimeter", "dm"), ("decimeters", "dm"), ("decimetre", "dm"), ("decimetres", "dm"),
        ("m", "m"), ("meter", "m"), ("meters", "m"), ("metre", "m"), ("metres", "m"),
        ("km", "km"), ("kilometer", "km"), ("kilometers", "km"), ("kilometre", "km"), ("kilometres", "km"),
        ("kms", "km"), ("nm", "nm"), ("nanometer", "nm"), ("nanometers", "nm"), ("nanometre", "nm"), ("nanometres", "nm"),
        ("micron", "µm"), ("microns", "µm"), ("µm", "µm"),
        ("inch", "in"), ("inches", "in"), ("ft", "ft"), ("foot", "ft"), ("feet", "ft"), ("yard", "yd"), ("yards", "yd"),
        ("yd", "yd"), ("mile", "mi"), ("miles", "mi"), ("mi", "mi"), ("nautical mile", "nmi"), ("nautical miles", "nmi"),
        ("light year", "ly"), ("light years", "ly"), ("light-year", "ly"), ("light-years", "ly"),
        // area
        ("square meter", "m²"), ("square meters", "m²"), ("square metre", "m²"), ("square metres", "m²"), ("sq m", "m²"),
        ("m2", "m²"), ("m²", "m²"), ("square kilometer", "km²"), ("square kilometers", "km²"), ("square kilometre", "km²"),
        ("square kilometres", "km²"), ("km2", "km²"), ("km²", "km²"), ("sq km", "km²"), ("square foot", "ft²"),
        ("square feet", "ft²"), ("sq ft", "ft²"), ("sq. ft.", "ft²"), ("sq. ft", "ft²"), ("square mile", "mi²"),
        ("square miles", "mi²"), ("sq mi", "mi²"), ("acre", "acre"), ("acres", "acre"), ("hectare", "ha"),
        ("hectares", "ha"), ("ha", "ha"),
        // volume
        ("ml", "ml"), ("milliliter", "ml"), ("milliliters", "ml"), ("millilitre", "ml"), ("millilitres", "ml"),
        ("l", "l"), ("liter", "l"), ("liters", "l"), ("litre", "l"), ("litres", "l"), ("cl", "cl"),
        ("gallon", "gal"), ("gallons", "gal"), ("gal", "gal"), ("cubic foot", "ft³"), ("cubic feet", "ft³"),
        ("cubic meter", "m³"), ("cubic meters", "m³"), ("cubic metre", "m³"), ("cubic metres", "m³"), ("m3", "m³"),
        ("barrel", "bbl"), ("barrels", "bbl"), ("bbl", "bbl"), ("fluid ounce", "fl oz"), ("fluid ounces", "fl oz"),
        ("pint", "pt"), ("pints", "pt"),
        // mass
        ("mg", "mg"), ("milligram", "mg"), ("milligrams", "mg"), ("milligramme", "mg"), ("milligrammes", "mg"),
        ("mcg", "µg"), ("µg", "µg"), ("microgram", "µg"), ("micrograms", "µg"), ("microgramme", "µg"), ("microgrammes", "µg"),
        ("g", "g"), ("gram", "g"), ("grams", "g"), ("gramme", "g"), ("grammes", "g"),
        ("kg", "kg"), ("kgs", "kg"), ("kilogram", "kg"), ("kilograms", "kg"), ("kilogramme", "kg"), ("kilogrammes", "kg"),
        ("kilo", "kg"), ("kilos", "kg"), ("ton", "t"), ("tons", "t"), ("tonne", "t"), ("tonnes", "t"),
        ("metric ton", "t"), ("metric tons", "t"), ("lb", "lb"), ("lbs", "lb"), ("ounce", "oz"), ("ounces", "oz"),
        ("oz", "oz"), ("carat", "ct"), ("carats", "ct"),
        // speed
        ("km/h", "km/h"), ("km/hr", "km/h"), ("kph", "km/h"), ("kmph", "km/h"), ("kmh", "km/h"),
        ("kilometers per hour", "km/h"), ("kilometres per hour", "km/h"), ("mph", "mph"), ("miles per hour", "mph"),
        ("m/s", "m/s"), ("meters per second", "m/s"), ("metres per second", "m/s"), ("knot", "kn"), ("knots", "kn"),
        // data
        ("kb", "KB"), ("kilobyte", "KB"), ("kilobytes", "KB"), ("mb", "MB"), ("megabyte", "MB"), ("megabytes", "MB"),
        ("gb", "GB"), ("gigabyte", "GB"), ("gigabytes", "GB"), ("tb", "TB"), ("terabyte", "TB"), ("terabytes", "TB"),
        ("pb", "PB"), ("petabyte", "PB"), ("petabytes", "PB"), ("byte", "B"), ("bytes", "B"),
        ("gbps", "Gbps"), ("mbps", "Mbps"), ("tbps", "Tbps"),
        // power and energy
        ("w", "W"), ("watt", "W"), ("watts", "W"), ("kw", "kW"), ("kilowatt", "kW"), ("kilowatts", "kW"),
        ("mw", "MW"), ("megawatt", "MW"), ("megawatts", "MW"), ("gw", "GW"), ("gigawatt", "GW"), ("gigawatts", "GW"),
        ("tw", "TW"), ("terawatt", "TW"), ("terawatts", "TW"),
        ("kwh", "kWh"), ("kilowatt-hour", "kWh"), ("kilowatt-hours", "kWh"), ("kilowatt hours", "kWh"),
        ("mwh", "MWh"), ("megawatt-hour", "MWh"), ("megawatt-hours", "MWh"), ("megawatt hours", "MWh"),
        ("gwh", "GWh"), ("gigawatt-hour", "GWh"), ("gigawatt-hours", "GWh"), ("gigawatt hours", "GWh"),
        ("twh", "TWh"), ("terawatt-hour", "TWh"), ("terawatt-hours", "TWh"), ("terawatt hours", "TWh"),
        ("hz", "Hz"), ("khz", "kHz"), ("mhz", "MHz"), ("ghz", "GHz"),
        ("petaflops", "PFLOPS"), ("exaflops", "EFLOPS"), ("teraflops", "TFLOPS"),
        // temperature and angle
        ("°c", "°C"), ("° c", "°C"), ("c", "°C"), ("f", "°F"), ("°f", "°F"), ("° f", "°F"), ("° celsius", "°C"), ("° fahrenheit", "°F"), ("°", "°"), ("degrees celsius", "°C"),
        ("degree celsius", "°C"), ("degrees centigrade", "°C"), ("degrees fahrenheit", "°F"), ("degree fahrenheit", "°F"),
        ("degrees c", "°C"), ("degrees f", "°F"), ("deg c", "°C"), ("deg f", "°F"), ("deg celsius", "°C"),
        ("deg fahrenheit", "°F"), ("deg.", "°"), ("deg", "°"), ("degrees", "°"), ("degree", "°"),
        ("celsius", "°C"), ("celcius", "°C"), ("centigrade", "°C"), ("fahrenheit", "°F"), ("kelvin", "K"),
        ("turn", "turn"), ("turns", "turn"), ("radian", "rad"), ("radians", "rad"),
        // multiples
        ("x", "x"), ("×", "x"), ("fold", "x"),
    ]

    /// Units read only glued to the number ("5g", "2l", "3x") because spaced they are words.
    private static let gluedOnly: Set<String> = ["g", "l", "w", "x", "mi", "ha", "tw", "ct", "cl", "c", "f"]
    /// Units whose case matters ("m" meter, "M" million; "g" gram, "G" is no unit).
    private static let exactCase: [String: Set<String>] = ["m": ["m"], "g": ["g"], "l": ["l", "L"], "mb": ["MB", "mb", "Mb"], "w": ["W", "w"], "c": ["C"], "f": ["F"]]

    static let entries: [String: [Entry]] = {
        var byFirst: [String: [Entry]] = [:]
        for (surface, unit) in table {
            // Split "°c" into "°","c"; "km/h" into "km","/","h" (glued); spaces into spaced tokens.
            var toks: [String] = [], glue: [Bool] = []
            for part in surface.split(separator: " ") {
                var cur = ""
                var firstInPart = true
                func push(_ x: String) { toks.append(x); glue.append(!firstInPart); firstInPart = false }
                for ch in part {
                    if ch == "/" || ch == "°" || ch == "." || ch == "-" || ch == "²" || ch == "³" {
                        if !cur.isEmpty { push(cur); cur = "" }
                        push(String(ch))
                    } else if ch.isNumber, !cur.isEmpty, !(cur.last!.isNumber) {
                        push(cur); cur = String(ch)
                    } else {
                        cur.append(ch)
                    }
                }
                if !cur.isEmpty { push(cur) }
            }
            let temp = unit.hasPrefix("°") || unit == "K"
            let e = Entry(tokens: toks, glue: glue, unit: unit, caseSensitive: exactCase[surface] != nil,
                          gluedOnly: gluedOnly.contains(surface), temperature: temp)
            byFirst[toks[0], default: []].append(e)
        }
        for k in byFirst.keys { byFirst[k]!.sort { $0.tokens.count > $1.tokens.count } }
        return byFirst
    }()

    /// The longest unit at token k: (unit, last token, temperature).
    static func unit(at k: Int, in t: TokenText) -> (unit: String, last: Int, temperature: Bool)? {
        guard let first = t[k], let list = entries[first.lower] else { return nil }
        for e in list {
            var ok = true
            for (m, part) in e.tokens.enumerated() {
                guard let tok = t[k + m], tok.lower == part, !(m > 0 && e.glue[m] && !tok.glued), !(m > 0 && tok.newline) else { ok = false; break }
            }
            guard ok else { continue }
            if e.caseSensitive, let allowed = exactCase[e.tokens.joined()], !allowed.contains(first.text) { continue }
            if e.gluedOnly, !first.glued { continue }
            let last = k + e.tokens.count - 1
            // The unit must end the word: "24703m212" and "scp173m" are codes.
            if let after = t[last + 1], after.glued, after.kind != .symbol { continue }
            if let after = t[last + 1], after.glued, after.lower == "/", let n = t[last + 2], n.glued, n.kind == .number { continue }
            return (e.unit, last, e.temperature)
        }
        return nil
    }

    /// Units of time, for durations and ages: token -> ISO 8601 designator and multiplier.
    static let time: [String: (designator: String, multiple: Double, clock: Bool)] = [
        "second": ("S", 1, true), "seconds": ("S", 1, true), "sec": ("S", 1, true), "secs": ("S", 1, true),
        "minute": ("M", 1, true), "minutes": ("M", 1, true), "min": ("M", 1, true), "mins": ("M", 1, true),
        "hour": ("H", 1, true), "hours": ("H", 1, true), "hr": ("H", 1, true), "hrs": ("H", 1, true),
        "day": ("D", 1, false), "days": ("D", 1, false), "nights": ("D", 1, false),
        "week": ("W", 1, false), "weeks": ("W", 1, false), "wk": ("W", 1, false), "wks": ("W", 1, false),
        "fortnight": ("W", 2, false), "fortnights": ("W", 2, false),
        "month": ("M", 1, false), "months": ("M", 1, false), "quarter": ("M", 3, false), "quarters": ("M", 3, false),
        "year": ("Y", 1, false), "years": ("Y", 1, false), "yr": ("Y", 1, false), "yrs": ("Y", 1, false),
        "decade": ("Y", 10, false), "decades": ("Y", 10, false), "century": ("Y", 100, false), "centuries": ("Y", 100, false),
    ]
    /// Glued-only time abbreviations: "3h", "30s", "5y".
    static let gluedTime: [String: (designator: String, multiple: Double, clock: Bool)] = [
        "h": ("H", 1, true), "s": ("S", 1, true), "y": ("Y", 1, false), "yrs": ("Y", 1, false),
    ]

    /// The name of a time unit for ages ("year"), from the designator.
    static func ageUnit(_ d: (designator: String, multiple: Double, clock: Bool)) -> String? {
        guard !d.clock else { return nil }
        switch (d.designator, d.multiple) {
        case ("Y", 1): return "year"
        case ("M", 1): return "month"
        case ("W", 1): return "week"
        case ("D", 1): return "day"
        default: return nil
        }
    }
}
