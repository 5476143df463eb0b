"""Deeply recursive work (WeasyPrint's layout) without CPython 3.11's stack-chunk churn.

CPython 3.11 and 3.12 keep Python frames on a per-thread stack made of chunks (16 KB each, from mmap). When a
call needs more room than is left in the current chunk, a new chunk is mapped; when that call returns, the chunk
is unmapped. Code that recurses up and down across a chunk boundary, as WeasyPrint's layout does for every box,
therefore maps and unmaps memory on a great many calls: for the LKjIP, ~70.000 mmap/munmap pairs and ~80.000
page faults per PDF, 0,4 s of system time plus the cache and TLB misses, 13 % of the render
(docs/performance.md). CPython tracks this as gh-142183 and fixed it in 3.13 and 3.14 by keeping one spare chunk.

`call_with_stack_reserve` runs a function from a frame that is large enough (70.000 slots, 560 KB) to make
CPython map one chunk of 1 MB for it. The calls below it then use the 440 KB left in that chunk, far more than
the deepest layout needs, so no boundary is crossed during the render. The reserved slots are the frame's value
stack, which CPython neither clears nor reads beyond what the code uses; the chunk goes when the call returns.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Pointers: 560 KB, so CPython maps a 1 MB chunk for the frame (it doubles 16 KB until the frame fits).
RESERVED_SLOTS = 70_000
AFFECTED = sys.implementation.name == "cpython" and (3, 11) <= sys.version_info[:2] < (3, 13)


def _call(function, args, kwargs):
    return function(*args, **kwargs)


@functools.cache
def _reserving_call():
    """`_call` compiled with a value stack RESERVED_SLOTS deep: the size of its frame (the stack is not used)."""
    code = _call.__code__.replace(co_stacksize=RESERVED_SLOTS)
    return type(_call)(code, _call.__globals__, "call_with_stack_reserve")


def call_with_stack_reserve(function: Callable[..., T], /, *args, **kwargs) -> T:
    """`function(*args, **kwargs)`, with room on the interpreter's stack for deep recursion (see above)."""
    if not AFFECTED:
        return function(*args, **kwargs)
    return _reserving_call()(function, args, kwargs)
