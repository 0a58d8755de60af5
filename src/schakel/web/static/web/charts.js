/* Schakel's one chart renderer (Vega-Lite, DESIGN.md §2). Every element with data-chart-spec is rendered from
 * its Vega-Lite spec: the id of a <script type="application/json"> (Django's json_script), or the spec itself as
 * HTML-escaped JSON (for fragments swapped in by htmx, which runs with allowScriptTags: false). Rendered with
 * the vendored vega, vega-lite and vega-embed, loaded on first use from the URLs in data-vega, data-vega-lite
 * and data-vega-embed. CSP-compliant: no inline script, no eval (Vega's expression interpreter, ast: true).
 * The SVG gets role="img" and the spec's description as its accessible name; a data table next to every chart
 * carries the same figures (WCAG 1.1.1). Charts inside htmx swaps are rendered after the swap settles. */
(function () {
  "use strict";
  var loading = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function libraries(el) {
    if (window.vegaEmbed && window.vega) return Promise.resolve();
    if (!loading) {
      loading = load(el.dataset.vega)
        .then(function () { return load(el.dataset.vegaLite); })
        .then(function () { return load(el.dataset.vegaEmbed); });
    }
    return loading;
  }

  function fail(el) {
    el.setAttribute("data-chart-state", "failed");
    el.textContent = el.dataset.failed || "";
  }

  function render(root) {
    var charts = (root || document).querySelectorAll("[data-chart-spec]:not([data-chart-state])");
    Array.prototype.forEach.call(charts, function (el) {
      el.setAttribute("data-chart-state", "loading");
      var value = el.dataset.chartSpec;
      var spec;
      try {
        spec = JSON.parse(value.charAt(0) === "{" ? value : document.getElementById(value).textContent);
      } catch (error) {
        fail(el);
        return;
      }
      libraries(el)
        .then(function () {
          return window.vegaEmbed(el, spec, {
            actions: false,
            renderer: "svg",
            ast: true,
            expr: window.vega.expressionInterpreter,
            defaultStyle: false,
            tooltip: false
          });
        })
        .then(function () {
          var svg = el.querySelector("svg");
          if (svg) {
            svg.setAttribute("role", "img");
            svg.setAttribute("aria-label", spec.description || spec.title || "");
          }
          el.setAttribute("data-chart-state", "ready");
        })
        .catch(function () { fail(el); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { render(document); });
  } else {
    render(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) { render(event.target); });
})();
