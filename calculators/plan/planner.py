"""From checked inputs to a plan: accounts split into maps, checkpoints and reviews in the calendar."""

from __future__ import annotations

from dataclasses import dataclass

from calculators.errors import InputError
from calculators.plan.accounts import AccountTable, read_accounts
from calculators.plan.export import PlannedMap, Review
from calculators.plan.schedule import CheckpointLine, Month, parse_lines, review_day, review_months, schedule
from calculators.plan.split import Rules, Split, split_accounts

MAX_MAPS = 40


@dataclass(frozen=True)
class PlanInputs:
    """What the reader chose; `accounts` is a file's bytes or pasted text, `lines` the template as edited."""

    accounts: bytes | str
    accounts_field: str
    rules: Rules
    start: Month
    horizon: int
    quarterly: bool
    template: str
    lines: str
    lines_field: str


@dataclass(frozen=True)
class Plan:
    """The finished plan."""

    inputs: PlanInputs
    table: AccountTable
    split: Split
    maps: tuple[PlannedMap, ...]
    reviews: tuple[Review, ...]
    outside: tuple[CheckpointLine, ...]

    @property
    def last_month(self) -> Month:
        """The plan's last month."""
        return self.inputs.start.plus(self.inputs.horizon - 1)

    @property
    def events(self) -> int:
        """Events in the calendar file: every map's checkpoints and the reviews."""
        return sum(len(item.checkpoints) for item in self.maps) + len(self.reviews)


def make_plan(inputs: PlanInputs) -> Plan:
    """Read the accounts, split them into maps and place every map's checkpoints and the reviews.

    Examples:
        >>> from calculators.plan.templates import B2B, EXAMPLE_ACCOUNTS
        >>> plan = make_plan(PlanInputs(EXAMPLE_ACCOUNTS, "a", Rules(), Month.of(2027, 1), 12, False, "b2b", B2B, "l"))
        >>> len(plan.split.individual), len(plan.split.groups), len(plan.reviews), plan.events
        (6, 4, 12, 92)
    """
    table = read_accounts(inputs.accounts, inputs.accounts_field)
    split = split_accounts(table.accounts, inputs.rules)
    if len(split.maps) > MAX_MAPS:
        raise InputError(
            inputs.accounts_field,
            f"Получается {len(split.maps)} карт, а разумно начинать с {MAX_MAPS} или меньше: "
            "объедините мелкие сегменты или уменьшите число индивидуальных карт на владельца.",
        )
    placed, outside = schedule(parse_lines(inputs.lines, inputs.lines_field), inputs.start, inputs.horizon)
    months = review_months(inputs.horizon, inputs.quarterly)
    reviews = tuple(Review(month, review_day(inputs.start.plus(month - 1))) for month in months)
    maps = tuple(PlannedMap(item, tuple(placed)) for item in split.maps)
    return Plan(inputs, table, split, maps, reviews, tuple(outside))
