/// One JSON object written straight to text, keys sorted: what `JSONSerialization` with
/// `.sortedKeys` and `.withoutEscapingSlashes` writes for the same fields, byte for byte,
/// without building a dictionary of `Any` (the audit log writes two of these per change).
struct JSONObjectWriter {
    private var fields: [(key: String, json: String)] = []

    mutating func put(_ key: String, _ value: String?) {
        guard let value else { return }
        fields.append((key, Self.quoted(value)))
    }

    mutating func put(_ key: String, _ value: [String]?) {
        guard let value else { return }
        fields.append((key, "[" + value.map(Self.quoted).joined(separator: ",") + "]"))
    }

    mutating func put(_ key: String, _ value: Int?) {
        guard let value else { return }
        fields.append((key, String(value)))
    }

    mutating func put(_ key: String, _ value: Bool?) {
        guard let value else { return }
        fields.append((key, value ? "true" : "false"))
    }

    mutating func put(_ key: String, objects: [JSONObjectWriter]) {
        fields.append((key, "[" + objects.map { $0.text }.joined(separator: ",") + "]"))
    }

    /// `{"a":…,"b":…}` with the keys in code-unit order (keys are ASCII field names).
    var text: String {
        var out = "{"
        for (i, f) in fields.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
            if i > 0 { out += "," }
            out += Self.quoted(f.key)
            out += ":"
            out += f.json
        }
        return out + "}"
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`
    /// escapes, everything else (slashes, Chinese) as it is.
    static func quoted(_ s: String) -> String {
        var needsEscape = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
            needsEscape = true
            break
        }
        guard needsEscape else { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
