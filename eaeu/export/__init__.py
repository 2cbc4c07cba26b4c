"""Static exports: the screen's figure laid out for a fixed size, rendered by one warm Chromium.

Pure core (no Dash): the export panel, the command line and the benchmarks all call it.
`options` says what is asked for, `layout` fits the figure to the size, `renderer` draws it,
`alt_text` and `names` describe and name it, `pack` bundles a tab's charts with their data.
"""
