// Tabs, the address bar kept equal to the view on screen (components/view.py), and the
// screen's width class for the charts.

// Charts are drawn compact below the phone width (Bootstrap's md breakpoint: below it a chart
// has under ~740 px). Its one copy is eaeu/view.py COMPACT_BELOW, in the page's <meta>
// (components/server.py); the embeds read the same (assets/embed/embed.js).
const COMPACT_BELOW = Number(document.querySelector('meta[name="eaeu-compact-below"]').content);
const COMPACT_QUERY = "(max-width: " + (COMPACT_BELOW - 0.02) + "px)";
function compactScreen() {
  return window.matchMedia(COMPACT_QUERY).matches;
}
window.matchMedia(COMPACT_QUERY).addEventListener("change", function (event) {
  if (window.dash_clientside && window.dash_clientside.set_props) {
    window.dash_clientside.set_props("width-class", { data: event.matches ? "compact" : "wide" });
  }
});

// After a resize plotly.js leaves a legend above the plot where the old size put it (it keeps
// the margin the old legend pushed, and the legend then overlaps the plot): laid out again once
// the size settles, each legend sits where a fresh drawing puts it.
let resizeSettles = null;
window.addEventListener("resize", function () {
  clearTimeout(resizeSettles);
  resizeSettles = setTimeout(function () {
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      const legend = gd.layout && gd.layout.legend;
      if (legend && gd._fullLayout && gd._fullLayout.showlegend && window.Plotly) {
        window.Plotly.relayout(gd, { "legend.y": legend.y });
      }
    });
  }, 300);
});

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
    // The view store holds the query string the server built (components/view.py): the
    // address bar copies it. A control the reader changed adds a step that Back undoes; a
    // view the page rendered from an address (first load, Back, a language link) replaces it.
    syncAddress: function (view) {
      const noUpdate = window.dash_clientside.no_update;
      if (!view) return [noUpdate, noUpdate];
      document.documentElement.lang = view.lang || "ru";
      const target = view.path + view.search;
      const here = window.location.pathname + window.location.search;
      // The reader went on to another address while this view was on its way: keep theirs.
      if (here !== target && here !== view.replaces) return [noUpdate, noUpdate];
      if (target !== here) {
        const method = view.origin === "control" ? "pushState" : "replaceState";
        window.history[method](null, "", target);
      }
      // dcc.Location must hold the address too, or Back to an older one would look unchanged
      // to it; `route` then sees the view already on screen and renders nothing.
      return [window.location.search, window.location.href];
    },
    route: function (pathname, search, view) {
      if (pathname === null || pathname === undefined) return window.dash_clientside.no_update;
      const address = pathname + (search || "");
      // The view on screen is this address's: drawn for it (the server's first page names
      // the address it answers in `replaces`), or the address written from it.
      if (view && (view.path + view.search === address ||
                   (view.origin === "page" && view.replaces === address))) {
        return window.dash_clientside.no_update;
      }
      // The server draws the charts for this screen's width class (eaeu/charts.py build_chart).
      return { pathname: pathname, search: search || "", compact: compactScreen() };
    },
    // Charts are drawn compact on a phone-width screen: the shown panel gets its view again,
    // marked so, whenever the class changes (a turned phone); see components/view.py.
    compact: compactScreen,
    // A form's fields marked from the server's check (components/data/highlight_form.py):
    // `errors` maps control ids to messages; the outputs are every control's `invalid`, then
    // every message's `children`, in the same order. dbc controls take no aria attributes,
    // so each control is tied to its message here, for screen readers.
    markInvalid: function (errors) {
      const outputs = dash_clientside.callback_context.outputs_list;
      const count = outputs.length / 2;
      const invalid = [];
      const messages = [];
      for (let i = 0; i < count; i++) {
        const message = (errors || {})[outputs[i].id] || "";
        const control = document.getElementById(outputs[i].id);
        if (control && message) {
          control.setAttribute("aria-invalid", "true");
          control.setAttribute("aria-describedby", outputs[count + i].id);
        } else if (control) {
          control.removeAttribute("aria-invalid");
          control.removeAttribute("aria-describedby");
        }
        invalid.push(Boolean(message));
        messages.push(message);
      }
      return invalid.concat(messages);
    },
    // The login link and the log-out form name the view on screen: the editor comes back
    // to its page and language (components/header.py; components/auth.py login_path, logout_path).
    loginHref: function (view) {
      if (!view) return window.dash_clientside.no_update;
      return "/login?next=" + encodeURIComponent(view.path + view.search);
    },
    logoutAction: function (view) {
      if (!view) return window.dash_clientside.no_update;
      return "/logout?next=" + encodeURIComponent(view.path + view.search);
    },
  },
});
