#!/usr/bin/env bash
# CI smoke of the benchmark suite (Benchmarks/): builds it in release and runs every benchmark
# for one or two tiny iterations (METRICS_BENCH_SMOKE=1). It proves the suite still compiles
# and runs against the current runtime, code generator and swift-prometheus; it asserts no timing.
# Usage: .ci/benchmarks-smoke.sh   (env BENCH_SCRATCH overrides the scratch path)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/Benchmarks"
export METRICS_BENCH_SMOKE=1
swift package --scratch-path "${BENCH_SCRATCH:-.build-bench}" --disable-sandbox \
    benchmark --no-progress --format markdown
