"""Use cases of court procedures: one keyword-only function per use case, one transaction each."""
