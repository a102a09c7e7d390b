"""The macros bridge (mkdocs-macros `define_env`, also run by Zensical): exposes dlmatrix's page fragments.

Thin on purpose: find the Site of the data, register every macro of dlmatrix/site/pages/, and decide what a
failure does. In a build a data or macro error stops the build (no traceback, every data error listed);
under `make serve` (DLM_SERVE=1) it is printed in the terminal and shown in the page, and the next edit
that fixes it rebuilds normally.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # Zensical loads this file by path, not from the project root

from dlmatrix.data.errors import DataError, DataErrors
from dlmatrix.data.files import refuse_links
from dlmatrix.site.html_blocks import HtmlBlocks, active_for, unmarked
from dlmatrix.site.meta import dataset_jsonld, page_meta
from dlmatrix.site.pages import MACROS, Page
from dlmatrix.site.publish import publish
from dlmatrix.site.render import render
from dlmatrix.site.urls import Urls, page_urls
from dlmatrix.site.views import Site, site_for


def build_date() -> dt.date:
    # Reproducible builds: the date comes from SOURCE_DATE_EPOCH when it is set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


def is_zensical(env: Any) -> bool:
    return type(env).__module__.startswith("zensical.")


def url_base(env: Any) -> str:
    """The path from the page's URL to the site root ("claims/" -> "../")."""
    return "../" * (getattr(env.page, "url", "") or "").count("/")


def link_base(env: Any) -> str:
    """The path from the page to the site root, as the builder reads the relative `href` and `src` in the page's
    HTML. MkDocs leaves them as written: relative to the page's URL. Zensical reads them as relative to the page's
    source file and rewrites them for its URL ("claims.md" -> "", which it makes "../"); a base from the URL gave
    every link of a page not named index.md one "../" too many, which a domain root hides and a path prefix does
    not. Zensical leaves other addresses as written (Urls.as_written)."""
    if is_zensical(env):
        return "../" * str(getattr(env.page, "path", "") or "").count("/")
    return url_base(env)


def source_path(env: Any) -> str:
    """The page's source file, relative to docs/ ("claims.md")."""
    if is_zensical(env):
        return str(getattr(env.page, "path", "") or "")
    return str(getattr(getattr(env.page, "file", None), "src_uri", "") or "")


DATASET_PAGES = ("index.md", "api/index.md")  # the pages that carry the data set as schema.org JSON-LD


def describe(env: Any, site: Site) -> None:
    """The page's description (when its front matter has none) and the date of the data behind it, into its meta
    before the page is rendered: the theme writes them out (overrides/main.html, overrides/sitemap.xml)."""
    meta = getattr(env.page, "meta", None)
    src = source_path(env)
    if not isinstance(meta, dict) or not src:
        return
    docs_dir = ROOT / str((getattr(env, "conf", None) or {}).get("docs_dir") or "docs")
    source = docs_dir / src
    found = page_meta(site, src, has_macros=source.is_file() and "{{" in source.read_text(encoding="utf-8"))
    if found.description and not meta.get("description"):
        meta["description"] = found.description
    if found.lastmod:
        meta["lastmod"] = found.lastmod.isoformat()
    if src in DATASET_PAGES:
        # The schema.org Dataset goes into <head> (overrides/main.html): Material's instant navigation re-creates the
        # scripts of the page's content as plain scripts, and JSON-LD there ran as JavaScript (blocked by the CSP).
        conf = getattr(env, "conf", None) or {}
        document = dataset_jsonld(site, Urls("", str(conf.get("site_url") or ""), str(conf.get("repo_url") or "")),
                                  str(conf.get("site_description") or ""), str(conf.get("repo_url") or ""))
        meta["jsonld"] = json.dumps(document, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c") \
            .replace(">", "\\u003e").replace("&", "\\u0026")  # safe inside <script>


# The Site define_env found for this build (None after a data error): on_pre_page_macros reads it, and does not
# read the data again for every page.
_build_site: list[Site | None] = [None]


def on_pre_page_macros(env: Any) -> None:
    """mkdocs-macros calls this before each page's macros (Zensical calls define_env for each page instead)."""
    if _build_site[0] is not None:
        describe(env, _build_site[0])


def define_env(env: Any) -> None:
    serving = os.environ.get("DLM_SERVE") == "1"
    site: Site | None = None
    data_errors: list[DataError] = []
    data_dir = Path(os.environ.get("DLM_DATA_DIR") or ROOT / "data")
    try:
        site = site_for(data_dir, build_date())
    except DataErrors as exc:
        data_errors = exc.errors
        print("\n".join(str(e) for e in data_errors), file=sys.stderr)
        print(f"{len(data_errors)} data error(s): the site was not built.", file=sys.stderr)
        if not serving:
            raise SystemExit(1) from None

    _build_site[0] = site
    conf = getattr(env, "conf", None) or {}  # the builder's configuration (mkdocs.yml)
    # Pages and theme overrides are read by the builder itself: a link there would publish what it points at.
    link_errors = [error for folder in (ROOT / str(conf.get("docs_dir") or "docs"), ROOT / "overrides")
                   for error in refuse_links(folder)]
    if link_errors:
        site, data_errors = None, sorted([*data_errors, *link_errors])
        print("\n".join(str(e) for e in link_errors), file=sys.stderr)
        if not serving:
            raise SystemExit(1)
    extensions = conf.get("markdown_extensions")
    if isinstance(extensions, list) and not any(isinstance(e, HtmlBlocks) for e in extensions):
        extensions.append(HtmlBlocks())  # the macros' HTML skips Python-Markdown's HTML parser (html_blocks.py)
    site_url, repo_url = str(conf.get("site_url") or ""), str(conf.get("repo_url") or "")
    if site is not None and conf.get("docs_dir"):  # API, feeds and badges: into docs/ before the builder collects files
        # (under `make serve` only when missing: on_post_build refreshes them in the served site, so that no write to
        # docs/ starts another rebuild)
        try:
            publish(site, ROOT / str(conf["docs_dir"]), site_url, repo_url, data_dir, only_if_missing=serving)
        except DataErrors as exc:  # a link where a generated folder is: refused, never written through
            data_errors, site = exc.errors, None
            print("\n".join(str(e) for e in data_errors), file=sys.stderr)
            if not serving:
                raise SystemExit(1) from None

    pages = page_urls(ROOT / str(conf["docs_dir"])) if conf.get("docs_dir") else None  # a link to no page fails

    if site is not None and is_zensical(env) and getattr(env, "page", None) is not None:
        describe(env, site)  # Zensical runs define_env for every page, and no on_pre_page_macros

    def page() -> Page:
        assert site is not None
        return Page(site, Urls(link_base(env), site_url, repo_url, pages, url_base(env)))

    # A Zensical page whose Markdown was made before the extension joined the configuration gets no marks.
    marked = not is_zensical(env) or active_for(env.page)

    def bridge(name: str, fragment: Callable[..., str]) -> Callable[..., str]:
        def run(*args: Any, **kwargs: Any) -> str:
            if site is None:
                return render("build_error.html", title="The data has errors", errors=[str(e) for e in data_errors])
            try:
                html = fragment(page(), *args, **kwargs)
                return html if marked else unmarked(html)
            except Exception as exc:
                if not serving:
                    raise
                where = getattr(getattr(env.page, "file", None), "src_uri", "?")
                print(f"docs/{where}: {name}(): {exc}", file=sys.stderr)
                return render("build_error.html", title=f"{name}() failed on this page", errors=[str(exc)])
        return run

    for name, fragment in MACROS.items():
        env.macro(bridge(name, fragment), name)
    data = site.data if site else None
    env.variables["dataset_counts"] = {
        "frameworks": len(data.frameworks) if data else 0,
        "features": len(data.features) if data else 0,
        "topics": len(data.topics) if data else 0,
        "use_cases": len(data.use_cases) if data else 0,
    }


def on_post_build(env: Any) -> None:
    """mkdocs-macros calls this after MkDocs wrote the site (Zensical never does): under `make serve`, the
    generated files of the data as it is now go straight into the served site."""
    if os.environ.get("DLM_SERVE") != "1":
        return
    data_dir = Path(os.environ.get("DLM_DATA_DIR") or ROOT / "data")
    try:
        site = site_for(data_dir, build_date())
    except DataErrors:
        return  # define_env has reported them
    try:
        publish(site, Path(env.conf["site_dir"]), str(env.conf.get("site_url") or ""),
                str(env.conf.get("repo_url") or ""), data_dir)
    except DataErrors as exc:  # a link in the served site: refused, reported, and serving goes on
        print("\n".join(str(e) for e in exc.errors), file=sys.stderr)
