"""Use cases of scoring: keyword-only functions, one transaction each (the caller commits), outbox rows inside."""
