"""The data tab: the form's import options, plain-text rendering of uploads, and callbacks
refusing visitors (components/data/). Uploads are SYNTHETIC."""

from __future__ import annotations

import json

import pytest
from dash import dcc

from components import ids
from components.data.highlight_form import save_highlight_form
from components.data.history import download_template, download_version, refresh_history, roll_back
from components.data.preview import preview_view
from components.data.upload import FROM_FILE, cancel, commit, import_options
from eaeu.dataset import build_dataset
from eaeu.imports.options import Options
from eaeu.imports.summary import PreviewSummary
from eaeu.imports.workflow import preview_import
from eaeu.store import Store
from tests.corpus import SOURCED, SYNTHETIC_SOURCE
from tests.dash_requests import callback_request
from tests.test_highlights import shipped_highlight


@pytest.fixture
def store(seeded_store) -> Store:
    return seeded_store


def test_an_answer_wins_over_the_indicator_select():
    options = import_options("gdp", " С ", "", None).answered({"indicator": "unemployment"})
    assert options == Options(indicator="unemployment", source_name_ru="С")
    assert import_options("gdp", no_source_url=True).no_source_url is True
    assert import_options(FROM_FILE).indicator is None
    assert import_options("gdp").answered({"value_form": "index"}).value_form == "index"
    assert import_options("gdp").answered({"sheet": "x"}).sheet is None  # not a question


def walk(component):
    yield component
    children = getattr(component, "children", None)
    items = children if isinstance(children, list | tuple) else [children]
    for child in items:
        if child is not None and not isinstance(child, str | int | float):
            yield from walk(child)


def texts(component) -> list[str]:
    found = []
    for node in walk(component):
        children = getattr(node, "children", None)
        items = children if isinstance(children, list | tuple) else [children]
        found += [item for item in items if isinstance(item, str)]
    return found


def test_upload_texts_are_rendered_as_plain_text(store):
    name = "synthetic_<script>alert(1)<script>.csv"  # no "/": a path would lose its folders
    csv = (
        "indicator,geo,period,value,source_name\n"
        f"industrial_production,<img src=x onerror=alert(1)>,2026-03,1.5,{SYNTHETIC_SOURCE}\n"
        f"industrial_production,[KAZ](javascript:alert(1)),2026-03,1.5,{SYNTHETIC_SOURCE}\n"
    )
    outcome = preview_import(store, csv.encode(), name)
    ds = build_dataset(store.load_raw())
    parts = preview_view(PreviewSummary.of(outcome), ds, "en")
    nodes = [node for part in parts for node in walk(part)]
    assert not any(isinstance(node, dcc.Markdown) for node in nodes)
    assert not any(getattr(node, "dangerously_allow_html", False) for node in nodes)
    shown = [text for part in parts for text in texts(part)]
    assert any("unknown country '<img src=x onerror=alert(1)>'" in text for text in shown)
    assert any("unknown country '[KAZ](javascript:alert(1))'" in text for text in shown)
    assert any(name in text for text in shown)


def test_a_clean_preview_lists_counts_and_changes(store):
    csv = (
        "indicator,geo,period,value,source_name\n"
        f"industrial_production,KAZ,2024-08,3.3,{SYNTHETIC_SOURCE}\n"
        f"industrial_production,KAZ,2026-03,1.5,{SYNTHETIC_SOURCE}\n"
    )
    outcome = preview_import(store, csv.encode(), "synthetic.csv", Options(**SOURCED))
    ds = build_dataset(store.load_raw())
    parts = preview_view(PreviewSummary.of(outcome), ds, "en")
    shown = [text for part in parts for text in texts(part)]
    counts = next(p for p in parts if getattr(p, "id", "") == "data-preview-counts")
    assert texts(counts)[-4:] == ["Industrial production", "1", "1", "0"]
    assert shown[-4:] == ["Kazakhstan", "Jan–Aug 2024", "3.0", "3.3"]


@pytest.fixture
def unguarded_app(served_app, database_url):
    """The app with its forged-update guard switched off for one test: each editor callback
    must still refuse a visitor by itself (defence in depth)."""
    guards = served_app.server.before_request_funcs[None]
    kept = [f for f in guards if f.__name__ != "refuse_forged_updates"]
    served_app.server.before_request_funcs[None] = kept
    try:
        yield served_app, Store(database_url)
    finally:
        served_app.server.before_request_funcs[None] = guards


def rollback_click(version: int) -> dict:
    component = {"type": ids.DATA_ROLLBACK, "version": version}
    return {"id": component, "property": "submit_n_clicks", "value": 1}


def test_callbacks_change_nothing_for_a_visitor(unguarded_app):
    app, store = unguarded_app
    version, content = store.current_version(), store.content_hash()
    pending = {"upload": "upload-x", "preview": "y"}
    view = {"search": "?lang=ru", "lang": "ru"}
    rollback = f'{{"type":"{ids.DATA_ROLLBACK}","version":["ALL"]}}.submit_n_clicks'
    xlsx = f'{{"type":"{ids.DATA_VERSION_XLSX}","version":["ALL"]}}.n_clicks'
    highlight = {
        f"{ids.highlight_field(name)}.value": value
        for name, value in shipped_highlight(store).items()
    }
    requests = [
        (commit, {f"{ids.DATA_COMMIT}.n_clicks": 1, f"{ids.DATA_PENDING}.data": pending}, None),
        (cancel, {f"{ids.DATA_CANCEL}.n_clicks": 1, f"{ids.DATA_PENDING}.data": pending}, None),
        (roll_back, {rollback: [rollback_click(1)], f"{ids.VIEW}.data": view},
         json.dumps(rollback_click(1)["id"], separators=(",", ":")) + ".submit_n_clicks"),
        (save_highlight_form, {f"{ids.HIGHLIGHT_SAVE}.n_clicks": 1, **highlight}, None),
        (download_version, {xlsx: [{**rollback_click(1), "id": {"type": ids.DATA_VERSION_XLSX, "version": 1}, "property": "n_clicks"}]}, None),
        (download_template, {f"{ids.DATA_TEMPLATE}.n_clicks": 1}, None),
        (refresh_history, {f"{ids.DATA_VERSION}.data": 2, f"{ids.VIEW}.data": view}, None),
    ]  # fmt: skip
    client = app.server.test_client()
    for function, values, changed in requests:
        body = callback_request(app, function, values, changed)
        answer = client.post("/_dash-update-component", json=body)
        assert answer.status_code == 204, (function.__name__, answer.status_code, answer.text[:300])
    assert (store.current_version(), store.content_hash()) == (version, content)


def test_a_preview_that_changes_nothing_says_so_and_offers_no_commit(store):
    from eaeu.imports.limits import Limits
    from eaeu.imports.session import ImportSession
    from tests.corpus import ods_long

    session = ImportSession(store, Limits())
    for round in (1, 2):
        pending = session.start(*ods_long())
        outcome, pending = session.preview(pending, Options(**SOURCED))
        if round == 1:
            assert session.commit(pending, "synthetic-editor").committed
    before = store.current_version()
    assert pending.preview is None  # the commit button stays unavailable
    ds = build_dataset(store.load_raw())
    shown = [
        text for part in preview_view(PreviewSummary.of(outcome), ds, "ru") for text in texts(part)
    ]
    assert shown[-1] == (
        "Ничего не изменилось: все строки уже есть в данных; новая версия не сохраняется."
    )
    assert store.current_version() == before
