import Foundation
import GalleyProtocol

/// An article out of the chain: its bytes, the positions of its top-level members and of the
/// members of its `analyses` when known, and whether it carries errors.
public struct FinishedArticle: Sendable {
    public let bytes: [UInt8]
    public let members: [RawJSON.Member]
    public let nested: [String: [RawJSON.Member]]
    public let failed: Bool

    init(_ article: RawArticle) {
        bytes = article.bytes
        members = article.members
        nested = article.analysesMembers.map { ["analyses": $0] } ?? [:]
        failed = article.hasErrors
    }
}

/// A started chain of plugin stages, wired so that articles flow through every stage in
/// order and come out, in submission order, at `sink`. `galley run` feeds it from stdin;
/// `galley serve` from requests.
public final class Chain: @unchecked Sendable {
    let stages: [Stage]

    /// Resolves and starts the plugins (throws `HostError` before any article is read).
    /// `sink` receives each finished article; `onError` hears of each article error.
    public init(plugins: [String], options: [OptionAssignment], settings: RunSettings, log: HostLog,
                locator: PluginLocator = PluginLocator(),
                sink: @escaping (_ seq: Int, _ article: FinishedArticle) throws -> Void,
                idle: (() -> Void)? = nil,
                onError: @escaping (String, String) -> Void = { _, _ in }) throws {
        let resolved = try ChainResolver(locator: locator, settings: settings, log: log).resolve(plugins, options: options)
        var perStage = settings
        perStage.instancesPerPlugin = settings.instances(forStages: resolved.count)
        stages = resolved.map { Stage(spec: $0.0, settings: perStage, log: log) }
        do {
            for (stage, (_, first)) in zip(stages, resolved) { try stage.start(first: first) }
        } catch {
            for s in stages { s.shutdown(grace: 0.2) }
            throw HostError("\(error)")
        }
        for (k, stage) in stages.enumerated() {
            if k + 1 < stages.count {
                let next = stages[k + 1]
                stage.downstream = { seq, article in next.submit(seq: seq, article: article) }
            } else {
                stage.downstream = { seq, article in try sink(seq, FinishedArticle(article)) }
                stage.onIdle = idle
            }
            let name = stage.spec.name
            stage.onArticleError = { _, message in onError(name, message) }
        }
    }

    /// Sends an article (its NDJSON bytes) through the chain as number `seq` (0, 1, 2, ...).
    public func submit(seq: Int, articleBytes: [UInt8]) throws {
        stages[0].submit(seq: seq, article: try RawArticle(bytes: articleBytes))
    }

    func submit(seq: Int, article: RawArticle) { stages[0].submit(seq: seq, article: article) }

    /// No more articles after `total`; returns when the last one has reached the sink.
    public func finish(total: Int) throws {
        for s in stages { s.finish(total: total) }
        try stages.last!.waitUntilDrained()
    }

    public func abort() { for s in stages { s.abort() } }

    /// A stage's plugin could not be restarted (a long-lived caller starts a new chain).
    public var isBroken: Bool { stages.contains { $0.isBroken } }

    /// Stops every plugin process (shutdown, close stdin, SIGTERM, SIGKILL) and reaps it.
    public func shutdown(grace: Double = 2, reportBadExits: Bool = true) {
        for s in stages { s.shutdown(grace: grace, reportBadExits: reportBadExits) }
    }

    /// One clause per stage for the summary line.
    var summaries: [String] {
        stages.map { s in
            let st = s.stats
            var line = "\(s.spec.name) \(st.ok) ok"
            if st.failed > 0 { line += ", \(st.failed) failed" }
            if st.crashes > 0 { line += ", \(st.crashes) crash(es)" }
            if st.timeouts > 0 { line += ", \(st.timeouts) timeout(s)" }
            if st.restarts > 0 { line += ", \(st.restarts) restart(s)" }
            if s.suppressedStderr > 0 { line += ", \(s.suppressedStderr) stderr lines not shown" }
            if s.suppressedViolations > 0 { line += ", \(s.suppressedViolations) protocol violations not shown" }
            if st.ok + st.failed > 0 { line += String(format: ", %.1f ms/article", st.busy * 1000 / Double(st.ok + st.failed)) }
            return line
        }
    }
}
