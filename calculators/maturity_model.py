"""The CLG maturity model from `docs/data/maturity.json`: four stages, five dimensions.

The handbook page and the self-assessment both read the model through this module, so
editing the data file changes both.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.datafiles import DataFileError, load_json, require, require_text

FILE = "docs/data/maturity.json"
STAGE_IDS = ("reactive", "opportunistic", "programmatic", "predictable")
DIMENSION_IDS = ("advocacy", "post_sale_marketing", "cs_marketing_alignment", "customer_insights", "revenue_impact")


@dataclass(frozen=True)
class Stage:
    """One maturity stage and how to move on from it."""

    id: str
    level: int
    name: str
    mostly: str
    summary: str
    mindset: str
    signals: tuple[str, ...]
    marketing_role: str
    risks: tuple[str, ...]
    next_steps: tuple[str, ...]


@dataclass(frozen=True)
class Dimension:
    """One dimension of the diagnostic: what each stage looks like and the next step from it."""

    id: str
    name: str
    question: str
    levels: dict[str, str]
    next_steps: dict[str, str]


@dataclass(frozen=True)
class MaturityModel:
    """Stages in order of maturity and the five dimensions."""

    stages: tuple[Stage, ...]
    dimensions: tuple[Dimension, ...]

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id.

        Examples:
            >>> load_model().stage("predictable").level
            4
        """
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(f"unknown stage {stage_id!r}; known: {', '.join(STAGE_IDS)}")

    def stage_at(self, level: int) -> Stage:
        """The stage at level 1–4."""
        return self.stages[level - 1]


def _texts(key: str, entry: dict[str, object]) -> tuple[str, ...]:
    items = require(FILE, key, entry.get(key.rsplit(".", 1)[-1]), list)
    if not items:
        raise DataFileError(FILE, key, "needs at least one item")
    return tuple(require(FILE, f"{key}[{index}]", item, str) for index, item in enumerate(items))


def _by_stage(key: str, entry: dict[str, object]) -> dict[str, str]:
    mapping = require(FILE, key, entry.get(key.rsplit(".", 1)[-1]), dict)
    return {stage_id: require_text(FILE, f"{key}.{stage_id}", mapping) for stage_id in STAGE_IDS}


def parse_stage(index: int, entry: object) -> Stage:
    """Check one stage entry; errors name `stages[index].field`."""
    key = f"stages[{index}]"
    entry = require(FILE, key, entry, dict)
    stage_id = require_text(FILE, f"{key}.id", entry)
    if stage_id != STAGE_IDS[index]:
        raise DataFileError(FILE, f"{key}.id", f"expected {STAGE_IDS[index]!r} at this position")
    level = require(FILE, f"{key}.level", entry.get("level"), int)
    if level != index + 1:
        raise DataFileError(FILE, f"{key}.level", f"expected {index + 1}")
    return Stage(
        id=stage_id,
        level=level,
        name=require_text(FILE, f"{key}.name", entry),
        mostly=require_text(FILE, f"{key}.mostly", entry),
        summary=require_text(FILE, f"{key}.summary", entry),
        mindset=require_text(FILE, f"{key}.mindset", entry),
        signals=_texts(f"{key}.signals", entry),
        marketing_role=require_text(FILE, f"{key}.marketing_role", entry),
        risks=_texts(f"{key}.risks", entry),
        next_steps=_texts(f"{key}.next_steps", entry),
    )


def parse_dimension(index: int, entry: object) -> Dimension:
    """Check one dimension entry; errors name `dimensions[index].field`."""
    key = f"dimensions[{index}]"
    entry = require(FILE, key, entry, dict)
    dimension_id = require_text(FILE, f"{key}.id", entry)
    if dimension_id != DIMENSION_IDS[index]:
        raise DataFileError(FILE, f"{key}.id", f"expected {DIMENSION_IDS[index]!r} at this position")
    return Dimension(
        id=dimension_id,
        name=require_text(FILE, f"{key}.name", entry),
        question=require_text(FILE, f"{key}.question", entry),
        levels=_by_stage(f"{key}.levels", entry),
        next_steps=_by_stage(f"{key}.next_steps", entry),
    )


def parse_model(data: object) -> MaturityModel:
    """Build the model from parsed JSON, checking every key."""
    data = require(FILE, "(top level)", data, dict)
    stages = require(FILE, "stages", data.get("stages"), list)
    dimensions = require(FILE, "dimensions", data.get("dimensions"), list)
    if len(stages) != len(STAGE_IDS):
        raise DataFileError(FILE, "stages", f"expected {len(STAGE_IDS)} stages, found {len(stages)}")
    if len(dimensions) != len(DIMENSION_IDS):
        raise DataFileError(FILE, "dimensions", f"expected {len(DIMENSION_IDS)} dimensions, found {len(dimensions)}")
    return MaturityModel(
        stages=tuple(parse_stage(index, entry) for index, entry in enumerate(stages)),
        dimensions=tuple(parse_dimension(index, entry) for index, entry in enumerate(dimensions)),
    )


def load_model() -> MaturityModel:
    """The checked maturity model from its data file."""
    return parse_model(load_json("maturity.json"))
