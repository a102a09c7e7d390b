"""Deep Learning Framework Matrix: the data pipeline (data/), the site built from it (site/) and the tools around it (tools/).

Never imports MkDocs: scripts, tests and the macros bridge (main.py) all use it directly.
"""

# The project's repository on the forge and its default branch: every "edit", "suggest a fix" and source link, the
# tools' user agents and the measured cells' sources are made from these two (mkdocs.yml's repo_url default,
# CITATION.cff, the issue forms' config and the theme's edit links must agree: tests/test_forge.py).
REPOSITORY = "https://github.com/dl-framework-matrix/dl-framework-matrix"
BRANCH = "main"
