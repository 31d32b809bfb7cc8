import Domain
import HTTPTypes
import Logging
import Tagged
import Crypto
import Foundation

/// Session tokens: 32 random bytes, URL-safe base64; the database keeps only their SHA-256.
package enum SessionTokens {
    package static let cookieName = "tally_session"

    package static func make() -> String {
        var g = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &g) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The header a cookie-signed-in caller sends with every API write (`X-CSRF-Token`).
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// The anti-forgery token of a session: derived from the session token's hash, so only a
    /// page that the session itself was shown can know it. Console forms carry it in a hidden
    /// `csrf` field, API writes authenticated by the cookie in `X-CSRF-Token`.
    package static func csrf(tokenHash: String) -> String {
        String(hash("csrf\u{0}" + tokenHash).prefix(32))
    }

    /// Lowercase hex of the token's SHA-256 (every signed-in request computes one).
    package static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
