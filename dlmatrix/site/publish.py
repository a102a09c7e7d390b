"""The files generated next to the pages: the data API, the Atom feeds, the badges and the site's own assets.

    docs/api/v1/   index.json, frameworks.json, frameworks/<id>.json, features.json, use-cases.json,
                   claims.json, matrix.csv, schema/<name>.schema.json    (dlmatrix/site/api.py)
                   features/<id>.json, topics/<id>.json, all.json, changes.json, checksums.txt  (api_items.py)
    docs/          changes.xml, changes-<framework>.xml, changes-topic-<topic>.xml (Atom feeds)    (history.py)
    docs/badges/   <framework>.svg, features/<feature>.svg              (dlmatrix/site/badges.py)
    docs/          llms.txt, llms-full.txt                              (dlmatrix/site/llms.py)
    docs/assets/dlm/  site.css, matrix.js, search-on-demand.js: the site's own, as shipped   (dlmatrix/site/assets.py)

They are written into docs/ (git-ignored folders) because both builders copy the static files they find
there, and nothing else: MkDocs collects them after mkdocs-macros has run `define_env`, which publishes
them first (main.py), so any MkDocs build, `make serve` included, has them fresh for its data; Zensical
collects files before it runs any macro, so `make zensical` runs scripts/generate.py first. Under `make serve`
they go into the served site after each build instead (main.py, on_post_build): a write into docs/ would
start another rebuild. Writing is
idempotent: a file is written only when its bytes change, and files no longer generated are removed.
Every byte depends only on the data, its git history, the sources in static/, the site and repository addresses and the build
date (SOURCE_DATE_EPOCH), so builds are reproducible and both builders publish the same files.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

from dlmatrix.data.changes import History
from dlmatrix.data.errors import DataErrors
from dlmatrix.data.files import FileRefused, Folder, is_regular_file, list_dir
from dlmatrix.site.api import LICENCE_URL, PUBLISHER
from dlmatrix.site.api_items import api_v1_files
from dlmatrix.site.assets import FOLDER as ASSETS_FOLDER
from dlmatrix.site.assets import STYLESHEET, asset_files, asset_stamp
from dlmatrix.site.badges import badge_files
from dlmatrix.site.history import Feed, feed, site_history, topic_feed
from dlmatrix.site.llms import LLMS, LLMS_FULL, llms_files
from dlmatrix.site.render import environment, render, xml_text
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site

# What the publisher owns in docs/ (git-ignored): folders of generated files only, the feeds and llms files at the root.
GENERATED = ("api/v1", "badges", ASSETS_FOLDER)
GENERATED_FEEDS = "changes*.xml"
GENERATED_ROOT = (LLMS, LLMS_FULL)


def render_feed(the_feed: Feed, url: Urls) -> bytes:
    contents = [render("feed_entry.html", commit=commit, url=url) for _, _, commit in the_feed.entries]
    xml = environment().get_template("feed.xml").render(feed=the_feed, contents=contents, publisher=PUBLISHER,
                                                          licence_url=LICENCE_URL)
    return (xml_text(xml).strip() + "\n").encode("utf-8")


def feed_files(site: Site, history: History, url: Urls, repo_url: str) -> dict[str, bytes]:
    """The site's feed, one per framework and one per topic: path relative to the site root -> bytes."""
    files = {url.feed().removeprefix(url.base): render_feed(feed(site, history, url, repo_url), url)}
    for framework in site.data.frameworks:
        path = url.feed(framework.id).removeprefix(url.base)
        files[path] = render_feed(feed(site, history, url, repo_url, framework.id), url)
    for topic in site.data.topics:
        files[url.topic_feed(topic.id).removeprefix(url.base)] = render_feed(
            topic_feed(site, history, url, repo_url, topic.id), url)
    return files


def site_files(site: Site, site_url: str, repo_url: str, history: History) -> dict[str, bytes]:
    """Every generated file: path relative to the site root (and to docs/) -> exact bytes."""
    url = Urls("", site_url).public()
    local = Urls("")
    files = {local.api(path): content for path, content in api_v1_files(site, url, site.today, history, repo_url).items()}
    files |= feed_files(site, history, url, repo_url)
    files |= {f"badges/{path}": content for path, content in badge_files(site).items()}
    files |= llms_files(site, url)
    return files | asset_files()


def _refusal(refused: FileRefused) -> DataErrors:
    return DataErrors([refused.error()])


def write_files(docs_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write the generated files under docs_dir: only those whose bytes differ, each atomically; remove
    files of the generated folders that are no longer generated. Returns the paths written or removed.
    Under the file-access rule (dlmatrix/data/files.py): a link where a generated folder or file is (a pull
    request can commit one) is never written or deleted through; it raises DataErrors naming it (file:1:1)."""
    touched: list[Path] = []
    try:
        folder = Folder(docs_dir, create=True)
        owned = [path for generated in GENERATED for path in folder.entries(generated)]
        for relative, content in sorted(files.items()):
            if folder.read(relative, len(content)) == content:
                continue
            folder.write(relative, content)
            touched.append(docs_dir / relative)
        feeds = [path.name for path in list_dir(docs_dir) if fnmatch.fnmatchcase(path.name, GENERATED_FEEDS)]
        for relative in [*owned, *feeds]:  # deepest first: a folder is pruned after its files
            if relative not in files and folder.remove(relative):
                touched.append(docs_dir / relative)
    except FileRefused as refused:
        raise _refusal(refused) from None
    return touched


_published: dict[tuple[object, ...], list[Path]] = {}


def publish(site: Site, docs_dir: Path, site_url: str, repo_url: str, data_dir: Path | None = None, *,
            only_if_missing: bool = False) -> list[Path]:
    """Generate and write every file for this Site, once per process and configuration (Zensical runs the
    macros module for every page; the first call does the work). `only_if_missing`: do nothing when the
    files were generated before, whatever data they were generated from (make serve, see main.py)."""
    if only_if_missing and all(is_regular_file(docs_dir / path) for path in (Urls("").api("index.json"), STYLESHEET)):
        return []
    # the shipped assets are part of the key: under `make serve` an edited stylesheet reaches the served site
    # (on_post_build) though the Site, built from the data, is the same
    key = (id(site), str(docs_dir.resolve()), site_url, repo_url, asset_stamp())
    if key not in _published:
        history = site_history(site, data_dir)
        _published.clear()  # one Site at a time (make serve rebuilds when the data changes)
        _published[key] = write_files(docs_dir, site_files(site, site_url, repo_url, history))
    return _published[key]


def clean(docs_dir: Path) -> None:
    """Remove every generated folder and file (make clean); a link is refused, never followed."""
    try:
        folder = Folder(docs_dir)
        for generated in GENERATED:
            folder.remove_tree(generated)
        for path in list_dir(docs_dir):
            if fnmatch.fnmatchcase(path.name, GENERATED_FEEDS) or path.name in GENERATED_ROOT:
                folder.remove(path.name)
    except FileRefused as refused:
        raise _refusal(refused) from None


# --- reading mkdocs.yml without MkDocs (for scripts/generate.py) ------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it, for the keys the publisher needs: !ENV tags resolved, other tags
    (Python names of Markdown extensions) read as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]  # the remaining kind of node


_ConfigLoader.add_constructor("!ENV", construct_env_tag)  # pyyaml_env_tag: MkDocs's own reading of !ENV
_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_config(config_file: Path) -> tuple[Path, str, str]:
    """(docs_dir, site_url, repo_url) of an mkdocs.yml, with !ENV values from the environment."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    docs_dir = config_file.parent / str(config.get("docs_dir") or "docs")
    return docs_dir, str(config.get("site_url") or ""), str(config.get("repo_url") or "")
