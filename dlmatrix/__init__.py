"""Deep Learning Framework Matrix: data model, loading, validation, queries and rendering.

Never imports MkDocs: scripts, tests and the macros bridge (main.py) all use it directly.
"""
