// Moved out of the page so the Content-Security-Policy can forbid inline scripts.
(function () {
  var d = JSON.parse(document.getElementById("charts-data").textContent);
  function chart(id, option) { var el = document.getElementById(id); if (!el || !window.echarts) return; echarts.init(el).setOption(option); }
  chart("chart-month", {tooltip: {}, xAxis: {type: "category", data: d.months}, yAxis: {type: "value", minInterval: 1},
    series: [{type: "bar", data: d.by_month, name: "收案"}]});
  chart("chart-outcome", {tooltip: {trigger: "item"}, legend: {bottom: 0}, series: [{type: "pie", radius: ["35%", "65%"], data: d.outcomes}]});
  // Years without case records show the rate saved from that year's report: a hollow point, said in the tooltip.
  var rates = d.rates.map(function (v, i) {
    return d.rate_from_report[i] ? {value: v, symbol: "emptyCircle", symbolSize: 9, itemStyle: {color: "#fff", borderColor: "#5470c6", borderType: "dashed"}} : v;
  });
  chart("chart-rate", {tooltip: {formatter: function (p) {
      return p.name + "年 直接纠错率：" + p.value + "%" + (d.rate_from_report[p.dataIndex] ? "（来自往年报告）" : "");
    }}, xAxis: {type: "category", data: d.rate_years}, yAxis: {type: "value", axisLabel: {formatter: "{value}%"}},
    series: [{type: "line", data: rates, name: "直接纠错率", label: {show: true, formatter: "{c}%"}}]});
  chart("chart-kind", {tooltip: {}, grid: {left: 120}, xAxis: {type: "value", minInterval: 1}, yAxis: {type: "category", data: d.kinds, inverse: true},
    series: [{type: "bar", data: d.kind_values, name: "件数"}]});
  chart("chart-respondent", {tooltip: {}, grid: {left: 180}, xAxis: {type: "value", minInterval: 1}, yAxis: {type: "category", data: d.respondents, inverse: true},
    series: [{type: "bar", data: d.respondent_values, name: "件数"}]});
})();
