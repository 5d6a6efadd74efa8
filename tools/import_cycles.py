"""Find import cycles among the course's modules, counting imports inside functions too.

An import inside a function still ties two modules together: it only moves the failure (or the
surprise) to the moment the function runs. So this reads every `import` statement in every module
of the package, wherever it stands, and reports each group of modules that import one another
round in a circle (a strongly connected component of the import graph). A package's own
`__init__.py` is not counted as imported by its submodules: Python runs it first, but it is not a
dependency the submodule chose.

    python tools/import_cycles.py            # prints the cycles; exit 1 if there is one
    python tools/import_cycles.py --graph    # prints every module's imports
    python tools/import_cycles.py --all      # also counts the imports .importlinter lists as known

The upward imports that the layer contract lists under `ignore_imports` (.importlinter) are today's
known exceptions, waiting to be removed; they are left out here too, so one list says what is left
to fix. A cycle made of anything else fails.
"""
from __future__ import annotations

import ast
import configparser
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "course"
# Known imports inside one layer that close a cycle (the layer contract allows them, so they are
# not in .importlinter): the content models import their base types from catalog.py, which imports
# them back; the schema split moves the base types to course/schema/base.py. Burn this list down.
KNOWN_CYCLE_IMPORTS = {
    ("course.schema.operations", "course.catalog"),
    ("course.schema.quality", "course.catalog"),
    ("course.schema.staffing", "course.catalog"),
}


def module_names(root: Path = ROOT, package: str = PACKAGE) -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module a dotted name lands in: itself, or the nearest enclosing module."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The course modules that `module` imports anywhere in its source."""
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package, up level - 1
                here = module.split(".") if is_package else module.split(".")[:-1]
                here = here[:len(here) - (node.level - 1)]
                base = ".".join(here + ([base] if base else []))
            # `from course import catalog` imports the module course.catalog; `from x import name` imports x
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        for name in names:
            if name == PACKAGE or name.startswith(PACKAGE + "."):
                target = _resolve(name, modules)
                if target and target != module:
                    targets.add(target)
    return targets


def known_imports(root: Path = ROOT) -> set[tuple[str, str]]:
    """(importer, imported) pairs listed as known exceptions in the layer contract."""
    config = configparser.ConfigParser()
    config.read(root / ".importlinter")
    pairs = set()
    for section in config.sections():
        if config[section].get("type") != "layers":
            continue
        for line in config[section].get("ignore_imports", "").splitlines():
            importer, arrow, imported = line.partition("->")
            if arrow:
                pairs.add((importer.strip(), imported.strip()))
    return pairs


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    modules = module_names(root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of two or more modules that reach one another (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return sorted(found)


def one_loop(group: list[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest path round the circle from the group's first module, to show what to cut."""
    start = group[0]
    members = set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(edges[node] & members):
                if child == start:
                    return paths[node] + [start]
                if child not in paths:
                    paths[child] = paths[node] + [child]
                    following.append(child)
        frontier = following
    return group


def main(argv: list[str]) -> int:
    edges = graph()
    if "--all" not in argv:
        known = known_imports() | KNOWN_CYCLE_IMPORTS
        gone = sorted(pair for pair in known if pair[1] not in edges.get(pair[0], set()))
        if gone:  # fixed: the list must shrink with the code, or it would hide the next such import
            for importer, imported in gone:
                print(f"{importer} no longer imports {imported}: remove it from the known imports "
                      f"(.importlinter or KNOWN_CYCLE_IMPORTS in {Path(__file__).name})")
            return 1
        for importer, imported in known:
            edges[importer].discard(imported)
    if "--graph" in argv:
        for name in sorted(edges):
            print(f"{name}: {', '.join(sorted(edges[name])) or '-'}")
        return 0
    found = cycles(edges)
    for group in found:
        print(f"import cycle among {len(group)} modules: {', '.join(group)}")
        print(f"  for example: {' -> '.join(one_loop(group, edges))}")
    if found:
        print(f"{len(found)} import cycle(s) (imports inside functions count): see above.")
        return 1
    print(f"no import cycles among {len(edges)} modules (imports inside functions counted)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
