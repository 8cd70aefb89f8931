#!/usr/bin/env bash
# Measures the status server with wrk on loopback: registries of ~80 KB, 3 MB and 30 MB of exposition,
# with and without gzip, 16 and 200 connections. Prints a Markdown table (requests/s, p99, RSS).
# Needs wrk (apt-get install -y wrk) and a release build: swift build -c release --product server-bench
# Usage: Benchmarks/Scripts/server-wrk.sh [seconds per run, default 10]; SIZES="80000 …" picks registries.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"
binary="${SERVER_BENCH:-$(swift build -c release --show-bin-path)/server-bench}"  # SERVER_BENCH overrides
port=19464
echo "| exposition | gzip | connections | requests/s | p99 | RSS after (peak) |"
echo "|---|---|---|---|---|---|"
for bytes in ${SIZES:-80000 3000000 30000000}; do
    rm -f /tmp/server-bench.out  # the child truncates it asynchronously
    "$binary" --bytes "$bytes" --port "$port" > /tmp/server-bench.out 2>&1 &
    pid=$!
    # Building the 30 MB registry takes minutes on a loaded machine: wait as long as the server lives.
    until grep -q serving /tmp/server-bench.out 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { echo "server-bench --bytes $bytes exited:" >&2; cat /tmp/server-bench.out >&2; exit 1; }
        sleep 0.5
    done
    size=$(sed -n 's/serving \([0-9]*\) bytes.*/\1/p' /tmp/server-bench.out)
    for gzip in no yes; do
        for connections in 16 200; do
            header=()
            [ "$gzip" = yes ] && header=(-H "Accept-Encoding: gzip")
            out=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s --latency "${header[@]}" \
                "http://127.0.0.1:$port/metrics")
            rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
            p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
            errors=$(echo "$out" | grep -E "Non-2xx|Socket errors" | tr '\n' ' ' || true)
            rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
            hwm=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)
            echo "| $((size / 1000)) KB | $gzip | $connections | $rps | $p99 | $rss MiB ($hwm MiB) ${errors:+— $errors}|"
        done
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
done
