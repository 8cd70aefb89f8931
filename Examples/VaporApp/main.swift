// VaporExample: a Vapor 4 app with request metrics and /metrics on its own port.
//   PORT (default 8080).   curl localhost:8080/hello/world; curl localhost:8080/metrics
import MetricsRuntime
import MetricsVapor
import Vapor

try MetricsRuntime.bootstrapShared(.neutral)

var environment = try Environment.detect(arguments: [CommandLine.arguments[0]])
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
app.http.server.configuration.hostname = "127.0.0.1"
app.http.server.configuration.port = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080
app.middleware.use(HTTPMetricsMiddleware(), at: .beginning)
app.get("hello", ":name") { request in
    "Hello, \(request.parameters.get("name") ?? "?")!"
}
app.metricsRoute()
do {
    try await app.execute()   // serves until SIGINT/SIGTERM
} catch {
    app.logger.report(error: error)
}
try await app.asyncShutdown()
