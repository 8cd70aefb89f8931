// A user's program: records through the accessors generated from shop.metrics.yaml and
// prints the Prometheus exposition. Every value is fixed so the output can be compared
// byte for byte (.ci/consumer-check.sh).
import MetricsRuntime

// Static accessors: the process-wide default node, no hierarchy labels.
ShopMetrics.openCarts.set(3)
ShopMetrics.openCarts.inc()

// Bound to an endpoint: every series also gets dynamo_namespace/component/endpoint.
let endpoint = MetricsRuntime.shared.namespace("shop").component("checkout").endpoint("pay")
let checkout = ShopMetrics(endpoint)
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
