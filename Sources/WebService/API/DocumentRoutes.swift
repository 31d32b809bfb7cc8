import Foundation
import HTTPTypes
import Logging
import Tagged
import Domain
package import Hummingbird
import WorkingDays

/// Generated documents (notices, year-end results, meeting packs): list and download.
package struct DocumentRoutes: Sendable {
    let deps: WebDependencies

    struct DocumentBody: Encodable, Sendable {
        var id: String
        var run: String
        var kind: String
        var format: String
        var office: String
        var period: String
        var title: String
        var sha256: String
        var createdAt: Instant
        var createdBy: String
        var download: String

        init(_ d: StoredDocument) {
            id = d.id
            run = d.run
            kind = d.kind
            format = d.format
            office = d.office.rawValue
            period = d.period
            title = d.title
            sha256 = d.sha256
            createdAt = d.createdAt
            createdBy = d.createdBy
            download = "/api/v1/documents/\(d.id)/content"
        }

        enum CodingKeys: String, CodingKey {
            case id, run, kind, format, office, period, title, sha256, download
            case createdAt = "created_at"
            case createdBy = "created_by"
        }
    }

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("documents") { request, context -> ListBody<DocumentBody> in
            let user = try context.requireUser()
            let documents = try await DocumentReading(deps: deps).documents(run: try request.text("run"), limit: try request.pageLimit(default: 100), for: user)
            return ListBody(documents.map(DocumentBody.init))
        }
        // Document ids hold slashes (`<run>/<kind>.<format>`): the id is everything between
        // `documents/` and `/content`.
        group.get("documents/**") { request, context -> Response in
            let user = try context.requireUser()
            var path = try context.parameters.decodedCatchAll()
            let download = path.hasSuffix("/content")
            if download { path = String(path.dropLast("/content".count)) }
            let document = try await DocumentReading(deps: deps).document(id: path, for: user)
            guard download else { return try DocumentBody(document).response(from: request, context: context) }
            return DocumentReading.download(document)
        }
    }
}

extension DocumentRoutes.DocumentBody: ResponseEncodable {}
