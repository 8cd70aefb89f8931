#!/usr/bin/env bash
# Regenerates the committed typed accessors the benchmarks use
# (Benchmarks/Benchmarks/MetricsBenchmarks/BenchMetrics.generated.swift) from
# Benchmarks/Schema/bench.metrics.yaml with this checkout's `metrics-schema generate`.
# The file is committed so the benchmark package needs no build plugin; rerun this after
# changing the schema or the generator. Env SCRATCH overrides the CLI's scratch path.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${SCRATCH:-$root/.build-bench-gen}"
schema="$root/Benchmarks/Schema/bench.metrics.yaml"
output="$root/Benchmarks/Benchmarks/MetricsBenchmarks/BenchMetrics.generated.swift"

swift run --package-path "$root" --scratch-path "$scratch" metrics-schema generate "$schema" --output "$output"
echo "wrote $output"
