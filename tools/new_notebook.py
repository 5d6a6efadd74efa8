"""Write a course notebook from a list of cells: ("md", text) or ("code", source[, tags]).

Used by maintainers to start a notebook; after that the .ipynb is the source and
`make refresh` re-executes it.
"""
import nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def write(path, title, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = title
    for cell in cells:
        kind, source = cell[0], cell[1]
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(source))
        else:
            c = nbformat.v4.new_code_cell(source)
            if len(cell) > 2:
                c.metadata["tags"] = list(cell[2])
            nb.cells.append(c)
    nbformat.write(nb, path)
