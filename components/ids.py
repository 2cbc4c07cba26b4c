"""Every component id, defined once. Tests and callbacks import these names."""

URL = "url"
LANG_STORE = "lang-store"
PAGE = "page"
LANG_RU = "lang-ru"
LANG_EN = "lang-en"
TABS = "tabs"

INDICATOR = "indicator-select"
PERIOD = "period-select"
COUNTRIES = "countries-checklist"
TRANSFORM = "transform-select"
GROWTH_GRAPH = "growth-graph"
TREND_GRAPH = "trend-graph"
GROWTH_SUMMARY = "growth-summary"

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

HIGHLIGHT = "highlight-card"
COPY_LINK = "copy-link"
EMBED_CODE = "embed-code"
DOWNLOAD = "download-data"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_CSV_RU = "download-csv-ru"
DOWNLOAD_XLSX = "download-xlsx"
EMBED_GRAPH = "embed-graph"
URL_SYNC = "url-sync"
HTML_LANG = "html-lang"

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
