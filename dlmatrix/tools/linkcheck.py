"""Check every source URL the data cites, online: HEAD, then GET when HEAD is refused; results cached.

The engine behind scripts/linkcheck.py (`make linkcheck`). Links that could not be judged (timeouts, 403
from bot filters, 429, 5xx) are reported as unsure and do not fail.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

from dlmatrix import REPOSITORY
from dlmatrix.tools.cited_urls import cited_urls

ROOT = Path(__file__).resolve().parent.parent.parent
CACHE = ROOT / ".cache" / "linkcheck.json"
USER_AGENT = f"dl-framework-matrix-linkcheck/1.0 (+{REPOSITORY})"
BROKEN_STATUS = {404, 410}
HEAD_REFUSED = {400, 403, 405, 406, 429, 501}  # servers that mishandle HEAD: try GET


@dataclass
class Result:
    url: str
    verdict: str  # "ok", "broken" or "unsure"
    status: int | None
    detail: str
    final_url: str
    checked: str  # ISO timestamp


def collect_urls(data_dir: Path) -> dict[str, set[str]]:
    """url -> the data files that cite it (sources, homepage, repository, links in notes and verdicts)."""
    urls: dict[str, set[str]] = {}
    for file, url in cited_urls(data_dir):
        if url.startswith(("http://", "https://")):
            urls.setdefault(url, set()).add(file)
    return urls


def check_url(url: str, timeout: float) -> Result:
    import requests

    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    try:
        with requests.Session() as session:
            response = session.head(url, allow_redirects=True, timeout=timeout, headers=headers)
            if response.status_code in HEAD_REFUSED or response.status_code >= 500:
                response = session.get(url, allow_redirects=True, timeout=timeout, headers=headers, stream=True)
                response.close()
    except requests.exceptions.ConnectionError as exc:
        text = str(exc)
        unknown_host = any(s in text for s in ("Name or service not known", "nodename nor servname",
                                               "getaddrinfo failed", "No address associated"))
        return Result(url, "broken" if unknown_host else "unsure", None,
                      "unknown host" if unknown_host else f"connection failed: {type(exc).__name__}", url, now)
    except requests.exceptions.Timeout:
        return Result(url, "unsure", None, f"timed out after {timeout:g}s", url, now)
    except requests.exceptions.RequestException as exc:
        return Result(url, "unsure", None, f"{type(exc).__name__}: {str(exc)[:120]}", url, now)
    status = response.status_code
    if status < 400:
        verdict = "ok"
    elif status in BROKEN_STATUS:
        verdict = "broken"
    else:
        verdict = "unsure"
    return Result(url, verdict, status, response.reason or "", response.url, now)


def load_cache(path: Path) -> dict[str, dict[str, Any]]:
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return cache if isinstance(cache, dict) else {}


def save_cache(path: Path, cache: dict[str, dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(cache, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


def is_fresh(entry: dict[str, Any], max_age: dt.timedelta, now: dt.datetime) -> bool:
    try:
        checked = dt.datetime.fromisoformat(entry["checked"])
    except (KeyError, TypeError, ValueError):
        return False
    return entry.get("verdict") == "ok" and now - checked < max_age


def run(urls: dict[str, set[str]], cache_path: Path, *, timeout: float, max_requests: int, max_age_days: float,
        refresh: bool, workers: int, out: TextIO = sys.stdout) -> int:
    cache = {} if refresh else load_cache(cache_path)
    now = dt.datetime.now(dt.UTC)
    stale = [u for u in sorted(urls) if not is_fresh(cache.get(u, {}), dt.timedelta(days=max_age_days), now)]
    to_check, skipped = stale[:max_requests], stale[max_requests:]
    print(f"{len(urls)} URLs in data/: {len(urls) - len(stale)} fresh in the cache, checking {len(to_check)}"
          + (f", {len(skipped)} left for the next run (--max-requests {max_requests})" if skipped else ""),
          file=out)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        fresh = list(pool.map(lambda u: check_url(u, timeout), to_check))
    if len(fresh) >= 3 and all(r.status is None for r in fresh):
        print("No network: every request failed before reaching a server, so nothing was judged and the cache "
              f"was left as it was (first error: {fresh[0].detail}).", file=out)
        return 2
    for result in fresh:
        cache[result.url] = asdict(result)
    save_cache(cache_path, cache)
    results = [cache[u] for u in sorted(urls) if u in cache]
    broken = [r for r in results if r["verdict"] == "broken"]
    unsure = [r for r in results if r["verdict"] == "unsure"]
    moved = [r for r in results if r["verdict"] == "ok" and r["final_url"].rstrip("/") != r["url"].rstrip("/")]

    def show(title: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        print(f"\n{title} ({len(rows)}):", file=out)
        for r in rows:
            status = r["status"] if r["status"] is not None else "-"
            print(f"  [{status}] {r['url']}  {r['detail']}", file=out)
            if r["final_url"] != r["url"]:
                print(f"        -> {r['final_url']}", file=out)
            print(f"        cited in: {', '.join(sorted(urls[r['url']]))}", file=out)

    show("BROKEN: fix or replace these sources", broken)
    show("Could not be judged (timeouts, bot filters, rate limits, server errors); check by hand", unsure)
    show("Redirected: consider citing the final address", moved)
    ok = sum(1 for r in results if r["verdict"] == "ok")
    print(f"\n{ok} ok, {len(broken)} broken, {len(unsure)} unsure, {len(skipped)} not checked "
          f"({time.monotonic() - started:.1f}s; cache: {cache_path})", file=out)
    return 1 if broken else 0


