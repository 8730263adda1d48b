"""Which accounts get an individual development map and which share a group map.

The development-maps page names three signs of an account that needs its own map: it was won
through ABM, it is among the fewer than 10 % of the base of its scale, its potential is far above
today's revenue. Turning those words into numbers is the handbook's reading: «scale» is the
annual potential, «far above» is `potential ≥ ratio × revenue`, and one sign is enough (the
page's own advice: start by asking whether at least one sign holds). Following the page's
pitfall advice, each owner starts with at most `per_owner` individual maps; the surplus, least
promising first, waits in its segment's group map.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import floor

from calculators.plan.accounts import Account


@dataclass(frozen=True)
class Rules:
    """The adjustable thresholds: potential ratio, top share of the base in %, maps per owner."""

    potential_ratio: float = 2.0
    top_share: float = 10.0
    per_owner: int = 3


@dataclass(frozen=True)
class Signs:
    """Which signs of a special account hold."""

    abm: bool
    top: bool
    potential: bool

    @property
    def count(self) -> int:
        """How many signs hold.

        Examples:
            >>> Signs(True, False, True).count
            2
        """
        return int(self.abm) + int(self.top) + int(self.potential)


@dataclass(frozen=True)
class DevelopmentMap:
    """One map: `individual` for one account, otherwise a segment's group."""

    title: str
    individual: bool
    accounts: tuple[Account, ...]

    @property
    def kind(self) -> str:
        """«индивидуальная» or «групповая».

        Examples:
            >>> DevelopmentMap("Банки", False, ()).kind
            'групповая'
        """
        return "индивидуальная" if self.individual else "групповая"


@dataclass(frozen=True)
class Split:
    """The maps, each account's signs, and the special accounts an owner's cap sent to groups."""

    maps: tuple[DevelopmentMap, ...]
    signs: dict[int, Signs]
    deferred: tuple[Account, ...]

    @property
    def individual(self) -> tuple[DevelopmentMap, ...]:
        """Individual maps only."""
        return tuple(item for item in self.maps if item.individual)

    @property
    def groups(self) -> tuple[DevelopmentMap, ...]:
        """Group maps only."""
        return tuple(item for item in self.maps if not item.individual)


def top_lines(accounts: tuple[Account, ...], share: float) -> set[int]:
    """Lines of the accounts among the top `share` % of the base by potential (ties all count).

    The top holds ⌊n × share / 100⌋ places, so a base of fewer than 10 accounts has no top 10 %.

    Examples:
        >>> base = tuple(Account(n, str(n), "", None, float(n), False, "") for n in range(1, 21))
        >>> sorted(top_lines(base, 10))
        [19, 20]
        >>> top_lines(base[:9], 10)
        set()
    """
    places = floor(len(accounts) * share / 100 + 1e-9)
    known = sorted((item.potential for item in accounts if item.potential is not None), reverse=True)
    if places <= 0 or not known:
        return set()
    cutoff = known[min(places, len(known)) - 1]
    return {item.line for item in accounts if item.potential is not None and item.potential >= cutoff}


def signs_of(account: Account, rules: Rules, top: set[int]) -> Signs:
    """The signs that hold for one account.

    Examples:
        >>> signs_of(Account(1, "А", "", 1e6, 2e6, False, ""), Rules(), set())
        Signs(abm=False, top=False, potential=True)
        >>> signs_of(Account(1, "А", "", 0.0, 1.0, False, ""), Rules(), set()).potential
        True
    """
    far_above = (
        account.revenue is not None
        and account.potential is not None
        and account.potential > 0
        and account.potential >= rules.potential_ratio * account.revenue
    )
    return Signs(abm=account.abm, top=account.line in top, potential=far_above)


def split_accounts(accounts: tuple[Account, ...], rules: Rules) -> Split:
    """Individual maps for special accounts within each owner's cap; group maps by segment for the rest.

    Individual maps come first, by owner in order of appearance; an owner's special accounts are
    ranked by the number of signs, then by the room to grow.

    Examples:
        >>> rows = (Account(1, "А", "Банки", 1e6, 5e6, True, "Ива"), Account(2, "Б", "Банки", 1e6, 1e6, False, "Ива"))
        >>> [(item.title, item.individual) for item in split_accounts(rows, Rules()).maps]
        [('А', True), ('Банки', False)]
    """
    top = top_lines(accounts, rules.top_share)
    signs = {item.line: signs_of(item, rules, top) for item in accounts}
    by_owner: dict[str, list[Account]] = {}
    for item in accounts:
        if signs[item.line].count:
            by_owner.setdefault(item.owner, []).append(item)
    chosen: list[Account] = []
    deferred: list[Account] = []
    for special in by_owner.values():
        ranked = sorted(special, key=lambda item: (-signs[item.line].count, -item.growth_room, item.line))
        chosen += ranked[: rules.per_owner]
        deferred += ranked[rules.per_owner :]
    individual_lines = {item.line for item in chosen}
    segments: dict[str, list[Account]] = {}
    for item in accounts:
        if item.line not in individual_lines:
            segments.setdefault(item.segment, []).append(item)
    maps = [DevelopmentMap(item.name, True, (item,)) for item in chosen]
    maps += [DevelopmentMap(segment, False, tuple(members)) for segment, members in segments.items()]
    deferred.sort(key=lambda item: item.line)
    return Split(tuple(maps), signs, tuple(deferred))
