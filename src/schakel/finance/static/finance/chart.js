/* Renders the Vega-Lite charts of the finance screens (spec in a json_script element). CSP-compatible:
   vega's expression interpreter, no eval. The table next to each chart holds the same figures. */
(function () {
  function render() {
    if (typeof vegaEmbed === "undefined") return;
    document.querySelectorAll("[data-vega-spec]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-vega-spec"));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      vegaEmbed(el, spec, { actions: false, renderer: "svg", ast: true, expr: vega.expressionInterpreter })
        .catch(function () { el.hidden = true; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render);
  else render();
})();
