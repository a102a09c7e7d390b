"""Deep Learning Framework Matrix: the data pipeline (data/), the site built from it (site/) and the tools around it (tools/).

Never imports MkDocs: scripts, tests and the macros bridge (main.py) all use it directly.
"""
