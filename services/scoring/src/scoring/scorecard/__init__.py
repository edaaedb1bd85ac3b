"""Fitted logistic-regression scorecards: binning with weights of evidence, training, application.

The same `train_and_evaluate` trains the service's models (`python -m scoring retrain`, the admin
endpoint) and the public-data benchmark (`python -m bench`).
"""
