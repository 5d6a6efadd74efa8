"""Content models (pydantic), one module per content file or folder."""
