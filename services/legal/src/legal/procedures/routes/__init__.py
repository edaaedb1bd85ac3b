"""The procedures' routes: thin, one module per resource."""
