"""A small MCP server over the packaged data (`dlmatrix-data`, `make package`): `python -m dlmatrix.mcp`.

An optional extra (pip install -e .[mcp] or the pins in requirements-test.txt), never part of the site build.
Tools: cell(framework, feature), compare(frameworks, features), which(must_haves, first_party); every answer
carries its level or value, sources and the date it was verified, and the data version (dlmatrix/mcp/server.py).
"""
