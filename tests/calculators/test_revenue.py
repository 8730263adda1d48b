"""«Лояльность и выручка»: reading account tables, group metrics, gap intervals and their coverage.

Expected group metrics are computed here term by term with exact fractions from the rows the
tables are written from, sharing no code with `calculators.revenue`. Interval coverage is
simulated (NRR, delta method) or enumerated exactly (logo churn, Agresti–Caffo), and the
Agresti–Caffo interval is checked against a published example.
"""

from __future__ import annotations

import io
import json
import math
import random
from fractions import Fraction

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.bridge import run
from calculators.errors import InputError
from calculators.revenue.accounts import GROUPS, GroupAccounts, read_accounts
from calculators.revenue.example import EXAMPLE_ACCOUNTS
from calculators.revenue.maths import GroupMetrics, analyse, churn_gap, group_metrics, nrr_gap
from tests.strategies import account_rows

# (score, start, end); a score of None is a blank cell.
ROWS = [
    (10, 1_200_000, 1_500_000),
    (9, 800_000, 800_000),
    (9, 450_000, 0),
    (10, 300_000, 420_000),
    (8, 2_000_000, 1_700_000),
    (7, 600_000, 660_000),
    (6, 900_000, 0),
    (3, 1_100_000, 950_000),
    (0, 250_000, 0),
    (5, 700_000, 720_000),
    (None, 500_000, 450_000),
    (None, 1_000_000, 0),
]


def group_of(score: int | None) -> str:
    if score is None:
        return "nonrespondents"
    return "promoters" if score >= 9 else "passives" if score >= 7 else "detractors"


def expected(rows) -> dict[str, dict[str, Fraction]]:
    """Every group metric, term by term, as exact fractions (percent where the calculator gives percent)."""
    result = {}
    for group in GROUPS:
        members = [(Fraction(start), Fraction(end)) for score, start, end in rows if group_of(score) == group]
        if not members:
            continue
        start = sum(s for s, _ in members)
        end = sum(e for _, e in members)
        kept = sum(min(s, e) for s, e in members)
        result[group] = {
            "accounts": Fraction(len(members)),
            "start": start,
            "end": end,
            "nrr": 100 * end / start,
            "grr": 100 * kept / start,
            "churn": Fraction(100 * sum(1 for _, e in members if e == 0), len(members)),
            "expansion": Fraction(100 * sum(1 for s, e in members if e > s), len(members)),
        }
    return result


def russian(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u00a0")


def table_text(rows, delimiter: str = ";") -> str:
    lines = [delimiter.join(["Клиент", "Оценка NPS", "Выручка на начало, ₽", "Выручка на конец, ₽"])]
    for number, (score, start, end) in enumerate(rows):
        lines.append(delimiter.join([f"К-{number}", "" if score is None else str(score), russian(start), russian(end)]))
    return "\n".join(lines)


def values(text: str, **params: str) -> dict[str, str]:
    answer = json.loads(run("revenue", json.dumps({"accounts_text": text, **params})))
    assert answer["status"] == "ok", answer
    return answer["values"]


def test_every_group_metric_matches_a_term_by_term_exact_sum():
    got = values(table_text(ROWS))
    for group, metrics in expected(ROWS).items():
        for name, value in metrics.items():
            key = {"start": f"start_{group}", "end": f"end_{group}"}.get(name, f"{name}_{group}")
            decimals = 0 if name in ("accounts", "start", "end") else 1
            assert got[key] == f"{float(value):.{decimals}f}", key


def test_gaps_and_overall_match_exact_sums():
    got = values(table_text(ROWS))
    metrics = expected(ROWS)
    gap = metrics["promoters"]["nrr"] - metrics["detractors"]["nrr"]
    assert got["nrr_gap"] == f"{float(gap):.1f}"
    churn = metrics["promoters"]["churn"] - metrics["detractors"]["churn"]
    assert got["churn_gap"] == f"{float(churn):.1f}"
    start = sum(Fraction(s) for _, s, _ in ROWS)
    end = sum(Fraction(e) for _, _, e in ROWS)
    assert got["nrr_all"] == f"{float(100 * end / start):.1f}"
    assert got["accounts"] == str(len(ROWS))


def test_what_it_is_worth_is_the_detractors_start_at_the_passives_rate():
    got = values(table_text(ROWS), improvement="40")
    metrics = expected(ROWS)
    detractors, passives = metrics["detractors"], metrics["passives"]
    gap = detractors["start"] * passives["end"] / passives["start"] - detractors["end"]
    lost = sum(Fraction(s) - min(Fraction(s), Fraction(e)) for score, s, e in ROWS if group_of(score) == "detractors")
    assert got["worth_if_passive"] == f"{float(gap):.0f}"
    assert got["worth_scenario"] == f"{float(gap * Fraction(40, 100)):.0f}"
    assert got["detractor_loss"] == f"{float(lost):.0f}"


def test_movement_columns_replace_the_end_column():
    text = (
        "Оценка;Начало;Расширение;Сокращение;Отток\n"
        "10;100 000;20 000;;\n9;50 000;;10 000;\n3;80 000;;;80 000\n6;40 000;;;"
    )
    got = values(text)
    assert got["nrr_promoters"] == f"{100 * 160_000 / 150_000:.1f}"
    assert got["grr_promoters"] == f"{100 * 140_000 / 150_000:.1f}"
    assert got["churn_detractors"] == "50.0"
    assert got["nrr_detractors"] == f"{100 * 40_000 / 120_000:.1f}"


def ratio_variance_reference(pairs: list[tuple[int, int]]) -> Fraction:
    """Cochran (1977), eq. 6.13 without the finite-population factor, in exact fractions."""
    n = len(pairs)
    total_start = sum(Fraction(s) for s, _ in pairs)
    ratio = sum(Fraction(e) for _, e in pairs) / total_start
    squares = sum((Fraction(e) - ratio * s) ** 2 for s, e in pairs)
    mean_start = total_start / n
    return squares / (n - 1) / (n * mean_start**2)


def test_nrr_gap_interval_is_the_delta_method_in_exact_fractions():
    analysis = analyse(read_accounts(table_text(ROWS), {}, "accounts_text"), 25)
    promoters = [(s, e) for score, s, e in ROWS if group_of(score) == "promoters"]
    detractors = [(s, e) for score, s, e in ROWS if group_of(score) == "detractors"]
    variance = ratio_variance_reference(promoters) + ratio_variance_reference(detractors)
    margin = 100 * 1.96 * math.sqrt(variance)
    gap = analysis.nrr_gap
    assert gap is not None
    assert gap.low == pytest.approx(gap.difference - margin, rel=1e-12)
    assert gap.high == pytest.approx(gap.difference + margin, rel=1e-12)


def metrics(accounts: int, churned: int) -> GroupMetrics:
    return GroupMetrics("g", accounts, 1.0, 1.0, 0.0, 0.0, 0.0, churned, 0, 0.0)


def test_agresti_caffo_matches_a_published_example():
    # Bilder & Loughin, «Analysis of Categorical Data with R» (2014), §1.2.3: Larry Bird's
    # second free throws after a made (251 of 285) and a missed first one (48 of 53);
    # 95 % Agresti–Caffo interval −0.10353254 … 0.07781192 (their R code uses qnorm = 1.959964).
    gap = churn_gap(metrics(285, 251), metrics(53, 48))
    assert gap.low / 100 == pytest.approx(-0.10353254, abs=2e-5)
    assert gap.high / 100 == pytest.approx(0.07781192, abs=2e-5)


def binomial(n: int, p: float) -> list[float]:
    return [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]


@pytest.mark.parametrize(
    ("n_a", "n_b"),
    [
        # The handbook's warning threshold and a group well above it.
        (30, 30),
        (40, 25),
        (100, 60),
    ],
)
def test_churn_gap_coverage_by_exact_enumeration(n_a, n_b):
    coverages = []
    for p_a in (0.03, 0.1, 0.2, 0.35):
        for p_b in (0.05, 0.15, 0.3):
            weights_a, weights_b = binomial(n_a, p_a), binomial(n_b, p_b)
            truth = 100 * (p_a - p_b)
            covered = 0.0
            for x_a, weight_a in enumerate(weights_a):
                for x_b, weight_b in enumerate(weights_b):
                    gap = churn_gap(metrics(n_a, x_a), metrics(n_b, x_b))
                    if gap.low <= truth <= gap.high:
                        covered += weight_a * weight_b
            coverages.append(covered)
    # Agresti & Caffo (2000): close to nominal on average, and no collapse at rare events.
    assert 0.94 <= sum(coverages) / len(coverages) <= 0.97
    assert min(coverages) >= 0.91


def simulated_group(rng: random.Random, n: int, churn: float, growth: float) -> GroupMetrics:
    """B2B-like accounts: log-normal start revenue (spread ×2–3), churn, log-normal growth."""
    accounts = GroupAccounts()
    for _ in range(n):
        start = 500_000 * math.exp(rng.gauss(0, 0.8))
        end = 0.0 if rng.random() < churn else start * math.exp(rng.gauss(growth, 0.2))
        accounts.add(start, end, (0.0, 0.0, 0.0), 0)
    group = group_metrics("g", accounts)
    assert group is not None
    return group


def true_nrr(churn: float, growth: float) -> float:
    """E[end] / E[start] for the model above: end / start is independent of start."""
    return 100 * (1 - churn) * math.exp(growth + 0.2**2 / 2)


@pytest.mark.parametrize(
    ("n_promoters", "n_detractors", "lower"),
    [
        (150, 100, 0.93),
        # Groups at the handbook's 30-account threshold: the delta method is asymptotic, so this
        # row documents how close it still comes.
        (40, 30, 0.91),
    ],
)
def test_nrr_gap_coverage_by_simulation(n_promoters, n_detractors, lower):
    rng = random.Random(20261204)
    truth = true_nrr(0.05, 0.08) - true_nrr(0.2, -0.02)
    repeats, covered = 2000, 0
    for _ in range(repeats):
        gap = nrr_gap(simulated_group(rng, n_promoters, 0.05, 0.08), simulated_group(rng, n_detractors, 0.2, -0.02))
        assert gap is not None
        covered += gap.low <= truth <= gap.high
    assert lower <= covered / repeats <= 0.97, covered / repeats


def test_small_groups_are_warned_about_and_the_example_has_all_groups():
    answer = json.loads(run("revenue", json.dumps({})))
    assert answer["status"] == "ok"
    assert "Меньше 30 клиентов в группах: Не ответили" in answer["html"]
    for group in GROUPS:
        assert f"nrr_{group}" in answer["values"]


@pytest.mark.parametrize(
    ("text", "params", "field", "message"),
    [
        ("Оценка;Начало;Конец", {}, "accounts_text", "только заголовки"),
        ("Клиент;Город\nА;Москва\nБ;Тверь", {}, "accounts_text", "оценками"),
        ("Оценка;Начало\n9;100\n3;200", {}, "accounts_text", "на конец"),
        ("Оценка;Начало;Конец\n9;0;100", {}, "accounts_text", "выручка на начало"),
        ("Оценка;Начало;Конец\n9;100;120", {"start_column": "Выручка"}, "start_column", "Нет столбца «Выручка»"),
        ("Оценка;Начало;Конец\n9;100;120", {"start_column": "2", "end_column": "начало"}, "end_column", "уже выбран"),
        ("", {}, "accounts_text", "Загрузите файл"),
    ],
    ids=["header only", "no scores", "no end", "only new accounts", "unknown column", "column twice", "empty"],
)
def test_bad_tables_get_a_russian_message_on_the_right_field(text, params, field, message):
    answer = json.loads(run("revenue", json.dumps({"accounts_text": text, **params})))
    assert answer["status"] == "error"
    assert answer["errors"][0]["field"] == field
    assert message in answer["errors"][0]["message"]


def test_junk_cells_new_accounts_and_blank_ends_are_counted_and_reported():
    text = "Оценка;Начало;Конец\n10;100;120\nда;100;100\n9;н/д;100\n3;0;50\n6;200;\n5;300;250"
    table = read_accounts(text, {}, "accounts_text")
    assert (table.skipped, table.new_accounts, table.blank_end) == (2, 1, 1)
    assert [row.line for row in table.skipped_examples] == [3, 4]


def test_a_headerless_table_is_read_by_the_kind_of_its_cells():
    table = read_accounts("К-1;9;1 000 000;1 200 000\nК-2;;500 000;0\nК-3;4;800 000;700 000", {}, "accounts_text")
    assert table.columns == {"score_column": "№ 2", "start_column": "№ 3", "end_column": "№ 4"}
    assert table.accounts == 3


def test_a_windows_1251_upload_and_an_xlsx_upload_read_like_the_pasted_table():
    pasted = values(table_text(ROWS))
    # Windows-1251 has no «₽»: old Excel writes «руб.».
    upload = table_text(ROWS).replace("\u00a0", " ").replace("₽", "руб.").encode("cp1251")
    answer = json.loads(run("revenue", json.dumps({}), {"accounts_file": upload}))
    assert answer["values"] == pasted
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Клиент", "Оценка NPS", "Выручка на начало, ₽", "Выручка на конец, ₽"])
    for number, (score, start, end) in enumerate(ROWS):
        sheet.append([f"К-{number}", score, start, end])
    buffer = io.BytesIO()
    book.save(buffer)
    answer = json.loads(run("revenue", json.dumps({}), {"accounts_file": buffer.getvalue()}))
    assert answer["values"] == pasted


@settings(max_examples=150, deadline=None)
@given(rows=account_rows())
def test_nrr_is_never_below_grr_and_intervals_contain_their_estimates(rows):
    analysis = analyse(read_accounts(table_text(rows), {}, "accounts_text"), 25)
    for group in analysis.groups.values():
        assert group.nrr >= group.grr - 1e-9
        interval = group.nrr_interval
        if interval is not None:
            assert interval[0] <= group.nrr <= interval[1]
    for gap in (analysis.nrr_gap, analysis.churn_gap):
        if gap is not None:
            assert gap.low <= gap.difference <= gap.high


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=600), as_text=st.booleans())
def test_any_bytes_give_a_table_or_an_input_error(data, as_text):
    source = data.decode("utf-8", errors="replace") if as_text else data
    try:
        read_accounts(source, {}, "accounts_file")
    except InputError as error:
        assert error.field in {"accounts_file", "score_column", "start_column", "end_column", "segment_column"}


def test_the_example_is_a_realistic_b2b_base():
    table = read_accounts(EXAMPLE_ACCOUNTS, {}, "accounts_text")
    starts = [start for group in table.groups.values() for start in group.starts]
    assert table.skipped == 0 and table.accounts >= 100
    assert min(starts) >= 100_000 and max(starts) <= 20_000_000
