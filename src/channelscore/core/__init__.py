"""Pure computation on the domain records: the decision matrix, scores and ranks, explanations as data,
expectations, comparison of scenarios, stability, overtaking, SMAA, the channel mix and weight elicitation.

Nothing here reads a file or builds a sentence, and nothing imports pydantic, PyYAML, rich or typer.
"""
