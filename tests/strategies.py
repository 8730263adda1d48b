"""Hypothesis strategies shared by the calculator property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from calculators.fields import Field

counts = st.integers(min_value=0, max_value=10_000)
positive_counts = st.integers(min_value=1, max_value=10_000)


@st.composite
def nps_counts(draw: st.DrawFn) -> tuple[int, int, int]:
    """Promoters, passives and detractors with at least one answer in total."""
    promoters, passives, detractors = draw(counts), draw(counts), draw(counts)
    if promoters + passives + detractors == 0:
        passives = draw(positive_counts)
    return promoters, passives, detractors


# CLV, NRR and the maturity self-assessment.

money = st.floats(min_value=0, max_value=1e12)
positive_money = st.floats(min_value=1, max_value=1e12)
margins = st.floats(min_value=-100, max_value=100)
positive_margins = st.floats(min_value=0.01, max_value=100)
# Zero or at least 0.01 % a year (or a month): smaller non-zero rates are refused as indistinguishable
# from zero; more than 100 % of accounts cannot leave.
churn_rates = st.floats(min_value=0.01, max_value=100)
churn_units = st.sampled_from(("year", "month"))
discount_rates = st.floats(min_value=0.01, max_value=100)
any_churn = st.one_of(st.just(0.0), churn_rates)
any_discount = st.one_of(st.just(0.0), discount_rates)
cacs = st.one_of(st.none(), st.floats(min_value=0.01, max_value=1e12))
levels = st.integers(min_value=0, max_value=4)

# Text a person or a crafted link might put in any field, besides arbitrary Unicode.
EDGE_TEXTS = (
    "",
    " ",
    "0",
    "-0",
    "1",
    "−1",
    "0,001",
    "0.01",
    "1e-300",
    "5e-324",
    "1e300",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "1 200",
    "1\u00a0200,5",
    "12,5,1",
    "100",
    "1200",
    "1201",
    "101",
    "-100",
    "-101",
    "4",
    "5",
    "2.5",
    "1e12",
    "1e13",
    # Ranges: ordered, reversed, open-ended, with an ellipsis, with junk or overflowing ends.
    "15..25",
    "25..15",
    "15..",
    "..25",
    "15…25",
    "1...2",
    "a..b",
    "0..1e12",
    "1e309..1",
    "-5..5",
    "5..5",
)


def form_values(fields: tuple[Field, ...]) -> st.SearchStrategy[dict[str, str]]:
    """Arbitrary text for every field of a calculator, mixed with edge values and valid choices."""
    return st.fixed_dictionaries(
        {
            field.name: st.one_of(st.text(), st.sampled_from(EDGE_TEXTS + tuple(value for value, _ in field.choices)))
            for field in fields
        }
    )


@st.composite
def nrr_amounts(draw: st.DrawFn) -> tuple[float, float, float, float]:
    """Start, expansion, contraction and churn with contraction + churn never above the start."""
    start = draw(positive_money)
    lost_share = draw(st.floats(min_value=0, max_value=1))
    contraction_share = draw(st.floats(min_value=0, max_value=1))
    lost = start * lost_share
    contraction = lost * contraction_share
    return start, draw(money), contraction, max(0.0, lost - contraction)


@st.composite
def maturity_levels(draw: st.DrawFn) -> list[int]:
    """Levels 0–4 for the five dimensions, at least one of them answered (not 0)."""
    answers = draw(st.lists(levels, min_size=5, max_size=5))
    if not any(answers):
        answers[draw(st.integers(min_value=0, max_value=4))] = draw(st.integers(min_value=1, max_value=4))
    return answers


@st.composite
def nps_counts_with_population(draw: st.DrawFn) -> tuple[int, int, int, int]:
    """Promoters, passives, detractors and a total number of customers no smaller than their sum."""
    promoters, passives, detractors = draw(nps_counts())
    n = promoters + passives + detractors
    return promoters, passives, detractors, n + draw(st.integers(min_value=0, max_value=100_000))


SEGMENT_NAMES = ("Малый бизнес", "Крупный бизнес", "Enterprise", "SMB", "Ёлка «Север»", "Q1 2025", 'Кавычка "x"')
# Cells that are not a 0–10 answer: out of range, fractional, negative, words, dashes.
JUNK_SCORES = ("11", "9,5", "-1", "нет", "—", "10 баллов")


@st.composite
def survey_rows(draw: st.DrawFn) -> list[tuple[str, str]]:
    """(segment, score cell) rows of a survey export: valid scores, some as «9,0», some blank or junk.

    The first row holds a valid score and words never outnumber scores, so that a header is
    detectable the way people expect: a table whose first answer is a word has no clear header.
    """
    valid = draw(
        st.lists(st.tuples(st.sampled_from(SEGMENT_NAMES), st.integers(0, 10), st.booleans()), min_size=1, max_size=60)
    )
    rows = [(segment, f"{score},0" if decimal else str(score)) for segment, score, decimal in valid]
    others = draw(
        st.lists(
            st.tuples(st.sampled_from(SEGMENT_NAMES), st.sampled_from(("", *JUNK_SCORES))), max_size=len(valid) - 1
        )
    )
    return rows[:1] + draw(st.permutations(rows[1:] + others))


@st.composite
def advanced_clv_inputs(draw: st.DrawFn) -> dict[str, float | str | None]:
    """Valid inputs of the advanced CLV form, as the maths takes them (keyword arguments)."""
    return {
        "arpa": draw(money),
        "gross_margin": draw(margins),
        "churn": draw(any_churn),
        "discount_rate": draw(any_discount),
        "cac": draw(cacs),
        "horizon_years": draw(st.integers(min_value=1, max_value=100)),
        "churn_unit": draw(churn_units),
    }
