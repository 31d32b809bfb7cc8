import CLua

extension LuaFailure {
    /// Builds a failure from the handler's text (`file:line: message` then a traceback)
    /// and the budget state the C side reported.
    static func parse(_ text: String, status: tly_status, limits: LuaLimits) -> LuaFailure {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = lines.isEmpty ? text : lines.removeFirst()
        var traceback: [String] = []
        if lines.first == "stack traceback:" {
            traceback = lines.dropFirst().map { $0.trimmingPrefix("\t") }.map(String.init)
        }
        var (file, line, message) = splitPosition(first)
        if file == nil, let top = traceback.first {
            let frame = splitPosition(top)
            file = frame.file
            line = frame.line
        }
        let item = status.item > 0 ? Int(status.item) : nil
        let kind: Kind
        switch tly_trip(UInt32(status.tripped)) {
        case TLY_TRIP_CPU:
            kind = .cpu
            message = "instruction budget of \(limits.instructions) exceeded"
        case TLY_TRIP_PATTERN:
            kind = .cpu
            message = "string pattern too complex (more than \(limits.patternSteps) matching steps)"
        case TLY_TRIP_WALL:
            kind = .wall
            message = "time limit of \(limits.wallMilliseconds) ms exceeded"
        case TLY_TRIP_MEMORY:
            kind = .memory
            message = "memory limit of \(limits.memoryBytes >> 20) MiB exceeded"
        case TLY_TRIP_OUTPUT:
            kind = .memory
            if !message.contains("too large") && !message.contains("limit") { message = "output limit exceeded: \(message)" }
        default:
            if status.syntax != 0 {
                kind = .load
            } else if status.code == LUA_ERRMEM {
                kind = .memory
                message = "memory limit of \(limits.memoryBytes >> 20) MiB exceeded"
            } else {
                kind = .runtime
            }
        }
        return LuaFailure(kind: kind, message: message, file: file, line: line, traceback: traceback, item: item)
    }

    /// Splits `file:line: message`, where `file` is the text before the first colon and
    /// holds no spaces (rule paths never do).
    static func splitPosition(_ s: String) -> (file: String?, line: Int?, message: String) {
        guard let colon = s.firstIndex(of: ":") else { return (nil, nil, s) }
        let file = s[..<colon]
        guard !file.isEmpty, !file.contains(" ") else { return (nil, nil, s) }
        let afterColon = s[s.index(after: colon)...]
        let digits = afterColon.prefix(while: \.isASCIIDigitCharacter)
        guard !digits.isEmpty, let line = Int(digits) else { return (nil, nil, s) }
        var rest = afterColon.dropFirst(digits.count)
        guard rest.first == ":" else { return (nil, nil, s) }
        rest = rest.dropFirst()
        if rest.first == " " { rest = rest.dropFirst() }
        return (String(file), line, String(rest))
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
