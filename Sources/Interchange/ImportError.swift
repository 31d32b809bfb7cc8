/// A problem in an import file, reported as `FILE:LINE: field: reason`.
package struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    package var file: String
    package var line: Int
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

/// A field-level problem found while reading one record (the line is added by the caller).
package struct FieldError: Error, Sendable, Equatable {
    package var field: String
    package var reason: String

    package init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }
}
