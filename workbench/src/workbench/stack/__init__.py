"""The embedded default: PostgreSQL and a Kafka-protocol broker from PyPI wheels, and the five services."""
