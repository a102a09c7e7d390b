"""Check every source URL in data/ online: HEAD, then GET when HEAD is refused; results cached.

    python scripts/linkcheck.py                  # check what is not cached (or cached > 7 days ago)
    python scripts/linkcheck.py --refresh        # ignore the cache
    python scripts/linkcheck.py --max-requests 50 --timeout 5

Needs a network; not part of `make test`. The cache (.cache/linkcheck.json) is git-ignored.
Exit status: 0 when no link is broken, 1 when some are (404, 410, unknown host...), 2 on bad usage or
when no request reached any server (no network).
Links that could not be judged (timeouts, 403 from bot filters, 429, 5xx) are listed but do not fail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
import _project

_project.enter()

from dlmatrix.tools.linkcheck import CACHE, collect_urls, run


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder (default: data/)")
    parser.add_argument("--cache", type=Path, default=CACHE, help="cache file (default: .cache/linkcheck.json)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: 10)")
    parser.add_argument("--max-requests", type=int, default=400, help="URLs checked per run (default: 400)")
    parser.add_argument("--max-age-days", type=float, default=7.0, help="re-check ok results older than this")
    parser.add_argument("--workers", type=int, default=6, help="parallel requests (default: 6)")
    parser.add_argument("--refresh", action="store_true", help="ignore the cache")
    args = parser.parse_args(argv)
    if args.max_requests < 0 or args.timeout <= 0:
        parser.error("--max-requests must be >= 0 and --timeout > 0")
    urls = collect_urls(args.data)
    if not urls:
        print(f"no URLs found under {args.data}", file=sys.stderr)
        return 2
    return run(urls, args.cache, timeout=args.timeout, max_requests=args.max_requests,
               max_age_days=args.max_age_days, refresh=args.refresh, workers=args.workers)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
