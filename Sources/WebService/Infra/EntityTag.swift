import Foundation

/// Strong entity tags (RFC 9110 §8.8.3) for answers cached by what produced them, and the
/// `If-None-Match` comparison (weak, as §13.1.2 asks for GET).
enum EntityTag {
    /// `"…"`: 16 hex digits of a 64-bit FNV-1a hash of `identity` (stable across instances
    /// and restarts, so two servers behind one address give the same tag for the same answer).
    static func make(_ identity: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identity.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an `If-None-Match` header value (`*`, or a list of tags, weak or strong)
    /// names `etag`.
    static func matches(_ etag: String, _ ifNoneMatch: String?) -> Bool {
        guard let ifNoneMatch else { return false }
        for candidate in ifNoneMatch.split(separator: ",") {
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag == etag { return true }
        }
        return false
    }
}
