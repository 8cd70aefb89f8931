#!/usr/bin/env python3
"""Splits the instructions of one OTLP export (callgrind profiles without and with it) by owner:
the SwiftProtobuf library, the generated OTLP message code (`Opentelemetry_Proto_*`), the Swift
runtime and allocator, and the rest (this project). Prints per-series figures and the top
functions. Usage: otlp-cost-split.py <profile-0-exports> <profile-1-export> <series>"""
import re
import subprocess
import sys


def exclusive_costs(profile):
    """Function name -> exclusive instructions, from callgrind_annotate."""
    listing = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", profile],
                             capture_output=True, text=True).stdout
    costs = {}
    for row in listing.splitlines():
        match = re.match(r"\s*([\d,]+)\s+\([\s\d.]+%\)\s+(.*)", row)
        if match and "PROGRAM TOTALS" not in row:
            costs[match.group(2)] = int(match.group(1).replace(",", ""))
    return costs


def owner(function):
    if "SwiftProtobuf" in function:
        return "SwiftProtobuf library"
    if "Opentelemetry_Proto" in function:
        return "generated OTLP messages"
    if "libswiftCore" in function or "libc.so" in function or "ld-linux" in function:
        return "Swift runtime, libc, allocator"
    return "this project (snapshot, mapping)"


before, after = exclusive_costs(sys.argv[1]), exclusive_costs(sys.argv[2])
series = float(sys.argv[3])
delta = sorted(((after.get(name, 0) - before.get(name, 0), name) for name in set(before) | set(after)), reverse=True)
totals = {}
for cost, name in delta:
    totals[owner(name)] = totals.get(owner(name), 0) + cost
for name, cost in sorted(totals.items(), key=lambda item: -item[1]):
    print(f"{cost / series:8.1f}  per series in {name}")
for cost, name in delta[:20]:
    if cost / series < 0.5:
        break
    print(f"{cost / series:8.1f}  {name[:150]}")
