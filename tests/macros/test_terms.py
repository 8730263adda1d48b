"""The terms file: every entry well-formed, consistent with itself, and rendered by the glossary."""

from __future__ import annotations

import pytest

from macros.terms import TermsError, load_terms, parse_terms, render_term, terms
from tests.site_pages import DOCS

TERMS = load_terms()


@pytest.mark.parametrize("term", TERMS, ids=lambda term: term.term)
def test_a_term_does_not_forbid_itself_or_its_accepted_forms(term):
    for allowed in (term.term, *term.accepted):
        assert not any(variant.find(allowed) for variant in term.forbidden), allowed


@pytest.mark.parametrize("term", TERMS, ids=lambda term: term.term)
def test_every_see_link_points_at_a_page(term):
    assert term.see, "a term says where it is explained"
    for _, path in term.see:
        assert (DOCS / path.split("#")[0]).is_file(), path


def test_no_forbidden_variant_is_another_terms_name():
    names = [name for term in TERMS for name in (term.term, *term.accepted)]
    clashes = [
        (term.term, variant.text, name)
        for term in TERMS
        for variant in term.forbidden
        for name in names
        if variant.find(name)
    ]
    assert clashes == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- term: критик\n  section: А", "у термина «критик» нет поля definition"),
        ("- term: критик\n  section: А\n  definition: Б.\n  forbiden: [x]", "неизвестное поле forbiden"),
        ("- term: критик\n  section: А\n  definition: Б.\n  forbidden: детрактор", "forbidden"),
        ("- term: a\n  section: А\n  definition: Б.\n- term: a\n  section: А\n  definition: Б.", "описан дважды"),
        ("- term: a\n  section: [", "не читается как YAML"),
    ],
)
def test_malformed_entries_are_refused_with_a_reason(text, message):
    with pytest.raises(TermsError, match=message):
        parse_terms(text)


def test_the_line_of_a_bad_entry_is_known():
    with pytest.raises(TermsError) as error:
        parse_terms("- term: a\n  section: А\n  definition: Б.\n\n- term: b\n  section: А\n")
    assert error.value.line == 5


def test_the_glossary_shows_the_sources_words_so_search_finds_them():
    rendered = terms()
    for term in TERMS:
        assert render_term(term) in rendered
        for word in term.sources:
            assert f"«{word}»" in rendered
