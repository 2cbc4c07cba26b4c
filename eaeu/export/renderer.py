"""Figures to PNG, SVG or PDF with kaleido: one warm browser per process, restarted if it dies."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import datetime as dt
import html
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import plotly.graph_objects as go

from eaeu.charts import Chart, build_chart
from eaeu.dataset import Dataset
from eaeu.export import fonts
from eaeu.export.layout import apply_export_layout, plain_text
from eaeu.export.options import ExportError, ExportOptions
from eaeu.filenames import image_name

NO_BROWSER = (
    "No Chromium found: install chromium (Debian: apt-get install chromium) "
    "or set BROWSER_PATH to a Chrome/Chromium executable"
)
_KALEIDO_CLASS = None
# Kaleido reloads its page after every image to drop what the last plot left behind; every
# RELOAD_EVERY images keeps that bounded at a fraction of the cost.
RELOAD_EVERY = 20
# The figure dict's key for the document title (a PDF's Title), read by PAGE_SCRIPT; plotly.js
# only ever sees the figure's data and layout.
TITLE_KEY = "eaeu_document_title"
# Runs in kaleido's page after kaleido's own script: each render first sets the page title,
# which Chromium writes as the PDF's Title (metadata). No title: kaleido's page title.
PAGE_SCRIPT = f"""
<script>
(function () {{
  const render = kaleido_scopes.plotly;
  const pageTitle = document.title;
  kaleido_scopes.plotly = function (spec, ...args) {{
    document.title = (spec && spec.data && spec.data.{TITLE_KEY}) || pageTitle;
    return render(spec, ...args);
  }};
}})();
</script>
"""
_PLOTLY_TAG = re.compile(r"</?(?:a|b|em|i|s|span|sub|sup|u)\b[^>]*>", re.IGNORECASE)


def document_title(title: str) -> str:
    """A chart title as plain text: one line, plotly's tags dropped, entities decoded."""
    return " ".join(html.unescape(_PLOTLY_TAG.sub("", plain_text(title))).split())


def _page_generator():
    """Kaleido's page (its plotly.js, no MathJax: that would come from a CDN) + PAGE_SCRIPT."""
    from kaleido import PageGenerator

    class ExportPage(PageGenerator):
        def generate_index(self) -> str:
            page = super().generate_index()
            if "</head>" not in page:
                raise RuntimeError("kaleido's page has no </head> to add the export script to")
            return page.replace("</head>", PAGE_SCRIPT + "</head>", 1)

    return ExportPage(mathjax=False)


def _kaleido_class():
    """kaleido.Kaleido with PT Sans, PDF titles, and a used tab reloaded in the background.

    Fonts: the browser process (only) gets FONTCONFIG_FILE, see eaeu.export.fonts. Titles: the
    page gets PAGE_SCRIPT. Reloads: kaleido reloads a tab after every image before handing the
    image back; here that took ~140 ms of a ~200 ms render. The image is returned at once and
    the tab rejoins the queue when its reload is done (the next render waits for it). If
    kaleido renames the method, this override is simply unused and renders are as fast as
    kaleido's own.
    """
    global _KALEIDO_CLASS
    if _KALEIDO_CLASS is None:
        import kaleido  # imported late: 0.2 s, and the dashboard itself never needs it

        class ExportKaleido(kaleido.Kaleido):
            def __init__(self, **kwargs):
                super().__init__(page_generator=_page_generator(), **kwargs)
                # choreographer starts Chromium with what its get_env() returns.
                chromium = self._browser_impl
                system_env = chromium.get_env
                chromium.get_env = lambda: fonts.browser_env(system_env())

            async def _return_kaleido_tab(self, tab) -> None:
                # A fresh page only every few images: the reload is what a batch waits for.
                self._uses = getattr(self, "_uses", 0) + 1
                if self._uses % RELOAD_EVERY:
                    self.tabs_ready.put_nowait(tab)
                    return
                reload = asyncio.create_task(self._reload_and_return(tab))
                self._reloads = getattr(self, "_reloads", set())
                self._reloads.add(reload)  # keep a reference until it is done
                reload.add_done_callback(self._reloads.discard)

            async def _reload_and_return(self, tab) -> None:
                try:
                    await super()._return_kaleido_tab(tab)
                except BaseException:  # noqa: BLE001  (a dead browser's calls are cancelled)
                    # The tab goes back all the same, so a render waiting for it fails at once
                    # (and is retried on a new browser) instead of waiting for a tab forever.
                    self.tabs_ready.put_nowait(tab)

        _KALEIDO_CLASS = ExportKaleido
    return _KALEIDO_CLASS


async def _cancel_pending() -> None:
    """Finish every other task on this loop, so closing it leaves nothing half-done."""
    pending = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


class BrowserSession:
    """One Chromium driven by kaleido on an event loop of its own (a daemon thread)."""

    def __init__(self, render_timeout: float, start_timeout: float, tabs: int):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="kaleido", daemon=True)
        self.thread.start()
        try:
            self.kaleido = self._call(self._open(render_timeout, tabs), start_timeout)
        except BaseException:
            self._stop_loop()
            raise

    async def _open(self, render_timeout: float, tabs: int):
        browser = _kaleido_class()(n=tabs, timeout=render_timeout)
        try:
            await browser.open()
        except BaseException:
            await browser.close()
            raise
        return browser

    def _call(self, coroutine, timeout: float):
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise

    @property
    def pid(self) -> int | None:
        process = getattr(self.kaleido, "subprocess", None)
        return process.pid if process else None

    def alive(self) -> bool:
        process = getattr(self.kaleido, "subprocess", None)
        return self.thread.is_alive() and process is not None and process.poll() is None

    def render(self, fig: dict, opts: dict, timeout: float) -> bytes:
        return self._call(self.kaleido.calc_fig(fig, opts), timeout)

    def close(self) -> None:
        try:
            self._call(self.kaleido.close(), 10)
        except Exception:  # noqa: BLE001  (a dead or stuck browser is killed below)
            process = getattr(self.kaleido, "subprocess", None)
            if process is not None and process.poll() is None:
                process.kill()
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        if self.thread.is_alive():
            with contextlib.suppress(Exception):
                self._call(_cancel_pending(), 5)  # e.g. the browser's watchdog
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)
        if not self.thread.is_alive():
            self.loop.close()


class Renderer:
    """One persistent headless Chromium for the whole process, opened on first use.

    Why not kaleido.start_sync_server + plotly.io.to_image: that server returns results through
    one shared queue, so concurrent callers receive each other's images (35 of 40 wrong in a
    test here), and when the browser cannot start its thread dies and every call blocks forever.
    Here each render has its own future, a timeout, and a browser that died is reopened once.
    """

    def __init__(
        self,
        render_timeout: float = 30.0,
        start_timeout: float = 30.0,
        tabs: int = 1,
        open_browser: Callable[[float, float, int], BrowserSession] | None = None,
    ):
        self.render_timeout = render_timeout
        self.start_timeout = start_timeout
        self.tabs = tabs  # more tabs overlap renders with reloads, given idle cores
        # How a browser session is opened (render timeout, start timeout, tabs -> session).
        self.open_browser = open_browser or BrowserSession
        self._lock = threading.Lock()
        self._session: BrowserSession | None = None
        self._closed_at_exit = False

    @property
    def browser_pid(self) -> int | None:
        session = self._session
        return session.pid if session else None

    def _current(self) -> BrowserSession:
        with self._lock:
            if self._session is not None and self._session.alive():
                return self._session
            if self._session is not None:
                self._session.close()
                self._session = None
            self._session = self._start()
            return self._session

    def _start(self) -> BrowserSession:
        from choreographer.errors import ChromeNotFoundError

        if not self._closed_at_exit:
            atexit.register(self.close)
            self._closed_at_exit = True
        try:
            return self.open_browser(self.render_timeout, self.start_timeout, self.tabs)
        except ChromeNotFoundError as error:
            raise ExportError(NO_BROWSER) from error
        except concurrent.futures.TimeoutError as error:
            raise ExportError(f"Chromium did not start within {self.start_timeout:g} s") from error
        except Exception as error:
            raise ExportError(f"Chromium failed to start: {error}") from error

    def _discard(self, session: BrowserSession) -> None:
        with self._lock:
            if self._session is session:
                self._session = None
                session.close()

    def render_figure(
        self,
        fig: go.Figure | dict,
        fmt: str = "png",
        width: int = 1200,
        height: int = 675,
        scale: float = 1,
        title: str = "",
    ) -> bytes:
        """The figure as image bytes: SVGs carry their fonts, PDFs `title` as their Title."""
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        spec = fig.to_dict() if isinstance(fig, go.Figure) else dict(fig)
        if title:
            spec[TITLE_KEY] = document_title(title)
        image = self._render(spec, opts)
        return fonts.embed_fonts(image) if fmt == "svg" else image

    def _render(self, spec: dict, opts: dict) -> bytes:
        for attempt in (1, 2):
            session = self._current()
            try:
                return session.render(spec, opts, self.render_timeout + 5)
            except concurrent.futures.TimeoutError as error:
                self._discard(session)  # a stuck tab is not trusted with the next chart
                raise ExportError(
                    f"Rendering took longer than {self.render_timeout:g} s"
                ) from error
            except Exception as error:
                if session.alive():
                    raise ExportError(f"Rendering failed: {error}") from error
                self._discard(session)
                if attempt == 2:
                    raise ExportError(f"Chromium stopped while rendering: {error}") from error
        raise AssertionError("unreachable")

    def close(self) -> None:
        with self._lock:
            session, self._session = self._session, None
            if session is not None:
                session.close()


_default_renderer: Renderer | None = None
_default_lock = threading.Lock()


def get_renderer() -> Renderer:
    """The process-wide renderer: one browser however many exports are asked for."""
    global _default_renderer
    with _default_lock:
        if _default_renderer is None:
            _default_renderer = Renderer()
        return _default_renderer


def render_chart(chart: Chart, options: ExportOptions, renderer: Renderer | None = None) -> bytes:
    """An already built chart as image bytes; its own figure is left as it was."""
    fig = apply_export_layout(go.Figure(chart.figure), chart.text, options)
    width, height = options.size
    return (renderer or get_renderer()).render_figure(
        fig, options.fmt, width, height, options.scale, title=chart.text.title
    )


def render(ds: Dataset, options: ExportOptions, renderer: Renderer | None = None) -> bytes:
    """One chart of the view as PNG, SVG or PDF bytes."""
    return render_chart(build_chart(ds, options.chart_id, options.view), options, renderer)


def export_batch(
    ds: Dataset,
    options: Iterable[ExportOptions],
    out_dir: Path,
    renderer: Renderer | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """Render many exports into a folder with one warm browser; returns the written paths."""
    renderer = renderer or get_renderer()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for item in options:
        view = item.view.resolve(ds)
        path = out_dir / image_name(item.chart_id, view, item.size_label, item.fmt, today)
        path.write_bytes(render(ds, item, renderer))
        written.append(path)
    return written
