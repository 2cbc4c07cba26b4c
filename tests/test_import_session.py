"""An upload waiting for the editor: the stash, the pending upload the browser keeps
(eaeu/imports/pending.py, eaeu/imports/session.py). Files are SYNTHETIC."""

from __future__ import annotations

import pytest
from corpus import SOURCED

from eaeu.imports.limits import Limits
from eaeu.imports.options import Options
from eaeu.imports.parse import Question
from eaeu.imports.pending import StoredPendingImports, UploadStash, drop_tokens
from eaeu.imports.session import ImportSession, PendingUpload
from eaeu.imports.workflow import preview_import
from eaeu.messages import msg
from eaeu.store import Store


@pytest.fixture
def store(seeded_store) -> Store:
    return seeded_store


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_stash_keeps_the_file_until_dropped_or_expired(store):
    clock = Clock()
    stash = UploadStash(store, ttl_seconds=60, clock=clock)
    token = stash.put(b"\x00synthetic bytes\xff", "synthetic.xlsx")
    assert stash.get(token) == (b"\x00synthetic bytes\xff", "synthetic.xlsx")
    other = stash.put(b"other", "other.csv")
    drop_tokens(store, other, None)
    assert stash.get(other) is None
    clock.now += 61
    assert stash.get(token) is None


def test_stash_ignores_tokens_that_are_not_its_own(store):
    csv = "indicator,geo,period,value,source_name\nindustrial_production,ARM,2026-03,1.5,S\n"
    outcome = preview_import(store, csv.encode(), "synthetic.csv")
    preview_token = StoredPendingImports(store).put(outcome)
    stash = UploadStash(store)
    assert stash.get(preview_token) is None
    assert stash.get("") is None and stash.get(None) is None
    # Tokens a browser made up (PostgreSQL cannot even compare a NUL): no row, no error.
    for forged in ("upload-\x00", "upload-" + "x" * 200, "upload-a b"):
        assert stash.get(forged) is None
    assert StoredPendingImports(store).get("\x00") is None
    drop_tokens(store, "\x00", 5, preview_token)
    assert StoredPendingImports(store).get(preview_token) is None


def test_asked_questions_are_remembered_across_previews():
    pending = PendingUpload("upload-x", answers={"indicator": "gdp"})
    which = msg("ask_indicator")
    pending = pending.asked([Question("indicator", which, ("gdp", "unemployment"))])
    pending = pending.asked([Question("value_form", "?", ("index",))])  # as older pages kept it
    assert pending.to_dict()["questions"] == {
        "indicator": [{"key": "ask_indicator", "params": {}}, ["gdp", "unemployment"]],
        "value_form": ["?", ["index"]],
    }
    assert PendingUpload.from_dict(pending.to_dict()) == pending
    # The page words the question in its own language, whenever it is shown.
    (message, _) = PendingUpload.from_dict(pending.to_dict()).questions["indicator"]
    assert message.text("ru").startswith("в файле нет столбца показателя")
    assert pending.answer({"indicator": "gdp"}) is None  # buttons re-rendered: no new answer
    assert pending.answer({"value_form": "index"}).answers == {
        "indicator": "gdp",
        "value_form": "index",
    }


@pytest.mark.parametrize(
    "data",
    [
        None,
        "x",
        {"upload": 5},
        {"preview": "p"},
        [1],
        {"upload": "u", "answers": 3},
        {"upload": "u", "questions": {"indicator": [{"key": "nope", "params": {}}, ["gdp"]]}},
        {"upload": "u", "questions": {"indicator": [{"key": "ask_value_form"}, 5]}},
    ],
)
def test_a_malformed_pending_upload_from_the_browser_is_none_or_cleaned(data):
    pending = PendingUpload.from_dict(data)
    assert pending is None or (pending.upload == "u" and pending.answers == {})
    for message, _ in pending.questions.values() if pending else ():
        assert isinstance(message, str)  # a message the catalogue does not know: plain text


def test_a_session_previews_answers_and_commits_exactly_once(store):
    session = ImportSession(store, Limits())
    csv = "indicator,geo,period,value\nindustrial_production,KAZ,2031-03,101.5\n"
    pending = session.start(csv.encode(), "synthetic.csv")
    outcome, pending = session.preview(pending, Options(**SOURCED))
    assert not outcome.plan.ok and pending.preview is None  # index or growth? asked
    assert set(pending.questions) == {"value_form"}
    outcome, pending = session.preview(pending.answer({"value_form": "growth"}), Options(**SOURCED))
    assert outcome.plan.ok and pending.preview
    before = store.current_version()
    assert session.commit(pending, "synthetic-editor").version.id == before + 1
    assert session.commit(pending, "synthetic-editor") is None  # the preview is used up
    assert UploadStash(store).get(pending.upload) is None  # and the file is forgotten
