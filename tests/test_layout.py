"""The folder tree shows the flow: quantities know nothing of claims, claims nothing of
outputs or of running, outputs nothing of running (no module reaches back upstream)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import claims

PACKAGE = Path(claims.__file__).parent
#: What each layer may import from the project, besides itself.
ALLOWED = {
    "quantity": {"claims.normalize"},
    "claim": {"claims.normalize", "claims.model", "claims.quantity"},
    "output": {"claims.normalize", "claims.model", "claims.quantity", "claims.claim",
               "claims.evaluate"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    found |= {node.module for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module}
    return {name for name in found if name.startswith("claims")}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_comes_before_it(layer: str) -> None:
    allowed = ALLOWED[layer] | {f"claims.{layer}"}
    for module in (PACKAGE / layer).glob("*.py"):
        for name in _imports(module):
            assert any(name == a or name.startswith(a + ".") for a in allowed), \
                (module.name, name)
