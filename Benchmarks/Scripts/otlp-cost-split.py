#!/usr/bin/env python3
"""Splits the instructions of one OTLP export (callgrind profiles without and with it) by owner:
the SwiftProtobuf library, the generated OTLP message code (`Opentelemetry_Proto_*`), the Swift
runtime and allocator, and the rest (this project). Prints per-series figures and the top
functions. Usage: otlp-cost-split.py <profile-0-exports> <profile-1-export> <series>"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from callgrind_profile import allocations, difference  # noqa: E402


def owner(function):
    if "SwiftProtobuf" in function:
        return "SwiftProtobuf library"
    if "Opentelemetry_Proto" in function:
        return "generated OTLP messages"
    if "libswiftCore" in function or "libc.so" in function or "ld-linux" in function:
        return "Swift runtime, libc, allocator"
    return "this project (snapshot, mapping)"


series = float(sys.argv[3])
delta = difference(sys.argv[1], sys.argv[2])
print(f"allocations: {(allocations(sys.argv[2]) - allocations(sys.argv[1])) / series:.3f} per series")
totals = {}
for cost, name in delta:
    totals[owner(name)] = totals.get(owner(name), 0) + cost
for name, cost in sorted(totals.items(), key=lambda item: -item[1]):
    print(f"{cost / series:8.1f}  per series in {name}")
for cost, name in delta[:20]:
    if cost / series < 0.5:
        break
    print(f"{cost / series:8.1f}  {name[:150]}")
