"""Each cross-file rule on its own: silent on the clean fixture, and one precise message for a case that breaks
it. Every rule in dlmatrix/data/rules.py must have a case here (a test fails otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dlmatrix.data.load import read_catalog
from dlmatrix.data.rules import RULES, Rule
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"

USE_CASE = """id: mobile
name: Mobile
order: 1
must_have: [mobile_runtime]
weights:
  topics: {deployment: 1}
  features: {mobile_runtime: 3}
verdict:
  picks: [pytorch]
  reasoning: Because.
  why_not_computed: The score also counts browsers, which this use case hardly needs.
  sources: [https://pytorch.org]
  verified: 2026-11-01
"""


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        path = data / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write(relative: str, text: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        (data / relative).write_text(text, encoding="utf-8")
    return apply


def use_case_with(old: str, new: str) -> Callable[[Path], None]:
    return write("use_cases/mobile.yaml", USE_CASE.replace(old, new))


# rule name -> (how to break it, the message expected, as file:line:col: message)
# An all-unknown install block (as scripts/new.py writes it), one platform per entry; _BAD names an accelerator
# Windows on Arm does not have.
_PLATFORMS = (("linux", "x86_64", "cpu, nvidia, amd, intel, tpu"), ("linux", "arm64", "cpu, nvidia"),
              ("windows", "x86_64", "cpu, nvidia, amd, intel"), ("windows", "arm64", "cpu"), ("macos", "arm64", "cpu, apple"),
              ("macos", "x86_64", "cpu"))
INSTALL_GOOD = "install:\n  entries:\n" + "".join(
    f"    - {{os: [{o}], arch: [{a}], accel: [{acc}], installs: unknown, verified: 2026-11-01}}\n" for o, a, acc in _PLATFORMS)
INSTALL_BAD = INSTALL_GOOD.replace("arch: [arm64], accel: [cpu], installs", "arch: [arm64], accel: [cpu, nvidia], installs", 1)
INSTALL_REGISTRY = ("  registry: {derived: registry, requirement: torch==2.15.0, python: '3.12', synced: 2026-11-01, "
                    "platforms: {}}\n")

CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "yaml-extension": (write("use_cases/mobile.yml", USE_CASE), "use_cases/mobile.yml:1:1: data files end in .yaml"),
    "id-matches-file-name": (edit("frameworks/oldnet.yaml", "id: oldnet", "id: newnet"),
                             "frameworks/oldnet.yaml:1:5: id: 'newnet' does not match the file name 'oldnet.yaml'"),
    "unique-ids": (write("frameworks/PyTorch2.yaml", (MINI / "frameworks/pytorch.yaml").read_text()),
                   "frameworks/pytorch.yaml:1:5: id: framework 'pytorch' is already defined in frameworks/PyTorch2.yaml"),
    "distinct-names": (edit("frameworks/oldnet.yaml", "name: OldNet", "name: ＰｙＴＯＲＣＨ"),
                       "frameworks/pytorch.yaml:2:7: name: framework name 'PyTorch' looks the same as "),
    "unique-feature-ids": (edit("topics/deployment.yaml", "  - id: browser_runtime", "  - id: steward"),
                           "topics/overview.yaml:6:9: features.0.id: feature 'steward' is already defined in "
                           "topics/deployment.yaml"),
    "unique-roles": (edit("topics/deployment.yaml", "    role: latest_release", "    role: steward"),
                     "topics/overview.yaml:10:11: features.0.role: role 'steward' is already held by feature "
                     "'latest_release'"),
    "retired-needs-successor": (edit("frameworks/oldnet.yaml", "successor: PyTorch\n", ""),
                                "frameworks/oldnet.yaml:4:9: status: a retired framework needs 'successor' and 'end_date'"),
    "status-needs-sources": (edit("frameworks/pytorch.yaml", "sources: [https://pytorch.org]\n", ""),
                             "frameworks/pytorch.yaml:4:9: status: 'active' needs at least one source URL"),
    "cells-answer-known-features": (edit("frameworks/pytorch.yaml", "  browser_runtime:", "  browser_runtimes:"),
                                    "frameworks/pytorch.yaml:14:3: cells.browser_runtimes: unknown feature"),
    "cells-match-feature-kind": (edit("frameworks/pytorch.yaml", "steward: {value: PyTorch Foundation",
                                      "steward: {level: full"),
                                 "frameworks/pytorch.yaml:10:13: cells.steward.level: 'steward' is a text feature"),
    "verdicts-name-known-frameworks": (use_case_with("picks: [pytorch]", "picks: [pytorchh]"),
                                       "use_cases/mobile.yaml:9:11: verdict.picks.0: unknown framework 'pytorchh'"),
    "must-haves-are-support-features": (use_case_with("must_have: [mobile_runtime]", "must_have: [github_stars]"),
                                        "use_cases/mobile.yaml:4:13: must_have.0: 'github_stars' is a number feature"),
    "weights-name-known-rows": (use_case_with("topics: {deployment: 1}", "topics: {deploy: 1}"),
                                "use_cases/mobile.yaml:6:12: weights.topics.deploy: unknown topic 'deploy'"),
    "claims-point-at-known-rows": (write("claims.yaml", """claims:
  - id: one
    section: Deployment
    topic: Mobile
    claim: Said once.
    verdict: wrong
    today: Now.
    features: [mobile_runtimes]
    sources: [https://pytorch.org]
    verified: 2026-11-01
"""), "claims.yaml:8:16: claims.0.features.0: unknown feature 'mobile_runtimes'"),
    "derived-cells-match-the-sync-record": (
        edit("frameworks/pytorch.yaml", "latest_release: {value: '2.15.0',", "latest_release: {value: '2.15.0', derived: registry,"),
        "frameworks/pytorch.yaml:15:46: cells.latest_release: marked `derived: registry`, but no registry sync wrote it"),
    "measured-cells-match-the-evidence-run": (
        edit("frameworks/pytorch.yaml", "latest_release: {value: '2.15.0',", "latest_release: {value: '2.15.0', derived: measured,"),
        "frameworks/pytorch.yaml:15:46: cells.latest_release: marked `derived: measured`, but make evidence measures only "
        "download_size_mib, installed_size_mib, import_time_ms"),
    "verdicts-explain-the-ranking": (
        use_case_with("  why_not_computed: The score also counts browsers, which this use case hardly needs.\n", ""),
        "use_cases/mobile.yaml:9:10: verdict.picks: the computed ranking puts tensorflow first (score 87.5)"),
    "install-says-every-platform": (
        edit("frameworks/pytorch.yaml", "verified: 2026-11-01\ncells:", f"verified: 2026-11-01\n{INSTALL_BAD}cells:"),
        "frameworks/pytorch.yaml:14:45: install.entries.3.accel: windows arm64 has no nvidia accelerator in the picker"),
    "install-figures-match-the-sync-record": (
        edit("frameworks/pytorch.yaml", "verified: 2026-11-01\ncells:",
             f"verified: 2026-11-01\n{INSTALL_GOOD}{INSTALL_REGISTRY}cells:"),
        "frameworks/pytorch.yaml:17:23: install.registry: no registry sync wrote it"),
    "maintenance-says-why": (edit("frameworks/pytorch.yaml", "status: active", "status: maintenance"),
                             "frameworks/pytorch.yaml:4:9: status: 'maintenance' needs a 'status_note'"),
    "releases-oldest-first": (edit("frameworks/pytorch.yaml", "verified: 2026-11-01\ncells:", """verified: 2026-11-01
releases:
  versions:
    - {version: '2.0.0', date: 2023-03-15}
    - {version: '1.0.0', date: 2018-12-07}
  sources: [https://pypi.org/project/torch/]
  verified: 2026-11-01
cells:"""), "frameworks/pytorch.yaml:12:32: releases.versions.1.date: 2018-12-07 comes before the release listed above"),
    "questions-point-at-known-pages": (write("questions.yaml", """questions:
  - id: which-first
    question: Which first?
    answer: PyTorch. It is the default.
    features: [eager_by_default]
    compare: [[pytorch, tensorflw]]
    sources: [https://pytorch.org]
    verified: 2026-11-01
"""), "questions.yaml:6:25: questions.0.compare.0.1: unknown framework 'tensorflw'"),
    "short-forms-are-short": (edit("frameworks/pytorch.yaml", "steward: {value: PyTorch Foundation,",
                                   "steward: {value: PyTorch Foundation, short: The PyTorch Foundation of the Linux Foundation,"),
                              "frameworks/pytorch.yaml:10:47: cells.steward.short: is 46 characters; a short form has "
                              "at most 40"),
    "plugin-cells-name-their-route": (
        edit("frameworks/pytorch.yaml", "mobile_runtime: {level: full,", "mobile_runtime: {level: plugin,"),
        "frameworks/pytorch.yaml:13:27: cells.mobile_runtime: a plugin cell names what it goes through in 'via'"),
    "no-placeholders": (edit("frameworks/pytorch.yaml", "note: ExecuTorch.", "note: 'TODO: check ExecuTorch.'"),
                        "frameworks/pytorch.yaml:13:39: cells.mobile_runtime.note: contains 'TODO'"),
}
def run(rule: Rule, data: Path) -> list[str]:
    catalog = read_catalog(data, [])
    return [str(error).replace(str(data) + "/", "") for error in rule.check(catalog)]


def test_every_rule_has_a_case() -> None:
    assert sorted(CASES) == sorted(rule.name for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES), "two rules share a name"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rule_is_silent_on_good_data_and_precise_on_bad(rule: Rule, mini_data: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini_data.parent)
    write("use_cases/mobile.yaml", USE_CASE)(mini_data)
    assert run(rule, Path("data")) == [], "the rule reports the clean fixture"
    breaks, expected = CASES[rule.name]
    breaks(Path("data"))
    found = run(rule, Path("data"))
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_question_compares_only_frameworks_with_pair_pages(mini_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A retired framework, or one left out of framework_order, has no pair page for an answer to link."""
    monkeypatch.chdir(mini_data.parent)
    rule = next(rule for rule in RULES if rule.name == "questions-point-at-known-pages")
    question = CASES[rule.name][0]
    question(Path("data"))
    edit("questions.yaml", "[[pytorch, tensorflw]]", "[[pytorch, oldnet]]")(Path("data"))
    assert run(rule, Path("data")) == ["questions.yaml:6:15: questions.0.compare.0: no pair page for oldnet (retired, "
                                       "or not in site.yaml's framework_order)"]
    edit("questions.yaml", "[[pytorch, oldnet]]", "[[pytorch, tensorflow]]")(Path("data"))
    assert run(rule, Path("data")) == []
    write("site.yaml", "framework_order: [pytorch]\n")(Path("data"))
    assert run(rule, Path("data")) == ["questions.yaml:6:15: questions.0.compare.0: no pair page for tensorflow "
                                       "(retired, or not in site.yaml's framework_order)"]


def test_the_common_must_haves_are_support_features(mini_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """data/site.yaml's common_must_haves (the matrix's picker offers them first) are checked like a use case's."""
    monkeypatch.chdir(mini_data.parent)
    rule = next(rule for rule in RULES if rule.name == "must-haves-are-support-features")
    write("site.yaml", "common_must_haves: [mobile_runtime]\n")(Path("data"))
    assert run(rule, Path("data")) == []
    write("site.yaml", "common_must_haves: [mobile_runtime, github_stars, mobile_runtimes]\n")(Path("data"))
    assert run(rule, Path("data")) == [
        "site.yaml:1:37: common_must_haves.1: 'github_stars' is a number feature; only support features can be required",
        "site.yaml:1:51: common_must_haves.2: unknown feature 'mobile_runtimes'"]
