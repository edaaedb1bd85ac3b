"""Dunning's use cases: one keyword-only function, one transaction each, outbox rows inside."""
