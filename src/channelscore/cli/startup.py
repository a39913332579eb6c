"""Start-up tweaks applied before anything imports pydantic: a command line has no use for its plugins.

Pydantic looks for third-party plugins through package metadata on first use, which costs more
start-up time than validating all the data.
"""

from __future__ import annotations

import os
import sys


def skip_pydantic_plugins() -> None:
    """Disable pydantic plugins unless the user chose otherwise, and answer pydantic's plugin lookup directly."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true") \
            and "pydantic.plugin._loader" not in sys.modules:
        # With plugins disabled, pydantic's loader only answers "no plugins", but importing it pulls in
        # importlib.metadata (about 10 ms) the first time typer validates an option; answer for it.
        import types

        no_plugins = types.ModuleType("pydantic.plugin._loader")
        no_plugins.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules["pydantic.plugin._loader"] = no_plugins
