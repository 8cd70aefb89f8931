#!/usr/bin/env bash
# Clean debug build cost of each library product, as README's products table states it.
# A fresh scratch path builds MetricsRuntime, then MetricsServer on top; a copy of that scratch path
# builds each product that depends on the server (so each figure is "clean" for that product:
# runtime + server + its own dependencies), and the rows add up the steps.
# Prints CPU time (user+sys, from /usr/bin/time) and wall time; on a loaded machine only the CPU
# time is comparable between runs.
# Usage: Scripts/measure-product-builds.sh [work dir]   (default $TMPDIR/metrics-schema-build-times)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-${TMPDIR:-/tmp}/metrics-schema-build-times}"
rm -rf "$work"
mkdir -p "$work"

# measure <scratch> <product>: prints "cpu wall" in seconds
measure() {
    /usr/bin/time -f '%U %S %e' -o "$work/time" swift build --package-path "$root" --scratch-path "$1" --product "$2" \
        >"$work/$2.log" 2>&1 || { tail -20 "$work/$2.log" >&2; exit 1; }
    awk '{ printf "%.0f %.0f\n", $1 + $2, $3 }' "$work/time"
}

read -r runtime_cpu runtime_wall < <(measure "$work/base" MetricsRuntime)
read -r server_cpu server_wall < <(measure "$work/base" MetricsServer)
printf '%-20s %8s %8s\n' product cpu_s wall_s
printf '%-20s %8s %8s\n' MetricsRuntime "$runtime_cpu" "$runtime_wall"
printf '%-20s %8s %8s\n' MetricsServer $((runtime_cpu + server_cpu)) $((runtime_wall + server_wall))
for product in MetricsHummingbird MetricsVapor MetricsOTLP; do
    cp -a "$work/base" "$work/$product"
    read -r cpu wall < <(measure "$work/$product" "$product")
    printf '%-20s %8s %8s\n' "$product" $((runtime_cpu + server_cpu + cpu)) $((runtime_wall + server_wall + wall))
    rm -rf "$work/$product"
done
