import Foundation
import Testing
@testable import Interchange

/// The interchange line reader against Foundation's JSONSerialization: the same values for
/// thousands of generated documents, and refusals for malformed ones.
@Suite struct JSONLineTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func pick(_ n: Int) -> Int { Int(next() % UInt64(n)) }

        mutating func string() -> String {
            let pieces = ["a", "政务", "\\\"", "\\\\", "\\n", "\\t", "\\u00e9", "\\ud83d\\ude00", "/", "\\/", " ", "Z", "１２"]
            return (0..<pick(6)).map { _ in pieces[pick(pieces.count)] }.joined()
        }

        mutating func value(_ depth: Int) -> String {
            switch depth > 3 ? pick(4) : pick(7) {
            case 0: return "\"" + string() + "\""
            case 1: return ["0", "-1", "42", "3.25", "-0.5e3", "1E2", "123456789012"][pick(7)]
            case 2: return ["true", "false", "null"][pick(3)]
            case 3: return "\"" + string() + "\""
            case 4: return "[" + (0..<pick(4)).map { _ in value(depth + 1) }.joined(separator: ", ") + "]"
            default:
                var keys = Set<String>()
                let fields = (0..<pick(5)).compactMap { _ -> String? in
                    let k = "k\(pick(9))"
                    guard keys.insert(k).inserted else { return nil }
                    return "\"\(k)\" : " + value(depth + 1)
                }
                return "{" + fields.joined(separator: ",") + "}"
            }
        }
    }

    static func foundation(_ any: Any) -> JSONLine {
        switch any {
        case let s as String: return .string(s)
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            return .number(n.doubleValue, integer: false)
        case let a as [Any]: return .array(a.map(foundation))
        case let o as [String: Any]: return .object(o.keys.sorted().map { ($0, foundation(o[$0]!)) })
        default: return .null
        }
    }

    /// Numbers compared by value (Foundation does not say whether they were integers), object
    /// fields compared by key.
    static func normalised(_ v: JSONLine) -> JSONLine {
        switch v {
        case .number(let d, _): .number(d, integer: false)
        case .array(let a): .array(a.map(normalised))
        case .object(let o): .object(o.sorted { $0.key < $1.key }.map { ($0.key, normalised($0.value)) })
        default: v
        }
    }

    @Test func agreesWithFoundationOnGeneratedDocuments() throws {
        var g = Generator(state: 20_260_601)
        for _ in 0..<5000 {
            let text = g.value(0)
            let bytes = Array(text.utf8)
            let ours = try bytes.withUnsafeBufferPointer { try JSONLine.parse($0) }
            let theirs = Self.foundation(try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
            #expect(Self.normalised(ours) == theirs, "\(text)")
        }
    }

    @Test(arguments: [
        "{", "{\"a\":}", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "\"abc", "tru", "01", "1.", "-", "1e", "\"\\x\"", "\"\\ud800\"",
        "\"\\udc00\"", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "\"a\u{01}b\"", "nan", "[1 2]", "{1:2}",
    ])
    func refusesMalformedDocuments(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(throws: JSONLine.SyntaxError.self) { try bytes.withUnsafeBufferPointer { try JSONLine.parse($0) } }
    }

    @Test func refusesDeepNesting() {
        let bytes = Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8)
        #expect(throws: JSONLine.SyntaxError.self) { try bytes.withUnsafeBufferPointer { try JSONLine.parse($0) } }
    }
}
