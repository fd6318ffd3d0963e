/*
 * /lists/notification.html?id=<notice>: a notice or reminder of the user's units and the students it names, page
 * by page. Without id: the user's notices, newest first (GET /api/notifications, at most 100).
 */
(function () {
  'use strict';
  var L = window.GradFlowLists;
  var el = L.el;
  var message = document.getElementById('message');
  var id = L.params().get('id');

  function meta(parts) {
    var box = document.getElementById('meta');
    box.replaceChildren();
    parts.filter(Boolean).forEach(function (p) { box.append(el('span', { text: p })); });
  }

  if (!id) {
    document.getElementById('title').textContent = '本单位的通知';
    L.getJson('/api/notifications').then(function (notices) {
      meta(['最近 ' + notices.length + ' 条，最新在前']);
      var rows = document.getElementById('notices');
      if (notices.length === 0) {
        rows.append(el('tr', null, el('td', { colspan: 5, className: 'empty', text: '暂无通知' })));
      }
      notices.forEach(function (n) {
        rows.append(el('tr', null,
          el('td', { className: 'nowrap', text: L.dateTime(n.createdAt) }),
          el('td', { className: 'code', text: n.unitCode }),
          el('td', { className: 'code', text: n.batchCode || '' }),
          el('td', { text: n.message }),
          el('td', { className: 'num' }, n.studentCount > 0
            ? L.pageLink('notification.html', { id: n.id }, n.studentCount + ' 人') : '—')));
      });
      document.getElementById('notices-section').hidden = false;
    }).catch(function (error) {
      L.showError(message, error);
    });
    return;
  }

  if (!/^\d+$/.test(id)) {
    L.showError(message, new L.ApiError(400, '通知编号有误：' + id));
    return;
  }

  // the notice's own text comes from the user's notices; a notice of a unit below theirs lists its students only
  L.getJson('/api/notifications').then(function (notices) {
    var notice = notices.filter(function (n) { return String(n.id) === id; })[0];
    if (notice) {
      meta([L.dateTime(notice.createdAt), '单位 ' + notice.unitCode, notice.batchCode ? '批次 ' + notice.batchCode : null]);
      var box = document.getElementById('notice');
      box.textContent = notice.message;
      box.hidden = false;
    } else {
      meta(['通知编号 ' + id]);
    }
    document.getElementById('students-section').hidden = false;
    L.pagedTable({
      container: document.getElementById('students'),
      columns: [
        { title: '学号', className: 'code', value: function (s) { return s.studentNo; } },
        { title: '姓名', className: 'nowrap', value: function (s) { return s.name; } },
        { title: '单位', className: 'code', value: function (s) { return s.unitCode; } },
        { title: '入学学期', className: 'nowrap', value: function (s) { return L.term(s.enrolmentTerm); } }
      ],
      empty: '此通知没有列出学生',
      load: function (page, size) {
        return L.getJson('/api/notifications/' + encodeURIComponent(id) + '/students', { page: page, size: size });
      },
      message: message,
      onError: function (error) {
        document.getElementById('students-section').hidden = true;
        document.getElementById('notice').hidden = true;
        meta([]);
        L.showError(message, error);
      }
    });
  }).catch(function (error) {
    L.showError(message, error);
  });
})();
