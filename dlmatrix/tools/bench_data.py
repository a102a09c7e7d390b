"""Synthetic data sets for the performance benchmark (scripts/bench.py, issue #7).

`generate_dataset(folder, frameworks, features)` writes a valid data folder (features/, frameworks/,
use_cases/) of the requested size: deterministic for a given seed, small files, every cell filled.
The home page needs frameworks `tensorflow` and `pytorch` and a category `overview`: they are always
included. No MkDocs import here.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from dlmatrix.data.vocabulary import LEVELS

FEATURES_PER_CATEGORY = 20
VERIFIED = "2025-01-15"
# how often each level of dlmatrix/data/vocabulary.py is drawn (tests/tools/test_bench_data.py: one weight each)
DRAWN = {"full": 40, "partial": 20, "plugin": 10, "deprecated": 5, "none": 15, "unknown": 10}
LEVEL_WEIGHTS = {level: DRAWN.get(level, 5) for level in LEVELS}  # a level added to the vocabulary is drawn too
WORDS = ("tensor", "graph", "kernel", "compiler", "export", "mobile", "server", "quantised", "sparse",
         "mixed precision", "distributed", "pipeline", "checkpoint", "autograd", "vectorised", "fused",
         "runtime", "accelerator", "profiler", "dataset", "sharded", "streaming", "batched", "eager")


def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML for ASCII text)."""
    return json.dumps(text, ensure_ascii=True)


def _phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def framework_ids(count: int) -> list[str]:
    ids = ["tensorflow", "pytorch"][:count]
    ids += [f"fw{i:03d}" for i in range(len(ids), count)]
    return ids


def category_ids(feature_count: int) -> list[tuple[str, int]]:
    """(category id, number of features) pairs; the first category is `overview`."""
    sizes = []
    left = feature_count
    while left > 0:
        sizes.append(min(FEATURES_PER_CATEGORY, left))
        left -= sizes[-1]
    return [("overview" if i == 0 else f"cat{i:03d}", size) for i, size in enumerate(sizes)]


def feature_plan(feature_count: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(category id, [(feature id, kind), ...]), ...]: every 10th feature is text, the rest support."""
    plan, n = [], 0
    for cat_id, size in category_ids(feature_count):
        feats = []
        for _ in range(size):
            feats.append((f"feature_{n:04d}", "text" if n % 10 == 0 else "support"))
            n += 1
        plan.append((cat_id, feats))
    return plan


PAIRED_FRAMEWORKS = 8  # as many as the real data's framework_order lists


def generate_dataset(folder: Path | str, frameworks: int, features: int, *, seed: int = 7,
                     use_cases: int = 2) -> Path:
    """Write a synthetic data set of `frameworks` x `features` into `folder` (created; must be empty)."""
    if frameworks < 2 or features < 1:
        raise ValueError("need at least 2 frameworks (tensorflow, pytorch) and 1 feature")
    rng = random.Random(seed)
    root = Path(folder)
    for sub in ("topics", "frameworks", "use_cases"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    plan = feature_plan(features)
    fw_ids = framework_ids(frameworks)
    support_ids = [fid for _, feats in plan for fid, kind in feats if kind == "support"]

    for order, (cat_id, feats) in enumerate(plan):
        lines = [f"id: {cat_id}", f"name: {_q('Overview' if cat_id == 'overview' else f'Topic {order}')}",
                 f"description: {_q('Synthetic topic: ' + _phrase(rng, 8))}", f"order: {min(order, 1000)}",
                 "features:"]
        for fid, kind in feats:
            lines += [f"  - id: {fid}", f"    name: {_q(fid.replace('_', ' ').capitalize() + ' ' + _phrase(rng, 2))}",
                      f"    description: {_q('Whether the framework supports ' + _phrase(rng, 10) + '.')}",
                      f"    kind: {kind}"]
        (root / "topics" / f"{cat_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    for index, fw_id in enumerate(fw_ids):
        name = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}.get(fw_id, f"Framework {index:03d}")
        lines = [f"id: {fw_id}", f"name: {_q(name)}",
                 f"summary: {_q('Synthetic framework for benchmarks: ' + _phrase(rng, 6) + '.')}",
                 "status: active", f"homepage: https://bench.invalid/{fw_id}/",
                 f"repository: https://bench.invalid/repo/{fw_id}",
                 f"sources: [https://bench.invalid/{fw_id}/about]", f"verified: {VERIFIED}", "cells:"]
        for _, feats in plan:
            for fid, kind in feats:
                src = f"sources: [https://bench.invalid/{fw_id}/docs/{fid}], verified: {VERIFIED}"
                note = f", note: {_q('Synthetic note about ' + _phrase(rng, 6) + '.')}" if rng.random() < 0.3 else ""
                if kind == "text":
                    cell = f"{{value: {_q(_phrase(rng, 3))}{note}, {src}}}"
                else:
                    level = rng.choices(list(LEVEL_WEIGHTS), list(LEVEL_WEIGHTS.values()))[0]
                    via = ", via: pypi:bench-plugin" if level == "plugin" else ""  # a plugin names its route (a rule)
                    cell = (f"{{level: unknown, verified: {VERIFIED}}}" if level == "unknown"
                            else f"{{level: {level}{via}{note}, {src}}}")
                lines.append(f"  {fid}: {cell}")
        (root / "frameworks" / f"{fw_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # like the real data: the editors list the frameworks people ask about most, and only those get pair pages
    # (which grow with the square of the frameworks)
    (root / "site.yaml").write_text(f"framework_order: [{', '.join(fw_ids[:PAIRED_FRAMEWORKS])}]\n", encoding="utf-8")

    for index in range(use_cases):
        uc_id = f"use-case-{index}"
        weighted = rng.sample(support_ids, min(5, len(support_ids)))
        lines = [f"id: {uc_id}", f"name: {_q(f'Use case {index}')}", f"order: {index}",
                 f"audience: {_q('Synthetic audience: ' + _phrase(rng, 8))}",
                 f"summary: {_q('Synthetic use case for benchmarks: ' + _phrase(rng, 5) + '.')}",
                 f"must_have: [{', '.join(weighted[:1])}]", "weights:", "  features:"]
        lines += [f"    {fid}: {rng.randint(1, 5)}" for fid in weighted]
        if not weighted:
            lines[-1] = "  features: {}"
        lines += ["verdict:", f"  picks: [{fw_ids[index % len(fw_ids)]}]",
                  f"  reasoning: {_q('Synthetic reasoning: ' + _phrase(rng, 12))}",
                  # picks are drawn at random, so the computed ranking may disagree: the validator wants the why
                  f"  why_not_computed: {_q('Synthetic explanation: ' + _phrase(rng, 8))}",
                  f"  sources: [https://bench.invalid/use-case/{index}]", f"  verified: {VERIFIED}"]
        (root / "use_cases" / f"{uc_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
