import Domain
import HTTPTypes
import Logging
import Tagged
import Foundation
package import Hummingbird
package import NIOCore

/// JSON as the API speaks it: sorted keys (stable output), invalid bodies answered with a
/// 400 naming the field that is wrong.
package enum TallyJSON {
    package struct Encoder: ResponseEncoder {
        package init() {}
        package func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(value)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    package struct Decoder: RequestDecoder {
        package init() {}
        package func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            do {
                return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
            } catch let error as DecodingError {
                throw Self.explain(error)
            } catch {
                throw APIError(.badRequest, "invalid_json", "请求体不是有效的 JSON")
            }
        }

        static func explain(_ error: DecodingError) -> APIError {
            func path(_ c: [any CodingKey]) -> String { c.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") }
            switch error {
            case .keyNotFound(let key, let ctx):
                return APIError(.badRequest, "missing_field", "缺少字段 \(path(ctx.codingPath + [key]))", field: path(ctx.codingPath + [key]))
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
                return APIError(.badRequest, "invalid_field", "字段 \(path(ctx.codingPath)) 的类型不对", field: path(ctx.codingPath))
            case .dataCorrupted(let ctx) where !ctx.codingPath.isEmpty:
                return APIError(.badRequest, "invalid_field", "字段 \(path(ctx.codingPath)) 的值无效：\(ctx.debugDescription)", field: path(ctx.codingPath))
            default:
                return APIError(.badRequest, "invalid_json", "请求体不是有效的 JSON")
            }
        }
    }
}
