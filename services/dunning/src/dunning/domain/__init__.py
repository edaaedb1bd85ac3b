"""Dunning's pure rules: scenarios, when a step may go out, what a message must say; and the value types the API
models of several packages share (`fields`). No session, no clock, no I/O."""
