#!/usr/bin/env bash
# `metrics-schema check-live` against the demo's real /metrics (issue 12): serves the demo on a
# loopback port, fetches /metrics by URL, and requires every declared family to be seen and to match
# its schema (exit 0, full coverage). Stops the demo whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product metrics-demo >/dev/null
swift build --product metrics-schema >/dev/null
bin="$(swift build --show-bin-path)"
port="${LIVE_CHECK_PORT:-18931}"

DYN_SYSTEM_HOST=127.0.0.1 DYN_SYSTEM_PORT="$port" "$bin/metrics-demo" >/dev/null 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/metrics" >/dev/null 2>&1 && break
    sleep 0.2
done

output="$("$bin/metrics-schema" check-live "http://127.0.0.1:$port/metrics" Sources/MetricsDemo/demo.metrics.yaml 2>&1)"
printf '%s\n' "$output"
grep -Fqx 'coverage: 4 of 4 declared families seen (100%)' <<<"$output" \
    || { echo "FAIL: check-live did not see every family the demo's schema declares" >&2; exit 1; }
echo "ok: the demo's live /metrics conforms to its schema"
