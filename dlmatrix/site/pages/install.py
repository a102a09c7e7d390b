"""The install picker (/install/, #22): will each framework install on my machine and use its accelerator?"""

from __future__ import annotations

import json

from dlmatrix.data.vocabulary import ACCELERATORS, ARCHITECTURES, INSTALL_VERDICTS, OPERATING_SYSTEMS, PICKER_PYTHONS
from dlmatrix.site import install_view
from dlmatrix.site.pages import Page, macro


@macro
def install_picker(page: Page) -> str:
    picker = install_view.picker(page.site)
    measured = next((f.install.registry.python for f in picker.frameworks if f.install and f.install.registry), "")
    return page.html(
        "install.html", picker=picker, python_measured=measured,
        platforms_json=json.dumps(picker.platforms, sort_keys=True),
        words_json=json.dumps({k: v.word for k, v in INSTALL_VERDICTS.items()}, sort_keys=True),
        defaults_json=json.dumps(install_view.DEFAULTS, sort_keys=True),
        OPERATING_SYSTEMS=OPERATING_SYSTEMS, ARCHITECTURES=ARCHITECTURES, ACCELERATORS=ACCELERATORS,
        PICKER_PYTHONS=PICKER_PYTHONS)

