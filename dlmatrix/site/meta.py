"""What a page tells search engines and link previews, from the data behind it.

- `page_meta`: a page's own description (framework, pair, use case, topic and code pages; other pages keep the
  one in their front matter) and the newest verified date of the data behind it, the sitemap's `lastmod`.
- `dataset_jsonld`: the schema.org `Dataset` that the home and API pages carry as JSON-LD.

The bridge (main.py) puts both into the page's meta (`description`, `lastmod`) before the page is rendered; the
theme override writes them out (overrides/main.html: Open Graph and Twitter meta; overrides/sitemap.xml), the
same way under MkDocs and Zensical.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dlmatrix.data.model import FeatureDef, Framework
from dlmatrix.data.vocabulary import STATUSES
from dlmatrix.site.api import CSV_FILE, LICENCE_URL, PUBLISHER, TITLE, attribution, data_date, data_version
from dlmatrix.site.render import note_html
from dlmatrix.site.urls import Urls
from dlmatrix.site.views import Site, first_sentence

DESCRIPTION_LIMIT = 300  # characters; previews cut near 200, search results near 160: the start says the most
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PageMeta:
    description: str | None  # None: the page's front matter (or the site's) describes it
    lastmod: dt.date | None  # None: no data behind the page (its text is in docs/ only)


def plain(text: str) -> str:
    """Inline Markdown as plain text with no character HTML would need escaped: one string that Material (which
    writes the description as is) and Zensical (which escapes it) put into the page alike."""
    text = html.unescape(_TAG.sub("", str(note_html(text))))
    text = text.replace("&", "and").replace('"', "'").replace("<", "").replace(">", "")
    return re.sub(r"\s+", " ", text).strip()


def _clip(text: str) -> str:
    return text if len(text) <= DESCRIPTION_LIMIT else text[: DESCRIPTION_LIMIT - 1].rstrip() + "…"


def _names(frameworks: Iterable[Framework]) -> str:
    names = [plain(f.name) for f in frameworks]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _feature_names(features: Iterable[FeatureDef], most: int = 3) -> str:
    return ", ".join(plain(f.name) for f in list(features)[:most])


# --- the newest verified date of the data behind a page ----------------------------------------------------


def framework_date(framework: Framework) -> dt.date:
    dates = [framework.verified, *(c.verified for c in framework.cells.values())]
    return max(dates + ([framework.releases.verified] if framework.releases else []))


def features_date(site: Site, feature_ids: Iterable[str]) -> dt.date | None:
    wanted = set(feature_ids)
    dates = [c.verified for f in site.data.frameworks for fid, c in f.cells.items() if fid in wanted]
    return max(dates, default=None)


def _newest(*dates: dt.date | None) -> dt.date | None:
    return max((d for d in dates if d is not None), default=None)


# --- page by page ----------------------------------------------------------------------------------------


def framework_meta(site: Site, framework_id: str) -> PageMeta:
    framework = site.data.framework(framework_id)
    coverage = next(c for c in site.coverage if c.framework.id == framework_id)
    total = coverage.known + coverage.unknown
    strengths = site.profile(framework).strengths
    text = (f"{plain(framework.name)} ({STATUSES[framework.status].word.lower()}): {coverage.known} of {total} "
            f"features answered with sources and dates")
    if framework.status == "active" and strengths:
        text += f"; where it stands out: {_feature_names(strengths)}"
    elif framework.successor:
        text += f"; use instead: {plain(framework.successor)}"
    date = framework_date(framework)
    return PageMeta(_clip(f"{text}. Checked up to {date.isoformat()}."), date)


def pair_meta(site: Site, a_id: str, b_id: str) -> PageMeta:
    a, b = site.data.framework(a_id), site.data.framework(b_id)
    differing = [row.feature for group in site.differences(a, b) for row in group.rows]
    telling = [f for f in differing if f.kind == "support"] or differing  # what each can do, before who makes it
    date = max(framework_date(a), framework_date(b))
    text = (f"{plain(a.name)} vs {plain(b.name)}, feature by feature: they differ on {len(differing)} of "
            f"{len(site.data.features)} features")
    if differing:
        text += f", among them {_feature_names(telling)}"
    return PageMeta(_clip(f"{text}. Every answer sourced and dated; checked up to {date.isoformat()}."), date)


def use_case_meta(site: Site, use_case_id: str) -> PageMeta:
    use_case = site.use_case(use_case_id)
    verdict = site.use_case_verdict(use_case)
    ranking = site.scores.ranking(use_case)
    if verdict is not None:
        text = f"{plain(use_case.name)}: the editors pick {_names(verdict.picks)}"
        if verdict.runners_up:
            text += f", then {_names(verdict.runners_up)}"
    else:
        text = f"{plain(use_case.name)}: {_names([ranking[0].framework])} ranks first" if ranking else plain(use_case.name)
    text += f". {len(ranking)} frameworks ranked from the data on {len(site.scores.weights(use_case))} weighted features"
    if use_case.must_have:
        text += f" and {len(use_case.must_have)} must-haves"
    date = _newest(features_date(site, [*site.scores.weights(use_case), *use_case.must_have]),
                   verdict.verified if verdict else None)
    return PageMeta(_clip(text + ", with sources and dates."), date)


def topic_meta(site: Site, topic_id: str) -> PageMeta:
    topic = site.topic(topic_id)
    verdict = site.topic_verdict(topic)
    text = (f"{plain(topic.name)}: {first_sentence(plain(topic.description), 160).rstrip('.')}. "
            f"{len(topic.features)} features compared across the {len(site.in_use)} frameworks in use")
    if verdict is not None:
        text += f"; the editors' pick: {_names(verdict.picks)}"
    date = _newest(features_date(site, [f.id for f in topic.features]), verdict.verified if verdict else None)
    return PageMeta(_clip(text + "."), date)


def code_meta(site: Site, task_id: str) -> PageMeta | None:
    evidence = site.evidence
    task = next((t for t in evidence.tasks if t.id == task_id), None) if evidence else None
    if evidence is None or task is None:
        return None
    results = evidence.results.get(task_id)
    ran = [r for r in results.results.values()] if results else []
    text = (f"{plain(task.spec.title)} in every framework, side by side: {first_sentence(plain(task.spec.shows), 160)} "
            f"Each program runs and checks its own result ({sum(r.ran for r in ran)} ran).")
    return PageMeta(_clip(text), max((r.date for r in ran), default=None))


def page_meta(site: Site, src_path: str, has_macros: bool) -> PageMeta:
    """The meta of the page built from docs/<src_path>; `has_macros`: the page shows data (it calls a macro)."""
    parts = src_path.removesuffix(".md").split("/")
    data = site.data
    if len(parts) == 2 and parts[1] != "index":
        folder, name = parts
        if folder == "frameworks" and data.has_framework(name):
            return framework_meta(site, name)
        if folder == "compare" and "-vs-" in name:
            a, _, b = name.partition("-vs-")
            if data.has_framework(a) and data.has_framework(b):
                return pair_meta(site, a, b)
        if folder == "use-cases" and any(u.id == name for u in data.use_cases):
            return use_case_meta(site, name)
        if folder == "topics" and any(t.id == name for t in data.topics):
            return topic_meta(site, name)
        if folder == "code" and (meta := code_meta(site, name)) is not None:
            return meta
    if parts == ["claims"]:
        return PageMeta(None, max((c.verified for c in data.claims), default=None))
    if parts == ["questions"]:
        return PageMeta(None, max((q.verified for q in data.questions), default=None))
    return PageMeta(None, data_date(site) if has_macros else None)


# --- schema.org Dataset ------------------------------------------------------------------------------------


def dataset_jsonld(site: Site, url: Urls, description: str, repo_url: str = "") -> dict[str, Any]:
    """The data set as schema.org describes one (https://schema.org/Dataset), with full addresses."""
    public = url.public()
    home = public.home()
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": TITLE,
        "description": plain(description),
        "url": home,
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": PUBLISHER, **({"url": repo_url} if repo_url else {})},
        "dateModified": data_date(site).isoformat(),
        "version": data_version(site),
        "keywords": ["deep learning", "machine learning frameworks", "comparison",
                     *(plain(f.name) for f in site.in_use)],
        "variableMeasured": [plain(f.name) for f in site.data.features],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": public.api(CSV_FILE),
             "name": "The whole matrix, one row per framework and feature"},
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": public.api("index.json"),
             "name": "The data API's index: every JSON file, its schema and the data version"},
        ],
        "citation": attribution(site, public),
    }
    if repo_url:
        document["sameAs"] = repo_url
    return document
