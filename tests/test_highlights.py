"""The figure of the week: replacing or adding a row, saving a version (eaeu/highlights.py).
Edits are SYNTHETIC."""

from __future__ import annotations

import pytest

from eaeu import highlights
from eaeu.highlight_form_rules import FormProblems
from eaeu.model import DataError
from eaeu.store import Store


@pytest.fixture
def store(seeded_store) -> Store:
    return seeded_store


def shipped_highlight(store) -> dict[str, str]:
    return highlights.latest_highlight_row(store.load_raw()["highlights"])


def test_a_highlight_replaces_its_key_or_is_added(store):
    tables = store.load_raw()
    row = shipped_highlight(store)
    replaced = highlights.with_highlight(tables, {**row, "text_en": "SYNTHETIC text"})
    assert list(replaced["highlights"]["text_en"]) == ["SYNTHETIC text"]
    added = highlights.with_highlight(tables, {**row, "date": "2026-01-05"})
    assert list(added["highlights"]["date"]) == [row["date"], "2026-01-05"]
    assert list(tables["highlights"]["text_en"]) == [row["text_en"]]  # the input is untouched


def test_saving_a_highlight_makes_an_edit_version(store):
    before = store.current_version()
    row = {**shipped_highlight(store), "headline_en": "SYNTHETIC headline"}
    info = highlights.save_highlight(store, row, "synthetic-editor", "en")
    assert (info.id, info.kind, info.editor) == (before + 1, "edit", "synthetic-editor")
    assert shipped_highlight(store)["headline_en"] == "SYNTHETIC headline"
    assert store.load_raw(before)["highlights"]["headline_en"][0] == "Figure of the week"


def test_a_highlight_that_disagrees_with_the_data_saves_nothing(store):
    before, content = store.current_version(), store.content_hash()
    row = {**shipped_highlight(store), "leaders": "ARM=12.6;BLR=9.9"}
    with pytest.raises(FormProblems) as error:
        highlights.save_highlight(store, row, "synthetic-editor", "en")
    assert error.value.errors == {
        "leaders": "Leaders: BLR 9.9 does not match the data "
        "(Industrial production, Belarus, Jan–Sep 2024: 6.4)"
    }
    with pytest.raises(FormProblems) as error:
        highlights.save_highlight(store, {**shipped_highlight(store), "value": "4.5"}, "e", "ru")
    assert list(error.value.errors) == ["value"]
    with pytest.raises(DataError):  # the whole dataset is still checked: no unreadable row
        highlights.save_highlight(store, {**shipped_highlight(store), "value": "abc"}, "e", "en")
    with pytest.raises(highlights.NothingChanged):
        highlights.save_highlight(store, shipped_highlight(store), "synthetic-editor", "en")
    assert (store.current_version(), store.content_hash()) == (before, content)
