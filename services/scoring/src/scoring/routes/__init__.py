"""Thin HTTP routes of scoring: parse, call one service function, return."""
