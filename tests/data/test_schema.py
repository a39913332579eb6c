"""``schema``: JSON Schemas from the models, checked with an independent validator."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from channelscore.cli import app
from channelscore.data.folders import embedded_data_dir

runner = CliRunner()


def schema_of(kind: str) -> dict[str, object]:
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0
    document: dict[str, object] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize("kind", ["criteria", "channels", "profile", "scenario", "sources", "workshop"])
def test_schemas_are_valid_json_schema(kind: str) -> None:
    schema = schema_of(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_shipped_data_matches_its_schemas() -> None:
    root = embedded_data_dir()
    files = [("criteria", root / "criteria" / "criteria.yaml"), ("channels", root / "criteria" / "channels.yaml")]
    files += [("profile", path) for path in sorted((root / "profiles").glob("*.yaml"))]
    for kind, path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema_of(kind))


def test_the_sample_workshops_match_the_workshop_schema() -> None:
    from pathlib import Path

    workshops = Path(__file__).resolve().parent / "workshops"
    valid = ["swing.yaml", "saaty-drinks.yaml", "ranking-ties.yaml", "ahp-inconsistent.yaml"]
    for name in valid:
        jsonschema.validate(yaml.safe_load((workshops / name).read_text(encoding="utf-8")), schema_of("workshop"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"format": "channelscore/workshop@1", "id": "x", "base": "retail", "method": "vote",
                             "participants": [{"name": "A"}]}, schema_of("workshop"))


@pytest.mark.parametrize("bad", [0, 4, 2.5, "2", True, None, [2]])
def test_the_channels_schema_refuses_what_validate_refuses(bad: object) -> None:
    document = yaml.safe_load((embedded_data_dir() / "criteria" / "channels.yaml").read_text(encoding="utf-8"))
    document["channels"][0]["ratings"]["trust"]["rating"] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema_of("channels"))


def test_unknown_schema_kind_is_a_usage_error() -> None:
    assert runner.invoke(app, ["schema", "weights"]).exit_code == 2
