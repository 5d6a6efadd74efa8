"""The `course` command, one module per command group."""
