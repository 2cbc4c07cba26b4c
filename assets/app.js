// Keeps the address bar equal to the view on screen (see components/page.py).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  eaeu: {
    showTab: function () {
      const trigger = dash_clientside.callback_context.triggered_id;
      if (!trigger) return dash_clientside.no_update;
      const name = trigger.replace(/^tab-/, "");
      document.querySelectorAll("[role=tab]").forEach(function (tab) {
        const selected = tab.id === trigger;
        tab.setAttribute("aria-selected", String(selected));
        tab.classList.toggle("active", selected);
        const panel = document.getElementById(tab.getAttribute("aria-controls"));
        if (panel) panel.hidden = !selected;
      });
      // Plotly sized charts in hidden panels to a default width: let them re-measure.
      setTimeout(function () { window.dispatchEvent(new Event("resize")); }, 0);
      return name;
    },
    syncUrl: function (tab, indicator, period, countries, snapshot, table, transform, lang, previous) {
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
        // A control the reader changed adds a step that Back undoes; completing an address
        // that arrived from outside (first load, language switch, Back) replaces it.
        const readerChange = previous === window.location.search;
        const method = readerChange ? "pushState" : "replaceState";
        window.history[method](null, "", window.location.pathname + search);
      }
      // dcc.Location must hold the same query and href, or its next update pushes stale ones
      // back (render() sees the view is already on screen and does nothing).
      return [search, search, window.location.href];
    },
  },
});
