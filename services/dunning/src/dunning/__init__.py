"""Dunning: scenarios, scheduled steps, messages on every channel, contact log, promises, payment plans, disputes."""
