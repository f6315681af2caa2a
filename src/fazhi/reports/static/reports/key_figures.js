// Moved out of the page so the Content-Security-Policy can forbid inline scripts.
(function () {
  if (!window.echarts) return;
  var charts = JSON.parse(document.getElementById("kf-chart-data").textContent);
  charts.forEach(function (c, i) {
    var el = document.getElementById("kf-chart-" + (i + 1));
    var chart = echarts.init(el);
    chart.setOption({
      title: {text: c.module, textStyle: {fontSize: 14}},
      tooltip: {trigger: "axis"}, legend: {right: 0},
      grid: {left: 10, right: 10, bottom: 10, top: 40, containLabel: true},
      xAxis: {type: "category", data: c.labels, axisLabel: {interval: 0, lineHeight: 14,
        formatter: function (v) { return v.length > 6 ? v.match(/.{1,4}/g).join("\n") : v; }}},
      yAxis: {type: "value", minInterval: 1},
      series: c.series.map(function (s, j) { return {name: s.name, type: "bar", data: s.data,
        itemStyle: {color: j ? "#b3261e" : "#9aa7b4"}}; })
    });
    chart.on("click", function (p) { window.location = c.series[p.seriesIndex].urls[p.dataIndex]; });
  });
})();
