"""Portal: identity, users, the single public entry point (gateway) and the web UI."""
