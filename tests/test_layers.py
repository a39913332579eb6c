"""The dependency rule, read from the source: errors <- model <- data, core <- words <- render, api <- cli <- console.

Every import counts, those inside functions and under TYPE_CHECKING included; no two modules may
import each other, even through others.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "channelscore"

# What each layer may import from the package (besides itself).
ALLOWED = {
    "errors": set(),
    "model": {"errors"},
    "data": {"errors", "model"},
    "core": {"errors", "model"},
    "words": {"errors", "model", "core"},
    "render": {"errors", "model", "core", "words"},
    "api": {"errors", "model", "data", "core", "words", "render"},
    "cli": {"errors", "model", "api", "render", "words"},
    "__init__": {"api", "errors", "model"},
    "console": {"cli"},
    "__main__": {"console"},
}
# Third-party libraries a layer must not import.
FORBIDDEN = {
    "core": {"pydantic", "yaml", "rich", "typer", "matplotlib"},
    "words": {"pydantic", "yaml", "rich", "typer", "matplotlib", "numpy"},
    "model": {"pydantic", "yaml", "rich", "typer", "numpy"},
    "errors": {"pydantic", "yaml", "rich", "typer", "numpy"},
    "data": {"rich", "typer", "matplotlib"},
    "api": {"rich", "typer"},
    "console": {"pydantic", "yaml", "rich", "typer", "numpy", "matplotlib"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    return parts[1]


def imports(module: str) -> set[str]:
    """Every module of the package and every top-level library that ``module`` imports, anywhere in it."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parents = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parents, base] if base else parents)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return found


def internal(module: str) -> set[str]:
    return {name for name in imports(module) if name in MODULES and name != module}


def test_the_package_has_its_layers() -> None:
    assert {layer(m) for m in MODULES} == set(ALLOWED)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_follow_the_dependency_rule(module: str) -> None:
    own = layer(module)
    wrong = sorted(name for name in internal(module) if layer(name) not in ALLOWED[own] | {own})
    assert wrong == [], f"{module} ({own}) may not import {wrong}"
    libraries = {name.split(".")[0] for name in imports(module)}
    assert not libraries & FORBIDDEN.get(own, set()), f"{module} imports {libraries & FORBIDDEN[own]}"


def test_no_import_cycles() -> None:
    graph = {module: internal(module) for module in MODULES}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target):], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_checker_sees_imports_inside_functions_and_type_checking() -> None:
    """The rule test itself: a lazy import and a TYPE_CHECKING import are both seen."""
    assert "channelscore.data.catalog" in internal("channelscore.data.compiled")  # inside a function
    assert "channelscore.model" in internal("channelscore.cli.commands")  # under TYPE_CHECKING
    assert "channelscore.render.charts" in internal("channelscore.render.document")  # from package import module


def test_the_benchmarks_import_modules_that_exist() -> None:
    for script in sorted((PACKAGE.parents[1] / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                if name.startswith("channelscore"):
                    assert name in MODULES, f"{script.name} imports {name}, which does not exist"
