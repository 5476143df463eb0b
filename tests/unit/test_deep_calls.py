"""`call_with_stack_reserve`: the same call, without CPython 3.11's stack-chunk churn under deep recursion
(sakip/deep_calls.py; it takes 13 % off the LKjIP PDF)."""

import sys

import pytest

from sakip.deep_calls import AFFECTED, call_with_stack_reserve


def test_it_is_the_same_call():
    assert call_with_stack_reserve(divmod, 17, 5) == (3, 2)
    assert call_with_stack_reserve(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]
    with pytest.raises(ZeroDivisionError):
        call_with_stack_reserve(divmod, 1, 0)


def test_deep_recursion_inside_still_works():
    def depth(n):
        return 0 if n == 0 else depth(n - 1) + 1

    assert call_with_stack_reserve(depth, 900) == 900


def _down(n):
    return 0 if n == 0 else _down(n - 1) + 1


def _up_and_down():
    for _ in range(10):
        for depth in range(400):  # crosses the boundary between two 16 KB stack chunks, wherever it lies
            _down(depth)


@pytest.mark.skipif(not AFFECTED, reason="CPython 3.13+ keeps a spare stack chunk itself (gh-142183)")
@pytest.mark.skipif(sys.platform != "linux", reason="page faults counted by getrusage on Linux")
def test_recursion_up_and_down_maps_no_new_memory_inside_the_reserve():
    import resource

    def page_faults(function):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        function()
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

    call_with_stack_reserve(_up_and_down)  # first call: the reserving function is built once
    plain = page_faults(_up_and_down)  # a chunk mapped and unmapped at every crossing
    reserved = page_faults(lambda: call_with_stack_reserve(_up_and_down))
    assert plain > 1000
    assert reserved < plain / 10
