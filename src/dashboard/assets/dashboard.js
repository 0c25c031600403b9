// Draws the dashboard's charts with Chart.js (served by the bot, no external network) from the
// shown (already suppressed) values in #trends-data. "<10" and "hidden" draw as nothing, and
// the tooltip says which.
(function () {
  "use strict";
  var source = document.getElementById("trends-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var colours = ["#1f6feb", "#d97706", "#b91c1c", "#059669", "#7c3aed", "#0891b2"];
  var bandColours = { low: "#059669", medium: "#d97706", high: "#b91c1c" };
  var plotted = function (v) { return typeof v === "number" ? v : 0; };

  data.views.forEach(function (view) {
    var canvas = document.getElementById("chart-" + view.id);
    if (!canvas) return;
    var stacked = view.id === "risk";
    var horizontal = view.id === "signs" || view.id === "destinations" || view.id === "origins" || view.id === "topics" || view.id === "invalid";
    var type = view.kind === "time" && !stacked ? "line" : "bar";
    // A long list drawn sideways needs room for every label.
    if (horizontal) canvas.parentNode.style.height = Math.max(200, view.labels.length * 24 + 60) + "px";
    var chart = new Chart(canvas, {
      type: type,
      data: {
        labels: view.labels,
        datasets: view.series.map(function (s, i) {
          var colour = bandColours[s.name] || colours[i % colours.length];
          return {
            label: s.label,
            data: s.values.map(plotted),
            shown: s.values,
            backgroundColor: colour,
            borderColor: colour,
            tension: 0.2,
          };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        scales: { x: { stacked: stacked, beginAtZero: true }, y: { stacked: stacked, beginAtZero: true } },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (item) {
                var v = item.dataset.shown[item.dataIndex];
                return item.dataset.label + ": " + (v === "hidden" ? data.hidden : v);
              },
            },
          },
        },
      },
    });
    canvas.dataset.rendered = String(chart.data.datasets.length);
  });
})();
