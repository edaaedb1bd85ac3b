"""Fitted logistic-regression scorecards: binning with weights of evidence, training, application; the versions
stored (`models.py`) and the one in use (`store.py`, the expert scorecard when none is active).

The same `train_and_evaluate` trains the service's models (`python -m scoring retrain`, the admin
endpoint) and the public-data benchmark (`python -m bench`).
"""
