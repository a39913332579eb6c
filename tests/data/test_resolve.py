"""Profile resolution, directly: one walk of `extends`, what is inherited and what is not, problems located."""

from __future__ import annotations

from pathlib import Path

import pytest

from channelscore import api
from channelscore.data.catalog import load_catalog
from channelscore.data.formats import ProfileFile
from channelscore.data.resolve import LoadedProfile, merge, resolve_onto, resolve_profile
from channelscore.data.yaml_reader import parse_text
from channelscore.errors import DataError
from channelscore.model import Catalog, Text


def loaded(text: str, name: str = "p.yaml") -> LoadedProfile:
    document = parse_text(text, Path(name), name)
    return LoadedProfile(ProfileFile.model_validate(document.data), document)


HEAD = "format: channelscore/profile@1\nnames: {en: N, fr: N}\ndescription: d\n"
ROOT = loaded(HEAD + "id: root\ngroup_split: {client: 1, enterprise: 1, reason: r}\n"
              "weights:\n  a: {value: 1, reason: root a}\n  b: {value: 2, reason: root b}\n"
              "adjustments:\n  - {channel: x, criterion: a, rating: 1, reason: root adj}\n"
              "not_applicable:\n  - {channel: y, reason: root na}\n"
              "expectations:\n  - {statement: s, source: src, kind: within_top, channels: [x], n: 1}\n", "root.yaml")
CHILD = loaded(HEAD + "id: child\nextends: root\nweights:\n  b: {value: 5, reason: child b}\n"
               "adjustments:\n  - {channel: x, criterion: b, rating: 3, reason: child adj}\n"
               "not_applicable:\n  - {channel: y, reason: child na}\n", "child.yaml")


def test_merge_lays_the_child_over_its_parent() -> None:
    root = merge(ROOT.model, None)
    child = merge(CHILD.model, root)
    assert child.chain == ("child", "root")
    assert {k: (w.value, w.reason.en) for k, w in child.weights.items()} == {"a": (1, "root a"), "b": (5, "child b")}
    assert list(child.weights) == ["a", "b"]  # the parent's order is kept
    assert [a.reason.en for a in child.adjustments] == ["root adj", "child adj"]
    assert [(n.channel, n.reason.en) for n in child.not_applicable] == [("y", "child na")]
    assert child.group_split == root.group_split and child.group_split is not None
    # The child inherits its parent's statement, which still says where it is stated.
    assert len(root.expectations) == 1 and child.expectations == root.expectations
    assert child.expectations[0].stated_by == "root" and child.expectations[0].position == 0
    assert child.extends == ("root",) and root.extends == ()


def test_resolve_walks_the_chain_once_and_checks_the_criteria() -> None:
    pool = {"root": ROOT, "child": CHILD}
    assert resolve_profile(CHILD, pool, {}, None) == merge(CHILD.model, merge(ROOT.model, None))
    with pytest.raises(DataError) as error:
        resolve_profile(CHILD, pool, {}, {"a": "client", "b": "client", "c": "enterprise"})
    (problem,) = error.value.problems
    # The gap is the root's: reported once, in the root's file.
    assert (problem.code, problem.file, problem.line) == ("missing-weight", "root.yaml", 7)


def test_unknown_and_circular_extends_are_located_in_the_file() -> None:
    with pytest.raises(DataError) as error:
        resolve_profile(CHILD, {"child": CHILD}, {}, None)
    assert [(p.code, p.file, p.line) for p in error.value.problems] == [("extends-unknown", "child.yaml", 5)]
    loop_a = loaded(HEAD + "id: a\nextends: b\nweights: {}\n", "a.yaml")
    loop_b = loaded(HEAD + "id: b\nextends: a\nweights: {}\n", "b.yaml")
    with pytest.raises(DataError) as error:
        resolve_profile(loop_a, {"a": loop_a, "b": loop_b}, {}, None)
    assert error.value.problems[0].code == "extends-cycle" and "a -> b -> a" in error.value.problems[0].message


def test_a_file_is_resolved_onto_the_catalog(catalog: Catalog) -> None:
    extra = loaded(HEAD + "id: shop\nextends: retail\nweights:\n  trust: {value: 9, reason: shop}\n")
    shop = resolve_onto(extra, catalog)
    retail = catalog.profiles["local-retail"]
    assert shop.chain == ("shop", *retail.chain)
    assert shop.weights["trust"].value == 9 and shop.weights["effort"] == retail.weights["effort"]
    lost = loaded(HEAD + "id: lost\nextends: retial\nweights: {}\n")
    with pytest.raises(DataError) as error:
        resolve_onto(lost, catalog)
    problem = error.value.problems[0]
    assert problem.code == "extends-unknown" and "did you mean `retail`?" in problem.hint


def test_an_unusable_profile_keeps_its_problems_and_spares_the_others(data_copy: Path) -> None:
    b2b = data_copy / "profiles" / "b2b.yaml"
    b2b.write_text(b2b.read_text().replace("extends: balanced", "extends: nowhere"))
    catalog = load_catalog(data_copy)
    assert "b2b" not in catalog.profiles and [p.code for p in catalog.unusable["b2b"]] == ["extends-unknown"]
    with pytest.raises(DataError) as error:
        api.profile(catalog, "business")  # its alias
    assert error.value.problems[0].file.endswith("b2b.yaml")
    assert api.rank(catalog, "retail").rows[0].channel == "face_to_face"


def test_merge_keeps_the_childs_own_identity_and_inherits_extras_and_exclusions() -> None:
    parent = merge(loaded(HEAD + "id: parent\nsource: parent.txt\nweights: {}\n"
                          "extra_criteria:\n  - {id: proof, group: client, names: {en: P, fr: P}, description: d, "
                          "source: s, ratings: {x: {rating: 3, reason: r}}}\n"
                          "not_applicable:\n  - {channel: y, reason: none here}\n").model, None)
    child = merge(loaded(HEAD.replace("description: d", "description: the child") +
                         "id: child\naliases: [kid]\nsource: child.txt\nextends: parent\nweights: {}\n").model, parent)
    assert (child.description, child.source, child.aliases) == (Text("the child", None), Text("child.txt", None),
                                                                ("kid",))
    assert [c.id for c in child.extra_criteria] == ["proof"]
    assert [(n.channel, n.reason.en) for n in child.not_applicable] == [("y", "none here")]


def test_extends_may_name_an_alias() -> None:
    parent = loaded(HEAD + "id: parent\naliases: [mum]\nweights: {}\n")
    child = loaded(HEAD + "id: child\nextends: mum\nweights: {}\n")
    assert resolve_profile(child, {"parent": parent, "child": child}, {"mum": "parent"}, None).chain == (
        "child", "parent")


def test_a_cycle_is_located_on_extends_with_a_hint() -> None:
    loop = loaded(HEAD + "id: a\nextends: a\nweights: {}\n", "a.yaml")
    with pytest.raises(DataError) as error:
        resolve_profile(loop, {"a": loop}, {}, None)
    (problem,) = error.value.problems
    assert (problem.line, problem.column, problem.field) == (5, 10, "extends")
    assert problem.hint == "remove one `extends` of the loop"


def test_a_file_extending_an_alias_may_weigh_the_extra_criteria_it_inherits(catalog: Catalog) -> None:
    extra = loaded(HEAD + "id: firm\nextends: business\nweights:\n  written_proof: {value: 9, reason: proof}\n")
    firm = resolve_onto(extra, catalog)
    assert firm.chain[:2] == ("firm", "b2b") and firm.weights["written_proof"].value == 9
    alone = loaded(HEAD + "id: alone\nweights:\n  trust: {value: 1, reason: r}\n")
    with pytest.raises(DataError) as error:
        resolve_onto(alone, catalog)
    assert error.value.problems[0].code == "missing-weight"


def test_every_folder_profile_is_checked_against_the_criteria(data_copy: Path) -> None:
    retail = data_copy / "profiles" / "local-retail.yaml"
    retail.write_text(retail.read_text().replace("extends: balanced\n", ""))
    catalog = load_catalog(data_copy)
    assert "local-retail" in catalog.unusable and "local-retail" not in catalog.profiles
    assert catalog.unusable["local-retail"][0].code == "missing-weight"


def test_a_scenario_names_its_base_and_the_profiles_are_listed(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "what-if.yaml"
    path.write_text("format: channelscore/scenario@1\nid: what-if\nbase: zzzzzz\n")
    with pytest.raises(DataError) as error:
        api.profile(catalog, path)
    (problem,) = error.value.problems
    assert problem.message == "profile `zzzzzz` named by `base` does not exist"
    assert problem.hint == "profiles: " + ", ".join(sorted(catalog.profiles))
    assert (problem.line, problem.column) == (3, 7)


def test_a_file_extending_an_id_and_a_profile_naming_an_unknown_parent(catalog: Catalog) -> None:
    plain = loaded(HEAD + "id: plain\nextends: b2b\nweights: {}\n")
    assert resolve_onto(plain, catalog).chain[:2] == ("plain", "b2b")
    lost = loaded(HEAD + "id: lost\nextends: zzzzzz\nweights: {}\n")
    with pytest.raises(DataError) as error:
        resolve_onto(lost, catalog)
    assert error.value.problems[0].message == "profile `zzzzzz` named by `extends` does not exist"
