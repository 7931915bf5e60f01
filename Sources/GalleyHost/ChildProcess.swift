import Foundation
import GalleyIO
#if canImport(Glibc)
import Glibc
#endif

/// Stops every plugin process (SIGTERM, a moment, SIGKILL) and exits: for a host that can no
/// longer do anything useful (its client went away) and must leave nothing behind.
public func stopAllPluginsAndExit(status: Int32) -> Never {
    ChildProcess.signalAll(SIGTERM)
    usleep(300_000)
    ChildProcess.signalAll(SIGKILL)
    exit(status)
}

/// A child process with its three standard streams as pipes. It starts in its own process
/// group, so a Ctrl-C at the terminal reaches the host alone and the host stops its children
/// in order (close stdin, SIGTERM, SIGKILL), and it starts with default signal dispositions
/// (the host ignores SIGPIPE; a child must not inherit that).
final class ChildProcess: @unchecked Sendable {
    static let spawnLock = NSLock()
    /// Every child not yet reaped, so that an early signal can still stop them all.
    nonisolated(unsafe) private static var live: Set<pid_t> = []

    /// Sends `sig` to every child still running and to its process group, so that what a
    /// child started (a shell wrapper's Python) goes too (used when the host must exit at once).
    static func signalAll(_ sig: Int32) {
        let pids = spawnLock.withLock { live }
        for pid in pids { Glibc.kill(-pid, sig); Glibc.kill(pid, sig) }
    }
    let pid: pid_t
    /// Host side of the child's stdin (we write), stdout and stderr (we read).
    private(set) var stdinFD: Int32
    let stdoutFD: Int32
    let stderrFD: Int32
    /// Guards the descriptors and the exit status, and wakes `wait` when another thread reaps
    /// the child (the stdout reader does, at end of file), so a run ends without sleeping on.
    private let lock = NSCondition()
    private var exitStatus: Int32?

    struct SpawnError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    /// glibc 2.34+ (not exported to Swift), found at run time; nil elsewhere and in a fully
    /// static executable (no dynamic symbols to look up), where
    /// `markInheritableDescriptorsCloseOnExec` does the same job.
    private static let closeFrom: CloseFrom? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
        #else
        return nil
        #endif
    }()

    /// Sets close-on-exec on every open descriptor above 2 that lacks it (Linux: the ones
    /// /proc/self/fd lists), so that a child inherits only its three standard streams. Called
    /// under `spawnLock`, just before a spawn.
    static func markInheritableDescriptorsCloseOnExec() {
        #if os(Linux)
        guard let dir = opendir("/proc/self/fd") else { return }
        defer { closedir(dir) }
        let own = dirfd(dir)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard let fd = Int32(name), fd > 2, fd != own else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0, flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
        #endif
    }

    init(executable: String, arguments: [String] = [], environment: [String: String]? = nil) throws {
        // Pipes are made close-on-exec, and spawns are serialised, so that no child inherits
        // another child's pipe ends (which would keep that child's stdin open forever).
        ChildProcess.spawnLock.lock()
        defer { ChildProcess.spawnLock.unlock() }
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&inPipe) == 0, pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            throw SpawnError(message: "cannot create pipes: \(String(cString: strerror(errno)))")
        }
        for fd in inPipe + outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // Requests and answers flow in large blocks (a plugin in any language benefits).
        PipeCapacity.grow(inPipe[1])
        PipeCapacity.grow(outPipe[0])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the target descriptor; the originals close on exec.
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // Nothing else is inherited: descriptors the embedding program opened without
        // close-on-exec (Foundation's Pipe and FileHandle do) would otherwise leak into every
        // plugin, and a leaked write end keeps some other process's stdin open forever.
        if let closeFrom = ChildProcess.closeFrom {
            _ = closeFrom(&actions, 3)
        } else {
            ChildProcess.markInheritableDescriptorsCloseOnExec()
        }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, s) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = [executable] + arguments
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = env.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) }; for p in cEnv { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attr, &cArgs, &cEnv)
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        guard rc == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            throw SpawnError(message: "cannot start \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        ChildProcess.live.insert(child)
        stdinFD = inPipe[1]
        stdoutFD = outPipe[0]
        stderrFD = errPipe[0]
    }

    /// Writes all bytes to the child's stdin; false when the child closed it (or died).
    func write(_ bytes: [UInt8]) -> Bool {
        let fd = lock.withLock { stdinFD }
        guard fd >= 0 else { return false }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBufferPointer { b in Glibc.write(fd, b.baseAddress! + offset, b.count - offset) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Closes the child's stdin: a well-behaved plugin exits when it sees end of file.
    func closeStdin() {
        lock.withLock {
            if stdinFD >= 0 { close(stdinFD); stdinFD = -1 }
        }
    }

    func signal(_ sig: Int32) {
        if lock.withLock({ exitStatus }) == nil { Glibc.kill(pid, sig) }
    }

    /// The exit status if the child has exited (reaps it), without blocking.
    func poll() -> Int32? {
        lock.lock(); defer { lock.unlock() }
        if let s = exitStatus { return s }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid || (r < 0 && errno == ECHILD) {
            exitStatus = r == pid ? status : -1
            _ = ChildProcess.spawnLock.withLock { ChildProcess.live.remove(pid) }
            lock.broadcast()
            return exitStatus
        }
        return nil
    }

    /// Waits up to `seconds` for the child to exit. Between polls it waits on `lock`, so it
    /// wakes at once when another thread reaps the child meanwhile.
    @discardableResult
    func wait(seconds: Double) -> Int32? {
        var status: Int32?
        _ = Self.poll(for: seconds, until: { status = poll(); return status != nil }, pausing: { until in
            lock.lock()
            if exitStatus == nil { _ = lock.wait(until: until) }
            lock.unlock()
        })
        return status
    }

    /// Checks `done` until it holds or `seconds` pass; whether it held. Polls start 0.1 ms
    /// apart and back off to 5 ms: a plugin whose stdin was closed usually exits within a
    /// millisecond, and every run ends by waiting for its plugins. `pausing` waits until the
    /// date it is given (sleeping, by default; a caller may wake earlier).
    static func poll(for seconds: Double, until done: () -> Bool,
                     pausing: (Date) -> Void = { Thread.sleep(until: $0) }) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var pause = 0.0001
        while true {
            if done() { return true }
            let now = Date()
            if now >= deadline { return false }
            pausing(min(deadline, now.addingTimeInterval(pause)))
            pause = min(pause * 2, 0.005)
        }
    }

    /// Stops the child the polite way first: close stdin, wait, SIGTERM, wait, SIGKILL, reap;
    /// then whatever it started (see `stopGroup`).
    func stop(grace: Double = 2) {
        closeStdin()
        defer { stopGroup(grace: grace) }
        if wait(seconds: grace) != nil { return }
        signal(SIGTERM)
        if wait(seconds: grace) != nil { return }
        signal(SIGKILL)
        wait(seconds: 5)
    }

    /// Kills at once (a hung plugin): SIGTERM, a short grace, SIGKILL, reap.
    func kill(grace: Double = 0.5) {
        defer { stopGroup(grace: grace) }
        signal(SIGTERM)
        if wait(seconds: grace) != nil { return }
        signal(SIGKILL)
        wait(seconds: 5)
    }

    /// A plugin may run in a process of its own making (a pyenv shim starts Python in a
    /// grandchild), which outlives the child we reaped. Every such process shares the child's
    /// process group: it gets the same grace to exit (its stdin is closed too), then SIGTERM,
    /// then SIGKILL. No plugin process outlives the host.
    func stopGroup(grace: Double) {
        guard pid > 0 else { return }
        if Self.poll(for: min(grace, 1), until: { !groupAlive() }) { return }
        Glibc.kill(-pid, SIGTERM)
        if !Self.poll(for: 0.5, until: { !groupAlive() }) { Glibc.kill(-pid, SIGKILL) }
    }

    /// Whether a live (not zombie) process is left in the child's process group. An orphan
    /// that exited may stay a zombie where nothing reaps orphans (a container without init),
    /// so on Linux the group's members are read from /proc rather than probed with kill(0).
    private func groupAlive() -> Bool {
        guard Glibc.kill(-pid, 0) == 0 else { return false }
        #if os(Linux)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat") else { continue }
            // "pid (comm) state ppid pgrp ...": comm may hold spaces, so read after the last ')'.
            guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { continue }
            let fields = String(decoding: stat[(close + 1)...], as: UTF8.self).split(separator: " ")
            if fields.count > 2, fields[2] == "\(pid)", fields[0] != "Z" { return true }
        }
        return false
        #else
        return true
        #endif
    }

    /// "exited with status 3" / "killed by signal 9".
    static func describe(_ status: Int32) -> String {
        if status < 0 { return "exited" }
        let sig = status & 0x7F
        if sig == 0 { return "exited with status \((status >> 8) & 0xFF)" }
        return "killed by signal \(sig)\(sig == SIGKILL ? " (SIGKILL)" : sig == SIGSEGV ? " (SIGSEGV)" : sig == SIGABRT ? " (SIGABRT)" : sig == SIGTERM ? " (SIGTERM)" : "")"
    }

    deinit {
        if stdinFD >= 0 { close(stdinFD) }
        close(stdoutFD)
        close(stderrFD)
    }
}
