"""Scenario analysis on top of the ranking: compare profiles, and how firm a ranking is (sensitivity, SMAA)."""
