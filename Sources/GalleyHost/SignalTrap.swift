import Foundation
import GalleyIO

/// SIGINT, SIGTERM and SIGHUP, caught from the moment a command starts (before any plugin
/// runs), so that no signal can slip in while plugins start and leave them behind. Until a
/// run installs its own handler, a signal stops every child and exits with status 130.
public final class SignalTrap: @unchecked Sendable {
    public static let shared = SignalTrap()
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []
    private var handler: (@Sendable () -> Void)?
    private var caught = false

    /// A signal arrived (so whatever fails now fails because of it: exit 130, not its status).
    public var interrupted: Bool { lock.withLock { caught } }

    /// What to do on a signal; nil restores the default (stop children, exit 130).
    public var onSignal: (@Sendable () -> Void)? {
        get { lock.withLock { handler } }
        set { lock.withLock { handler = newValue } }
    }

    /// Starts catching the signals (idempotent).
    public func install() {
        lock.lock(); defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [unowned self] in
                lock.withLock { caught = true }
                if let h = onSignal { h(); return }
                Diagnostics.write("galley: interrupted")
                stopAllPluginsAndExit(status: 130)
            }
            source.resume()
            sources.append(source)
        }
    }
}
