"""Analyses on top of the ranking: compare scenarios, how firm a ranking is (stability, SMAA), the best channel
mix, and weights elicited in workshops."""
