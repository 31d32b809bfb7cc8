/// An office: a unit that runs its own rules and notices. Its id names its rules folder
/// (`rules/<office-id>/`), so it is restricted to lower-case letters, digits and dashes,
/// at most 32 characters, starting with a letter or digit.
package struct OfficeID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    package let rawValue: String

    /// The root office of a deployment.
    package static let city = OfficeID(validated: "city")

    package init?(_ rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(validated: String) { rawValue = validated }

    package static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard (1...32).contains(u.count), u[0] != 45 else { return false }
        return u.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    package init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard Self.isValid(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid office id '\(s)'"))
        }
        rawValue = s
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    package var description: String { rawValue }
    package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
