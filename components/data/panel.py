"""The data tab's frame: its sections, and the outputs only editors may write."""

from __future__ import annotations

from dash import (
    ClientsideFunction,
    Input,
    Output,
    clientside_callback,
    dcc,
    html,
)

from components import ids, services
from components.data.highlight_form import highlight_section
from components.data.history import history_section
from components.data.upload import import_section
from eaeu.dataset import Dataset
from eaeu.i18n import t

# Outputs of this tab: all editor-only, so a request writing any of them needs a session
# (passed to auth.init_auth by the app factory).
EDITOR_OUTPUTS = frozenset(
    {
        ids.DATA_PREVIEW,
        ids.DATA_QUESTIONS,
        ids.DATA_PENDING,
        ids.DATA_UPLOAD,
        ids.DATA_COMMIT,
        ids.DATA_CANCEL,
        ids.DATA_IMPORT_STATUS,
        ids.DATA_VERSION,
        ids.DATA_HISTORY,
        ids.DATA_HISTORY_STATUS,
        ids.DATA_DOWNLOAD,
        ids.HIGHLIGHT_STATUS,
    }
)


def layout(ds: Dataset, view, editor_name: str) -> html.Div:
    lang = view.lang
    store = services.store()
    return html.Div(
        [
            dcc.Store(id=ids.DATA_PENDING),
            dcc.Download(id=ids.DATA_DOWNLOAD),
            html.P(t("data_recorded_as", lang, name=editor_name), className="small text-secondary"),
            import_section(ds, lang),
            html.Hr(),
            highlight_section(ds, store.load_raw()["highlights"], lang),
            html.Hr(),
            history_section(store, lang),
        ],
        className="data-panel",
    )


# The data tab exists only for editors, so it switches with its own callback: one callback
# for every tab would fail (a missing Input) on an anonymous visitor's page.
clientside_callback(
    ClientsideFunction(namespace="eaeu", function_name="showTab"),
    Output(ids.TABS, "data", allow_duplicate=True),
    Input(ids.tab_button("data"), "n_clicks"),
    prevent_initial_call=True,
)
