"""The checked data, in display order: what load.py returns and every later stage reads.

Lookups by id live here; derived facts live in scoring.py (rankings) and the view layer (everything shown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from dlmatrix.data.model import Claim, FeatureDef, Framework, Question, SiteSettings, Topic, UseCase


@dataclass(frozen=True)
class Dataset:
    """The checked data, in display order. Rankings live in scoring.py; differences and everything shown in the view layer."""

    topics: tuple[Topic, ...]  # by `order`
    frameworks: tuple[Framework, ...]  # data/site.yaml's order first, then the others by status, then name
    use_cases: tuple[UseCase, ...]  # by `order`
    claims: tuple[Claim, ...]
    settings: SiteSettings
    source_files: dict[str, str]  # entity key ("framework:pytorch") -> path of its YAML file, as given
    questions: tuple[Question, ...] = ()  # data/questions.yaml, in file order
    # (framework id, feature id) -> the line of that cell's key in its framework file ("suggest a fix" links)
    cell_lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False)  # where, not what

    @cached_property
    def features(self) -> tuple[FeatureDef, ...]:
        return tuple(feature for topic in self.topics for feature in topic.features)

    @cached_property
    def _features_by_id(self) -> dict[str, FeatureDef]:
        return {feature.id: feature for feature in self.features}

    @cached_property
    def _topic_by_feature(self) -> dict[str, Topic]:
        return {feature.id: topic for topic in self.topics for feature in topic.features}

    @cached_property
    def _frameworks_by_id(self) -> dict[str, Framework]:
        return {framework.id: framework for framework in self.frameworks}

    @cached_property
    def roles(self) -> dict[str, FeatureDef]:
        """role -> the feature that holds it (each role is held once: a rule checks it)."""
        return {feature.role: feature for feature in self.features if feature.role}

    def feature(self, feature_id: str) -> FeatureDef:
        return self._features_by_id[feature_id]

    def has_feature(self, feature_id: str) -> bool:
        return feature_id in self._features_by_id

    def framework(self, framework_id: str) -> Framework:
        return self._frameworks_by_id[framework_id]

    def has_framework(self, framework_id: str) -> bool:
        return framework_id in self._frameworks_by_id

    def topic_of(self, feature_id: str) -> Topic:
        return self._topic_by_feature[feature_id]

    def topic(self, topic_id: str) -> Topic:
        return next(topic for topic in self.topics if topic.id == topic_id)

    def use_case(self, use_case_id: str) -> UseCase:
        return next(use_case for use_case in self.use_cases if use_case.id == use_case_id)
