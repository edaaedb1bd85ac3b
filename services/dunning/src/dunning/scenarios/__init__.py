"""The dunning scenarios: their steps, conditions and channels, stored and read."""
