"""Intake: the system of record for who is owed what by whom."""
