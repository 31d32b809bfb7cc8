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
            TallyJSON.response(try TallyJSON.bytes(value))
        }
    }

    /// `value` as the API writes JSON.
    package static func bytes(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ByteBuffer(bytes: try encoder.encode(value))
    }

    /// A 200 answer with JSON already encoded.
    package static func response(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    package struct Decoder: RequestDecoder {
        package init() {}
        package func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let data = Data(buffer.readableBytesView)
            if Self.holdsNUL(data) { throw Self.nulError(data) }
            do {
                return try JSONDecoder().decode(T.self, from: data)
            } catch let error as DecodingError {
                throw Self.explain(error)
            } catch {
                throw APIError(.badRequest, "invalid_json", "请求体不是有效的 JSON")
            }
        }

        /// Whether a JSON text holds an escaped NUL (`\u0000`) — the only way a NUL can be in
        /// valid JSON. No stored text may hold one (PostgreSQL refuses it), so such a body is
        /// refused before it reaches a route. One pass; every escape is skipped whole, so `\\u0000`
        /// (a backslash, then `u0000`) is not taken for one.
        static func holdsNUL(_ data: Data) -> Bool {
            let bytes = [UInt8](data)
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\\") {
                    if i + 5 < bytes.count, bytes[i + 1] == UInt8(ascii: "u"), bytes[(i + 2)...(i + 5)].allSatisfy({ $0 == UInt8(ascii: "0") }) {
                        return true
                    }
                    i += 2
                } else {
                    i += 1
                }
            }
            return false
        }

        /// 422 naming the first field whose name or text holds a NUL (when the body parses).
        static func nulError(_ data: Data) -> APIError {
            func find(_ value: Any, _ path: [String]) -> [String]? {
                if let s = value as? String { return s.utf8.contains(0) ? path : nil }
                if let a = value as? [Any] {
                    for (i, v) in a.enumerated() { if let p = find(v, path + [String(i)]) { return p } }
                }
                if let o = value as? [String: Any] {
                    for (k, v) in o.sorted(by: { $0.key < $1.key }) {
                        if k.utf8.contains(0) { return path + [k] }
                        if let p = find(v, path + [k]) { return p }
                    }
                }
                return nil
            }
            let field = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])).flatMap { find($0, []) }?.joined(separator: ".")
            return APIError(.unprocessableContent, "invalid_field", "\(field.map { "字段 \($0) " } ?? "请求体")不能含有 NUL 字符（\\u0000）",
                            field: field)
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
