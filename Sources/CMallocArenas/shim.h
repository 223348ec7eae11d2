#ifndef ROLLCALL_CMALLOCARENAS_SHIM_H
#define ROLLCALL_CMALLOCARENAS_SHIM_H
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

/* One malloc arena for the whole process, where the C library keeps one per thread (glibc). The
   config is loaded on one thread and the live systems are read on others: memory the load freed
   stayed in its thread's arena and could not serve the read, which held 8-13 MB more at the
   peak. Elsewhere this does nothing. */
static inline void rollcall_use_one_malloc_arena(void) {
#ifdef M_ARENA_MAX
    mallopt(M_ARENA_MAX, 1);
#endif
}

#endif
