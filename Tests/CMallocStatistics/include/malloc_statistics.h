// glibc's allocator statistics for the soak test (malloc.h is not in Swift's Glibc module).
#ifndef MALLOC_STATISTICS_H
#define MALLOC_STATISTICS_H
#include <stddef.h>

/// Bytes handed out by malloc and not freed (mallinfo2().uordblks + hblkhd); -1 without glibc.
long long malloc_statistics_bytes_in_use(void);

/// Makes every thread allocate from the main arena (mallopt(M_ARENA_MAX, 1)); returns 0 on
/// failure or without glibc.
int malloc_statistics_use_one_arena(void);

#endif
