import Foundation
import HTTPTypes
import Tagged
import NIOCore
package import Domain
package import Hummingbird
package import Logging

/// The request context of every route: who is signed in (set by `SessionMiddleware`).
package struct TallyRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The signed-in person and what they may reach; nil for anonymous requests.
    package var user: SignedIn?

    /// The peer's IP address (for limiting sign-in attempts).
    package var remoteAddress: String?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The signed-in person, or 401.
    package func requireUser() throws -> SignedIn {
        guard let user else { throw APIError.unauthenticated }
        return user
    }

    package var requestDecoder: TallyJSON.Decoder { TallyJSON.Decoder() }
    package var responseEncoder: TallyJSON.Encoder { TallyJSON.Encoder() }
}

/// A signed-in person: their account, record and scope, and the session token's hash.
package struct SignedIn: Sendable {
    package var account: Account
    package var person: Person
    package var scope: AccessScope
    package var tokenHash: String
    /// True when the session came from the console's cookie rather than a bearer token.
    package var viaCookie: Bool = false

    /// The session's anti-forgery token (see `SessionTokens.csrf`).
    package var csrfToken: String { SessionTokens.csrf(tokenHash: tokenHash) }

    /// Whether a write authenticated by this session carries the right anti-forgery token:
    /// always for bearer tokens, which a browser never sends by itself.
    package func allowsWrite(csrf: String?) -> Bool {
        !viaCookie || csrf.map { constantTimeEqual($0, csrfToken) } == true
    }
}

/// Compares two strings in time that depends only on their lengths.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
}
