"""The contact log: every message prepared, its delivery reports, and the outgoing form a channel sends."""
