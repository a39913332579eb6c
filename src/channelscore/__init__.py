"""channelscore: rank complaint channels by the criteria of a comparative study, weighted per sector and segment."""

__version__ = "0.1.0"
