"""The scores: rescoring a debtor and its open cases, reading the scores back, retraining the scorecard and the
daily rescoring. Use cases are keyword-only functions, one transaction each (the caller commits)."""
