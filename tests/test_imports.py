"""The package's import structure, drawn from the code's own import statements.

Every import counts: at the top, inside functions and under ``TYPE_CHECKING``, so a
circle cannot hide behind a late import. The rules (ARCHITECTURE.md draws them):

- no import circle among the modules of ``game/``;
- ``game/engine`` is the bottom layer: it imports no pygame and nothing from ``game/``
  but itself and the leaves :mod:`game.paths`, :mod:`game.errors` and :mod:`game.i18n`;
- ``game/i18n`` (languages) is a leaf too: it imports nothing from ``game/`` but
  :mod:`game.paths`;
- ``game/tools`` never imports ``game/ui`` (tools work without a display);
- nothing in ``game/`` imports ``game/ui`` but ``game/ui`` itself and ``game/cli.py``
  (and ``main.py``, which only calls the command line).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

GAME = ROOT / "game"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(GAME.rglob("*.py"))}


def raw_imports(path: Path) -> Iterator[str]:
    """Every name an import statement in ``path`` brings in, as a dotted module path
    (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def resolve(target: str) -> str | None:
    """The module of ``game/`` an imported name lives in, or None if it is outside."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def internal_imports(path: Path) -> set[str]:
    own = module_name(path)
    found = {resolve(t) for t in raw_imports(path)}
    # A package's __init__ always runs before its submodules, so an edge from a
    # submodule up to its own package says nothing (``from game.engine import checks``
    # names game.engine.checks); the facade's imports down into it do count.
    return {m for m in found if m is not None and m != own and not own.startswith(m + ".")}


def graph() -> dict[str, set[str]]:
    return {name: internal_imports(path) for name, path in MODULES.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of two or more modules (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in edges:
                    continue
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check itself can fail: a made-up graph with one circle and one tail."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_in_game() -> None:
    assert cycles(graph()) == []


def test_imports_inside_functions_are_counted() -> None:
    edges = graph()
    # game/cli.py imports the window lazily (inside a function): it still counts.
    assert "game.ui.app" in edges["game.cli"]


def test_the_engine_imports_no_pygame_and_nothing_above_it() -> None:
    allowed = ("game.engine", "game.paths", "game.errors", "game.i18n")
    offenders = []
    for name, path in MODULES.items():
        if not name.startswith("game.engine"):
            continue
        for target in raw_imports(path):
            top = target.split(".")[0]
            if top == "pygame":
                offenders.append(f"{name} imports {target}")
            elif top == "game":
                module = resolve(target)
                if module not in ("game", None) and not module.startswith(allowed):
                    offenders.append(f"{name} imports {module}")
                # from game import something that is not a module: a package name. The
                # one version number (game.__version__) is a leaf every layer may read.
                if module == "game" and target not in ("game", "game.__version__"):
                    offenders.append(f"{name} imports {target}")
    assert offenders == []


def test_the_tools_never_import_the_window() -> None:
    offenders = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        if name.startswith("game.tools")
        for target in targets
        if target.startswith("game.ui")
    ]
    assert offenders == []


def test_only_the_command_line_imports_the_window() -> None:
    offenders = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        if not name.startswith("game.ui") and name != "game.cli"
        for target in targets
        if target == "game.ui" or target.startswith("game.ui.")
    ]
    assert offenders == []
    main = {resolve(t) for t in raw_imports(ROOT / "main.py")} - {None}
    assert main <= {"game.cli", "game"}, f"main.py imports {main}"


#: Modules outside game/engine allowed to import an engine submodule, and why.
ENGINE_PRIVATE_ALLOWED = {
    # The JSON Schema of the story format is generated from the loader's own field
    # lists, so that the schema and the loader can never disagree.
    "game/tools/schema.py",
}


def engine_submodule_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("game.engine."):
                found.append(node.module)
            elif node.module == "game.engine":
                found += [f"game.engine.{a.name}" for a in node.names if a.name[0].islower()]
                found = [f for f in found if resolve(f) != "game.engine"]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("game.engine.")]
    return found


def test_everything_outside_the_engine_uses_its_public_face() -> None:
    """Front ends, tools, benchmarks and devtools import from ``game.engine`` only."""
    files = [ROOT / "main.py"] + [
        path
        for folder in ("game", "benchmarks", "devtools")
        for path in sorted((ROOT / folder).rglob("*.py"))
    ]
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in files
        if not path.is_relative_to(GAME / "engine")
        and str(path.relative_to(ROOT)) not in ENGINE_PRIVATE_ALLOWED
        for module in engine_submodule_imports(path)
    ]
    assert offenders == []


def test_the_public_face_names_only_what_it_has() -> None:
    import game.engine

    missing = [name for name in game.engine.__all__ if not hasattr(game.engine, name)]
    assert missing == []
    assert {"load_story", "Runner", "SceneView", "ChoiceView", "Diagnostic", "Story"} <= set(
        game.engine.__all__
    )


def test_the_languages_module_is_a_leaf() -> None:
    offenders = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        if name.startswith("game.i18n")
        for target in targets
        if target.startswith("game") and not target.startswith(("game.i18n", "game.paths"))
    ]
    assert offenders == []
