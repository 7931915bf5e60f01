import Foundation

/// The progress line `galley analyze` shows on a terminal: articles done, rate, ETA,
/// failures. Silent when stderr is not a terminal or with --quiet; plain text (no colours or
/// cursor tricks beyond a carriage return), so NO_COLOR is respected by construction.
public final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    public var total: Int?
    private var drawn = false

    public init(quiet: Bool) {
        enabled = !quiet && isatty(2) == 1
    }

    public var isEnabled: Bool { enabled }

    public func update(done: Int, failed: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 || done == total else { return }
        lastDraw = now
        draw(done: done, failed: failed, now: now)
    }

    private func draw(done: Int, failed: Int, now: Date) {
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        var line = "galley analyze: \(done)"
        if let total { line += "/\(total)" }
        line += String(format: " articles, %.1f/s", rate)
        if let total, rate > 0, done < total {
            let left = Int(Double(total - done) / rate)
            line += String(format: ", ETA %d:%02d", left / 60, left % 60)
        }
        if failed > 0 { line += ", \(failed) failed" }
        let padded = line.count < 78 ? line + String(repeating: " ", count: 78 - line.count) : line
        FileHandle.standardError.write(Data(("\r" + padded).utf8))
        drawn = true
    }

    /// Blanks the progress line, before something else is printed on the same terminal (the
    /// digest on stdout); the next update draws it again.
    public func clear() {
        guard enabled else { return }
        lock.withLock {
            guard drawn else { return }
            FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 78) + "\r").utf8))
            drawn = false
            lastDraw = .distantPast
        }
    }

    /// Ends the progress line so the summary starts on a fresh line.
    public func finish() {
        guard enabled else { return }
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            drawn = false
        }
    }
}
