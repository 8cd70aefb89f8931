#!/usr/bin/env python3
"""Per-operation figures from two callgrind profiles (without and with N operations): allocator
calls, and the functions whose exclusive instructions differ most. Used by callgrind.sh; its
functions are imported by otlp-cost-split.py. Usage: callgrind_profile.py <before> <after> <N>"""
import re, subprocess, sys
ALLOCATORS = ("malloc", "calloc", "realloc", "posix_memalign", "aligned_alloc", "memalign")
def allocations(path):  # calls into the allocator from outside it, from the call counts callgrind records
    names, caller, callee, total = {}, "", None, 0
    for line in open(path, errors="replace"):
        m = re.match(r"(c?)fn=\((\d+)\)(?: (.*))?", line)
        if m:
            if m.group(3): names[m.group(2)] = m.group(3).strip()
            if m.group(1): callee = names.get(m.group(2))
            else: caller, callee = names.get(m.group(2), ""), None
        elif line.startswith("calls=") and callee in ALLOCATORS and caller.split(".")[0].lstrip("_") not in ALLOCATORS + ("mid_memalign", "int_realloc"):
            total += int(line.split()[0][6:])
    return total
def load(path):  # function name -> exclusive instructions, from callgrind_annotate
    out = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", path],
                         capture_output=True, text=True).stdout
    result = {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\([\s\d.]+%\)\s+(.*)", line)
        if m and "PROGRAM TOTALS" not in line:
            result[m.group(2)] = int(m.group(1).replace(",", ""))
    return result
def difference(before, after):  # (instructions added, function), largest first
    a, b = load(before), load(after)
    return sorted(((b.get(k, 0) - a.get(k, 0), k) for k in set(a) | set(b)), reverse=True)
if __name__ == "__main__":
    n = float(sys.argv[3])
    print(f"allocations: {(allocations(sys.argv[2]) - allocations(sys.argv[1])) / n:.3f} per operation")
    for value, name in difference(sys.argv[1], sys.argv[2])[:15]:
        if value / n < 0.5: break
        print(f"{value / n:8.1f}  {name[:150]}")
