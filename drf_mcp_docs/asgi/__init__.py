"""The mount and its transport wrappers: the standard library and anyio only."""
