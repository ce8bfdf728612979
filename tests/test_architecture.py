"""Imports point down: seminar <- agenda <- groups <- ideas, and no module imports itself back.

Read from the source with `ast`, so a function-local import counts too. The project's edges
(settings, urls, asgi, routing, management commands) wire the apps together and may import
any of them. A function-local import of the project's own modules says why in a comment.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings

LAYERS = ["seminar", "agenda", "groups", "ideas"]
ROOT = Path(settings.BASE_DIR)
EDGES = {"settings.py", "urls.py", "asgi.py", "routing.py"}


def modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
            yield name, path


def imports(path):
    """(module imported, line, at top level?, line text) for each import of the project."""
    source = path.read_text()
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] in LAYERS:
                yield target, node.lineno, node.col_offset == 0, lines[node.lineno - 1]


def is_edge(path):
    return path.name in EDGES or "management" in path.parts


def test_imports_point_down():
    upward = []
    for name, path in modules():
        if is_edge(path):
            continue
        layer = LAYERS.index(name.split(".")[0])
        for target, line, _top, _text in imports(path):
            if LAYERS.index(target.split(".")[0]) > layer:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    assert not upward, "\n".join(upward)


def test_function_local_imports_say_why():
    silent = []
    for _name, path in modules():
        for target, line, top, text in imports(path):
            if not top and "#" not in text:
                silent.append(f"{path.relative_to(ROOT)}:{line} imports {target} inside a function")
    assert not silent, "\n".join(silent)


def test_no_import_cycles_between_modules():
    known = dict(modules())
    graph = defaultdict(set)
    for name, path in known.items():
        for target, _line, top, _text in imports(path):
            # "from ideas import live" names the module ideas.live; "from ideas.models import
            # Vote" the module ideas.models.
            module = target if target in known else target.rsplit(".", 1)[0]
            if top and module in known and module != name:
                graph[name].add(module)
    cycles = []
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for node in sorted(known):
        if node not in state:
            visit(node, [node])
    # A package's __init__ importing its own modules is not a cycle of layers.
    cycles = [cycle for cycle in cycles if not _package_init(cycle)]
    assert not cycles, "\n".join(cycles)


def _package_init(cycle):
    first, *_rest = cycle.split(" -> ")
    return all(part.startswith(first + ".") or part == first for part in cycle.split(" -> "))


@pytest.mark.parametrize(
    "module", ["seminar.services", "seminar.permissions", "seminar.views", "seminar.live"]
)
def test_the_base_apps_domain_imports_nothing_above_it(module):
    path = ROOT / (module.replace(".", "/") + ".py")
    above = [target for target, *_rest in imports(path) if target.split(".")[0] != "seminar"]
    assert not above


def test_exercise_packages_use_their_own_services_not_the_gathering_module():
    """`ideas/services.py` names every package's services for callers outside the app; a
    package that imported it would stand below the module that imports the package."""
    leaning = [
        f"{path.relative_to(ROOT)}:{line}"
        for name, path in modules()
        if name.startswith("ideas.") and name.count(".") >= 2
        for target, line, _top, _text in imports(path)
        if target in {"ideas.services"}
    ]
    assert not leaning, "\n".join(leaning)
