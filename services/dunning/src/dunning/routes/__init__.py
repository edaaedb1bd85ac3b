"""Dunning's routes: thin, one module per resource."""
