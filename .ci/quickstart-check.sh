#!/usr/bin/env bash
# Follows docs/quickstart.md verbatim: clones this repository as ../swift-metrics-schema (step 1),
# writes every block the page marks `<!-- file: PATH -->` into a new package MyService/ (steps 2-5),
# runs `swift run MyService` in it and compares the output with the block marked `<!-- output -->`
# (the uptime value masked). The page is the only source of the files, so it cannot drift.
# Usage: .ci/quickstart-check.sh   (QUICKSTART_DIR: where to work, default $TMPDIR/metrics-schema-quickstart)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
doc="$root/docs/quickstart.md"
work="${QUICKSTART_DIR:-${TMPDIR:-/tmp}/metrics-schema-quickstart}"
service="$work/MyService"

echo "== quick start step 1: clone as swift-metrics-schema next to MyService/"
mkdir -p "$work"
rm -rf "$work/swift-metrics-schema"
git clone --quiet "$root" "$work/swift-metrics-schema"

echo "== quick start steps 2-5: the files of docs/quickstart.md"
# Keep MyService/.build (incremental re-runs); replace everything the page defines.
rm -rf "$service/Package.swift" "$service/Sources" "$work/expected-output.txt"
mkdir -p "$service"
awk -v service="$service" -v expected="$work/expected-output.txt" '
    /^<!-- file: .* -->$/ { target = service "/" $3; next }
    /^<!-- output -->$/ { target = expected; next }
    /^```/ {
        if (inside) { inside = 0; close(target); target = ""; next }
        if (target != "") { inside = 1; system("mkdir -p \"$(dirname \"" target "\")\""); next }
    }
    inside { print > target }
' "$doc"
for file in Package.swift Sources/MyService/app.metrics.yaml Sources/MyService/main.swift; do
    [ -s "$service/$file" ] || { echo "FAIL: docs/quickstart.md has no '<!-- file: $file -->' block" >&2; exit 1; }
done
[ -s "$work/expected-output.txt" ] || { echo "FAIL: docs/quickstart.md has no '<!-- output -->' block" >&2; exit 1; }

echo "== quick start: cd MyService && swift run MyService"
actual="$(cd "$service" && env -u DYN_SYSTEM_PORT swift run MyService |
    sed -E 's/^(metrics_runtime_uptime_seconds) .*/\1 <uptime>/')"
if ! diff -u "$work/expected-output.txt" <(printf '%s\n' "$actual"); then
    echo "FAIL: MyService's output differs from the output block of docs/quickstart.md (diff above)" >&2
    exit 1
fi
echo "ok: the quick start works verbatim"
