/*
 * /lists/status-cleanup.html and /lists/closures.html ?batch=<code>&branch=<code>[&unit=<code>]: what a branch's
 * batch left behind, page by page — the 8-year clean-up's students, or the applications the batch's close ended.
 */
(function () {
  'use strict';
  var L = window.GradFlowLists;
  var el = L.el;
  var kind = document.body.getAttribute('data-list');
  var message = document.getElementById('message');
  var query = L.params();
  var batch = query.get('batch');
  var branch = query.get('branch');
  var unit = query.get('unit') || null;

  var LISTS = {
    'status-cleanup': {
      title: '学籍清理名单',
      about: '学籍满 8 年有效期、于清理日终止学籍的学生（R-EL-02），其未结束的毕业申请一并关闭。',
      outcomeTitle: '处理结果',
      outcomes: { TERMINATED: ['已终止学籍', 'bad'] },
      pending: '待处理',
      empty: '本批次没有学籍到期的学生'
    },
    closures: {
      title: '批次关闭的申请',
      about: '批次关闭时尚未经分部复审通过的申请，本批次不再受理，可在下一批次重新申请（R-BA-04）。',
      outcomeTitle: '关闭结果',
      outcomes: { CLOSED: ['已关闭', 'bad'], ALREADY_ENDED: ['此前已结束，未作更改', 'wait'] },
      pending: '待关闭',
      empty: '批次关闭时没有需要关闭的申请'
    }
  };
  var list = LISTS[kind];
  var CODE = /^[A-Za-z0-9_-]{1,32}$/;

  if (!batch || !branch || !CODE.test(batch) || !CODE.test(branch) || (unit && !CODE.test(unit))) {
    L.showError(message, new L.ApiError(400, '缺少批次或分部：请从任务列表（Tasklist）的任务表单打开本页（地址须带 ?batch=批次&branch=分部代码，可加 &unit=单位代码）'));
    return;
  }
  document.title = list.title + ' ' + batch + ' ' + branch + ' · 毕业审核';
  document.getElementById('about').textContent = list.about;

  var metaBox = document.getElementById('meta');
  metaBox.append(el('span', { text: '批次 ' + batch }), el('span', { text: '分部 ' + branch }));
  if (unit) {
    metaBox.append(el('span', { text: '单位 ' + unit }),
      el('span', null, L.pageLink(kind + '.html', { batch: batch, branch: branch, size: L.params().get('size') }, '查看全分部')));
  }

  function outcome(item) {
    var known = list.outcomes[item.outcome];
    if (known) {
      return el('span', { className: 'tag ' + known[1], text: known[0] });
    }
    return el('span', { className: 'tag wait', text: item.outcome ? item.outcome : list.pending });
  }

  L.pagedTable({
    container: document.getElementById('list'),
    columns: [
      { title: '学号', className: 'code', value: function (i) { return i.studentNo; } },
      { title: '姓名', className: 'nowrap', value: function (i) { return i.name; } },
      { title: '单位', className: 'code', value: function (i) {
        return unit === i.unitCode ? i.unitCode
          : L.pageLink(kind + '.html', { batch: batch, branch: branch, unit: i.unitCode, size: L.params().get('size') }, i.unitCode);
      } },
      { title: '入学学期', className: 'nowrap', value: function (i) { return L.term(i.enrolmentTerm); } },
      { title: list.outcomeTitle, value: outcome }
    ],
    empty: list.empty,
    load: function (page, size) {
      return L.getJson('/api/batches/' + encodeURIComponent(batch) + '/branches/' + encodeURIComponent(branch) + '/' + kind,
        { unit: unit, page: page, size: size });
    },
    message: message,
    onError: function (error) {
      L.showError(message, error);
    }
  });
})();
