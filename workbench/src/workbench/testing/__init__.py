"""Test support: real PostgreSQL and a real broker for the whole run, a fresh database per test."""
