"""The storage package's own shape: no import cycle inside it, nothing above it imported.

Checked on the source (every import statement, including the ones inside functions and
under TYPE_CHECKING), so a lazy import cannot hide a cycle or an upward reach.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import roadmap.storage

PACKAGE = "roadmap.storage"
FOLDER = Path(roadmap.storage.__file__).parent
BELOW = ("roadmap.model", "roadmap.paths", "roadmap.errors")
"""What storage may use of ours besides itself (and `roadmap.__version__`)."""


def _module(path: Path) -> str:
    return PACKAGE if path.name == "__init__.py" else f"{PACKAGE}.{path.stem}"


def imports_of(path: Path) -> set[str]:
    """Every `roadmap...` module the file imports; `from pkg import mod` counts as pkg.mod
    when mod is a module of the package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return {name for name in found if name.split(".")[0] == "roadmap"}


MODULES = {_module(p) for p in FOLDER.glob("*.py")}
GRAPH = {_module(p): imports_of(p) for p in FOLDER.glob("*.py")}


def test_the_package_holds_one_module_per_job() -> None:
    expected = {f"{PACKAGE}{suffix}" for suffix in (
        "", ".atomic", ".cache", ".decode", ".document", ".encode", ".files", ".layout",
        ".lock", ".reading", ".recovery", ".scan", ".sections", ".statefile", ".store")}
    assert expected == MODULES


def test_no_import_cycle_inside_storage() -> None:
    inside = {name: {dep for dep in deps if dep in MODULES and dep != PACKAGE}
              for name, deps in GRAPH.items()}
    try:
        order = list(TopologicalSorter(inside).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle inside storage: {exc.args[1]}") from None
    assert order.index(f"{PACKAGE}.scan") < order.index(f"{PACKAGE}.decode")
    assert order.index(f"{PACKAGE}.reading") < order.index(f"{PACKAGE}.store")


def test_the_modules_behind_the_api_take_nothing_from_its_init() -> None:
    """The package's __init__ imports the store, which imports the rest: a module that took
    a name from it would be a cycle the graph above cannot see."""
    for name, deps in GRAPH.items():
        if name != PACKAGE:
            assert PACKAGE not in deps, name


def test_storage_imports_nothing_above_it() -> None:
    allowed = MODULES | set(BELOW) | {"roadmap"}
    reaching = {name: sorted(dep for dep in deps
                             if dep not in allowed and not dep.startswith(BELOW))
                for name, deps in GRAPH.items()}
    assert {name: deps for name, deps in reaching.items() if deps} == {}


def test_the_checker_sees_a_cycle_and_an_upward_import(tmp_path: Path) -> None:
    """The graph above is built from real import statements, lazy ones included."""
    file = tmp_path / "probe.py"
    file.write_text("from roadmap.storage import cache, files\n"
                    "def f():\n    from roadmap.storage.store import Store\n"
                    "    import roadmap.catalog\n", encoding="utf-8")
    assert imports_of(file) == {"roadmap.storage.cache", "roadmap.storage.files",
                                "roadmap.storage.store", "roadmap.catalog"}


LAZY = """
import sys
from roadmap.storage import cache, files
print(sorted(m for m in sys.modules if m.startswith("roadmap.storage")))
from roadmap.storage import Store, command_wait, read_state
print(Store.__module__, command_wait.__module__, read_state.__module__)
"""


def test_the_api_loads_the_store_only_when_asked_for() -> None:
    """Reading a template through storage.files and the cache costs no store, lock or reader."""
    result = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True,
                            check=True)
    assert result.stdout == (
        "['roadmap.storage', 'roadmap.storage.atomic', 'roadmap.storage.cache', "
        "'roadmap.storage.files']\n"
        "roadmap.storage.store roadmap.storage.lock roadmap.storage.reading\n")


def test_every_public_name_resolves_and_an_unknown_one_is_an_attribute_error() -> None:
    for name in roadmap.storage.__all__:
        assert getattr(roadmap.storage, name).__name__ == name
    with pytest.raises(AttributeError) as caught:
        roadmap.storage.Nope  # noqa: B018
    assert str(caught.value) == "module 'roadmap.storage' has no attribute 'Nope'"


FRONT = ("cli", "commands", "tui", "completion", "manpage", "application", "session")
"""The front ends and the application layer: storage only through `roadmap.storage`."""


def test_front_ends_and_the_application_use_only_the_public_api() -> None:
    root = FOLDER.parent
    reaching: dict[str, list[str]] = {}
    for name in FRONT:
        files = sorted((root / name).rglob("*.py")) if (root / name).is_dir() else [
            root / f"{name}.py"]
        for file in files:
            if not file.exists():
                continue
            inner = sorted(dep for dep in imports_of(file) if dep.startswith(f"{PACKAGE}."))
            if inner:
                reaching[str(file.relative_to(root))] = inner
    assert reaching == {}
