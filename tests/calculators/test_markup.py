"""`calculators.markup.escape` against the standard library's `html.escape`."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from calculators import markup


@given(st.text())
def test_markup_escape_is_the_standard_librarys(text):
    # The calculators escape without `html` to keep its entity table out of the browser's download.
    assert markup.escape(text) == html.escape(text)
    assert markup.escape(text, quote=False) == html.escape(text, quote=False)
