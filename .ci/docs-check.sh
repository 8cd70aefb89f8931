#!/usr/bin/env bash
# DocC: `swift package generate-documentation` (swift-docc-plugin) for every library target must
# succeed with no warning: each target's landing page (Sources/<T>/<T>.docc/<T>.md) and every
# ``symbol`` link in the public documentation comments must resolve.
# Usage: .ci/docs-check.sh [target…]     (default: every library product's target)
#   DOCS_SCRATCH  scratch path (default: .build, so CI reuses the tests' build)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(MetricsRuntime MetricsExpositionParser MetricsSchema MetricsCodegen MetricsServer SwiftMetricsBackend
        DynamoMetrics MetricsOTLP MetricsHTTP MetricsHummingbird MetricsVapor)
fi
for target in "${targets[@]}"; do
    [ -f "Sources/$target/$target.docc/$target.md" ] || { echo "FAIL: Sources/$target/$target.docc/$target.md (landing page) is missing" >&2; exit 1; }
done
# The guides are docs/ pages symlinked into the catalogs and linked with <doc:page>: a landing page's
# link relative to the repository (../../../docs/x.md) resolves on GitHub but not in the generated site.
landing=()
for target in "${targets[@]}"; do landing+=("Sources/$target/$target.docc/$target.md"); done
if grep -nE '\]\((\.\./|docs/)' "${landing[@]}" >&2; then
    echo "FAIL: a landing page links a repository path (above): symlink the page into the catalog and link <doc:page>" >&2
    exit 1
fi
for link in Sources/*/*.docc/*.md; do
    [ -e "$link" ] || { echo "FAIL: $link is a broken symbolic link" >&2; exit 1; }
done
# README's products table states each product's measured build cost; the script behind it parses
# (running it is one clean build per product: not for CI).
if grep -n 'not yet measured' README.md >&2; then
    echo "FAIL: README's products table has a row without its measured build time (Scripts/measure-product-builds.sh)" >&2
    exit 1
fi
bash -n Scripts/measure-product-builds.sh
args=()
for target in "${targets[@]}"; do args+=(--target "$target"); done
log="$(mktemp)"
generate() { swift package --scratch-path "${DOCS_SCRATCH:-.build}" generate-documentation "${args[@]}" >"$log" 2>&1; }
status=0
generate || status=$?
# swift-package 6.3.1 itself has been seen to segfault (status 139) while serializing the plugin's
# package context, with no change to the sources: retry that crash once, never a DocC failure.
if [ "$status" -eq 139 ]; then
    echo "swift package crashed (status 139) before DocC ran; retrying once" >&2
    status=0
    generate || status=$?
fi
if [ "$status" -ne 0 ]; then
    cat "$log" >&2
    echo "FAIL: swift package generate-documentation failed (status $status)" >&2
    exit 1
fi
# DocC's own findings only (not the build's: warnings of dependencies are not ours).
if grep -E "^(warning|error): " "$log" | grep -v -E "^warning: '[^']+': found [0-9]+ file\(s\) which are unhandled" >&2; then
    echo "FAIL: the documentation has the warnings above" >&2
    exit 1
fi
grep -E "documentation archive" "$log" || true
echo "ok: documentation of ${#targets[@]} targets built without warnings"
