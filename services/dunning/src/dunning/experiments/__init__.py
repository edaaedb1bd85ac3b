"""Champion and challenger scenarios: an experiment, the cases it put in each arm, and how each arm does."""
