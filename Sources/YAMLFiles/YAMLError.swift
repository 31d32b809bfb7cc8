/// A problem in a YAML file, reported as `FILE:LINE: field: reason`.
package struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    package var file: String
    package var line: Int
    /// Dotted path of the offending field (`holidays[2].off`), or empty for the whole file.
    package var field: String
    package var reason: String

    package init(file: String, line: Int, field: String, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    package var description: String {
        field.isEmpty ? "\(file):\(line): \(reason)" : "\(file):\(line): \(field): \(reason)"
    }
}
