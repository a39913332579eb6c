"""channelscore: rank complaint channels by the criteria of a comparative study, weighted per sector and segment.

The public API, for notebooks and scripts (see the README's "Using it from Python")::

    import channelscore as cs
    catalog = cs.load_catalog()
    result = cs.rank(catalog, "retail", weights={"trust": 3})

Names are loaded on first use, so that importing the package stays cheap.
"""

# Nothing is imported here, not even __future__ or typing: `python -m channelscore` runs this file before
# the entry point that turns an interrupt into "interrupted", so it must run in microseconds. mypy reads
# this name as typing's.
TYPE_CHECKING = False

__version__ = "0.3.0"

__all__ = [
    "BoardResult",
    "Catalog",
    "CompareResult",
    "DataError",
    "ExplainResult",
    "LeversResult",
    "Listing",
    "PortfolioResult",
    "Problem",
    "Profile",
    "RankResult",
    "ReportResult",
    "RequestError",
    "SensitivityResult",
    "ValidationResult",
    "WeightsResult",
    "__version__",
    "board",
    "client_report",
    "compare",
    "explain",
    "init_data",
    "json_schema",
    "levers",
    "list_expectations",
    "list_items",
    "load_catalog",
    "portfolio",
    "profile",
    "rank",
    "sensitivity",
    "validate",
    "weights",
]

_HOMES = {"Catalog": "channelscore.model", "Profile": "channelscore.model", "DataError": "channelscore.errors",
          "Problem": "channelscore.errors", "RequestError": "channelscore.errors"}

if TYPE_CHECKING:
    from typing import Any

    from channelscore.api import (
        BoardResult,
        CompareResult,
        ExplainResult,
        LeversResult,
        Listing,
        PortfolioResult,
        RankResult,
        ReportResult,
        SensitivityResult,
        ValidationResult,
        WeightsResult,
        board,
        client_report,
        compare,
        explain,
        init_data,
        json_schema,
        levers,
        list_expectations,
        list_items,
        load_catalog,
        portfolio,
        profile,
        rank,
        sensitivity,
        validate,
        weights,
    )
    from channelscore.errors import DataError, Problem, RequestError
    from channelscore.model import Catalog, Profile


def __getattr__(name: str) -> "Any":
    if name not in __all__:
        raise AttributeError(f"module 'channelscore' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_HOMES.get(name, "channelscore.api")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
