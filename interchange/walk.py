"""Walking a `sakip-dataset/1` document (a parsed dict): the one place that knows where indicators live."""


def dataset_indicators(data: dict):
    """Yield (JSON path, indicator dict) for every indicator, depth first, tolerating a malformed shape."""

    def owned(path, owner):
        items = owner.get("indicators") if isinstance(owner, dict) else None
        for k, indicator in enumerate(items if isinstance(items, list) else []):
            yield f"{path}.indicators[{k}]", indicator

    def children(node, key):
        items = node.get(key) if isinstance(node, dict) else None
        return enumerate(items if isinstance(items, list) else [])

    for gi, goal in children(data, "goals"):
        yield from owned(f"$.goals[{gi}]", goal)
        for oi, objective in children(goal, "objectives"):
            yield from owned(f"$.goals[{gi}].objectives[{oi}]", objective)
    for pi, program in children(data, "programs"):
        yield from owned(f"$.programs[{pi}]", program)
        for ai, activity in children(program, "activities"):
            apath = f"$.programs[{pi}].activities[{ai}]"
            yield from owned(apath, activity)
            for si, sub in children(activity, "sub_activities"):
                yield from owned(f"{apath}.sub_activities[{si}]", sub)
