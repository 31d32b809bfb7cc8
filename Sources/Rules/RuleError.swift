package import Domain
import LuaHost

/// A rule failure as shown to office admins:
/// `rules/county-a/score.lua:12: runtime: attempt to index a nil value (field 'unit') (office county-a, rules 3f2a9c1e20b4)`.
package struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: String, Sendable, Codable, Equatable {
        /// Reading or compiling a file failed.
        case load
        /// A rule set is incomplete, a result breaks the contract, or the office's own tests fail.
        case validation
        /// The script raised an error.
        case runtime
        /// The instruction budget ran out.
        case cpu
        /// The wall-clock deadline passed.
        case wall
        /// The memory ceiling was reached.
        case memory
    }

    package var kind: Kind
    package var office: OfficeID?
    /// `rules/<office>/<file>.lua`, or the office folder when no file applies.
    package var file: String?
    package var line: Int?
    /// Content hash of the rule set (12 hex digits shown).
    package var version: String?
    package var message: String
    package var traceback: [String]
    /// The item being scored when a batch call failed.
    package var item: String?
    /// The call failed because `cal` met this year without calendar data (its result lies
    /// in that year or later).
    package var uncoveredYear: Int?

    package init(
        kind: Kind, office: OfficeID?, file: String? = nil, line: Int? = nil, version: String? = nil,
        message: String, traceback: [String] = [], item: String? = nil
    ) {
        self.kind = kind
        self.office = office
        self.file = file
        self.line = line
        self.version = version
        self.message = message
        self.traceback = traceback
        self.item = item
    }

    init(_ failure: LuaFailure, office: OfficeID, version: String?) {
        let kind: Kind = switch failure.kind {
        case .load: .load
        case .runtime: .runtime
        case .cpu: .cpu
        case .wall: .wall
        case .memory: .memory
        }
        self.init(kind: kind, office: office, file: failure.file, line: failure.line, version: version,
                  message: failure.message, traceback: failure.traceback)
    }

    /// `file:line: kind: message`, without the office/version context.
    package var located: String {
        var s = ""
        if let file { s += line.map { "\(file):\($0): " } ?? "\(file): " }
        return s + "\(kind.rawValue): \(message)"
    }

    package var description: String {
        var s = located
        var context: [String] = []
        if let office { context.append("office \(office)") }
        if let version { context.append("rules \(version.prefix(12))") }
        if let item { context.append("item \(item)") }
        if !context.isEmpty { s += " (\(context.joined(separator: ", ")))" }
        return s
    }
}
