/* /lists/hq-submission.html?id=<submissionId>[&city=<cityCode>]: the branch's list for HQ, page by page. */
(function () {
  'use strict';
  var L = window.GradFlowLists;
  var el = L.el;
  var message = document.getElementById('message');
  var query = L.params();
  var id = query.get('id');
  var city = query.get('city') || null;

  var STATES = { CONFIRMING: '待各分校确认', SUBMITTED: '已上报总部', EMPTY: '无待上报学生' };

  /** The list's state; while confirming, what the cities' answers to this issue say comes next. */
  function stateLabel(s, answers) {
    var cities = s.cities.filter(function (c) { return c.cityCode; }).length;
    if (s.state === 'CONFIRMING' && cities > 0 && answers.length >= cities) {
      return answers.some(function (a) { return a.decision === 'RETURN'; })
        ? '分校已退回更正，待分部修订名单' : '各分校已确认，正在上报总部';
    }
    return L.label(STATES, s.state, '');
  }
  var ANSWERS = { CONFIRM: '确认无误', RETURN: '退回更正' };

  if (!id || !/^\d+$/.test(id)) {
    L.showError(message, new L.ApiError(400, '缺少名单编号：请从任务列表（Tasklist）的任务表单打开本页（地址须带 ?id=名单编号）'));
    return;
  }
  var base = '/api/hq-submissions/' + encodeURIComponent(id);
  var summary = null;

  function meta(parts) {
    var box = document.getElementById('meta');
    box.replaceChildren();
    parts.filter(Boolean).forEach(function (p) { box.append(el('span', { text: p })); });
  }

  function delivery(item) {
    if (item.delivery === 'DELIVERED') {
      return el('span', { className: 'tag ok', text: '已送交总部' });
    }
    if (item.delivery === 'NOT_WAITING') {
      return el('span', { className: 'tag warn', text: '未送交（申请已不在待上报状态）', title: '名单编制后该申请已结束或退回，未送交总部' });
    }
    return el('span', { className: 'tag wait', text: summary && summary.state === 'SUBMITTED' ? '送交中' : '尚未送交' });
  }

  function showSummary(s, answers) {
    summary = s;
    document.title = '拟上报总部终审名单 ' + s.batchCode + ' ' + s.branchCode + ' · 毕业审核';
    meta(['批次 ' + s.batchCode, '分部 ' + s.branchCode, '第 ' + s.issueNo + ' 次下发', stateLabel(s, answers || []),
      '名单编号 ' + s.submissionId]);
    var byCity = {};
    (answers || []).forEach(function (a) { byCity[a.cityCode] = a; });
    var rows = document.getElementById('cities');
    rows.replaceChildren();
    s.cities.forEach(function (c) {
      var answer = byCity[c.cityCode];
      var answerCell = answer
        ? [el('span', { className: 'tag ' + (answer.decision === 'CONFIRM' ? 'ok' : 'bad'), text: L.label(ANSWERS, answer.decision, '') }),
           answer.userId ? ' ' + answer.userId : '',
           answer.corrections ? el('div', { className: 'meta', text: answer.corrections }) : null]
        : (s.state === 'CONFIRMING' && c.cityCode ? el('span', { className: 'tag wait', text: '待确认' }) : '—');
      var name = (c.cityName || '') + (c.cityCode ? '（' + c.cityCode + '）' : '');
      var link = c.cityCode === city ? el('strong', { text: name || '（无分校）' })
        : c.cityCode ? L.pageLink('hq-submission.html', { id: id, city: c.cityCode, size: L.params().get('size') }, name)
          : (name || '（无分校层级）');
      rows.append(el('tr', { className: c.cityCode === city ? 'current' : null },
        el('td', null, link), el('td', { className: 'num', text: c.students }), el('td', null, answerCell)));
    });
    document.getElementById('total').textContent = s.students;
    document.getElementById('continuing').textContent = s.continuing > 0 ? '其中专科续读本科（单独上报）' + s.continuing + ' 人' : '';
    document.getElementById('summary').hidden = false;
  }

  function listTitle(page) {
    var title = document.getElementById('list-title');
    if (!city) {
      title.textContent = '名单（全部分校）';
      return;
    }
    var first = page.items[0];
    var name = first && first.cityName ? first.cityName + '（' + city + '）' : city;
    title.replaceChildren('名单：' + name);
    if (summary) {
      title.append(' ', el('small', null, L.pageLink('hq-submission.html', { id: id, size: L.params().get('size') }, '查看全部分校')));
    }
    if (!summary) {
      meta(['分校 ' + name, '共 ' + page.total + ' 人', '名单编号 ' + id]);
    }
  }

  // the summary is the branch's and HQ's; a city reads only its own part (the items with city=)
  var summaryLoaded = L.getJson(base).then(function (s) {
    return L.getJson(base + '/answers').catch(function () { return []; }).then(function (answers) {
      showSummary(s, answers);
    });
  }).catch(function (error) {
    if (!city) {
      throw error;
    }
  });

  summaryLoaded.then(function () {
    document.getElementById('list-section').hidden = false;
    L.pagedTable({
      container: document.getElementById('list'),
      columns: [
        { title: '学号', className: 'code', value: function (i) { return i.studentNo; } },
        { title: '姓名', className: 'nowrap', value: function (i) { return i.studentName; } },
        { title: '分校', value: function (i) { return i.cityName || i.cityCode || '—'; } },
        { title: '学习中心', value: function (i) { return i.learningCenter; } },
        { title: '专科续读本科', value: function (i) { return i.continuing ? el('span', { className: 'tag warn', text: '是（单独上报）' }) : '否'; } },
        { title: '送交结果', value: delivery }
      ],
      empty: city ? '本分校在此名单中没有学生' : '名单中没有学生',
      load: function (page, size) {
        return L.getJson(base + '/items', { city: city, page: page, size: size });
      },
      onPage: listTitle,
      message: message,
      onError: function (error) {
        document.getElementById('list-section').hidden = true;
        L.showError(message, error);
      }
    });
  }, function (error) {
    L.showError(message, error);
  });
})();
