"""Hostile data never reaches a page as markup: the live data with injection payloads in every kind of
text field is built, served and opened in Chromium. No payload runs, no dialog opens, no payload element
exists, and template syntax shows literally."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from dlmatrix.data.model import no_raw_html
from tests.conftest import ROOT, build_site, run

# Every script payload sets window.__pwned (or opens a dialog); a marker around template syntax shows
# whether it was evaluated ("tplA 49 tplB") or kept as text ("tplA {{ 7*7 }} tplB").
SCRIPT_PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "\"><svg onload=\"window.__pwned='svg-dq'\">",
    "'><svg/onload=window.__pwned='svg-sq'>",
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
    "[click me](javascript:window.__pwned='md-link')",
    "[click me](javascript&#58;alert(1))",
    "<a href=\"javascript:alert('a-href')\">link</a>",
    "<details open ontoggle=alert('details')>",
    "</td></tr></table><script>window.__pwned='breakout'</script>",
    "`</code><script>window.__pwned='code'</script>`",
    "{: onclick=\"window.__pwned='attr-list'\" }",
    "<!-- <script>window.__pwned='comment'</script> -->",
    "*<img src=x onerror=alert('emphasis')>*",
    "![img](javascript:alert('md-image'))",
    "<style>body{display:none}</style>",
    "</title><script>window.__pwned='title'</script>",
    "</textarea></noscript></template><script>window.__pwned='rcdata'</script>",
]
TEMPLATE_PAYLOADS = [
    "tplA {{ 7*7 }} tplB",
    "tplC {% raw %} tplD",
    "tplE {{ config }} tplF",
    "tplG {{ ''.__class__.__mro__ }} tplH",
    "tplI {% include 'matrix.html' %} tplJ",
    "tplK ${7*7} tplL",
]
PAYLOADS = SCRIPT_PAYLOADS + TEMPLATE_PAYLOADS
NAME_PAYLOADS = [SCRIPT_PAYLOADS[-2], *SCRIPT_PAYLOADS[:-2], SCRIPT_PAYLOADS[-1], *TEMPLATE_PAYLOADS]
SHORT_PAYLOADS = ["<b onmouseover=alert(1)>", "\"><svg onload=alert(1)>", "{{ 7*7 }}", "<script>x</script>"]
# A URL that is valid http(s) (so validation lets it through) but tries to break out of an attribute.
# Quotes and angle brackets are refused in URLs (model._check_url); a single quote is legal in a URL,
# so this one passes validation and tests that the href attribute cannot be broken out of.
HOSTILE_URL = "https://hostile.invalid/x'onmouseover='window.__pwned=1'"
TEMPLATE_MARKERS = [("tplA {{ 7*7 }} tplB", "tplA 49 tplB"), ("tplK ${7*7} tplL", "tplK 49 tplL")]
SELECTOR = ("[onerror], [onload], [onclick], [ontoggle], [onmouseover], iframe, svg[onload], details[ontoggle], "
            "img[src='x'], a[href^='javascript' i], style:not([id]):not([data-md-component])")


LONG_TEXT = 2000  # the limit of the model's LongText: notes, descriptions, reasoning, caveats, audience


def as_code(payload: str) -> str:
    """A payload as inline Markdown allows it: as is without raw HTML, else in a code span (shown, never run)."""
    try:
        return no_raw_html(payload)
    except ValueError:
        return f"`` {payload} ``"


def test_payloads_with_markup_are_refused_in_markdown_fields_and_kept_as_code() -> None:
    refused = [p for p in PAYLOADS if p != as_code(p)]
    assert refused, "no payload holds raw HTML: the Markdown fields would not test the refusal"
    for payload in refused:
        with pytest.raises(ValueError, match="raw HTML"):
            no_raw_html(payload)
        assert no_raw_html(as_code(payload)) == as_code(payload)


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def inject(data: Path) -> int:
    """Put payloads into names, summaries, notes, text values, feature names and descriptions, verdicts.
    Returns how many strings were changed."""
    cycle = itertools.cycle(PAYLOADS)
    short = itertools.cycle(SHORT_PAYLOADS)
    changed = 0

    def hostile(text: str, limit: int) -> str:
        nonlocal changed
        changed += 1
        payload = next(cycle)
        if limit == LONG_TEXT:  # inline Markdown fields refuse raw HTML (model.no_raw_html): markup goes in as code
            payload = as_code(payload)
        return _fit(f"{payload} {text}", limit)

    def hostile_names(docs: list[dict[str, Any]]) -> None:
        """Names become headings, page titles and table headers: every kind of entity gets every payload,
        the <title> break-out first."""
        nonlocal changed
        names = itertools.cycle(NAME_PAYLOADS)
        for doc in docs:
            changed += 1
            doc["name"] = _fit(f"{next(names)} {doc['name']}", 300)

    def load(folder: str) -> list[tuple[Path, dict[str, Any]]]:
        return [(path, yaml.safe_load(path.read_text())) for path in sorted((data / folder).glob("*.yaml"))]

    def save(docs: list[tuple[Path, dict[str, Any]]]) -> None:
        for path, doc in docs:
            path.write_text(yaml.dump(doc, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=1000))

    features: dict[str, str] = {}
    topics = load("topics")
    hostile_names([doc for _, doc in topics])
    hostile_names([feature for _, doc in topics for feature in doc["features"]])
    for _, doc in topics:
        doc["description"] = hostile(doc["description"], 2000)
        for feature in doc["features"]:
            feature["description"] = hostile(feature.get("description") or "", 2000)
            features[feature["id"]] = feature.get("kind", "support")
        if doc.get("verdict"):
            doc["verdict"]["reasoning"] = hostile(doc["verdict"]["reasoning"], 2000)
            doc["verdict"]["sources"] = [HOSTILE_URL, *doc["verdict"]["sources"]][:8]
    save(topics)
    frameworks = load("frameworks")
    hostile_names([doc for _, doc in frameworks])
    for _, doc in frameworks:
        doc["summary"] = hostile(doc.get("summary") or "summary", 240)
        if doc.get("successor"):
            doc["successor"] = hostile(doc["successor"], 300)
        doc["sources"] = [HOSTILE_URL, *doc.get("sources", [])][:8]
        for index, (feature_id, cell) in enumerate(doc["cells"].items()):
            cell["note"] = hostile(cell.get("note") or "", 2000)
            if features.get(feature_id) == "text" and isinstance(cell.get("value"), str):
                cell["value"] = hostile(cell["value"], 300)
                cell.pop("derived", None)  # now a hand-written value: no longer the registry sync's
            if index % 3 == 0 and cell.get("level") not in (None, "unknown"):
                cell["since"] = next(short)
                cell["sources"] = [HOSTILE_URL, *cell.get("sources", [])][:8]
    save(frameworks)
    use_cases = load("use_cases")
    hostile_names([doc for _, doc in use_cases])
    for _, doc in use_cases:
        for key, limit in (("audience", 2000), ("summary", 240)):
            doc[key] = hostile(doc.get(key) or key, limit)
        if doc.get("verdict"):  # optional: a scaffolded use case has none yet
            doc["verdict"]["reasoning"] = hostile(doc["verdict"]["reasoning"], 2000)
            doc["verdict"]["caveats"] = [hostile(c, 2000) for c in doc["verdict"].get("caveats", [])] or [
                hostile("caveat", 2000)]
    save(use_cases)
    return changed


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(ROOT / "data", data)
    assert inject(data) > 500
    check = run([sys.executable, str(ROOT / "scripts/validate.py"), str(data)])
    assert check.returncode == 0, f"the payload data must be valid, or nothing is tested:\n{check.stderr}"
    result = build_site(root / "site", data_dir=data)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return root / "site"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


@pytest.mark.build
def test_no_payload_markup_in_any_built_page(hostile_site: Path) -> None:
    pages = html_pages(hostile_site)
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        where = page.relative_to(hostile_site)
        assert not soup.select(SELECTOR), (where, [str(e)[:120] for e in soup.select(SELECTOR)][:5])
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data, not code: the payload may be text in it, but
                json.loads(script.string or "")  # it stays JSON and holds no "<" that could close the element
                assert "<" not in (script.string or ""), (where, script)
                continue
            assert "__pwned" not in (script.string or "") and "alert(" not in (script.string or ""), (where, script)
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (where, str(tag)[:200])
                values = value if isinstance(value, list) else [value]
                assert not any(re.match(r"\s*(javascript|data|vbscript):", v, re.I) for v in values), (where, tag)
        for _kept, evaluated in TEMPLATE_MARKERS:
            assert evaluated not in text, (where, evaluated)
        # kept whole, as text: in the page's text, its meta (descriptions) or its JSON-LD
        kept = soup.get_text() + " ".join(str(m.get("content", "")) for m in soup.find_all("meta")) + " ".join(
            json.dumps(json.loads(s.string or "null")) for s in soup.find_all("script", type="application/ld+json"))
        assert "tplE {{ config }}" not in text or "tplE {{ config }} tplF" in kept, where
        assert "site_name" not in soup.get_text(), (where, "{{ config }} was evaluated")


@pytest.mark.build
def test_payloads_are_shown_as_text(hostile_site: Path) -> None:
    """The payloads are not just dropped: a reader sees them as the text the contributor wrote."""
    matrix = BeautifulSoup((hostile_site / "matrix/index.html").read_text(encoding="utf-8"), "html.parser")
    shown = matrix.get_text()
    for kept, _ in TEMPLATE_MARKERS:
        assert kept in shown, kept
    assert "<script>window.__pwned='script'</script>" in shown
    assert "<img src=x onerror=\"window.__pwned='img'\">" in shown
    assert "{% raw %}" in shown



def _visit(page: Any, url: str) -> None:
    # networkidle: leaving a page while Material still fetches the search index would abort that request,
    # which the `page` fixture reports as a failure
    page.goto(url, wait_until="networkidle")


@pytest.mark.browser
@pytest.mark.build
def test_no_script_runs_in_the_browser(hostile_site: Path, serve: Any, page: Any) -> None:
    base = serve(hostile_site)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # Every page, so that each payload (they rotate over the data) is loaded at least once.
    kinds = sorted(str(p.relative_to(hostile_site)).removesuffix("index.html") for p in html_pages(hostile_site))
    assert {"", "matrix/", "frameworks/pytorch/", "topics/deployment/", "use-cases/teaching/"} <= set(kinds), \
        "page kinds missing from the build"
    for kind in kinds:
        _visit(page, base + kind)
        if kind == "matrix/":  # the filter re-renders highlighted text with innerHTML: drive it
            search = "[data-dlm-controls] input[type=search]"
            page.fill(search, "script")
            page.wait_for_timeout(300)
            page.fill(search, "onerror")
            page.wait_for_timeout(300)
            _visit(page, base + "matrix/?q=%3Cimg&search=%3Cimg&diff=1")
        if kind == "":  # Material's search renders results from the index built from this text
            page.keyboard.press("/")
            page.keyboard.type("onerror")
            page.wait_for_timeout(1500)
            page.keyboard.press("Escape")
        # hover and click every payload-looking element a reader could touch
        for anchor in page.query_selector_all(".dlm-note a, .dlm-feature-desc a")[:20]:
            href = anchor.get_attribute("href") or ""
            assert href.startswith(("http://", "https://")), (kind, href)
        assert page.evaluate("typeof window.__pwned") == "undefined", (kind, page.evaluate("window.__pwned"))
        assert page.evaluate(f"document.querySelectorAll({SELECTOR!r}).length") == 0, kind
        body = page.evaluate("document.body.innerText")
        for _kept, evaluated in TEMPLATE_MARKERS:
            assert evaluated not in body, (kind, evaluated)
    assert not dialogs, dialogs
    _visit(page, base + "matrix/")
    matrix_text = page.evaluate("document.body.innerText")
    assert "tplA {{ 7*7 }} tplB" in matrix_text
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_hostile_url_is_valid_so_the_attribute_test_is_real() -> None:
    """The attribute break-out URL must pass validation, or the build test would not exercise it."""
    from dlmatrix.data.model import _check_url

    assert _check_url(HOSTILE_URL) == HOSTILE_URL


@pytest.mark.parametrize("url", ['https://hostile.invalid/"><svg/onload=alert(1)>', "https://hostile.invalid/<script>",
                                 "https://hostile.invalid/a`b", "https://hostile.invalid/{{7*7}}"])
def test_urls_with_markup_characters_are_refused(url: str) -> None:
    from dlmatrix.data.model import _check_url

    with pytest.raises(ValueError, match="percent-encode"):
        _check_url(url)
