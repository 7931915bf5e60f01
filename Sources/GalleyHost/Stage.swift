import Foundation
import GalleyJSON
import GalleyModel
import GalleyProtocol

/// Settings every stage of a run shares.
public struct RunSettings: Sendable {
    /// `--jobs N`: processors the whole run may use (nil: every one). See `ProcessorBudget`.
    public var processors: Int?
    /// Instances of each plugin; a chain derives it from `processors` (`instances(forStages:)`).
    public var instancesPerPlugin = 1
    public var timeout: Double = 30
    public var startTimeout: Double = 10
    public var maxLineBytes = 64 << 20
    public var failFast = false
    /// Articles admitted to a stage at once (backpressure: memory stays bounded).
    public var capacityPerInstance = 64
    /// Threads that ingest input records before the first plugin.
    public var ingestThreads = ProcessInfo.processInfo.activeProcessorCount
    /// `--fields`: what of each article goes to stdout (nil: all of it).
    public var outputFields: FieldSelection?
    public init() {}

    /// Stages already run concurrently, one process each, so N processors are shared out:
    /// each plugin gets N / stages instances (rounded up), at least one. One heavy plugin on
    /// its own gets all N; a chain of three on two processors keeps one instance each.
    public func instances(forStages stages: Int) -> Int {
        guard let processors else { return instancesPerPlugin }
        return max(1, (processors + max(1, stages) - 1) / max(1, stages))
    }
}

/// One plugin of a chain, resolved: where it is, what it said about itself, what to send it.
public struct StageSpec: Sendable {
    public var name: String
    public var path: String
    public var manifest: PluginManifest
    public var options: JSONObject
    /// Article fields to send; nil sends the whole article.
    public var fields: Set<String>?
    /// Analyses of earlier stages to send.
    public var analyses: Set<String>
    /// Those of them the plugin requires: an article without one is not sent to it.
    public var requiredAnalyses: Set<String> = []
    /// Fields of `fields` the plugin asked for member by member ("sentences.text"), with those
    /// members. The host may send more members than these (when another reader needs them),
    /// never fewer.
    public var elementMembers: [String: Set<String>] = [:]
}

/// Per-stage counters for the end-of-run summary.
struct StageStats {
    var ok = 0, failed = 0, restarts = 0, timeouts = 0, crashes = 0
    var busy: Double = 0
}

/// Runs one plugin over a stream of articles: spreads them over its instances up to each
/// one's window, keeps input order on the way out, and supervises: a crash or hang kills and
/// restarts the instance and resends its in-flight articles one at a time (so the article that
/// causes it is found); a second failure is final and the article goes on with an `errors`
/// entry. Memory is bounded: only articles within `capacity` positions of the next one to be
/// passed on are admitted.
final class Stage: @unchecked Sendable {
    let spec: StageSpec
    let settings: RunSettings
    let log: HostLog
    let capacity: Int
    /// Receives finished articles in input order (the next stage, or the output).
    var downstream: ((Int, RawArticle) throws -> Void)!
    /// Called when an article ends with an error from this stage.
    var onArticleError: ((Int, String) -> Void)?
    /// Called (without the lock) when articles were passed on and nothing more has been ready
    /// for `idleDelay`: the end of the chain flushes its output then, so a slow or live input
    /// (`tail -f | galley run ...`) sees each result promptly, while a busy run still writes
    /// in large blocks.
    var onIdle: (() -> Void)?
    static let idleDelay = 0.02

    private struct Job {
        var seq: Int
        var article: RawArticle
        var params: [UInt8]
        var attempts = 0
        var sentAt = Date.distantFuture
        var timedOut = false
    }

    private final class Slot: @unchecked Sendable {
        var instance: PluginInstance?
        var generation = 0
        var inflight: [Int: Job] = [:]
        var isolated = false
        var restarting = false
        /// When the instance last answered (or was attached): an ordered plugin starts on a
        /// request only once it has answered the one before.
        var lastAnswerAt = Date()
        var failedStarts = 0
        /// Whether the instance answered anything since it started, and how many instances in
        /// a row ended without doing so: one that always dies after its handshake is broken.
        var answeredSinceStart = false
        var silentEnds = 0
    }

    private let cond = NSCondition()
    private var slots: [Slot] = []
    /// Every instance this stage started, for end-of-run counts.
    private var everyInstance: [PluginInstance] = []
    private var waiting: [Job] = []
    private var waitingHead = 0
    private var retries: [Job] = []
    private var done: [Int: RawArticle] = [:]
    private var nextEmit = 0
    /// Articles passed on downstream so far (the input positions below it are done).
    private var passedOn = 0
    /// Submitters waiting for room (backpressure): only then does passing on wake anyone.
    private var blockedSubmitters = 0
    private var total: Int?
    private var nextRequestID = 1
    private var broken: String?
    /// Articles that failed for good (crashed or timed out twice) since the plugin last
    /// answered anything: a plugin that fails on every article is given up on after
    /// `failedInARowLimit` of them, instead of two restarts (or two timeouts) per article.
    private var failedInARow = 0
    static let failedInARowLimit = 10
    /// The plugin could not be restarted: every article from now on fails.
    var isBroken: Bool { cond.withLock { broken != nil } }
    /// Instances started but not yet attached (see `launch`), and whether shutdown has begun.
    private var launching: [ObjectIdentifier: PluginInstance] = [:]
    private var isShutDown = false
    private(set) var aborted = false
    private var emitterError: Error?
    /// The next article to pass on has its answer: the emitter is woken at the reader's batch end.
    private var emitterWakePending = false
    private var finishedEmitting = false
    private(set) var stats = StageStats()
    /// Distinct failure messages already shown on stderr (the records carry every one).
    private var reported: Set<String> = []
    private let window: Int
    /// The options every request carries, encoded once.
    private let optionsBytes: [UInt8]

    init(spec: StageSpec, settings: RunSettings, log: HostLog) {
        self.spec = spec
        self.settings = settings
        self.log = log
        window = max(1, min(spec.manifest.concurrency, settings.capacityPerInstance))
        capacity = max(2, settings.capacityPerInstance * settings.instancesPerPlugin)
        optionsBytes = JSONWriter.bytes(.object(spec.options))
    }

    // MARK: - Starting

    /// Starts every instance (the first may be handed over from chain resolution).
    func start(first: PluginInstance?) throws {
        for k in 0..<settings.instancesPerPlugin {
            let slot = Slot()
            slots.append(slot)
            let instance = try (k == 0 ? first : nil) ?? launch()
            attach(instance, to: slot)
        }
        Thread.detachNewThread { [self] in emitLoop() }
        Thread.detachNewThread { [self] in watchdogLoop() }
    }

    /// Starts an instance. Until it is attached it is "launching", and a shutdown meanwhile
    /// stops it too; once shutdown has begun none starts (a restart racing the end of a run
    /// must not leave a plugin behind when the host exits). The spawn happens under the lock
    /// so that no instance slips between the two.
    private func launch() throws -> PluginInstance {
        cond.lock()
        guard !isShutDown else {
            cond.unlock()
            throw HostError("\(spec.name): the run is ending")
        }
        let instance: PluginInstance
        do {
            instance = try PluginInstance(label: spec.name, executable: spec.path, log: log, maxLineBytes: settings.maxLineBytes)
        } catch {
            cond.unlock()
            throw error
        }
        let id = ObjectIdentifier(instance)
        launching[id] = instance
        cond.unlock()
        do {
            _ = try instance.initialize(options: spec.options, timeout: settings.startTimeout)
        } catch {
            if cond.withLock({ launching.removeValue(forKey: id) }) != nil { instance.process.stop(grace: 0.2) }
            throw error
        }
        return instance
    }

    private func attach(_ instance: PluginInstance, to slot: Slot) {
        let lateForShutdown: Bool = cond.withLock {
            launching.removeValue(forKey: ObjectIdentifier(instance))
            // Shutdown has taken it from `launching` and is stopping it.
            if isShutDown { return true }
            everyInstance.append(instance)
            return false
        }
        if lateForShutdown { return }
        let generation = slot.generation
        instance.onAnswer = { [weak self, weak slot] id, answer in
            guard let self, let slot else { return }
            self.answered(slot: slot, generation: generation, id: id, answer: answer)
        }
        instance.onReadBatchEnd = { [weak self] in self?.wakeEmitterIfNeeded() }
        instance.onOversizedLine = { [weak self, weak slot] size, id in
            guard let self, let slot else { return }
            self.oversized(slot: slot, generation: generation, size: size, id: id)
        }
        cond.lock()
        slot.instance = instance
        slot.restarting = false
        slot.answeredSinceStart = false
        slot.lastAnswerAt = Date()
        wakeWriters(pump())
        cond.unlock()
        // Last: an instance that has died already reports it now, to a slot that holds it.
        instance.onExit = { [weak self, weak slot, weak instance] description in
            guard let self, let slot else { return }
            self.exited(slot: slot, generation: generation, description: description, lastStderrLine: instance?.lastStderrLine)
        }
    }

    // MARK: - Input

    /// Admits an article, waiting while the stage is full (backpressure).
    func submit(seq: Int, article: RawArticle) {
        let params = RPC.request(id: 0, method: "process", rawParams: [
            ("article", article.subset(fields: spec.fields, analyses: spec.analyses)),
            ("options", optionsBytes),
        ])
        cond.lock()
        // Backpressure by position, not count: articles may arrive out of order (ingest runs on
        // several threads), and the one the output waits for must always get in.
        while seq >= passedOn + capacity && !aborted {
            blockedSubmitters += 1
            cond.wait()
            blockedSubmitters -= 1
        }
        if aborted { cond.unlock(); return }
        let lacking = spec.requiredAnalyses.isEmpty ? nil : spec.requiredAnalyses.sorted().first { !article.hasAnalysis($0) }
        /// The article goes on at once with this stage's error, unasked (reported once the lock
        /// is released: stderr may be a slow pipe).
        var unasked: String?
        func failUnasked(_ code: Int, _ reason: String) {
            var a = article
            a.addError(stage: spec.name, code: code, message: reason)
            done[seq] = a
            stats.failed += 1
            unasked = reason
        }
        if article.skipsPlugins {
            done[seq] = article
        } else if let lacking {
            // What it needs failed upstream: asking would only make a second, misleading error.
            failUnasked(GalleyErrorCode.prerequisiteFailed, "not run: it requires the analysis '\(lacking)', which failed for this article")
        } else if let reason = broken {
            failUnasked(GalleyErrorCode.pluginUnavailable, reason)
        } else if params.count > settings.maxLineBytes {
            // A request no plugin may read (the limit is the protocol's, both ways): sending it
            // cost a timeout and a restart, twice, and the error then blamed a silent plugin.
            failUnasked(GalleyErrorCode.lineTooLong,
                        "the request would be a line of \(params.count) bytes, over the \(settings.maxLineBytes)-byte limit (--max-line-bytes)")
        } else {
            // Handed to an instance: nobody waiting on this condition needs to know, so no
            // wake-up (it would cost a context switch per article).
            waiting.append(Job(seq: seq, article: article, params: params))
            let queued = pump()
            cond.unlock()
            // The submitting thread (ingest, or the stage before) may block on a full pipe.
            for instance in queued { instance.writeQueued() }
            return
        }
        cond.broadcast()
        cond.unlock()
        if let unasked { onArticleError?(seq, unasked) }
    }

    /// No more input after `count` articles in all.
    func finish(total count: Int) {
        cond.lock()
        total = count
        cond.broadcast()
        cond.unlock()
    }

    // MARK: - Dispatch (called with the lock held)

    /// Hands waiting articles to instances with room and queues their requests; returns the
    /// instances that got some, whose caller writes them (`writeQueued`) after unlocking or,
    /// if it must not block, wakes their writer threads (`wakeWriters`).
    private func pump() -> [PluginInstance] {
        var queued: [PluginInstance] = []
        while true {
            // A resent article goes alone to an idle instance.
            if !retries.isEmpty, let slot = slots.first(where: { $0.instance != nil && !$0.restarting && $0.inflight.isEmpty }) {
                var job = retries.removeFirst()
                slot.isolated = true
                send(&job, on: slot, queued: &queued)
                continue
            }
            guard waitingHead < waiting.count else { break }
            let open = slots.filter { $0.instance != nil && !$0.restarting && !$0.isolated && $0.inflight.count < window }
            guard let slot = open.min(by: { $0.inflight.count < $1.inflight.count }) else { break }
            var job = waiting[waitingHead]
            waitingHead += 1
            // Sent jobs must not stay referenced here: each holds its article and request.
            if waitingHead == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                waitingHead = 0
            } else if waitingHead > 64, waitingHead * 2 > waiting.count {
                waiting.removeFirst(waitingHead)
                waitingHead = 0
            }
            send(&job, on: slot, queued: &queued)
        }
        return queued
    }

    private func wakeWriters(_ instances: [PluginInstance]) {
        for instance in instances { instance.wakeWriter() }
    }

    private func send(_ job: inout Job, on slot: Slot, queued: inout [PluginInstance]) {
        let id = nextRequestID
        nextRequestID += 1
        job.sentAt = Date()
        // The request was built with id 0 at submit time; write the real id in.
        var line = Array(#"{"jsonrpc":"2.0","id":"#.utf8) + Array(String(id).utf8)
        line.append(contentsOf: job.params[(#"{"jsonrpc":"2.0","id":0"#.utf8.count)...])
        slot.inflight[id] = job
        guard let instance = slot.instance else { return }
        instance.enqueue(line)
        if !queued.contains(where: { $0 === instance }) { queued.append(instance) }
    }

    /// A protocol violation found here (not in a line the instance read), within the plugin's
    /// allowance: shown up to the limit, then counted for the summary.
    private func violation(_ message: String) {
        log.budget(for: spec.name).reportViolation(message, plugin: spec.name, to: log)
    }

    /// Shows a plugin's failure on stderr the first time it occurs (a systematic one, like a
    /// bad scenario pack, would otherwise only show in the records and the summary count).
    private func reportOnce(_ message: String, key: String) {
        let show: Bool = cond.withLock {
            guard reported.count < 5, !reported.contains(key) else { return false }
            reported.insert(key)
            return true
        }
        if show { log.report("galley: \(spec.name): \(message)") }
    }

    // MARK: - Answers, exits, timeouts

    private func answered(slot: Slot, generation: Int, id: Int, answer: Answer) {
        cond.lock()
        guard slot.generation == generation, let job = slot.inflight.removeValue(forKey: id) else {
            let current = slot.generation == generation
            cond.unlock()
            if current { violation("an answer to request \(id), which is not in flight (unknown id or answered twice); ignored") }
            return
        }
        if slot.inflight.isEmpty { slot.isolated = false }
        slot.answeredSinceStart = true
        slot.silentEnds = 0
        failedInARow = 0
        let now = Date()
        let elapsed = now.timeIntervalSince(startedAt(job, on: slot))
        slot.lastAnswerAt = now
        cond.unlock()

        var article = job.article
        var failure: String?
        switch answer {
        case .result(let result):
            let provides = spec.manifest.provides
            if provides.count == 1 {
                article.addAnalysis(provides[0], result)
            } else if let parsed = try? RawJSON.members(result) {
                for m in parsed.members where provides.contains(m.key) {
                    article.addAnalysis(m.key, result[(result.startIndex + m.value.lowerBound)..<(result.startIndex + m.value.upperBound)])
                }
                let unknown = parsed.members.map(\.key).filter { !provides.contains($0) }
                if !unknown.isEmpty {
                    violation("the answer has members it does not provide (\(unknown.joined(separator: ", "))), ignored; it provides \(provides.joined(separator: ", "))")
                }
            } else {
                // A plugin providing several analyses answers with one member per analysis.
                let message = "protocol violation: a plugin providing \(provides.joined(separator: ", ")) must answer with an object holding them, not \(RawJSON.kindName(startingWith: result.first { $0 > 0x20 }))"
                failure = message
                article.addError(stage: spec.name, code: GalleyErrorCode.protocolViolation, message: message)
                violation("article \(job.article.id): \(message)")
            }
        case .error(let e):
            failure = e.message
            article.addError(stage: spec.name, code: e.code, message: e.message, data: e.data.flatMap { $0.isNull ? nil : $0 })
            reportOnce("article \(job.article.id): \(e.message)", key: e.message)
        }
        cond.lock()
        stats.busy += elapsed
        if failure == nil { stats.ok += 1 } else { stats.failed += 1 }
        done[job.seq] = article
        wakeWriters(pump())
        // Only the emitter waits for answers, and only for the next one in order; it is woken
        // once the reader has handled everything it read (`wakeEmitterIfNeeded`), not per answer.
        if job.seq == nextEmit { emitterWakePending = true }
        cond.unlock()
        if let failure { onArticleError?(job.seq, failure) }
    }

    private func wakeEmitterIfNeeded() {
        cond.lock()
        if emitterWakePending {
            emitterWakePending = false
            cond.broadcast()
        }
        cond.unlock()
    }

    private func exited(slot: Slot, generation: Int, description: String, lastStderrLine: String?) {
        cond.lock()
        guard slot.generation == generation else { cond.unlock(); return }
        slot.generation += 1
        slot.instance = nil
        let jobs = slot.inflight.values.sorted { $0.seq < $1.seq }
        slot.inflight = [:]
        slot.isolated = false
        let shuttingDown = aborted || (total != nil && nextEmit >= total! && jobs.isEmpty)
        if shuttingDown { cond.unlock(); return }
        // The watchdog killed it for a late answer: a timeout, already counted, not a crash.
        let stoppedByHost = jobs.contains(where: \.timedOut)
        let description = stoppedByHost ? "was stopped by galley (an answer was late)" : description
        // Ended with nothing in flight and nothing answered: not an article's fault (a poison
        // article dies with its request in flight).
        if !slot.answeredSinceStart && jobs.isEmpty { slot.silentEnds += 1 }
        if slot.silentEnds >= 3 {
            // Restarting again would only repeat it, once per article.
            retries.append(contentsOf: jobs)
            cond.unlock()
            markBroken("\(spec.name) \(description) after starting, before being asked anything, three times in a row"
                       + LastStderrLine.suffix(lastStderrLine))
            return
        }
        stats.crashes += stoppedByHost || jobs.isEmpty ? 0 : 1
        var finalFailures: [(Int, String)] = []
        for var job in jobs {
            job.attempts += 1
            if job.attempts >= 2 {
                let code = job.timedOut ? GalleyErrorCode.timeout : GalleyErrorCode.pluginCrashed
                let message = job.timedOut
                    ? "no answer within \(JSONValue.format(settings.timeout)) s, twice (the plugin was killed each time)"
                    : "the plugin \(description) while processing this article, twice" + LastStderrLine.suffix(lastStderrLine)
                var a = job.article
                a.addError(stage: spec.name, code: code, message: message)
                done[job.seq] = a
                stats.failed += 1
                finalFailures.append((job.seq, message))
                failedInARow += 1
                log.report("galley: \(spec.name): article \(job.article.id): \(message); written with this error")
            } else {
                job.timedOut = false
                job.sentAt = .distantFuture
                retries.append(job)
            }
        }
        if failedInARow >= Self.failedInARowLimit {
            // Another restart would most likely fail the next article the same way. (The
            // articles queued for a retry above go on with the error too.)
            cond.unlock()
            for (seq, message) in finalFailures { onArticleError?(seq, message) }
            let what = jobs.contains(where: \.timedOut) ? "timed out" : "crashed"
            markBroken("\(spec.name) failed on \(Self.failedInARowLimit) articles in a row (each tried twice; it last \(what)), with nothing answered between them; not restarting it again"
                       + LastStderrLine.suffix(lastStderrLine))
            return
        }
        if !jobs.isEmpty {
            log.report("galley: \(spec.name) \(description) with \(jobs.count) article(s) in flight; restarting it and retrying them one at a time")
        } else {
            log.report("galley: \(spec.name) \(description); restarting it")
        }
        slot.restarting = true
        cond.broadcast()
        cond.unlock()
        for (seq, message) in finalFailures { onArticleError?(seq, message) }
        restart(slot)
    }

    private func restart(_ slot: Slot) {
        while true {
            do {
                let instance = try launch()
                cond.lock()
                stats.restarts += 1
                slot.failedStarts = 0
                cond.unlock()
                attach(instance, to: slot)
                return
            } catch {
                cond.lock()
                slot.failedStarts += 1
                let giveUp = slot.failedStarts >= 3 || aborted
                let ending = isShutDown
                cond.unlock()
                if ending { return }  // the run is over: nothing left to restart for
                if giveUp {
                    markBroken("\(spec.name) could not be restarted: \(error)")
                    return
                }
                usleep(200_000)
            }
        }
    }

    /// The plugin cannot be started any more: every waiting article goes on with an error.
    private func markBroken(_ reason: String) {
        cond.lock()
        guard broken == nil else { cond.unlock(); return }
        broken = reason
        log.report("galley: \(reason); the remaining articles carry an error")
        var failed: [Int] = []
        let stranded = Array(waiting[waitingHead...]) + retries + slots.flatMap { $0.inflight.values }
        waiting.removeAll(); waitingHead = 0; retries.removeAll()
        for s in slots { s.inflight = [:] }
        for job in stranded {
            var a = job.article
            a.addError(stage: spec.name, code: GalleyErrorCode.pluginUnavailable, message: reason)
            done[job.seq] = a
            stats.failed += 1
            failed.append(job.seq)
        }
        cond.broadcast()
        cond.unlock()
        for seq in failed { onArticleError?(seq, reason) }
    }

    /// An answer too long to read: the request it names fails, or (when its start does not
    /// say) the oldest request of an ordered plugin, whose answer comes first.
    private func oversized(slot: Slot, generation: Int, size: Int, id: Int?) {
        cond.lock()
        let named = id.flatMap { id in slot.inflight[id].map { (key: id, value: $0) } }
        guard slot.generation == generation,
              let oldest = named ?? (spec.manifest.ordered ? slot.inflight.min(by: { $0.value.sentAt < $1.value.sentAt }) : nil) else {
            cond.unlock(); return
        }
        slot.inflight[oldest.key] = nil
        if slot.inflight.isEmpty { slot.isolated = false }
        var a = oldest.value.article
        let message = "the plugin's answer was a line of \(size) bytes, over the \(settings.maxLineBytes)-byte limit"
        a.addError(stage: spec.name, code: GalleyErrorCode.lineTooLong, message: message)
        done[oldest.value.seq] = a
        stats.failed += 1
        wakeWriters(pump())
        cond.broadcast()
        cond.unlock()
        onArticleError?(oldest.value.seq, message)
    }

    /// When the plugin could begin on `job`: when it was sent, or for an ordered plugin when the
    /// answer before it came, whichever is later (requests queued behind a slow one are not late).
    private func startedAt(_ job: Job, on slot: Slot) -> Date {
        spec.manifest.ordered ? max(job.sentAt, slot.lastAnswerAt) : job.sentAt
    }

    private func watchdogLoop() {
        while true {
            usleep(50_000)
            cond.lock()
            if aborted || finishedEmitting { cond.unlock(); return }
            let now = Date()
            var toKill: [(PluginInstance, Int)] = []
            for slot in slots {
                guard let instance = slot.instance else { continue }
                // An ordered plugin works on its oldest request while the others wait in its
                // pipe: only that one can be late, timed from when it could start.
                let candidates = spec.manifest.ordered ? slot.inflight.min(by: { $0.key < $1.key }).map { [$0] } ?? []
                                                       : Array(slot.inflight)
                for (id, job) in candidates where !job.timedOut && now.timeIntervalSince(startedAt(job, on: slot)) > settings.timeout {
                    slot.inflight[id]!.timedOut = true
                    toKill.append((instance, id))
                }
            }
            if !toKill.isEmpty { stats.timeouts += toKill.count }
            cond.unlock()
            var killed: Set<ObjectIdentifier> = []
            for (instance, id) in toKill {
                log.report("galley: \(spec.name): no answer to request \(id) within \(JSONValue.format(settings.timeout)) s; cancelling and killing the instance")
                instance.send(RPC.notification(method: "cancel", params: ["id": JSONValue(id)]))
                if killed.insert(ObjectIdentifier(instance)).inserted {
                    Thread.detachNewThread { instance.process.kill() }
                }
            }
        }
    }

    // MARK: - Output in order

    private func emitLoop() {
        var passedSinceIdle = false
        while true {
            cond.lock()
            while !aborted, done[nextEmit] == nil, total == nil || nextEmit < total! {
                guard passedSinceIdle, let onIdle else { cond.wait(); continue }
                if !cond.wait(until: Date().addingTimeInterval(Self.idleDelay)) {
                    passedSinceIdle = false
                    cond.unlock()
                    onIdle()
                    cond.lock()
                }
            }
            if aborted || (total != nil && nextEmit >= total!) {
                finishedEmitting = true
                cond.broadcast()
                cond.unlock()
                return
            }
            // Every article ready in order goes in one turn: one lock and at most one wake-up
            // for the lot, not one per article.
            let first = nextEmit
            var ready: [RawArticle] = []
            while let article = done.removeValue(forKey: nextEmit) {
                ready.append(article)
                nextEmit += 1
            }
            cond.unlock()
            var passed = 0
            do {
                for article in ready {
                    try downstream(first + passed, article)
                    passed += 1
                }
            } catch {
                cond.lock()
                emitterError = error
                aborted = true
                finishedEmitting = true
                cond.broadcast()
                cond.unlock()
                return
            }
            cond.lock()
            passedOn += passed
            passedSinceIdle = true
            if blockedSubmitters > 0 { cond.broadcast() }
            cond.unlock()
        }
    }

    /// Waits until every article has been passed on (or the run was aborted).
    func waitUntilDrained() throws {
        cond.lock()
        while !finishedEmitting { cond.wait() }
        let e = emitterError
        cond.unlock()
        if let e { throw e }
    }

    // MARK: - Stopping

    /// Ends the run for this stage: no more work is taken, waiting submitters are released.
    func abort() {
        cond.lock()
        aborted = true
        cond.broadcast()
        cond.unlock()
    }

    /// Sends `shutdown`, closes stdin, and stops every instance (SIGTERM/SIGKILL if it lingers).
    /// `reportBadExits`: say which plugins did not exit cleanly (not when the run is being
    /// cut short, where a plugin in mid-work is stopped by a signal on purpose).
    func shutdown(grace: Double = 2, reportBadExits: Bool = true) {
        cond.lock()
        isShutDown = true
        let instances = slots.compactMap(\.instance) + launching.values
        launching.removeAll()
        for s in slots { s.instance = nil; s.generation += 1 }
        let shutdownID = nextRequestID
        nextRequestID += 1
        cond.unlock()
        for instance in instances {
            instance.sendShutdown(id: shutdownID)
            instance.finishWriting()
        }
        let group = DispatchGroup()
        for instance in instances {
            group.enter()
            Thread.detachNewThread {
                // Give the writer a moment to drain, then close stdin and stop politely.
                instance.waitUntilWritten(seconds: 1)
                instance.process.stop(grace: grace)
                // A plugin author wants to know that it crashed or ignored the end of its input.
                if reportBadExits, let status = instance.process.poll(), status != 0 {
                    instance.log.report("galley: \(instance.label) \(ChildProcess.describe(status)) when stopped at the end of the run (expected: exit 0 once its stdin closes)")
                }
                instance.waitForStderr()
                group.leave()
            }
        }
        group.wait()
    }

    var suppressedStderr: Int { log.budget(for: spec.name).suppressedLines }
    var suppressedViolations: Int { log.budget(for: spec.name).suppressedViolations }
}
