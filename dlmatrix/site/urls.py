"""The one URL builder: every internal link of the site is made here.

Links are relative to the page (`base` is the path from the page to the site root, such as "../../"), so
the site works under any prefix. Pages and templates get a `Urls` for their page and never write a path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from dlmatrix import BRANCH
from dlmatrix.data.layout import FOLDERS

# The pages made from data, one per entity: kind -> (docs folder = URL folder, macro). Urls, the stub pages
# (stubs.py), the nav checks and the scaffold read this table; a new kind of page is one entry here.
PAGE_KINDS: dict[str, tuple[str, str]] = {
    "framework": ("frameworks", "framework_page"),
    "use_case": ("use-cases", "use_case_page"),
    "topic": ("topics", "topic_page"),
}
assert set(PAGE_KINDS) <= set(FOLDERS.values())  # each page kind is a kind of data file (layout.py)


def page_urls(docs_dir: Path) -> frozenset[str]:
    """Every page the docs folder holds, as its folder URL ("" for the home page, "claims/", "about/changes/")."""
    urls = set()
    for path in docs_dir.rglob("*.md"):
        parts = list(path.relative_to(docs_dir).with_suffix("").parts)
        if parts[-1] == "index":
            parts.pop()
        urls.add("".join(f"{part}/" for part in parts))
    return frozenset(urls)


@dataclass(frozen=True)
class Urls:
    base: str  # from the current page to the site root: "" or "../" or "../../"
    root: str = ""  # the site's public address (site_url), for links that leave the site: feeds, badges, the API
    repo: str = ""  # the repository on the forge (repo_url), for "suggest a fix" links to a data file's line
    pages: frozenset[str] | None = None  # every page of the site (page_urls), when known: a link to another fails
    # From the page's URL to the site root, where it differs from `base`: builders read `href` and `src` relative to
    # what `base` is relative to (Zensical: the page's source file, and rewrites them), but leave every other
    # address as written (a data- attribute a script reads, a link inside <noscript>). None: the same as base.
    written_base: str | None = None

    def as_written(self) -> Urls:
        """The builder for addresses no builder rewrites: a data- attribute, a link inside <noscript>."""
        return Urls(self.base if self.written_base is None else self.written_base, self.root, self.repo, self.pages)

    def public(self) -> Urls:
        """The same builder giving full addresses (for feeds, badge snippets and API documents)."""
        return Urls(self.root.rstrip("/") + "/", self.root, self.repo, self.pages) if self.root else self

    def source(self, path: str, line: int | None = None) -> str:
        """A file of the repository on the forge (GitHub's layout), at a line: where a fix to the data starts.
        "" when no repository is configured."""
        if not self.repo:
            return ""
        return f"{self.repo.rstrip('/')}/blob/{BRANCH}/{path}" + (f"#L{line}" if line else "")

    def issue_form(self, form: str, **fields: str) -> str:
        """A new issue on the forge from one of .github/ISSUE_TEMPLATE/'s forms, its fields filled in ("" without a forge)."""
        if not self.repo:
            return ""
        return f"{self.repo.rstrip('/')}/issues/new?" + urlencode({"template": form, **fields})

    def commits(self, path: str = "") -> str:
        """The forge's list of commits on the default branch (touching `path`), "" without a forge."""
        return f"{self.repo.rstrip('/')}/commits/{BRANCH}/{path}" if self.repo else ""

    @property
    def contributing(self) -> str:
        """The contributing guide on the forge ("" when no repository is configured)."""
        return self.source("CONTRIBUTING.md")

    # Files generated from the data (dlmatrix/site/publish.py writes them; these are their paths).
    def api(self, path: str = "") -> str:
        """The data API: "" is its documentation page; "frameworks.json" or "schema/..." a file of /api/v1/."""
        return f"{self.base}api/" + (f"v1/{path}" if path else "")

    def feed(self, framework_id: str | None = None) -> str:
        """An Atom feed. At the site root on purpose: Material fetches "sitemap.xml" next to every
        <link rel="alternate"> of a page (for language switching), and only the root has one."""
        return f"{self.base}changes" + (f"-{framework_id}.xml" if framework_id else ".xml")

    def topic_feed(self, topic_id: str) -> str:
        """A topic's Atom feed (the changes to its features), at the site root as the others."""
        return f"{self.base}changes-topic-{topic_id}.xml"

    def badge(self, framework_id: str) -> str:
        """A framework's badge (status, latest release, last check)."""
        return f"{self.base}badges/{framework_id}.svg"

    def feature_badge(self, feature_id: str) -> str:
        """A feature's badge: the feature across the frameworks in use."""
        return f"{self.base}badges/features/{feature_id}.svg"

    def home(self) -> str:
        return self.base or "./"

    def page(self, path: str) -> str:
        """A page by its folder URL, e.g. "claims/" or "about/performance/"; one the site does not have fails the
        build (the macro's error names the page that asked)."""
        if self.pages is not None and path.split("#")[0] not in self.pages:
            raise ValueError(f"a link to '{path}', which is not a page of the site (docs/ has no such file)")
        return f"{self.base}{path}"

    def entity(self, kind: str, entity_id: str, anchor: str = "") -> str:
        """The page of a framework, use case or topic (PAGE_KINDS)."""
        return f"{self.base}{PAGE_KINDS[kind][0]}/{entity_id}/" + (f"#{anchor}" if anchor else "")

    def framework(self, framework_id: str, anchor: str = "") -> str:
        return self.entity("framework", framework_id, anchor)

    def use_case(self, use_case_id: str) -> str:
        return self.entity("use_case", use_case_id)

    def topic(self, topic_id: str) -> str:
        return self.entity("topic", topic_id)

    def compare(self, a: str, b: str) -> str:
        """The pair page of two frameworks: ids in alphabetical order, whatever order they are given in."""
        first, second = sorted((a, b))
        return f"{self.base}compare/{first}-vs-{second}/"

    def code(self, task_id: str = "", anchor: str = "", pair: tuple[str, str] | None = None) -> str:
        """The code evidence: /code/ (every task), a task's page, or one program on it (its block's id); `pair`:
        the two frameworks (or programs) its page puts side by side first (?a=jax&b=pytorch)."""
        query = ("?" + urlencode({"a": pair[0], "b": pair[1]})) if pair and task_id else ""
        return f"{self.base}code/" + (f"{task_id}/" if task_id else "") + query + (f"#{anchor}" if anchor else "")

    def install(self, os: str = "", arch: str = "", accel: str = "", python: str = "") -> str:
        """The install picker, for a machine (its URL parameters os, arch, accel, python; empty ones left out)."""
        params = [f"{name}={quote(value)}" for name, value in (("os", os), ("arch", arch), ("accel", accel),
                                                                ("python", python)) if value]
        return f"{self.base}install/" + ("?" + "&".join(params) if params else "")

    def feature(self, feature_id: str) -> str:
        """A feature's row in the full matrix."""
        return f"{self.base}matrix/#{feature_id}"

    def matrix(self, *, fw: list[str] | None = None, cat: list[str] | None = None, must: list[str] | None = None,
               search: str = "", diff: bool = False, anchor: str = "") -> str:
        """The matrix with filters applied, as its URL parameters spell them."""
        params = []
        if search:
            params.append(f"search={quote(search)}")
        for name, values in (("cat", cat), ("fw", fw), ("must", must)):
            if values:
                params.append(f"{name}={','.join(values)}")
        if diff:
            params.append("diff=1")
        query = ("?" + "&".join(params)) if params else ""
        return f"{self.base}matrix/{query}" + (f"#{anchor}" if anchor else "")
