#!/usr/bin/env bash
# Instructions per operation of one hot path, repeatable to the instruction:
# runs Drivers/CallgrindDriver under `valgrind --tool=callgrind` with N and 2N iterations and
# prints (I(2N) - I(N)) / N, then the functions that account for the difference.
# Usage: Scripts/callgrind.sh <case> [N]   cases: bare held lookup generated-lookup their-lookup
#        enum histogram their-histogram; exposition / their-exposition / snapshot (N = series count,
#        per-series cost of one scrape, or of one snapshot() of the same registry); lookup-1k
#        withlabelvalues-1k their-lookup-1k (2 labels over 1,000 shuffled pairs);
#        realistic-exposition / their-realistic-exposition / realistic-snapshot (issue 13's 40-family
#        shape, N = sample lines, a multiple of 235, per-line cost of one scrape or snapshot).
#        create / their-create (N new 2-label series at an endpoint, label strings built beforehand);
#        generated-lookup-1k. (`lookup-1k-scraping N` and `their-lookup-1k-scraping N` are wall-time
#        cases run natively, not here: `.build-callgrind/release/CallgrindDriver lookup-1k-scraping
#        2000000`; env SCRAPE_INTERVAL_US paces the scraper.) Also prints allocator calls (malloc, calloc, realloc, posix_memalign)
#        per operation. Env SCRATCH overrides the scratch path; NO_BUILD=1 uses the last build.
#        Env CALLGRIND_WARMUP=0 (scrape cases): no warm-up scrape, so the scrape measured is the
#        first one (a snapshot's first builds the label tables later snapshots reuse).
#        Hashing is made deterministic (SWIFT_DETERMINISTIC_HASHING) so the two runs differ only by
#        the measured work.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${SCRATCH:-$here/.build-callgrind}"
case_name="$1"
n="${2:-100000}"
[[ -n "${NO_BUILD:-}" ]] || swift build -c release --package-path "$here" --scratch-path "$scratch" --product CallgrindDriver >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read Swift's DWARF 5; the symbol table is enough for function names.
strip --strip-debug -o "$work/driver" "$scratch/release/CallgrindDriver"

run() {  # run <iterations> <scrapes> <out>
    SWIFT_DETERMINISTIC_HASHING=1 CALLGRIND_SCRAPES="$2" valgrind --tool=callgrind --callgrind-out-file="$3" "$work/driver" "$case_name" "$1" \
        >/dev/null 2>"$work/log"
    grep -o 'Collected : [0-9]*' "$work/log" | awk '{print $3}'
}
if [[ "$case_name" == *exposition || "$case_name" == *snapshot ]]; then
    a="$(run "$n" 0 "$work/a.out")"; b="$(run "$n" 1 "$work/b.out")"
    echo "$case_name: $(( (b - a) / n )) instructions per series (one scrape of $n series)"
else
    a="$(run "$n" 0 "$work/a.out")"; b="$(run "$((2 * n))" 0 "$work/b.out")"
    echo "$case_name: $(( (b - a) / n )) instructions per operation"
fi
python3 "$here/Scripts/callgrind_profile.py" "$work/a.out" "$work/b.out" "$n"
