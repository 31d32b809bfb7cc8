import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebService

/// The OpenAPI document served at `/api/v1/openapi.yaml` documents exactly the API routes the
/// router registers (under `/api/`, and `/health`, `/ready`, `/metrics`; not the console's
/// pages): a route added (or removed) without its documentation fails here.
@Suite struct OpenAPITests {
    /// `(method, path)` as one comparable string: `GET /api/v1/items/{id}`.
    struct Operation: Hashable, Comparable, CustomStringConvertible {
        var method: String
        var path: String
        var description: String { "\(method) \(path)" }
        static func < (a: Operation, b: Operation) -> Bool { (a.path, a.method) < (b.path, b.method) }
    }

    /// A path as both sides spell it: one leading slash, no trailing slash, and captures as
    /// `{name}` (Hummingbird also accepts `:name`).
    static func normalise(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { part -> String in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// What the document covers: everything under `/api/`, and `/health`, `/ready`, `/metrics`.
    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/api/") || ["/health", "/ready", "/metrics"].contains(path)
    }

    /// The `(method, path)` pairs of the document's `paths:` section, read line by line (the
    /// document keeps paths at two spaces of indentation and methods at four).
    static func documented(_ yaml: String) -> [Operation] {
        let methods: Set<String> = ["get", "put", "post", "patch", "delete", "head", "options"]
        var inPaths = false
        var path: String?
        var out: [Operation] = []
        for raw in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            if !line.hasPrefix(" ") {
                inPaths = line.hasPrefix("paths:")
                path = nil
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                path = normalise(String(line.dropFirst(2).dropLast()))
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast().lowercased()
                if methods.contains(key) { out.append(Operation(method: key.uppercased(), path: path)) }
            }
        }
        return out
    }

    @Test func servedDocumentMatchesTheRouter() async throws {
        try await TestService.with { service, client in
            let response = try await client.execute(uri: "/api/v1/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            let yaml = String(buffer: response.body)
            #expect(yaml.hasPrefix("openapi: 3.0.3"))

            let documentedList = Self.documented(yaml)
            var documented = Set(documentedList)
            #expect(documented.count == documentedList.count, "an operation is documented twice")
            #expect(documented.count > 40, "the line scan found too few operations: \(documented.sorted())")

            let router = WebApplication.router(service.deps)
            var registered: Set<Operation> = []
            for route in router.routes {
                let path = Self.normalise(route.path.description)
                // The console's HTML pages at `/` are not part of the API.
                guard Self.isAPI(path) else { continue }
                let method = route.method.rawValue.uppercased()
                // A recursive wildcard (`documents/**`: ids hold slashes) is documented as the
                // concrete paths it serves: at least one documented path below it, same method.
                if path.hasSuffix("/**") {
                    let prefix = String(path.dropLast(2))
                    let covered = documented.filter { $0.method == method && $0.path.hasPrefix(prefix) && $0.path.count > prefix.count }
                    #expect(!covered.isEmpty, "\(method) \(path) is registered but no path below it is documented")
                    documented.subtract(covered)
                    continue
                }
                registered.insert(Operation(method: method, path: path))
            }

            let undocumented = registered.subtracting(documented).sorted()
            let unregistered = documented.subtracting(registered).sorted()
            #expect(undocumented.isEmpty, "routes missing from Sources/WebService/Resources/openapi.yaml: \(undocumented)")
            #expect(unregistered.isEmpty, "documented but not registered: \(unregistered)")
        }
    }

    /// The line scan itself: it must see every method of every path, and nothing outside `paths:`.
    @Test func lineScanReadsPathsAndMethods() {
        let yaml = """
        openapi: 3.0.3
        paths:
          /api/v1/items/{id}:
            get:
              summary: x
            patch:
              parameters:
                - name: id
          /health:
            get:
              responses:
                "200":
                  description: ok
        components:
          schemas:
            get:
              type: string
        """
        #expect(Set(Self.documented(yaml)) == [
            Operation(method: "GET", path: "/api/v1/items/{id}"), Operation(method: "PATCH", path: "/api/v1/items/{id}"),
            Operation(method: "GET", path: "/health"),
        ])
        #expect(Self.normalise("api/v1/items/:id/") == "/api/v1/items/{id}")
        #expect(Self.isAPI("/api/v1/items") && Self.isAPI("/metrics") && !Self.isAPI("/items") && !Self.isAPI("/"))
    }
}

/// What `scripts/fuzz-api` found: a NUL character (which PostgreSQL cannot store) in a query
/// parameter or a JSON body answered 500 (or 409 `constraint`) on PostgreSQL; it is refused
/// with 422 naming the field on both stores.
@Suite struct NULInputTests {
    @Test(arguments: Backend.available) func nulInQueryOrBodyIsRefused(_ backend: Backend) async throws {
        try await TestService.with(backend) { _, client in
            let clerk = try await client.login("clerk-1")
            let admin = try await client.login("admin-city")
            for (uri, token, field) in [("/api/v1/items?q=a%00b", clerk, "q"), ("/api/v1/audit?entity=%00", admin, "entity"),
                                        ("/api/v1/audit?entity_id=%00", admin, "entity_id"), ("/api/v1/documents?run=%00", admin, "run")] {
                let reply = try await client.call(.get, uri, token: token)
                #expect(reply.status == .unprocessableContent, "\(uri): \(reply.text)")
                #expect(reply.errorField == field, "\(uri): \(reply.text)")
            }
            let draft = try await client.call(.post, "/api/v1/items", token: clerk,
                                              raw: #"{"units":["dept-001"],"category":"progress","title":"a\u0000b"}"#)
            #expect(draft.status == .unprocessableContent, "\(draft.text)")
            #expect(draft.errorField == "title", "\(draft.text)")
            let login = try await client.call(.post, "/api/v1/auth/login", raw: #"{"login":"clerk-1\u0000","password":"x"}"#)
            #expect(login.status == .unprocessableContent, "\(login.text)")
            // An escaped backslash before `u0000` is no NUL.
            let text = try await client.call(.post, "/api/v1/items", token: clerk,
                                             raw: #"{"units":["dept-001"],"category":"progress","title":"C:\\u0000"}"#)
            #expect(text.status == .created, "\(text.text)")
            #expect(text.object["title"] as? String == #"C:\u0000"#, "\(text.text)")
        }
    }
}
