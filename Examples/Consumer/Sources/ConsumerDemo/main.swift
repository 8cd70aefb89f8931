// A user's program: records through the accessors generated from shop.metrics.yaml and
// prints the Prometheus exposition. Every value is fixed so the output can be compared
// byte for byte (.ci/consumer-check.sh).
import MetricsRuntime

// Neutral names (no dynamo_ prefix or labels), matching "profile": "neutral" in metrics-schema.json.
// Must run before anything uses MetricsRuntime.shared.
try MetricsRuntime.bootstrapShared(.neutral)

// One way for this schema: an instance bound to an endpoint, created once and kept, so every
// series gets the hierarchy labels namespace/component/endpoint. (The static accessors,
// ShopMetrics.openCarts, would be the other way; using both for one schema gives two sets of
// series, and the runtime warns about it.)
let endpoint = MetricsRuntime.shared.namespace("shop").component("checkout").endpoint("pay")
let checkout = ShopMetrics(endpoint)
checkout.openCarts.set(3)
checkout.openCarts.inc()
checkout.ordersTotal(paymentMethod: .card).inc()
checkout.ordersTotal(paymentMethod: .card).inc()
checkout.ordersTotal(paymentMethod: .voucher).inc(by: 5)
checkout.checkoutDurationSeconds.observe(0.75)
checkout.checkoutDurationSeconds.observe(3)
checkout.cartValueEuros(country: "de").observe(42.5)

do {
    print(try MetricsRuntime.shared.metrics.exposition(), terminator: "")
    print("# names: \(ShopMetrics.Names.ordersTotal.fullName) \(ShopMetrics.Names.checkoutDurationSeconds.bucket)")
} catch {
    print("exposition failed: \(error)")
}
