/// Why a Lua operation failed, with the script position when one is known.
package struct LuaFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, in the words shown to rule authors.
    package enum Kind: String, Sendable, Equatable, Codable {
        /// The source did not compile, or was refused before compiling.
        case load
        /// The script raised an error.
        case runtime
        /// The instruction budget (or a pattern's step budget) ran out.
        case cpu
        /// The wall-clock deadline passed.
        case wall
        /// The memory ceiling (or the result-size limit) was reached.
        case memory
    }

    package var kind: Kind
    /// The message without its leading `file:line:` position.
    package var message: String
    /// `rules/<office>/<file>.lua`, when the error happened in a script.
    package var file: String?
    package var line: Int?
    /// Script frames, innermost first, as `file:line: in function 'name'` lines.
    package var traceback: [String]
    /// 1-based index of the item being evaluated by a batch call.
    package var item: Int?

    package init(kind: Kind, message: String, file: String? = nil, line: Int? = nil, traceback: [String] = [], item: Int? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.traceback = traceback
        self.item = item
    }

    /// `file:line: kind: message`, or `kind: message` without a position.
    package var description: String {
        if let file, let line { return "\(file):\(line): \(kind.rawValue): \(message)" }
        if let file { return "\(file): \(kind.rawValue): \(message)" }
        return "\(kind.rawValue): \(message)"
    }
}
