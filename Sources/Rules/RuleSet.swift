import Crypto
import Foundation
package import Assessment
package import Domain

/// The rules an office runs: its own folder plus its ancestors', root first, identified by
/// a content hash of all their rule files and manifests (the rule version).
package struct RuleSet: Sendable, Equatable {
    /// Root office first, this office last.
    package let chain: [OfficeSource]
    /// SHA-256 (hex) of the chain's manifests and rule files.
    package let version: String

    package var office: OfficeID { chain.last!.id }
    package var source: OfficeSource { chain.last! }
    package var shortVersion: String { String(version.prefix(12)) }
    /// The nearest office of the chain that says when periods close.
    package var closeAfterWorkdays: Int? { chain.reversed().lazy.compactMap(\.manifest.closeAfterWorkdays).first }
    /// The nearest office of the chain that names its tie-breaks, else the default.
    package var tieBreaks: [Ranking.TieBreak] { chain.reversed().lazy.compactMap(\.manifest.tieBreaks).first ?? Ranking.defaultTieBreaks }
    /// The nearest office of the chain that sets `notice.praise_min_adopted`, else 1.
    package var noticePraiseMinAdopted: Int { chain.reversed().lazy.compactMap(\.manifest.noticePraiseMinAdopted).first ?? 1 }

    package init(chain: [OfficeSource]) {
        precondition(!chain.isEmpty, "a rule set has at least one office")
        self.chain = chain
        var hasher = SHA256()
        for office in chain {
            hasher.update(data: Array("office \(office.id)\n".utf8))
            hasher.update(data: Array("manifest \(office.manifestBytes.count)\n".utf8))
            hasher.update(data: office.manifestBytes)
            for file in office.files {
                hasher.update(data: Array("file \(file.name) \(file.bytes.count)\n".utf8))
                hasher.update(data: file.bytes)
            }
        }
        version = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Builds every office's chain; offices with a missing parent or a parent cycle are
    /// reported instead.
    package static func resolve(_ offices: [OfficeID: OfficeSource]) -> (sets: [OfficeID: RuleSet], problems: [RuleError]) {
        var sets: [OfficeID: RuleSet] = [:]
        var problems: [RuleError] = []
        for id in offices.keys.sorted() {
            var chain: [OfficeSource] = []
            var seen: Set<OfficeID> = []
            var current: OfficeID? = id
            var failure: String?
            while let c = current {
                guard seen.insert(c).inserted else {
                    failure = "上级办公室形成循环：\(seen.map(\.rawValue).sorted().joined(separator: " → "))"
                    break
                }
                guard let source = offices[c] else {
                    failure = "上级办公室 '\(c)' 不存在（rules/\(c)/office.yaml 缺失或有误）"
                    break
                }
                chain.insert(source, at: 0)
                current = source.manifest.parent
            }
            if let failure {
                problems.append(RuleError(kind: .load, office: id, file: offices[id]!.folder + "/office.yaml", message: failure))
            } else {
                sets[id] = RuleSet(chain: chain)
            }
        }
        return (sets, problems)
    }
}
