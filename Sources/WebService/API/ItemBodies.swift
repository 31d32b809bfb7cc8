import Foundation
import HTTPTypes
import Logging
import Tagged
import Domain
package import Hummingbird
import WorkingDays

/// An item in a list.
struct ItemSummaryBody: Encodable, Sendable {
    var id: String
    var title: String
    var category: String
    var status: String
    var statusLabel: String
    var units: [String]
    var createdAt: Instant
    var submittedAt: Instant?
    var adoptions: Int

    init(_ s: ItemSummary) {
        id = s.id.rawValue
        title = s.title
        category = s.category.rawValue
        status = s.status.rawValue
        statusLabel = s.status.label
        units = s.units.map(\.rawValue)
        createdAt = s.createdAt
        submittedAt = s.submittedAt
        adoptions = s.adoptions
    }

    enum CodingKeys: String, CodingKey {
        case id, title, category, status, units, adoptions
        case statusLabel = "status_label"
        case createdAt = "created_at"
        case submittedAt = "submitted_at"
    }
}

/// An item with its history, adoptions and forwardings, and the `version` a change sends back.
struct ItemBody: ResponseEncodable, Sendable {
    struct Step: Encodable, Sendable {
        var from: String?
        var to: String
        var by: String?
        var at: Instant
        var note: String?
    }

    struct AdoptionBody: Encodable, Sendable {
        var id: String
        var level: String
        var publication: String
        var type: String
        var issue: String?
        var date: String
    }

    struct ForwardingBody: Encodable, Sendable {
        var id: String
        var to: String
        var date: String
    }

    var id: String
    var title: String
    var body: String
    var category: String
    var categoryLabel: String
    var status: String
    var statusLabel: String
    var units: [String]
    var authors: [String]
    var createdAt: Instant
    var submittedAt: Instant?
    var commission: String?
    var mergedFrom: [String]
    var history: [Step]
    var adoptions: [AdoptionBody]
    var forwardings: [ForwardingBody]
    var version: String

    init(_ d: ItemDetail) {
        let i = d.item
        id = i.id.rawValue
        title = i.title
        body = i.body
        category = i.category.rawValue
        categoryLabel = i.category.label
        status = i.status.rawValue
        statusLabel = i.status.label
        units = i.units.map(\.rawValue)
        authors = i.authors.map(\.rawValue)
        createdAt = i.createdAt
        submittedAt = i.submittedAt
        commission = i.commission
        mergedFrom = i.mergedFrom.map(\.rawValue)
        history = i.history.map { Step(from: $0.from?.rawValue, to: $0.to.rawValue, by: $0.by?.rawValue, at: $0.at, note: $0.note) }
        adoptions = d.adoptions.map {
            AdoptionBody(id: $0.id, level: $0.level.rawValue, publication: $0.publication, type: $0.kind.rawValue, issue: $0.issue, date: $0.date.iso)
        }
        forwardings = d.forwardings.map { ForwardingBody(id: $0.id, to: $0.to.rawValue, date: $0.date.iso) }
        version = String(d.version)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, body, category, status, units, authors, commission, history, adoptions, forwardings, version
        case categoryLabel = "category_label"
        case statusLabel = "status_label"
        case createdAt = "created_at"
        case submittedAt = "submitted_at"
        case mergedFrom = "merged_from"
    }
}

/// A new draft: `{"units":[…],"category","title","body","authors"?,"commission"?,"id"?}`.
struct NewItem: Decodable {
    var id: String?
    var units: [String]
    var authors: [String]?
    var category: String
    var title: String
    var body: String?
    var commission: String?
    /// `true`: submitted at once (two transitions, draft → submitted, in one write).
    var submit: Bool?
}

/// An edit of an item's text: only the fields given change.
struct ItemEdit: Decodable {
    var title: String?
    var body: String?
    var category: String?
    var version: String?
}

/// A workflow step: `{"note"?, "version"?}`.
struct StepRequest: Decodable {
    var note: String?
    var version: String?
}

/// `{"level","publication","type","issue"?,"date"?,"version"?}`.
struct AdoptRequest: Decodable {
    var level: String
    var publication: String
    var type: String
    var issue: String?
    var date: String?
    var version: String?
}

/// `{"to":"province"|"state","date"?}`.
struct ForwardRequest: Decodable {
    var to: String
    var date: String?
}

/// `{"title","body"?,"category","sources":[…]}`: several submissions folded into one 综合 item.
struct MergeRequest: Decodable {
    var id: String?
    var title: String
    var body: String?
    var category: String
    var sources: [String]
}
