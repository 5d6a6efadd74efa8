"""The content models stand alone: course/schema/ imports nothing above it, the loader only the
models and the project's paths, and neither hides an import inside a function (where it would
dodge the order the layers keep)."""
from __future__ import annotations

import ast

from course.paths import PACKAGE_DIR

SCHEMA_MAY_IMPORT = ("course.schema",)
CATALOG_MAY_IMPORT = ("course.schema", "course.paths", "course.notebooks", "course.content_cache",
                      "course.errors")  # ContentError lives below every layer


def course_imports(path):
    """(module imported, at module level?) for every `course...` import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("course"):
            names = [node.module] if node.module != "course" else [f"course.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("course")]
        else:
            continue
        found += [(name, id(node) in top) for name in names]
    return found


def test_schema_imports_only_schema():
    for path in sorted((PACKAGE_DIR / "schema").glob("*.py")):
        for name, _ in course_imports(path):
            assert name.startswith(SCHEMA_MAY_IMPORT), f"{path.name} imports {name}"


def test_the_loader_imports_only_the_models_and_paths_at_module_level():
    for name in ("catalog.py", "notebooks.py", "content_cache.py"):
        for module, at_top in course_imports(PACKAGE_DIR / name):
            assert at_top, f"{name}: `import {module}` inside a function"
            assert module.startswith(CATALOG_MAY_IMPORT), f"{name} imports {module}"


def test_no_import_inside_a_function_in_the_models():
    for path in sorted((PACKAGE_DIR / "schema").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nested = [n for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                  for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))]
        assert not nested, f"{path.name}: import inside a function at line {nested[0].lineno}"


def test_no_module_of_the_content_layer_is_over_400_lines():
    for path in [*sorted((PACKAGE_DIR / "schema").glob("*.py")), PACKAGE_DIR / "catalog.py",
                 PACKAGE_DIR / "notebooks.py", PACKAGE_DIR / "content_cache.py"]:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path.name} has {lines} lines"
