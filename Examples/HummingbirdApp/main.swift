// HummingbirdExample: a Hummingbird 2 app with request metrics and /metrics on its own port.
//   PORT (default 8080).
//   curl localhost:8080/hello/world; curl localhost:8080/metrics
import Hummingbird
import MetricsHummingbird
import MetricsRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

try MetricsRuntime.bootstrapShared(.neutral)

let router = Router()
router.add(middleware: HTTPMetricsMiddleware())
router.get("/hello/:name") { _, context in
    "Hello, \(context.parameters.get("name") ?? "?")!"
}
router.addMetricsRoute()

let port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port))
)
try await app.runService()
