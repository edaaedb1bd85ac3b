"""Tables of court procedures."""
