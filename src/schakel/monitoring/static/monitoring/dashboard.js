/* Monitor dashboards: renders every element with data-chart-spec (the id of a <script type="application/json">
 * holding a Vega-Lite spec) with the vendored vega, vega-lite and vega-embed, loaded on first use.
 * CSP-compliant: no inline script, the Vega expression interpreter instead of eval (ast: true). */
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

  function render(root) {
    var charts = (root || document).querySelectorAll("[data-chart-spec]:not([data-chart-state])");
    Array.prototype.forEach.call(charts, function (el) {
      el.setAttribute("data-chart-state", "loading");
      var source = document.getElementById(el.dataset.chartSpec);
      if (!source) return;
      var spec = JSON.parse(source.textContent);
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
        .then(function (result) {
          var svg = el.querySelector("svg");
          if (svg) {
            svg.setAttribute("role", "img");
            svg.setAttribute("aria-label", spec.description || spec.title || "");
          }
          el.setAttribute("data-chart-state", "ready");
          return result;
        })
        .catch(function () {
          el.setAttribute("data-chart-state", "failed");
          el.textContent = el.dataset.failed || "";
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { render(document); });
  } else {
    render(document);
  }
  document.addEventListener("htmx:afterSettle", function (event) { render(event.target); });
})();
