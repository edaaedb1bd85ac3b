"""Recouvra platform kernel shared by every service."""
