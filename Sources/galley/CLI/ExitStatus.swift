/// Exit statuses, following sysexits(3).
enum ExitStatus: Int32 {
    case ok = 0
    /// Some articles failed (each carries an `errors` entry); every record was still written.
    case articlesFailed = 1
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case software = 70
    case cantCreate = 73
    case ioError = 74
    /// Stopped by SIGINT/SIGTERM.
    case interrupted = 130
}

/// A failure the user must see: one line on stderr, then the given status.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var status: ExitStatus
    init(_ message: String, status: ExitStatus = .usage) { self.message = message; self.status = status }
    var description: String { message }
}
