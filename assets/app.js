// Keeps the address bar equal to the view on screen (see components/page.py).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  eaeu: {
    syncUrl: function (tab, indicator, period, countries, snapshot, table, transform, lang) {
      const params = new URLSearchParams();
      params.set("lang", lang || "ru");
      params.set("tab", tab || "indicators");
      if (indicator) params.set("indicator", indicator);
      if (period) params.set("period", period);
      params.set("countries", (countries || []).join(","));
      if (snapshot) params.set("snapshot", snapshot);
      if (table) params.set("table", table);
      if (transform && transform !== "value") params.set("transform", transform);
      const search = "?" + params.toString();
      if (search !== window.location.search) {
        // The first render only completes the address; later changes are steps back can undo.
        const first = !window.location.search || !dash_clientside.callback_context.triggered_id;
        const method = first ? "replaceState" : "pushState";
        window.history[method](null, "", window.location.pathname + search);
      }
      return search;
    },
  },
});
