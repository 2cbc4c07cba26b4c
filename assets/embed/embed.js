// The embed page (components/embed.py): draws the figure for its frame's width with the
// dashboard's graph config, drawing it anew whenever the frame's size changes, then tells the
// framing page how tall it is, whenever that changes (the embed code's listener sizes the
// iframe to it: components/share.py). Not loaded by the Dash page.
(function () {
  "use strict";
  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }
  var box = document.getElementById("embed-chart");
  var chart = document.querySelector("[data-chart]").getAttribute("data-chart");
  var reported = 0;

  function reportHeight() {
    if (window.parent === window) return;
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height === reported) return;
    reported = height;
    // The height is no secret: any page showing the embed may know it.
    window.parent.postMessage({ type: "eaeu-embed-height", chart: chart, height: height }, "*");
  }

  // The page holds the figure twice, wide and compact; a frame narrower than the dashboard's
  // phone width (eaeu/view.py COMPACT_BELOW, in the page's <meta>) gets the compact one, as
  // the dashboard's screen does (assets/app.js): the frame is this page's screen.
  var below = Number(document.querySelector('meta[name="eaeu-compact-below"]').content);
  var phone = window.matchMedia("(max-width: " + (below - 0.02) + "px)");
  // This page sizes the plot itself (below), not plotly.js's own resizing.
  var config = Object.assign(data("embed-config"), { responsive: false });

  // Parsed anew for each drawing: plotly.js writes into the figure it draws. The compact
  // figure names the traces it shares with the wide one (eaeu/embed.py SAME_AS_WIDE).
  function read(width) {
    var figure = data("embed-figure-" + width);
    if (width === "compact") {
      var wide = data("embed-figure-wide").data;
      figure.data = figure.data.map(function (trace, i) {
        return trace.same_as_wide ? wide[i] : trace;
      });
    }
    return figure;
  }

  // Drawn anew for each size, never changed in place (Plotly.react, or plotly.js's resizing):
  // that keeps something of the layout drawn before. From compact to wide the map came out
  // zoomed out, its names on each other and its key over it; a frame narrowed and widened
  // again left the regions' key inside the bars.
  var drawing = Promise.resolve();
  var drawnSize = "";
  function draw() {
    var size = box.clientWidth + "x" + box.clientHeight;
    if (size === drawnSize) return;
    drawnSize = size;
    var width = phone.matches ? "compact" : "wide";
    var figure = read(width);
    box.setAttribute("data-drawn", "false");
    drawing = drawing
      .then(function () {
        return Plotly.newPlot(box, figure.data, figure.layout, config);
      })
      .then(function () {
        box.setAttribute("data-figure", width);
        box.setAttribute("data-drawn", "true");
        reportHeight();
      });
  }

  var timer = null;
  function redrawSoon() {
    // Once the frame has settled: a window dragged wider is drawn once, not at every step.
    clearTimeout(timer);
    timer = setTimeout(draw, 150);
  }

  draw();
  if (window.ResizeObserver) {
    new ResizeObserver(redrawSoon).observe(box);
    new ResizeObserver(reportHeight).observe(document.body);
  } else {
    window.addEventListener("resize", redrawSoon);
  }
  window.addEventListener("resize", reportHeight);
})();
