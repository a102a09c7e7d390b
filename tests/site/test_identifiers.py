"""Identifiers per framework (dlmatrix/site/identifiers.py): purls that a purl implementation parses back to the
same package, GitHub repositories that match the data, in the data API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from packageurl import PackageURL

from dlmatrix.data.load import load_dataset
from dlmatrix.site.identifiers import github_repository, npm_purl, purls, pypi_purl
from tests.conftest import ROOT


def test_purls_follow_the_spec() -> None:
    assert pypi_purl("Torch_Geometric") == "pkg:pypi/torch-geometric"
    assert npm_purl("@tensorflow/tfjs") == "pkg:npm/%40tensorflow/tfjs"
    assert npm_purl("onnxruntime-web") == "pkg:npm/onnxruntime-web"
    parsed = PackageURL.from_string(npm_purl("@tensorflow/tfjs"))
    assert (parsed.type, parsed.namespace, parsed.name) == ("npm", "@tensorflow", "tfjs")


def test_every_frameworks_identifiers_are_valid_and_match_its_packages() -> None:
    data = load_dataset(ROOT / "data")
    with_purls = 0
    for framework in data.frameworks:
        found = purls(framework)
        packages = framework.packages
        expected = ([p.name for p in packages.pypi] + list(packages.npm)) if packages else []
        assert len(found) == len(expected), framework.id
        for purl, name in zip(found, expected, strict=True):
            parsed = PackageURL.from_string(purl)  # a real purl parser: type, namespace and name
            assert parsed.to_string() == purl, purl
            assert (f"{parsed.namespace}/{parsed.name}" if parsed.namespace else parsed.name) == \
                (name.lower().replace("_", "-") if parsed.type == "pypi" else name)
        with_purls += bool(found)
        github = github_repository(framework)
        if github:
            assert framework.repository and ((framework.packages and framework.packages.github == github)
                                             or framework.repository.rstrip("/").endswith("/" + github)), framework.id
    assert with_purls >= len(data.frameworks) // 2  # most frameworks are on a registry


@pytest.mark.build
def test_the_api_carries_the_identifiers(real_site: Path) -> None:
    data = load_dataset(ROOT / "data")
    for framework in data.frameworks:
        document = json.loads((real_site / f"api/v1/frameworks/{framework.id}.json").read_text(encoding="utf-8"))
        assert document["framework"]["identifiers"] == {"purl": purls(framework),
                                                        "github": github_repository(framework)}
