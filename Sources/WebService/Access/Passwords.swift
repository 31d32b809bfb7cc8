import Domain
import Foundation
import HTTPTypes
import Logging
import Tagged
import HummingbirdBcrypt

/// Passwords are kept only as bcrypt hashes (salted, slow: cost 12 ≈ 0.25 s per check on
/// this class of machine). Tests may lower the cost; never below 4.
package struct Passwords: Sendable {
    package var cost: UInt8

    package init(cost: UInt8 = 12) { self.cost = max(4, min(cost, 31)) }

    package func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    package func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// Why a new password is not acceptable, or nil.
    package static func weakness(_ password: String) -> String? {
        if password.count < 8 { return "密码至少 8 个字符" }
        if password.utf8.count > 72 { return "密码不超过 72 字节" }
        return nil
    }
}
