"""Creditors' webhooks: what happens to a creditor's cases, POSTed signed to its own system (docs/webhooks.md)."""
