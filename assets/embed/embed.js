// The embed page (components/embed.py): draws its figure with the dashboard's graph config,
// then tells the framing page how tall it is, whenever that changes (the embed code's
// listener sizes the iframe to it: components/share.py). Not loaded by the Dash page.
(function () {
  "use strict";
  function data(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }
  var box = document.getElementById("embed-chart");
  var figure = data("embed-figure");
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

  Plotly.newPlot(box, figure.data, figure.layout, data("embed-config")).then(function () {
    box.setAttribute("data-drawn", "true");
    reportHeight();
  });
  if (window.ResizeObserver) {
    new ResizeObserver(reportHeight).observe(document.body);
  }
  window.addEventListener("resize", reportHeight);
})();
