// Draws the report's charts from the JSON embedded in the page (#report-data): the same object the
// tables were printed from. Tooltips show the stored strings, not the floating-point plot values.
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('report-data').textContent);
  if (report.empty) {
    return;
  }
  var currency = report.currency;
  // tooltips are HTML: every text from the data is escaped before it goes in
  var esc = echarts.format.encodeHTML;

  function money(raw) {
    return raw === null || raw === undefined ? null : { value: Number(raw), raw: raw };
  }
  function count(n) {
    return { value: n, raw: String(n) };
  }
  function shown(item) {
    return item && item.data !== null && item.data !== undefined && item.data.raw !== undefined ? item.data.raw : '-';
  }
  function axisTooltip(units) {
    return {
      trigger: 'axis',
      formatter: function (items) {
        var lines = [esc(items[0].axisValueLabel)];
        items.forEach(function (item) {
          if (item.data === null || item.data === undefined) {
            return;
          }
          lines.push(item.marker + esc(item.seriesName) + ': <b>' + esc(shown(item)) + '</b> ' + esc(units(item)));
        });
        return lines.join('<br>');
      }
    };
  }
  function valueAxis(name, extra) {
    return Object.assign({ type: 'value', name: name, nameLocation: 'middle', nameGap: 58 }, extra || {});
  }
  function categoryAxis(name, values, extra) {
    return Object.assign({ type: 'category', name: name, nameLocation: 'middle', nameGap: 28, data: values },
      extra || {});
  }
  function draw(id, title, option) {
    var element = document.getElementById(id);
    if (!element) {
      return;
    }
    option.title = { text: title, left: 'center', textStyle: { fontSize: 14 } };
    option.legend = option.legend || { top: 24, type: 'scroll' };
    option.grid = Object.assign({ top: 64, left: 80, right: 70, bottom: 50 }, option.grid || {});
    echarts.init(element, null, { renderer: 'svg' }).setOption(option);
  }
  var isMoney = function (item) { return item.seriesName.indexOf('orders') < 0 ? currency : ''; };

  var periods = report.months.map(function (m) { return m.period; });
  draw('chart-sales', 'Revenue, sale orders and average order value by month', {
    tooltip: axisTooltip(isMoney),
    xAxis: categoryAxis('Month', periods),
    // three scales: revenue is thousands of times the average order, which would flatten on its axis
    yAxis: [valueAxis('Revenue (' + currency + ')'), valueAxis('Sale orders', { nameGap: 48 }),
      valueAxis('Average order value (' + currency + ')', { position: 'right', offset: 80, nameGap: 50 })],
    grid: { right: 160 },
    series: [
      { name: 'Revenue', type: 'bar', data: report.months.map(function (m) { return money(m.revenue); }) },
      { name: 'Average order value', type: 'line', yAxisIndex: 2,
        data: report.months.map(function (m) { return money(m.averageOrderValue); }) },
      { name: 'Sale orders', type: 'line', yAxisIndex: 1, data: report.months.map(function (m) { return count(m.orders); }) }
    ]
  });

  draw('chart-daily', 'Daily revenue and sale orders, ' + report.period, {
    tooltip: axisTooltip(isMoney),
    xAxis: categoryAxis('Day (UTC)', report.days.map(function (d) { return d.date; })),
    yAxis: [valueAxis('Revenue (' + currency + ')'), valueAxis('Sale orders', { nameGap: 40 })],
    series: [
      { name: 'Revenue', type: 'bar', data: report.days.map(function (d) { return money(d.revenue); }) },
      { name: 'Sale orders', type: 'line', yAxisIndex: 1, data: report.days.map(function (d) { return count(d.orders); }) }
    ]
  });

  function shareChart(id, title, shares, what) {
    draw(id, title, {
      tooltip: {
        trigger: 'axis',
        formatter: function (items) {
          var lines = [esc(items[0].axisValueLabel)];
          items.forEach(function (item) {
            if (item.data) {
              lines.push(item.marker + esc(item.seriesName) + ': <b>' + esc(String(item.data.value)) + ' %</b> ('
                + esc(item.data.raw) + ' ' + esc(currency) + ')');
            }
          });
          return lines.join('<br>');
        }
      },
      legend: { top: 24, type: 'scroll' },
      xAxis: categoryAxis('Month', shares.periods),
      yAxis: valueAxis('Share of revenue (%)', { max: 100, nameGap: 40 }),
      grid: { left: 60 },
      series: shares.series.map(function (s) {
        return {
          name: s.name, type: 'bar', stack: what,
          data: s.percentage.map(function (p, i) { return p === null ? null : { value: p, raw: s.revenue[i] }; })
        };
      })
    });
  }
  shareChart('chart-categories', 'Category share of revenue by month', report.categories, 'category');
  shareChart('chart-payments', 'Payment method share of revenue by month', report.payments, 'method');

  var top = report.topProducts.slice().reverse();
  draw('chart-products', 'Top products of ' + report.period + ' by revenue', {
    tooltip: {
      trigger: 'item',
      formatter: function (item) {
        var p = top[item.dataIndex];
        return esc(p.sku || '(no sku)') + '<br>' + esc(p.name || '(no name)') + '<br>Revenue: <b>' + esc(p.revenue) + ' ' + esc(currency)
          + '</b><br>Quantity: <b>' + esc(String(p.quantity)) + '</b>';
      }
    },
    legend: { show: false },
    grid: { left: 120 },
    xAxis: valueAxis('Revenue (' + currency + ')', { nameGap: 28 }),
    yAxis: categoryAxis('Product (SKU, else name)', top.map(function (p) { return p.label; }),
      { nameGap: 104, axisLabel: { width: 96, overflow: 'truncate' } }),
    series: [{ name: 'Revenue', type: 'bar', data: top.map(function (p) { return money(p.revenue); }) }]
  });

  draw('chart-product-trend', 'Monthly revenue of the leading products', {
    tooltip: axisTooltip(function () { return currency; }),
    xAxis: categoryAxis('Month', report.productTrend.periods),
    yAxis: valueAxis('Revenue (' + currency + ')'),
    series: report.productTrend.products.map(function (p) {
      return { name: p.label, type: 'line', connectNulls: false, data: p.revenue.map(money) };
    })
  });

  draw('chart-segments', 'Customers per segment' + (report.segments.asOf ? ' as of ' + report.segments.asOf : ''), {
    tooltip: axisTooltip(function () { return 'customers'; }),
    legend: { show: false },
    xAxis: categoryAxis('Segment', report.segments.rows.map(function (s) { return s.segment; })),
    yAxis: valueAxis('Customers', { nameGap: 48 }),
    series: [{ name: 'Customers', type: 'bar', data: report.segments.rows.map(function (s) { return count(s.customers); }) }]
  });

  draw('chart-scores', 'RFM total score distribution', {
    tooltip: axisTooltip(function () { return 'customers'; }),
    legend: { show: false },
    xAxis: categoryAxis('RFM total (3 to 15)', report.scores.map(function (s) { return String(s.total); })),
    yAxis: valueAxis('Customers', { nameGap: 48 }),
    series: [{ name: 'Customers', type: 'bar', data: report.scores.map(function (s) { return count(s.customers); }) }]
  });

  draw('chart-segment-history', 'Segment sizes over time', {
    tooltip: axisTooltip(function () { return 'customers'; }),
    xAxis: categoryAxis('As of', report.segmentHistory.dates),
    yAxis: valueAxis('Customers', { nameGap: 48 }),
    series: report.segmentHistory.series.map(function (s) {
      return { name: s.segment, type: 'line', stack: 'customers', areaStyle: {}, data: s.customers.map(count) };
    })
  });

  if (report.shardBalance) {
    var shards = report.shardBalance.shards;
    draw('chart-shards', 'Documents read per shard, run ' + report.shardBalance.runId, {
      tooltip: {
        trigger: 'item',
        formatter: function (item) {
          var s = shards[item.dataIndex];
          return esc(s.shard) + '<br>Documents: <b>' + s.documents + '</b><br>Partitions: <b>' + s.partitions
            + '</b><br>Seconds: <b>' + (s.seconds === null ? '-' : s.seconds) + '</b>';
        }
      },
      legend: { show: false },
      xAxis: categoryAxis('Shard', shards.map(function (s) { return s.shard; })),
      yAxis: valueAxis('Documents', { nameGap: 58 }),
      series: [{ name: 'Documents', type: 'bar', data: shards.map(function (s) { return count(s.documents); }) }]
    });
  }
}());
