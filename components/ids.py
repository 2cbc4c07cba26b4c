"""Every component id, defined once. Tests and callbacks import these names."""

URL = "url"
# The one view store: the view on screen as the server resolved it (components/view.py).
VIEW = "view"
ROUTE = "route"  # the address to render, when it is not the view already on screen
CONTROLS = "controls"  # a reader's change: the controls' values and the view on screen
OPEN_TAB = "open-tab"  # a change that opens a public tab not yet built, for page.open_tab
PANELS_BUILT = "panels-built"  # the public tabs whose panels have content
VIEW_REQUEST = "view-request"  # a change that no panel draws (the editors' tab), for update_view
# "compact" or "wide": set by assets/app.js (which names it too) when the screen crosses
# the phone-width breakpoint; the shown panel then redraws its charts for the new width.
WIDTH = "width-class"
PAGE = "page"
LANG_RU = "lang-ru"
LANG_EN = "lang-en"
LOGIN_LINK = "login-link"  # a visitor's; it and the log-out form return to the view on screen
LOGOUT_FORM = "logout-form"
TABS = "tabs"
# The view as each panel receives it: only the shown panel gets a new view (components/view.py).
INDICATORS_VIEW = "indicators-view"
MISSIONS_VIEW = "missions-view"
TABLE_VIEW = "table-view"
CHANGES_VIEW = "changes-view"
HIGHLIGHT_VIEW = "highlight-view"
# What each panel last drew (chart keys): a view change redraws only what it changes.
INDICATORS_DRAWN = "indicators-drawn"
MISSIONS_DRAWN = "missions-drawn"
TABLE_DRAWN = "table-drawn"
CHANGES_DRAWN = "changes-drawn"
HIGHLIGHT_DRAWN = "highlight-drawn"

INDICATOR = "indicator-select"
PERIOD = "period-select"
COUNTRIES = "countries-checklist"
TRANSFORM = "transform-select"
SPAN = "span-select"  # the trend's period length
TABLE_INDICATOR = "table-indicator-select"
TABLE_SPAN = "table-span-select"
TABLE_PERIOD = "table-period-select"
TABLE_CONTROLS = "table-controls"  # + "-indicator" / "-period" / "-span": a control's column
GROWTH_GRAPH = "growth-graph"
TREND_GRAPH = "trend-graph"

SNAPSHOT = "snapshot-select"
MAP_GRAPH = "missions-graph"
REGIONS_GRAPH = "missions-regions-graph"
DISTRICTS_GRAPH = "missions-districts-graph"
MISSIONS_SUMMARY = "missions-summary"
MISSIONS_CHANGES = "missions-changes"
MISSIONS_NOTE = "missions-note"

TABLE_SELECT = "table-select"
GRID = "data-grid"
TABLE_SOURCES = "table-sources"

# Past versions (components/vintage.py): the banner and its links; the "what changed" tab
# (components/changes.py): the two versions compared and what differs between them.
VINTAGE_BANNER = "vintage-banner"
VINTAGE_CURRENT_LINK = "vintage-current-link"
VINTAGE_CHANGES_LINK = "vintage-changes-link"
VINTAGE_PROBLEMS = "vintage-problems"
COMPARE_FROM = "compare-from"
COMPARE_TO = "compare-to"
CHANGES_BODY = "changes-body"

HIGHLIGHT = "highlight-card"
HIGHLIGHT_BOX = "highlight-box"
COPY_LINK = "copy-link"
EMBED_CODE = "embed-code"
DOWNLOAD = "download-data"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_CSV_RU = "download-csv-ru"
DOWNLOAD_XLSX = "download-xlsx"

# The graph showing each chart id: URL state, exports and embeds use the chart ids.
CHART_GRAPHS = {
    "growth": GROWTH_GRAPH,
    "trend": TREND_GRAPH,
    "missions": MAP_GRAPH,
    "missions_regions": REGIONS_GRAPH,
    "missions_districts": DISTRICTS_GRAPH,
}


def tab_button(name: str) -> str:
    return f"tab-{name}"


def tab_panel(name: str) -> str:
    return f"tab-panel-{name}"


# The Data tab (editors only): upload, preview, commit, history, figure of the week.
DATA_UPLOAD = "data-upload"
DATA_MODE = "data-mode"
DATA_IMPORT_INDICATOR = "data-import-indicator"
DATA_SOURCE_NAME_RU = "data-source-name-ru"
DATA_SOURCE_NAME_EN = "data-source-name-en"
DATA_SOURCE_URL = "data-source-url"
DATA_SOURCE_NO_URL = "data-source-no-url"  # the editor says the source has no link
DATA_SOURCE_DATE = "data-source-date"
DATA_NOTE = "data-note"
DATA_QUESTIONS = "data-questions"
DATA_ANSWER = "data-answer"  # pattern-matching type: {"type": DATA_ANSWER, "key": question key}
DATA_PREVIEW = "data-preview"
DATA_PENDING = "data-pending"  # the tokens under which the upload waits server-side
DATA_COMMIT = "data-commit"
DATA_CANCEL = "data-cancel"
DATA_IMPORT_STATUS = "data-import-status"
DATA_VERSION = "data-version"  # written by the data tab after a new version; the view follows
DATA_HISTORY = "data-history"
DATA_HISTORY_STATUS = "data-history-status"
DATA_ROLLBACK = "data-rollback"  # pattern-matching type: {"type": ..., "version": N}
DATA_VERSION_XLSX = "data-version-xlsx"  # pattern-matching type: {"type": ..., "version": N}
DATA_DOWNLOAD = "data-download"
DATA_TEMPLATE = "data-template"
HIGHLIGHT_SAVE = "highlight-save"
HIGHLIGHT_STATUS = "highlight-status"
# What is wrong with each field of the form, by control id (components/data/highlight_form.py).
HIGHLIGHT_ERRORS = "highlight-errors"


def highlight_field(name: str) -> str:
    """The form control for one column of the highlights table."""
    return f"highlight-field-{name}"


def highlight_feedback(name: str) -> str:
    """The message under one field of the figure-of-the-week form saying what is wrong."""
    return f"highlight-feedback-{name}"


# The export panel under each chart: pattern-matching ids {"type": <one of these>, "chart": id}.
EXPORT_PRESET = "export-preset"
EXPORT_WIDTH = "export-width"
EXPORT_HEIGHT = "export-height"
EXPORT_SCALE = "export-scale"
EXPORT_FORMAT = "export-format"
EXPORT_LANG = "export-lang"
EXPORT_PARTS = "export-parts"
EXPORT_NOTE = "export-note"
EXPORT_BUTTON = "export-button"
EXPORT_PACK_BUTTON = "export-pack-button"
EXPORT_DOWNLOAD = "export-download"
EXPORT_PACK_DOWNLOAD = "export-pack-download"
EXPORT_ALT_TEXT = "export-alt"
EXPORT_ALT_VIEW = "export-alt-view"  # the view whose alt text to write, set while the panel is open
EXPORT_SUMMARY = "export-summary"
EXPORT_BODY = "export-body"  # the panel's controls, built when it is first opened
EXPORT_BUILD = "export-build"  # the view to build them for
EXPORT_STATUS = "export-status"


# The figure-of-the-week card's export (components/card_export.py): one card, plain ids.
CARD_EXPORT = "card-export"
CARD_EXPORT_SUMMARY = "card-export-summary"
CARD_EXPORT_BUILD = "card-export-build"  # the view to build the controls for, when first opened
CARD_EXPORT_BODY = "card-export-body"
CARD_EXPORT_PRESET = "card-export-preset"
CARD_EXPORT_FORMAT = "card-export-format"
CARD_EXPORT_LANG = "card-export-lang"
CARD_EXPORT_BUTTON = "card-export-button"
CARD_EXPORT_DOWNLOAD = "card-export-download"
CARD_EXPORT_STATUS = "card-export-status"
CARD_EXPORT_ALT_TEXT = "card-export-alt"


def export_part(kind: str, chart_id: str) -> dict[str, str]:
    return {"type": kind, "chart": chart_id}


def chart_text(component_id: str, part: str) -> str:
    """The page text around a chart: 'title', 'subtitle', 'footer' or 'summary'."""
    return f"{component_id}-{part}"


# The import preview's tables.
DATA_PREVIEW_COUNTS = "data-preview-counts"
DATA_PREVIEW_CHANGED = "data-preview-changed"
DATA_PREVIEW_REMOVED = "data-preview-removed"
