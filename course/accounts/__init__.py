"""Accounts: who may use the course server, with which role, and the server that enforces it."""
