#!/usr/bin/env bash
# Proves the user's path end to end with Examples/Consumer, a separate package that
# depends on this one by path and applies MetricsSchemaPlugin to its own schema:
#   1. it builds and its program prints exactly Examples/Consumer/expected-output.txt, and
#      `swift package lint-metrics --strict` passes on it;
#   2. a copy whose schema has `type: countr` fails `swift build` with the compiler's
#      `<abs path>/shop.metrics.yaml:LINE:COL: error: …` line;
#   3. the copy with a metrics-schema.json that lists a missing file fails with the plugin's
#      error naming the JSON line and the resolved path.
# Usage: .ci/consumer-check.sh
#   CONSUMER_SCRATCH     scratch path of the consumer build (default Examples/Consumer/.build-consumer)
#   CONSUMER_BROKEN_DIR  where the broken copy and its scratch path live (default $TMPDIR/metrics-schema-consumer-broken)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
consumer="$root/Examples/Consumer"
scratch="${CONSUMER_SCRATCH:-$consumer/.build-consumer}"

echo "== consumer: build and run"
# The runtime's uptime gauge is the only value that changes from run to run: mask it.
actual="$(swift run --package-path "$consumer" --scratch-path "$scratch" ConsumerDemo |
    sed -E 's/^(metrics_runtime_uptime_seconds) .*/\1 <uptime>/')"
if ! diff -u "$consumer/expected-output.txt" <(printf '%s\n' "$actual"); then
    echo "FAIL: ConsumerDemo output differs from Examples/Consumer/expected-output.txt (diff above)" >&2
    exit 1
fi
echo "ok: ConsumerDemo printed the expected exposition"

echo "== consumer: swift package lint-metrics --strict (the command plugin, from a dependency)"
swift package --package-path "$consumer" --scratch-path "$scratch" lint-metrics --strict
echo "ok: lint-metrics found nothing"

echo "== consumer copy with a broken schema: build must fail at the YAML line"
# A fixed folder (not mktemp) with its own scratch path, so that re-runs build incrementally;
# a scratch path must never be shared between two root packages (SwiftPM would reuse the
# other package's build plan).
work="${CONSUMER_BROKEN_DIR:-${TMPDIR:-/tmp}/metrics-schema-consumer-broken}"
broken="$work/Consumer"
rm -rf "$broken"
mkdir -p "$broken"
cp -R "$consumer/Package.swift" "$consumer/Sources" "$broken/"
# Depend on this checkout by absolute path, as the copy no longer sits two levels below it.
sed -i.bak "s|path: \"../..\"|path: \"$root\"|" "$broken/Package.swift"
schema="$broken/Sources/ConsumerDemo/shop.metrics.yaml"
line="$(grep -n '^    type: counter$' "$schema" | head -1 | cut -d: -f1)"
sed -i.bak "${line}s/type: counter/type: countr/" "$schema"
rm -f "$broken/Package.swift.bak" "$schema.bak"

log="$work/build.log"
# expect_build_failure <why it must fail> <exact line the build log must contain>
expect_build_failure() {
    if swift build --package-path "$broken" --scratch-path "$work/.build" --product ConsumerDemo >"$log" 2>&1; then
        cat "$log" >&2
        echo "FAIL: swift build succeeded although $1" >&2
        exit 1
    fi
    if ! grep -Fqx -- "$2" "$log"; then
        cat "$log" >&2
        echo "FAIL: the build log above lacks the line:" >&2
        echo "  $2" >&2
        exit 1
    fi
    echo "ok: swift build failed with: $2"
}
expect_build_failure "$schema has 'type: countr'" \
    "$schema:$line:11: error: unknown metric type 'countr'; did you mean 'counter'?"

echo "== consumer copy whose metrics-schema.json lists a missing schema: actionable error"
cp "$consumer/Sources/ConsumerDemo/shop.metrics.yaml" "$schema"
config="$broken/Sources/ConsumerDemo/metrics-schema.json"
printf '{\n  "schemas": [\n    "../../schemas/missing.metrics.yaml"\n  ]\n}\n' >"$config"
expect_build_failure "$config lists a missing schema" \
    "error: $config:3: schema '../../schemas/missing.metrics.yaml' listed in metrics-schema.json does not exist (looked for $broken/schemas/missing.metrics.yaml); paths are relative to the directory that contains metrics-schema.json"
