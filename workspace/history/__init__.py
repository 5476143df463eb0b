"""The audit history of an agency as people read it."""
