/*
 * /lists/dashboard.html?batch=<batch>&unit=<unit>: a batch at a glance for a unit (GET /api/batches/{batch}/dashboard;
 * without batch the newest, GET /api/dashboard). Every count links to the bulk page's list with the same filters.
 */
(function () {
  'use strict';
  var L = window.GradFlowLists;
  var el = L.el;
  var message = document.getElementById('message');
  var query = L.params();
  var unitAsked = query.get('unit');
  var batchAsked = query.get('batch');

  var load = batchAsked
    ? L.getJson('/api/batches/' + encodeURIComponent(batchAsked) + '/dashboard', { unit: unitAsked })
    : L.getJson('/api/dashboard', { unit: unitAsked });
  load.then(render).catch(function (error) { L.showError(message, error); });
  notices();

  function list(d, filters, text) {
    var q = { batch: d.batchCode, unit: d.unit };
    Object.keys(filters).forEach(function (k) { q[k] = filters[k]; });
    return L.pageLink('bulk.html', q, text);
  }

  function bar(value, max, kind) {
    var width = max > 0 ? Math.round(value * 100 / max) : 0;
    return el('span', { className: 'bar-fill' + (kind ? ' ' + kind : ''), style: 'width:' + width + '%' });
  }

  function render(d) {
    document.title = '批次看板 ' + d.batchCode + ' · ' + d.unitName + ' · 毕业审核';
    document.getElementById('title').textContent = '批次 ' + d.batchCode + ' 看板：' + d.unitName;
    var meta = document.getElementById('meta');
    meta.replaceChildren(el('span', { text: '单位 ' + d.unit }), el('span', { text: '今天 ' + d.today }),
      el('span', { text: '人数为当前数据库中的实时统计，点击数字查看名单' }));
    var select = document.getElementById('batch');
    d.batches.forEach(function (b) { select.append(el('option', { value: b, text: b })); });
    select.value = d.batchCode;
    select.addEventListener('change', function () {
      window.location.search = new URLSearchParams({ batch: select.value, unit: d.unit }).toString();
    });
    document.getElementById('scope-unit').textContent = '单位：' + d.unitName + '（' + d.unit + '）';
    document.getElementById('scope').hidden = false;

    document.getElementById('total').replaceChildren('共 ', list(d, {}, String(d.total)), ' 人');
    var max = Math.max.apply(null, d.states.map(function (s) { return s.count; }).concat([0]));
    var rows = document.getElementById('states').tBodies[0];
    d.states.forEach(function (s) {
      var link = list(d, { state: s.state }, String(s.count));
      link.id = 'count-' + s.state;
      link.setAttribute('data-count', String(s.count));
      var share = d.total > 0 ? (s.count * 100 / d.total).toFixed(1) + '%' : '—';
      rows.append(el('tr', null, el('td', { className: 'nowrap', text: s.label }), el('td', { className: 'num' }, link),
        el('td', { className: 'chart', title: share }, bar(s.count, max, s.state === 'CORRECTION' ? 'bad' : null))));
    });

    var windows = document.getElementById('windows').tBodies[0];
    if (d.windows.length === 0) {
      windows.append(el('tr', null, el('td', { colspan: 5, className: 'empty', text: '本批次没有日历' })));
    }
    d.windows.forEach(function (w) {
      var left = w.daysLeft < 0 ? '—' : w.daysLeft === 0 ? '今天截止' : w.daysLeft + ' 天';
      var tag = w.status === '进行中' || w.status === '未截止' ? 'ok' : w.status === '未开始' ? 'wait' : 'bad';
      windows.append(el('tr', null, el('td', { className: 'nowrap', text: w.branchName }),
        el('td', { className: 'nowrap', text: w.name }),
        el('td', { className: 'nowrap', text: (w.open ? w.open + ' 至 ' : '截止 ') + w.close }),
        el('td', { className: 'num' + (w.daysLeft >= 0 && w.daysLeft <= 3 ? ' countdown-soon' : ''), text: left }),
        el('td', null, el('span', { className: 'tag ' + tag, text: w.status }))));
    });

    ranked('reasons', d.rejectionReasons, function (r) { return r.reason; }, function (r) {
      return list(d, { state: 'CORRECTION' }, String(r.count));
    }, 'bad', '本批次还没有退回');
    ranked('rules', d.blockingRules, function (r) { return r.rule; }, function (r) {
      return list(d, { rule: r.rule.split('/')[0] }, String(r.count)); // R-EL-06/R-PH-01: the case list takes one id
    }, 'warn', '没有被规则阻断的申请');

    trend(d.trend);
    units(d);
    document.getElementById('board').hidden = false;
  }

  function ranked(id, items, name, count, kind, empty) {
    var body = document.getElementById(id).tBodies[0];
    if (items.length === 0) {
      body.append(el('tr', null, el('td', { colspan: 3, className: 'empty', text: empty })));
    }
    var max = items.length ? items[0].count : 0;
    items.forEach(function (r) {
      body.append(el('tr', null, el('td', { text: name(r) }), el('td', { className: 'num' }, count(r)),
        el('td', { className: 'chart' }, bar(r.count, max, kind))));
    });
  }

  /** Three bars a day (提交申请, 通过, 退回) in one SVG; each day's numbers in its title. */
  function trend(days) {
    var series = [['applied', '提交申请', '#1c5fa8'], ['approved', '审核通过', '#1d8348'], ['rejected', '退回', '#c0392b']];
    var max = 1;
    days.forEach(function (day) { series.forEach(function (s) { max = Math.max(max, day[s[0]]); }); });
    var w = 1100;
    var h = 220;
    var top = 14;
    var bottom = 30;
    var slot = w / days.length;
    // the chart is an <svg> element of the page: the HTML parser gave it the SVG namespace, which its parts take
    var svg = document.getElementById('trend-chart');
    var SVG = svg.namespaceURI;
    svg.replaceChildren();
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', '最近 30 天每日提交申请、审核通过与退回的数量');
    function node(tag, attrs, text) {
      var n = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (k) { n.setAttribute(k, String(attrs[k])); });
      if (text !== undefined) {
        n.textContent = text;
      }
      svg.appendChild(n);
      return n;
    }
    node('line', { x1: 0, y1: h - bottom, x2: w, y2: h - bottom, stroke: '#d9dee5' });
    node('text', { x: 4, y: 12, 'font-size': 11, fill: '#5f6b7a' }, '最多 ' + max);
    days.forEach(function (day, i) {
      var g = document.createElementNS(SVG, 'g');
      var title = document.createElementNS(SVG, 'title');
      title.textContent = day.day + '：提交申请 ' + day.applied + '，审核通过 ' + day.approved + '，退回 ' + day.rejected;
      g.appendChild(title);
      series.forEach(function (s, k) {
        var value = day[s[0]];
        var height = Math.round(value * (h - top - bottom) / max);
        var bar = document.createElementNS(SVG, 'rect');
        bar.setAttribute('x', String(i * slot + 3 + k * (slot - 6) / 3));
        bar.setAttribute('y', String(h - bottom - height));
        bar.setAttribute('width', String(Math.max(1, (slot - 6) / 3 - 1)));
        bar.setAttribute('height', String(height));
        bar.setAttribute('fill', s[2]);
        g.appendChild(bar);
      });
      svg.appendChild(g);
      if (i % 5 === 0 || i === days.length - 1) {
        node('text', { x: i * slot + 2, y: h - 10, 'font-size': 11, fill: '#5f6b7a' }, day.day.substring(5));
      }
    });
    var legend = el('div', { className: 'legend' }, series.map(function (s) {
      var sum = days.reduce(function (a, day) { return a + day[s[0]]; }, 0);
      return el('span', null, el('i', { style: 'background:' + s[2] }), s[1] + ' 共 ' + sum);
    }));
    document.getElementById('trend').replaceChildren(legend, svg);
  }

  /** One row per learning centre, a column per state that has students; the centre's name opens its own view. */
  function units(d) {
    var shown = d.states.filter(function (s) { return s.count > 0; });
    var table = document.getElementById('units');
    table.replaceChildren(el('thead', null, el('tr', null, el('th', { scope: 'col', text: '学习中心' }),
      el('th', { scope: 'col', className: 'num', text: '合计' }),
      shown.map(function (s) { return el('th', { scope: 'col', className: 'num', text: s.label }); }))));
    var body = el('tbody');
    if (d.units.length === 0) {
      body.append(el('tr', null, el('td', { colspan: 2, className: 'empty', text: '本单位下没有参加本批次的学习中心' })));
    }
    d.units.forEach(function (u) {
      var scoped = { batchCode: d.batchCode, unit: u.unit };
      body.append(el('tr', null,
        el('td', { className: 'nowrap' }, u.unit === d.unit ? u.unitName
          : L.pageLink('dashboard.html', { batch: d.batchCode, unit: u.unit }, u.unitName || u.unit)),
        el('td', { className: 'num' }, list(scoped, {}, String(u.total))),
        shown.map(function (s) {
          var n = u.counts[s.state] || 0;
          return el('td', { className: 'num' }, n ? list(scoped, { state: s.state }, String(n)) : '0');
        })));
    });
    table.append(body);
  }

  /** The user's newest notices (GET /api/notifications), five of them; all under 全部通知. */
  function notices() {
    L.getJson('/api/notifications').then(function (items) {
      var box = document.getElementById('notices');
      if (items.length === 0) {
        box.append(el('li', { text: '暂无通知' }));
      }
      items.slice(0, 5).forEach(function (n) {
        box.append(el('li', null, el('span', { className: 'when', text: L.dateTime(n.createdAt) }),
          n.studentCount > 0 ? L.pageLink('notification.html', { id: n.id }, n.message) : n.message));
      });
    }).catch(function () {
      document.getElementById('notices-section').hidden = true;
    });
  }
})();
