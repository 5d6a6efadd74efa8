"""Re-execute every notebook in place so its stored outputs match the current course.

Outputs are kept only where nbval checks them (cells tagged `nbval-check-output`, such as
the figures from facts.yaml); widget outputs are dropped, since they mean nothing outside a
live kernel. Run through `make refresh`, which points the store at a throwaway file, so stored
outputs never contain anyone's progress.
"""
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECKED = "nbval-check-output"


def refresh(path: Path, target: Path | None = None) -> None:
    """Execute `path` and write it back (or to `target`)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("course.fact(") \
                and CHECKED not in cell.metadata.get("tags", []):
            cell.metadata.setdefault("tags", []).append(CHECKED)  # a figure's text must not drift
    # record_timing=False: no execution timestamps, so a refresh that changes nothing leaves no diff.
    NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timings an older refresh stored
        if cell.cell_type == "code" and CHECKED not in cell.metadata.get("tags", []):
            cell.outputs = []
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, target or path)
    print(f"refreshed {path}")


if __name__ == "__main__":
    for target in map(Path, sys.argv[1:] or ["notebooks"]):
        paths = [target] if target.suffix == ".ipynb" else sorted(target.rglob("*.ipynb"))
        for nb_path in paths:
            if ".ipynb_checkpoints" not in nb_path.parts:
                refresh(nb_path)
