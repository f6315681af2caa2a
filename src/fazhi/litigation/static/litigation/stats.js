// Moved out of the page so the Content-Security-Policy can forbid inline scripts.
(function () {
  if (!window.echarts) { return; }
  var d = JSON.parse(document.getElementById("litigation-chart-data").textContent);
  echarts.init(document.getElementById("chart-months")).setOption({
    tooltip: {trigger: "axis"}, xAxis: {type: "category", data: d.months}, yAxis: {type: "value", minInterval: 1},
    series: [{name: "收案", type: "bar", data: d.per_month, itemStyle: {color: "#1c5d99"}}]
  });
  echarts.init(document.getElementById("chart-outcomes")).setOption({
    tooltip: {trigger: "item", formatter: "{b}：{c} 件（{d}%）"}, legend: {bottom: 0},
    series: [{type: "pie", radius: ["35%", "65%"], data: d.outcomes}]
  });
  echarts.init(document.getElementById("chart-defendants")).setOption({
    tooltip: {trigger: "axis"}, legend: {data: ["败诉率", "负责人出庭应诉率"]},
    grid: {bottom: 100}, xAxis: {type: "category", data: d.defendants, axisLabel: {rotate: 30}},
    yAxis: {type: "value", max: 100, axisLabel: {formatter: "{value}%"}},
    series: [{name: "败诉率", type: "bar", data: d.loss_rates, itemStyle: {color: "#b0191e"}},
             {name: "负责人出庭应诉率", type: "bar", data: d.appearance_rates, itemStyle: {color: "#17663a"}}]
  });
})();
