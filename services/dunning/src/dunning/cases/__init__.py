"""The cases dunning works and their creditors, projected from intake's events; who may see a case; the facts a
message is composed from (read from intake)."""
