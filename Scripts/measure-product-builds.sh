#!/usr/bin/env bash
# Clean debug build cost of each library product, as README's products table states it: for each
# product, a new consumer package (`.package(path:)` to this checkout, one executable target that
# imports the product) is built from an empty scratch path, as a user's first `swift build` would.
# Dependencies are resolved first and not timed (local clones here, network elsewhere).
#
# Why a consumer and not `swift build --product X` here: inside this package SwiftPM builds the tools
# of every build plugin of the graph first (the schema tool, swift-protobuf's protoc, …), whatever
# product is asked for, so every figure would include them. A consumer only builds what its product needs.
#
# Prints CPU time (user+sys of swift build and everything it ran, from /usr/bin/time), wall time, and
# the mean and maximum 1-minute load average during the build (sampled every 15 s): on a loaded machine only the CPU time is
# comparable between runs, and both are upper bounds (a busy machine costs CPU time too: cache misses,
# context switches).
# Usage: Scripts/measure-product-builds.sh [product…]   (default: every row of the README's table)
#   MEASURE_WORK  work dir (default $TMPDIR/metrics-schema-build-times)
#   MEASURE_KEEP  set to 1 to keep each consumer's .build (several GB in all) instead of removing it
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${MEASURE_WORK:-${TMPDIR:-/tmp}/metrics-schema-build-times}"
products=("$@")
if [ ${#products[@]} -eq 0 ]; then
    # One per row of the table; DynamoMetrics stands for its row (it needs the schema tool:
    # MetricsSchema, MetricsCodegen, Yams, swift-argument-parser).
    products=(MetricsRuntime DynamoMetrics MetricsServer MetricsHummingbird MetricsOTLP MetricsVapor)
fi
mkdir -p "$work"
# The package's identity is its folder's name: link the checkout under the package's own name.
ln -sfn "$root" "$work/swift-metrics-schema"

printf '%-20s %8s %8s %10s %10s\n' product cpu_s wall_s load_mean load_max
for product in "${products[@]}"; do
    consumer="$work/consumer-$product"
    rm -rf "$consumer"
    mkdir -p "$consumer/Sources/Consumer"
    cat >"$consumer/Package.swift" <<EOF
// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "$work/swift-metrics-schema")],
    targets: [
        .executableTarget(name: "Consumer", dependencies: [.product(name: "$product", package: "swift-metrics-schema")])
    ]
)
EOF
    printf 'import %s\n\nprint("built against %s")\n' "$product" "$product" >"$consumer/Sources/Consumer/main.swift"
    swift package --package-path "$consumer" resolve >"$work/$product.resolve.log" 2>&1 \
        || { tail -20 "$work/$product.resolve.log" >&2; exit 1; }
    (while :; do cut -d' ' -f1 /proc/loadavg; sleep 15; done) >"$work/$product.load" &
    sampler=$!
    status=0
    /usr/bin/time -f '%U %S %e' -o "$work/$product.time" swift build --package-path "$consumer" \
        >"$work/$product.log" 2>&1 || status=$?
    kill "$sampler"
    [ "$status" -eq 0 ] || { tail -20 "$work/$product.log" >&2; exit 1; }
    read -r cpu wall < <(awk '{ printf "%.0f %.0f\n", $1 + $2, $3 }' "$work/$product.time")
    read -r load_mean load_max < <(awk '{ s += $1; if ($1 > m) m = $1; n++ } END { printf "%.1f %.1f\n", s / n, m }' "$work/$product.load")
    printf '%-20s %8s %8s %10s %10s\n' "$product" "$cpu" "$wall" "$load_mean" "$load_max"
    [ "${MEASURE_KEEP:-0}" = 1 ] || rm -rf "$consumer/.build"
done
