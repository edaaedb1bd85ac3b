"""Tables of partner missions and webhooks."""
