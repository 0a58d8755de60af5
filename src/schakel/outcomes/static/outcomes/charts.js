/* Outcome charts: renders every element with data-chart-spec (a Vega-Lite spec as JSON) with the vendored vega, vega-lite and vega-embed. The libraries are loaded on first
 * use only. CSP-compliant: no inline script, the Vega expression interpreter instead of eval (ast: true). */
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
      var spec;
      try {
        spec = JSON.parse(el.dataset.chartSpec);
      } catch (error) {
        el.setAttribute("data-chart-state", "failed");
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
        .then(function () { el.setAttribute("data-chart-state", "ready"); })
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
