/// Error codes shared by the protocol and by `errors` entries on articles: JSON-RPC 2.0's
/// standard codes, and Galley's own in the implementation-defined server range
/// (-32000 to -32099). protocol/PROTOCOL.md lists them with their meaning.
public enum GalleyErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603

    /// The input record could not be read as an article (bad JSON, missing text, binary file).
    public static let invalidInput = -32000
    /// The plugin process exited or was killed while the request was in flight.
    public static let pluginCrashed = -32001
    /// The plugin did not answer within the request timeout.
    public static let timeout = -32002
    /// The plugin broke the protocol (stray output, wrong id, duplicate answer).
    public static let protocolViolation = -32003
    /// The request was cancelled (by the host, a signal or `--fail-fast`).
    public static let cancelled = -32004
    /// The peer speaks an incompatible protocol version.
    public static let unsupportedVersion = -32005
    /// A line exceeded the maximum message size.
    public static let lineTooLong = -32006
    /// The plugin could not produce a result for this article (its own, reported failure).
    public static let analysisFailed = -32007
    /// A plugin the chain needs is missing, failed to start, or was given up on (it failed
    /// article after article).
    public static let pluginUnavailable = -32008
    /// The plugin was not asked: an analysis it requires failed (or is missing) for this article.
    public static let prerequisiteFailed = -32009
}
