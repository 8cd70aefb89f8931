#!/usr/bin/env python3
"""Condenses `swift package benchmark --format markdown` output into one line per benchmark.

Usage: swift package ... benchmark --no-progress --format markdown | Scripts/summarize.py
Prints `name | metric | p0 | p50 | unit` for wall time, mallocs and held bytes. Hot-path
figures (a-f) are per 1 000 operations (ns per 1 000 ops = ps per op).
"""
import re
import sys

name = None
rows = []
for line in sys.stdin:
    line = line.rstrip("\n")
    if line.startswith("### "):
        name = line[4:].strip()
        continue
    m = re.match(r"\|\s*(Time \(wall clock\)|Malloc \(total\)|Malloc / free Δ)\s*(\(([^)]*)\))?\s*\*?\s*\|(.*)", line)
    if name and m:
        cells = [c.strip() for c in m.group(4).split("|")]
        metric = {"Time (wall clock)": "time", "Malloc (total)": "mallocs", "Malloc / free Δ": "bytes held"}[m.group(1)]
        unit = m.group(3) or ""
        rows.append((name, metric, cells[0], cells[2], unit))

width = max((len(r[0]) for r in rows), default=10)
print(f"{'benchmark':<{width}} | {'metric':<10} | {'p0':>10} | {'p50':>10} | unit")
for r in rows:
    print(f"{r[0]:<{width}} | {r[1]:<10} | {r[2]:>10} | {r[3]:>10} | {r[4]}")
