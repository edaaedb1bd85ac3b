"""Benchmarks (`make bench`, i.e. `python -m bench`): not part of `make test`. Figures go in docs/benchmarks.md."""
