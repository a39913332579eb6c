"""JSON Schemas of the data files, generated from the pydantic models that validate them."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from channelscore.data.formats import ChannelsFile, CriteriaFile, ProfileFile, ScenarioFile, SourcesFile, WorkshopFile

MODELS: dict[str, type[BaseModel]] = {"criteria": CriteriaFile, "channels": ChannelsFile, "profile": ProfileFile,
                                      "scenario": ScenarioFile, "sources": SourcesFile, "workshop": WorkshopFile}
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    """The schema of the ``criteria``, ``channels``, ``profile``, ``scenario``, ``sources`` or ``workshop`` file
    format."""
    schema = MODELS[kind].model_json_schema()
    schema["title"] = f"channelscore {kind} file (format channelscore/{kind}@1)"
    return {"$schema": DIALECT, **schema}


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
