"""Bigger copies of a dataset, for the benchmark and for tests that prove query counts do not grow."""

import copy


def scaled(data: dict, factor: int) -> dict:
    """The demo with every goal and program repeated `factor` times under suffixed codes."""
    if factor == 1:
        return copy.deepcopy(data)
    out = copy.deepcopy(data)
    out["goals"], out["programs"] = [], []
    for k in range(factor):
        suffix = "" if k == 0 else f"-x{k}"
        for goal in copy.deepcopy(data["goals"]):
            _rename(goal, suffix)
            out["goals"].append(goal)
        for program in copy.deepcopy(data["programs"]):
            _rename(program, suffix)
            program["objectives"] = [code + suffix for code in program.get("objectives") or []]
            out["programs"].append(program)
    return out


def _rename(node, suffix):
    if isinstance(node, dict):
        if "code" in node and isinstance(node["code"], str) and ("statement" in node or "name" in node):
            node["code"] += suffix
        for key, value in node.items():
            if key != "objectives" or not all(isinstance(v, str) for v in value or []):
                _rename(value, suffix)
    elif isinstance(node, list):
        for item in node:
            _rename(item, suffix)
