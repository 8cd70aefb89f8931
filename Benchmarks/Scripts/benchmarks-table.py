#!/usr/bin/env python3
"""Turns `swift package benchmark --format markdown` output into the BENCHMARKS.md table.

Usage: Scripts/benchmarks-table.py [p50|p0] < run.md
Every figure is from the same run; ratios compare figures of that run. Hot-path times (a-f) are
reported by the suite per 1 000 operations and printed here per operation.
"""
import re
import sys

column = {"p0": 0, "p50": 2}[sys.argv[1] if len(sys.argv) > 1 else "p50"]
data = {}
name = None
for line in sys.stdin:
    if line.startswith("### "):
        name = line[4:].strip()
        continue
    m = re.match(r"\|\s*(Time \(wall clock\)|Malloc \(total\)|Malloc / free Δ)\s*(\(([^)]*)\))?\s*\*?\s*\|(.*)", line)
    if name and m:
        cells = [c.strip() for c in m.group(4).split("|")]
        value = float(cells[column])
        unit = m.group(3) or ""
        scale = {"K": 1e3, "M": 1e6, "μs": 1e3, "ms": 1e6, "s": 1e9, "ns": 1, "": 1, "bytes": 1}.get(unit, 1)
        key = {"Time (wall clock)": "ns", "Malloc (total)": "mallocs", "Malloc / free Δ": "bytes"}[m.group(1)]
        data.setdefault(name, {})[key] = value * scale


def get(prefix, contender, key="ns", per=1.0):
    full = f"{prefix} - {contender}"
    if full not in data or key not in data[full]:
        return None
    return data[full][key] / per


def fmt(value, digits=2):
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


rows = []
verdicts = []


def hot(prefix, contenders, label):
    """One row per contender of a hot-path benchmark; times per operation."""
    for contender, shown in contenders:
        ns = get(prefix, contender, per=1000)
        mallocs = get(prefix, contender, "mallocs", per=1000)
        rows.append((label, shown, fmt(ns), fmt(mallocs, 3) if mallocs else "0"))


hot("a held counter inc", [("ours IntCounter", "ours `IntCounter.inc()`"), ("ours Counter", "ours `Counter.inc()`"),
                           ("swift-prometheus", "swift-prometheus `Counter.increment()`"), ("bare atomic", "bare `Atomic<Int>.wrappingAdd`")],
    "a. held counter, ns/op")
hot("b string-label accessor", [("ours generated", "ours generated `requestsByModelTotal(modelType:modelSize:).inc()`"),
                                ("ours held handle", "ours held handle"),
                                ("swift-prometheus makeCounter", "swift-prometheus `makeCounter(descriptor:labels:).increment()`"),
                                ("swift-prometheus held handle", "swift-prometheus held handle")], "b. 2 string labels, ns/op")
hot("c enum-label accessor", [("ours generated", "ours generated `responsesTotal(method:statusClass:).inc()`"),
                              ("bare atomics indexed", "bare atomics, same index arithmetic"), ("bare atomic", "bare `Atomic<Int>.wrappingAdd`")],
    "c. 2 enum labels, ns/op")
hot("d histogram observe 11 buckets", [("ours", "ours `Histogram.observe`"), ("swift-prometheus", "swift-prometheus `ValueHistogram.record`"),
                                       ("bare atomic", "bare `Atomic<Int>.wrappingAdd`")], "d. histogram, 11 buckets, ns/op")
hot("e gauge set", [("ours Gauge", "ours `Gauge.set`"), ("ours IntGauge", "ours `IntGauge.set`"), ("swift-prometheus", "swift-prometheus `Gauge.set(to:)`"),
                    ("bare atomic", "bare `Atomic<UInt64>.store`")], "e. gauge set, ns/op")
hot("e gauge add", [("ours Gauge", "ours `Gauge.inc(by:)` (Double CAS)"), ("ours IntGauge", "ours `IntGauge.inc(by:)`"),
                    ("swift-prometheus", "swift-prometheus `Gauge.increment(by:)`"), ("bare atomic Double CAS", "bare Double CAS loop"),
                    ("bare atomic", "bare `Atomic<Int>.wrappingAdd`")], "e. gauge add, ns/op")
hot("f 2 threads counter inc", [("ours", "ours `IntCounter.inc()`"), ("swift-prometheus", "swift-prometheus `Counter.increment()`"),
                                ("bare atomic", "bare `Atomic<Int>.wrappingAdd`")], "f. 2 threads, same counter, ns/op per thread")
hot("f 2 threads histogram observe", [("ours", "ours `Histogram.observe`"), ("swift-prometheus", "swift-prometheus `ValueHistogram.record`")],
    "f. 2 threads, same histogram, ns/op per thread")

per_series = {}
for size, count in (("1k", 1_000), ("10k", 10_000), ("100k", 100_000)):
    for contender in ("ours", "swift-prometheus"):
        ns = get(f"g exposition {size} series", contender)
        mallocs = get(f"g exposition {size} series", contender, "mallocs")
        if ns is None:
            continue
        per_series[(size, contender)] = ns / count
        rows.append((f"g. exposition of {count:,} series", contender,
                     f"{ns / 1e3:,.0f} µs = {ns / count:.1f} ns/series", fmt(mallocs, 0) + " per scrape"))
for contender in ("ours", "swift-prometheus"):
    ns = get("g exposition 10k arbitrary-double series", contender)
    if ns is not None:
        rows.append(("g. (no target) 10,000 series, arbitrary-double gauges", contender,
                     f"{ns / 1e3:,.0f} µs = {ns / 10_000:.1f} ns/series",
                     fmt(get("g exposition 10k arbitrary-double series", contender, "mallocs"), 0) + " per scrape"))
h = get("h generate Swift from 1000-metric schema", "ours")
if h is not None:
    rows.append(("h. generate Swift, 1,000-metric schema", "ours (YAML → checks → Swift)", f"{h / 1e6:,.0f} ms",
                 fmt(get("h generate Swift from 1000-metric schema", "ours", "mallocs"), 0)))
for contender in ("ours", "swift-prometheus"):
    ns = get("i create series", contender, per=1)
    if ns is None:
        continue
    rows.append(("i. create a series (2 labels)", contender,
                 f"{ns:,.0f} ns, {fmt(get('i create series', contender, 'bytes'), 0)} B held",
                 fmt(get("i create series", contender, "mallocs"), 0)))

# Issue 13: the realistic shape (g2), lookups over 1,000 pairs (b2), creation at an endpoint (i2),
# heap per series after the first scrape (k).
g2 = {}
for lines in (1_175, 9_870, 100_110):
    for contender in ("ours", "swift-prometheus"):
        ns = get(f"g2 realistic exposition {lines} lines", contender)
        if ns is None:
            continue
        g2[(lines, contender)] = ns / lines
        rows.append((f"g2. realistic exposition, {lines:,} lines", contender, f"{ns / 1e3:,.0f} µs = {ns / lines:.1f} ns/line",
                     fmt(get(f"g2 realistic exposition {lines} lines", contender, "mallocs"), 0) + " per scrape"))
hot("b2 lookup over 1,000 pairs", [("ours labels", "ours `labels(_:_:)`"), ("ours withLabelValues", "ours `withLabelValues(_:_:)`"),
                                   ("ours generated", "ours generated accessor"),
                                   ("swift-prometheus makeCounter", "swift-prometheus `makeCounter(descriptor:labels:)`")],
    "b2. 2 labels over 1,000 shuffled pairs, ns/op")
hot("b3 lookup over 1,000 pairs while scraping", [("ours labels", "ours `labels(_:_:)`"),
                                                  ("swift-prometheus makeCounter", "swift-prometheus `makeCounter(descriptor:labels:)`")],
    "b3. b2 while another thread scrapes back to back, ns/op")
for contender in ("ours", "swift-prometheus"):
    ns = get("i2 create series at an endpoint", contender)
    if ns is not None:
        rows.append(("i2. create a series at an endpoint (5 labels)", contender,
                     f"{ns:,.0f} ns, {fmt(get('i2 create series at an endpoint', contender, 'bytes'), 0)} B held",
                     fmt(get("i2 create series at an endpoint", contender, "mallocs"), 1)))
    held = get("k heap per series after first scrape", contender, "bytes")
    if held is not None:
        rows.append(("k. heap per series after the first scrape (40-family shape)", contender, f"{held:,.0f} B",
                     fmt(get("k heap per series after first scrape", contender, "mallocs"), 1)))

print("| Benchmark | Contender | Time | Mallocs |")
print("|---|---|---:|---:|")
for row in rows:
    print("| " + " | ".join(row) + " |")


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def verdict(label, value, ok, detail):
    mark = "met" if ok else "**missed**"
    verdicts.append(f"| {label} | {detail} | {fmt(value)} | {mark} |")


a_ratio = ratio(get("a held counter inc", "ours IntCounter"), get("a held counter inc", "bare atomic"))
a_allocs = (get("a held counter inc", "ours IntCounter", "mallocs") or 0) + (get("a held counter inc", "ours Counter", "mallocs") or 0)
verdict("a", a_ratio, a_ratio is not None and a_ratio <= 1.2 and a_allocs == 0, "ours ÷ bare atomic ≤ 1.2, 0 allocations")
b_speed = ratio(get("b string-label accessor", "swift-prometheus makeCounter"), get("b string-label accessor", "ours generated"))
b_allocs = get("b string-label accessor", "ours generated", "mallocs") or 0
verdict("b", b_speed, b_speed is not None and b_speed >= 15 and b_allocs == 0, "swift-prometheus ÷ ours ≥ 15, 0 allocations")
c_ratio = ratio(get("c enum-label accessor", "ours generated"), get("c enum-label accessor", "bare atomic"))
verdict("c", c_ratio, c_ratio is not None and c_ratio <= 2, "ours ÷ bare atomic ≤ 2")
d_ratio = ratio(get("d histogram observe 11 buckets", "ours"), get("d histogram observe 11 buckets", "swift-prometheus"))
d_allocs = get("d histogram observe 11 buckets", "ours", "mallocs") or 0
verdict("d", d_ratio, d_ratio is not None and d_ratio <= 1 and d_allocs == 0, "ours ÷ swift-prometheus ≤ 1, 0 allocations")
f_speed = ratio(get("f 2 threads histogram observe", "swift-prometheus"), get("f 2 threads histogram observe", "ours"))
verdict("d/f", f_speed, f_speed is not None and f_speed >= 2, "2-thread histogram: swift-prometheus ÷ ours ≥ 2")
for size in ("1k", "10k", "100k"):
    g_speed = ratio(per_series.get((size, "swift-prometheus")), per_series.get((size, "ours")))
    verdict(f"g {size}", g_speed, g_speed is not None and g_speed >= 3, f"{size} series: swift-prometheus ÷ ours per series ≥ 3")
ours = [per_series[(s, "ours")] for s in ("1k", "10k", "100k") if (s, "ours") in per_series]
if ours:
    flat = max(ours) / min(ours)
    verdict("g flat", flat, flat <= 1.5, "ours per-series cost, max ÷ min over 1k/10k/100k ≤ 1.5")
if h is not None:
    verdict("h", h / 1e6, h < 1e9, "milliseconds < 1,000")
bytes_ratio = ratio(get("i create series", "ours", "bytes"), get("i create series", "swift-prometheus", "bytes"))
verdict("i", bytes_ratio, bytes_ratio is not None and bytes_ratio < 1, "ours ÷ swift-prometheus bytes per series < 1")
for lines in (1_175, 9_870, 100_110):
    g2_speed = ratio(g2.get((lines, "swift-prometheus")), g2.get((lines, "ours")))
    if g2_speed is not None:
        verdict(f"13.1 g2 {lines:,}", g2_speed, g2_speed >= 5, f"{lines:,} lines: swift-prometheus ÷ ours per line ≥ 5")
g2_ours = [g2[(lines, "ours")] for lines in (1_175, 9_870, 100_110) if (lines, "ours") in g2]
if g2_ours:
    g2_flat = max(g2_ours) / min(g2_ours)
    verdict("13.1 g2 flat", g2_flat, g2_flat <= 1.5, "ours per-line cost, max ÷ min over the three sizes ≤ 1.5")
lookup = get("b2 lookup over 1,000 pairs", "ours labels", "mallocs") or 0
verdict("13.2 allocs", lookup, lookup == 0, "lookup over 1,000 pairs: 0 allocations (`labels`)")
scraping = ratio(get("b3 lookup over 1,000 pairs while scraping", "ours labels"), get("b2 lookup over 1,000 pairs", "ours labels"))
if scraping is not None:
    verdict("13.2 scraping", scraping, scraping <= 1.1, "lookup while a scraper runs back to back ÷ alone (b3 ÷ b2, `labels`) ≤ 1.1")
k_ratio = ratio(get("k heap per series after first scrape", "ours", "bytes"), get("k heap per series after first scrape", "swift-prometheus", "bytes"))
verdict("13.4", k_ratio, k_ratio is not None and k_ratio <= 0.6, "heap per series after the first scrape, ours ÷ swift-prometheus ≤ 0.6")
print()
print("| Target | Requirement | Measured | Verdict |")
print("|---|---|---:|---|")
for line in verdicts:
    print(line)
