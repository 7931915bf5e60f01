import GalleyJSON

/// The wire form of a result (`analyses.scenarios`, protocol/scenarios.schema.json): pack,
/// probabilities, verdict, scenarios with score and evidence.
extension ScenarioScores {
    public func json(features: Bool = false, offsets: Bool = true) -> JSONValue {
        var o = JSONObject()
        o["pack"] = .string(pack)
        if features { o["pack_overlap"] = JSONValue(round(overlap, 4)) }
        o["probabilities"] = .string(independent ? "independent" : "distribution")
        var v = JSONObject()
        v["scenario"] = verdict.scenario.map(JSONValue.string) ?? .string("undetermined")
        v["confidence"] = JSONValue(verdict.confidence)
        v["reason"] = .string(verdict.reason)
        o["verdict"] = .object(v)
        o["scenarios"] = .array(scenarios.map { $0.json(features: features, offsets: offsets) })
        return .object(o)
    }
}

extension ScenarioScore {
    func json(features withFeatures: Bool, offsets: Bool) -> JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["name"] = .string(name)
        o["score"] = JSONValue(round(score, 6))
        o["support"] = JSONValue(round(support, 3))
        o["oppose"] = JSONValue(round(oppose, 3))
        o["evidence"] = .array(evidence.map { $0.json(offsets: offsets) })
        if !conditions.isEmpty {
            o["conditions"] = .array(conditions.map { c in
                var x = JSONObject()
                x["condition"] = JSONValue(c.condition)
                x["status"] = .string(c.status.rawValue)
                x["metric"] = .string(c.metric.text)
                if let s = c.metric.sentence { x["sentence"] = JSONValue(s) }
                x["why"] = .string(c.why)
                return .object(x)
            })
        }
        if withFeatures {
            o["features"] = .object(JSONObject([
                ("semantic", JSONValue(round(features.semantic, 6))), ("lexical", JSONValue(round(features.lexical, 6))),
                ("evidence", JSONValue(round(features.evidence, 6))), ("conditions", JSONValue(round(features.conditions, 6))),
                ("log_prior", JSONValue(round(features.logPrior, 6))),
            ]))
        }
        return .object(o)
    }
}

extension EvidenceItem {
    func json(offsets: Bool) -> JSONValue {
        var o = JSONObject()
        o["sentence"] = JSONValue(sentence)
        if offsets {
            o["start"] = JSONValue(start)
            o["end"] = JSONValue(end)
            o["utf8_start"] = JSONValue(utf8Start)
            o["utf8_end"] = JSONValue(utf8End)
        }
        o["text"] = .string(text)
        o["polarity"] = .string(polarity.rawValue)
        o["weight"] = JSONValue(weight)
        var w = JSONObject()
        if !why.matched.isEmpty { w["matched"] = .array(why.matched.map(JSONValue.string)) }
        if let c = why.condition { w["condition"] = .string(c) }
        w["claim"] = .string(why.claim)
        if !why.cues.isEmpty { w["cues"] = .array(why.cues.map(JSONValue.string)) }
        if why.condition == nil {
            w["diagnosticity"] = JSONValue(why.diagnosticity)
            w["similarity"] = JSONValue(why.similarity)
        }
        if !why.repeatedIn.isEmpty { w["repeated_in"] = .array(why.repeatedIn.map { JSONValue($0) }) }
        o["why"] = .object(w)
        return .object(o)
    }
}

func round(_ x: Double, _ places: Int) -> Double {
    var p = 1.0
    for _ in 0..<places { p *= 10 }
    return (x * p).rounded() / p
}
