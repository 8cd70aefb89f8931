#!/usr/bin/env bash
# The runtime's test suite under ThreadSanitizer and under AddressSanitizer with LeakSanitizer
# (issue 14, deliverable 4). It builds a package of its own (.build-sanitizers/package, gitignored)
# whose targets are the runtime, the exposition parser and the runtime's tests, linked to the
# sources in this checkout: `swift build --build-tests` of the whole package would build every
# optional integration (gRPC, BoringSSL, Hummingbird) under each sanitizer.
#
# Usage: .ci/sanitizers.sh [thread] [address]        (default: both)
# Env:   TSAN_FILTER  tests under ThreadSanitizer (default: MetricsRuntimeTests)
#        ASAN_FILTER  tests under AddressSanitizer (default: MetricsRuntimeTests)
#        SOAK_ITERATIONS  soak test size under the sanitizers (default 300 per writer)
#
# ThreadSanitizer cannot see Synchronization.Mutex on this toolchain (it reports races on a
# correct program: .ci/sanitizers/mutex-control.swift). Instead of suppressing those reports,
# which would hide real races in the same functions, the TSan build defines METRICS_TSAN and
# MetricsRuntime (and its tests) then lock with pthread mutexes, which TSan understands
# (Sources/MetricsRuntime/Support/TSanVisibleMutex.swift). The server's tests are not run under
# the sanitizers yet: MetricsServer would need the same mutex switch first.
# Suppressions, if ever needed, go to .ci/sanitizers/*.supp next to a reproduction.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(thread address)
export SOAK_ITERATIONS="${SOAK_ITERATIONS:-300}"
here="$root/.ci/sanitizers"

package="$root/.build-sanitizers/package"
mkdir -p "$package/Sources" "$package/Tests"
for target in Sources/MetricsRuntime Sources/MetricsExpositionParser Tests/MetricsRuntimeTests Tests/CMallocStatistics; do
    ln -sfn "$root/$target" "$package/$target"
done
cat > "$package/Package.swift" <<'MANIFEST'
// swift-tools-version:6.1
// Written by .ci/sanitizers.sh: the runtime and its tests only, for sanitizer builds.
import PackageDescription
let package = Package(
    name: "runtime-sanitized",
    platforms: [.macOS(.v15)],
    targets: [
        .target(name: "MetricsExpositionParser"),
        .target(name: "MetricsRuntime", dependencies: ["MetricsExpositionParser"]),
        .target(name: "CMallocStatistics", path: "Tests/CMallocStatistics"),
        .testTarget(
            name: "MetricsRuntimeTests",
            dependencies: ["MetricsRuntime", "MetricsExpositionParser", "CMallocStatistics"]
        ),
    ]
)
MANIFEST
cd "$package"

for sanitizer in "${sanitizers[@]}"; do
    started=$(date +%s)
    case "$sanitizer" in
        thread)
            scratch=.build-tsan
            filter="${TSAN_FILTER:-^MetricsRuntimeTests\.}"
            flags=(-Xswiftc -DMETRICS_TSAN)
            export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$here/tsan.supp"
            ;;
        address)
            scratch=.build-asan
            filter="${ASAN_FILTER:-^MetricsRuntimeTests\.}"
            flags=()
            export ASAN_OPTIONS="detect_leaks=1 halt_on_error=1 detect_stack_use_after_return=0"
            export LSAN_OPTIONS="suppressions=$here/lsan.supp print_suppressions=0"
            ;;
        *) echo "unknown sanitizer '$sanitizer' (thread, address)" >&2; exit 2 ;;
    esac
    printf '\n---- %s sanitizer (%s)\n' "$sanitizer" "$scratch"
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" "${flags[@]}"
    swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" "${flags[@]}" --filter "$filter"
    echo "$sanitizer sanitizer: $(( $(date +%s) - started )) s (build and tests)"
done
