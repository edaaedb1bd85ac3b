"""Dunning's pure rules: scenarios, when a step may go out, what a message must say. No session, no clock, no I/O."""
