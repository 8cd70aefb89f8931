// glibc's in-use heap bytes for the callgrind driver's memory cases (malloc.h is not in Swift's
// Glibc module). The benchmark package cannot use the main package's test-only CMallocStatistics.
#ifndef HEAP_IN_USE_H
#define HEAP_IN_USE_H

/// mallinfo2().uordblks + hblkhd: bytes handed out by malloc and not freed; -1 without glibc 2.33.
long long heap_in_use_bytes(void);

#endif
