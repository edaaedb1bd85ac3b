"""Pure rules of scoring: no session, no clock, no I/O; dates and limits come in as arguments."""
