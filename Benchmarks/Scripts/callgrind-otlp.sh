#!/usr/bin/env bash
# Instructions per series of one snapshot, or of one OTLP export's conversion and serialization
# (snapshot + ExportMetricsServiceRequest + protobuf bytes), with callgrind:
# (I(1 export) - I(0 exports)) / N. Builds the root package's `otlp-callgrind` (not part of the
# benchmark suite, so the suite never builds gRPC or AsyncHTTPClient).
# Usage: Benchmarks/Scripts/callgrind-otlp.sh <mode> [N]   (env SCRATCH: scratch path; NO_BUILD=1
# uses the last build). Modes: `snapshot`; `request`: snapshot + mapping without the bytes, so
# `otlp` - `request` is swift-protobuf's serialization; `otlp`; and `points`, `attributes`,
# `bare-points`: the request's parts serialized one by one (minus `request`: what encoding each
# series on its own would cost; Benchmarks/OTLPCallgrind/main.swift).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${SCRATCH:-$root/.build-release}"
case_name="$1"
n="${2:-100000}"
[[ -n "${NO_BUILD:-}" ]] || swift build -c release --package-path "$root" --scratch-path "$scratch" --product otlp-callgrind >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
strip --strip-debug -o "$work/driver" "$scratch/release/otlp-callgrind"
run() {  # run <exports>
    SWIFT_DETERMINISTIC_HASHING=1 CALLGRIND_SCRAPES="$1" valgrind --tool=callgrind --callgrind-out-file="$work/$1.out" \
        "$work/driver" "$case_name" "$n" >/dev/null 2>"$work/log"
    grep -o 'Collected : [0-9]*' "$work/log" | awk '{print $3}'
}
a="$(run 0)"; b="$(run 1)"
echo "$case_name: $(( (b - a) / n )) instructions per series (one export of $n series)"
python3 "$(dirname "$0")/otlp-cost-split.py" "$work/0.out" "$work/1.out" "$n"
