"""The Data tab, for editors only: upload -> preview -> commit, the figure-of-the-week form,
and the version history with downloads and rollback. Every change is a new store version.

Nothing an upload contains is ever rendered as markup: file names, cells and messages reach the
page only as plain-text children (Dash escapes them), never through Markdown or raw HTML.
Every callback here checks `is_editor()` itself, besides the app refusing forged requests that write `panel.EDITOR_OUTPUTS`.
`panel` is the tab's frame; each section (`upload`, `preview`, `highlight_form`, `history`)
keeps its view builders beside its callbacks.
"""
