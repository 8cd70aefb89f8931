#!/usr/bin/env bash
# The runtime's and the status server's test suites under ThreadSanitizer and under AddressSanitizer
# with LeakSanitizer (issue 14, deliverable 4). It builds a package of its own
# (.build-sanitizers/package, gitignored) whose targets are the runtime, the exposition parser,
# MetricsServer and the two test suites, linked to the sources in this checkout, and whose only
# dependencies are the server's (SwiftNIO, swift-nio-extras, swift-log, swift-service-lifecycle),
# all built under the sanitizer: `swift build --build-tests` of the whole package would build every
# optional integration (gRPC, BoringSSL, Hummingbird) under each sanitizer.
#
# Usage: .ci/sanitizers.sh [thread] [address]        (default: both)
# Env:   TSAN_FILTER  tests under ThreadSanitizer (default: MetricsRuntimeTests and MetricsServerTests)
#        ASAN_FILTER  tests under AddressSanitizer (default: the same)
#        SOAK_ITERATIONS  soak test size under the sanitizers (default 300 per writer)
#        ATTACK_CONNECTIONS  attacker connections per attack test under the sanitizers (default below)
#        SANITIZER_SKIP  tests not run (default: the two suites that only test other, uninstrumented
#                        processes: the built metrics-demo and example apps against a real Prometheus;
#                        `swift test` runs them, and this package does not build those programs)
#
# A sanitizer report fails the run: halt_on_error=1 makes the test process exit non-zero at the
# first ThreadSanitizer or AddressSanitizer report, LeakSanitizer exits non-zero at exit when it
# finds a leak, and `swift test` (so this script, set -e) then fails.
#
# ThreadSanitizer cannot see Synchronization.Mutex on this toolchain (it reports races on a
# correct program: .ci/sanitizers/mutex-control.swift). Instead of suppressing those reports,
# which would hide real races in the same functions, the TSan build defines METRICS_TSAN and
# MetricsRuntime (and its tests) then lock with pthread mutexes, which TSan understands
# (Sources/MetricsRuntime/Support/TSanVisibleMutex.swift). MetricsServer and its tests lock with
# SwiftNIO's NIOLockedValueBox (pthread-based) everywhere, so they need no switch.
# Suppressions, if ever needed, go to .ci/sanitizers/*.supp next to a reproduction.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

sanitizers=("$@")
[ ${#sanitizers[@]} -gt 0 ] || sanitizers=(thread address)
export SOAK_ITERATIONS="${SOAK_ITERATIONS:-300}"
# 300 attackers (above the 256-connection cap, so eviction is exercised) instead of 1,000: under TSan
# every connection costs ~10x the CPU; `swift test` runs the full 1,000.
export ATTACK_CONNECTIONS="${ATTACK_CONNECTIONS:-300}"
skip="${SANITIZER_SKIP:-^MetricsServerTests\.(PrometheusEndToEndTests|FrameworkExampleScrapeTests)}"
here="$root/.ci/sanitizers"

package="$root/.build-sanitizers/package"
mkdir -p "$package/Sources" "$package/Tests"
for target in Sources/MetricsRuntime Sources/MetricsExpositionParser Sources/MetricsServer \
    Tests/MetricsRuntimeTests Tests/CMallocStatistics Tests/MetricsServerTests Tests/Corpus; do
    ln -sfn "$root/$target" "$package/$target"
done
cat > "$package/Package.swift" <<'MANIFEST'
// swift-tools-version:6.1
// Written by .ci/sanitizers.sh: the runtime, the server and their tests only, for sanitizer builds.
// Dependencies and products as in the repository's Package.swift (keep them in step).
import PackageDescription
let nio = ["NIOConcurrencyHelpers", "NIOCore", "NIOPosix", "NIOHTTP1", "NIOEmbedded"].map {
    Target.Dependency.product(name: $0, package: "swift-nio")
}
let server: [Target.Dependency] = nio + [
    .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
    .product(name: "Logging", package: "swift-log"),
    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
]
let package = Package(
    name: "runtime-sanitized",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(name: "MetricsExpositionParser"),
        .target(name: "MetricsRuntime", dependencies: ["MetricsExpositionParser"]),
        .target(name: "MetricsServer", dependencies: ["MetricsRuntime"] + server),
        .target(name: "CMallocStatistics", path: "Tests/CMallocStatistics"),
        .testTarget(
            name: "MetricsRuntimeTests",
            dependencies: ["MetricsRuntime", "MetricsExpositionParser", "CMallocStatistics"]
        ),
        .testTarget(name: "MetricsServerTests", dependencies: ["MetricsServer", "MetricsRuntime"] + server),
    ]
)
MANIFEST
cd "$package"

for sanitizer in "${sanitizers[@]}"; do
    started=$(date +%s)
    case "$sanitizer" in
        thread)
            scratch=.build-tsan
            filter="${TSAN_FILTER:-^(MetricsRuntimeTests|MetricsServerTests)\.}"
            flags=(-Xswiftc -DMETRICS_TSAN)
            export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$here/tsan.supp"
            ;;
        address)
            scratch=.build-asan
            filter="${ASAN_FILTER:-^(MetricsRuntimeTests|MetricsServerTests)\.}"
            flags=()
            # A 32 MB quarantine instead of 256 MB: AttackTests checks that RSS returns within 128 MiB of its
            # baseline, and freed memory held in the quarantine counts as resident.
            export ASAN_OPTIONS="detect_leaks=1 halt_on_error=1 detect_stack_use_after_return=0 quarantine_size_mb=32"
            export LSAN_OPTIONS="suppressions=$here/lsan.supp print_suppressions=0"
            ;;
        *) echo "unknown sanitizer '$sanitizer' (thread, address)" >&2; exit 2 ;;
    esac
    printf '\n---- %s sanitizer (%s)\n' "$sanitizer" "$scratch"
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch" "${flags[@]}"
    swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" "${flags[@]}" --filter "$filter" --skip "$skip"
    echo "$sanitizer sanitizer: $(( $(date +%s) - started )) s (build and tests)"
done
