"""Import of a `sakip-dataset/2` (or `/1`) document (SPEC.md §5): `validation` lists every problem first, then `writing`
writes the whole document in one transaction."""
