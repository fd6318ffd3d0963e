/*
 * /lists/bulk.html[?batch=<code>&unit=<code>]: bulk work where the clerks work (issue 12, items 5 and 6). With the
 * Tasklist session: a batch's case list with the platform's filters, checkboxes and the bulk buttons of the user's
 * tier; imports and photo ZIPs with their job's progress; the exports. Every decision is the server's: the page
 * only shows each student's result and message as /api gave them.
 */
(function () {
  'use strict';
  var L = window.GradFlowLists;
  var el = L.el;
  var message = document.getElementById('message');

  var STATES = [
    ['NOT_APPLIED', '未申请'], ['CHECKING', '资格检查中'], ['CORRECTION', '待学习中心整改'], ['APPLYING', '待学习中心提交申请'],
    ['IDENTITY_REVIEW', '身份复核中'], ['CITY_REVIEW', '待分校审批'], ['BRANCH_REVIEW', '待分部复审'],
    ['AWAITING_HQ', '待分部上报总部'], ['HQ_REVIEW', '待总部终审'], ['CERTIFICATE', '待发放证书'], ['GRADUATED', '已毕业'],
    ['DEFERRED', '暂缓毕业'], ['CLOSED', '本批次已关闭']
  ];
  var STATE_TAGS = { NOT_APPLIED: 'wait', CORRECTION: 'bad', IDENTITY_REVIEW: 'warn', DEFERRED: 'wait', CLOSED: 'wait' };
  var STATE_LABELS = {};
  STATES.forEach(function (s) { STATE_LABELS[s[0]] = s[1]; });
  var TIERS = { HQ: '总部', BRANCH: '分部', CITY: '分校', LEARNING_CENTER: '学习中心' };
  var LEVELS = { BACHELOR: '本科', JUNIOR: '专科' };
  var RESULTS = {
    DONE: ['已办理', 'ok'], FORBIDDEN: ['无权办理', 'bad'], NOT_FOUND: ['未找到', 'bad'],
    NOT_AT_YOUR_TIER: ['不在本级', 'warn'], WINDOW_CLOSED: ['不在申请时间内', 'warn'], BLOCKED: ['有须整改的问题', 'bad'],
    ALREADY_DECIDED: ['已办理过', 'wait'], INVALID: ['无法办理', 'bad']
  };
  var JOB_STATES = { QUEUED: '排队中', RUNNING: '处理中', DONE: '已完成', FAILED: '失败', ROLLED_BACK: '已回滚，未作任何更改' };
  var FINISHED = ['DONE', 'FAILED', 'ROLLED_BACK'];
  var NO_BLOCKING = '';

  /** The bulk buttons; tiers: who may press them (the server decides each student anyway). */
  var ACTIONS = [
    { action: 'APPLY', label: '批量申请毕业', tiers: ['LEARNING_CENTER'], letter: true },
    { action: 'APPLY_WITH_DEGREE', label: '批量申请毕业+学位', tiers: ['LEARNING_CENTER'], degree: true, letter: true },
    { action: 'DEFER', label: '批量暂缓毕业', tiers: ['LEARNING_CENTER'], reason: true },
    { action: 'RESUBMIT', label: '批量重新提交', tiers: ['LEARNING_CENTER'] },
    { action: 'APPROVE', label: '批量通过', tiers: ['CITY', 'BRANCH'] },
    { action: 'REJECT', label: '批量退回', tiers: ['CITY', 'BRANCH'], reason: true }
  ];

  var me = null;
  var batch = null;
  var unit = null;
  var table = null;
  var shown = {};       // studentNo → item of the page shown
  var selected = {};    // studentNo → true, this page only
  var outcomes = {};    // studentNo → result of the last bulk action
  var filters = document.getElementById('filters');

  function showError(error) {
    L.showError(message, error);
    message.scrollIntoView({ block: 'nearest' });
  }

  // ---- who, which batch, which unit -----------------------------------------------------------------------
  L.getJson('/api/me').then(function (result) {
    me = result;
    document.getElementById('who').textContent = me.name + (me.units.length ? '（' + me.units.map(function (u) {
      return u.name;
    }).join('、') + '）' : '');
    var units = me.units.concat(me.unitsBelow);
    if (me.batches.length === 0 || units.length === 0) {
      L.showNotice(message, me.batches.length === 0 ? '本人所在分部没有可办理的批次' : '当前用户不属于任何单位');
      return;
    }
    var query = L.params();
    var batchSelect = document.getElementById('batch');
    me.batches.forEach(function (b) {
      batchSelect.append(el('option', { value: b.code, text: b.code + ' ' + b.name + (b.open ? '（申请开放中）' : '') }));
    });
    var wanted = query.get('batch');
    var firstOpen = me.batches.filter(function (b) { return b.open; })[0] || me.batches[0];
    batch = me.batches.some(function (b) { return b.code === wanted; }) ? wanted : firstOpen.code;
    batchSelect.value = batch;
    var unitSelect = document.getElementById('unit');
    units.forEach(function (u) {
      unitSelect.append(el('option', { value: u.code, text: u.name + '（' + u.code + '，' + (TIERS[u.tier] || u.tier) + '）' }));
    });
    wanted = query.get('unit');
    unit = units.some(function (u) { return u.code === wanted; }) ? wanted : units[0].code;
    unitSelect.value = unit;
    batchSelect.addEventListener('change', function () { batch = batchSelect.value; remember(); changed(); });
    unitSelect.addEventListener('change', function () { unit = unitSelect.value; remember(); changed(); });
    document.getElementById('scope').hidden = false;
    document.getElementById('tabs').hidden = false;
    setUpFilters(query);
    setUpActions();
    setUpTabs(query.get('tab') || 'cases');
    setUpImports();
    list();
    loadGroups();
    exportsFor();
  }).catch(showError);

  function remember() {
    var search = L.params();
    search.set('batch', batch);
    search.set('unit', unit);
    search.delete('page');
    window.history.replaceState(null, '', window.location.pathname + '?' + search.toString());
  }

  function changed() {
    clearSelection();
    document.getElementById('results').hidden = true;
    table.first();
    loadGroups();
    exportsFor();
  }

  function setUpTabs(initial) {
    var buttons = Array.prototype.slice.call(document.querySelectorAll('#tabs button'));
    function open(name) {
      buttons.forEach(function (b) {
        var on = b.getAttribute('data-tab') === name;
        b.setAttribute('aria-selected', on ? 'true' : 'false');
        document.getElementById('tab-' + b.getAttribute('data-tab')).hidden = !on;
      });
    }
    buttons.forEach(function (b) {
      b.addEventListener('click', function () { open(b.getAttribute('data-tab')); });
    });
    open(['cases', 'imports', 'exports'].indexOf(initial) >= 0 ? initial : 'cases');
  }

  // ---- the case list --------------------------------------------------------------------------------------
  function setUpFilters(query) {
    var state = filters.elements.state;
    state.append(el('option', { value: '', text: '全部' }));
    STATES.forEach(function (s) { state.append(el('option', { value: s[0], text: s[1] })); });
    ['enrolmentTerm', 'eligible', 'hasPhoto', 'state', 'q'].forEach(function (name) {
      if (query.get(name)) {
        filters.elements[name].value = query.get(name);
      }
    });
    keepRule(query.get('rule')); // a link from the dashboard (issue 14) names a rule before the counts arrive
    filters.addEventListener('submit', function (event) {
      event.preventDefault();
      clearSelection();
      table.first();
    });
    filters.addEventListener('reset', function () {
      window.setTimeout(function () { clearSelection(); table.first(); markGroup(); }, 0);
    });
    filters.elements.rule.addEventListener('change', markGroup);
  }

  function filterValues() {
    var values = {};
    ['enrolmentTerm', 'eligible', 'hasPhoto', 'state', 'rule', 'q'].forEach(function (name) {
      var v = filters.elements[name].value.trim();
      if (v) {
        values[name] = v;
      }
    });
    return values;
  }

  var all = el('input', { type: 'checkbox', id: 'select-all' });
  all.addEventListener('change', function () {
    Object.keys(shown).forEach(function (no) {
      if (all.checked) {
        selected[no] = true;
      } else {
        delete selected[no];
      }
    });
    document.querySelectorAll('#list input.pick').forEach(function (box) { box.checked = all.checked; });
    selectionChanged();
  });

  function list() {
    table = L.pagedTable({
      container: document.getElementById('list'),
      pageSizes: [10, 20, 50, 100, 200],
      defaultSize: 50,
      key: function (i) { return i.studentNo; },
      columns: [
        { title: el('label', { title: '勾选本页全部学生' }, all, ' 勾选全部'), className: 'check', value: function (i) {
          var box = el('input', { type: 'checkbox', className: 'pick', value: i.studentNo, 'aria-label': '勾选 ' + i.name });
          box.checked = !!selected[i.studentNo];
          box.addEventListener('change', function () {
            if (box.checked) {
              selected[i.studentNo] = true;
            } else {
              delete selected[i.studentNo];
            }
            selectionChanged();
          });
          return box;
        } },
        { title: '学号', className: 'code', value: function (i) { return i.studentNo; } },
        { title: '姓名', className: 'nowrap', value: function (i) { return i.name; } },
        { title: '学习中心', className: 'nowrap', value: function (i) { return i.unitName || i.unit; } },
        { title: '专业', className: 'nowrap', value: function (i) { return i.major; } },
        { title: '层次', className: 'nowrap', value: function (i) { return i.levelLabel || L.label(LEVELS, i.level, ''); } },
        { title: '入学学期', className: 'nowrap', value: function (i) { return i.enrolmentTermLabel || L.term(i.enrolmentTerm); } },
        { title: '状态', className: 'nowrap', value: function (i) {
          return el('span', { className: 'tag ' + L.label(STATE_TAGS, i.state, 'ok'),
            text: i.stateLabel || L.label(STATE_LABELS, i.state, '') });
        } },
        { title: '所在层级', className: 'nowrap', value: function (i) { return L.label(TIERS, i.tier, '—'); } },
        { title: '阻断规则', className: 'nowrap', value: function (i) {
          return (i.blockingRules || []).length ? el('span', { className: 'tag bad', text: i.blockingRules.join('、') }) : '无';
        } },
        { title: '办理结果', value: function (i) { return outcomeOf(i.studentNo); } }
      ],
      empty: '没有符合条件的学生',
      load: function (page, size) {
        var query = filterValues();
        query.unit = unit;
        query.page = page;
        query.size = size;
        return L.getJson('/api/batches/' + encodeURIComponent(batch) + '/cases', query);
      },
      message: message,
      onPage: function (result) {
        shown = {};
        result.items.forEach(function (i) { shown[i.studentNo] = i; });
        Object.keys(selected).forEach(function (no) {
          if (!shown[no]) {
            delete selected[no]; // 勾选 covers this page only
          }
        });
        selectionChanged();
      },
      onError: showError
    });
  }

  function outcomeOf(studentNo) {
    var r = outcomes[studentNo];
    if (!r) {
      return '';
    }
    var known = RESULTS[r.result] || [r.result, 'wait'];
    return el('span', null, el('span', { className: 'tag ' + known[1], text: known[0] }), ' ', r.message || '');
  }

  function clearSelection() {
    selected = {};
    all.checked = false;
    selectionChanged();
  }

  function selectionChanged() {
    var count = Object.keys(selected).length;
    var onPage = Object.keys(shown).length;
    document.getElementById('selected').textContent = '已勾选 ' + count + ' 人';
    all.checked = onPage > 0 && count === onPage;
    all.indeterminate = count > 0 && count < onPage;
    document.querySelectorAll('#actions button').forEach(function (b) { b.disabled = count === 0; });
  }

  // ---- counts by blocking rule ----------------------------------------------------------------------------
  /** Selects the rule, adding it when the counts do not list it (yet). */
  function keepRule(value) {
    var rule = filters.elements.rule;
    if (!value) {
      return;
    }
    rule.value = value;
    if (rule.value !== value) {
      rule.append(el('option', { value: value, text: value }));
      rule.value = value;
    }
  }

  function loadGroups() {
    var box = document.getElementById('groups');
    L.getJson('/api/batches/' + encodeURIComponent(batch) + '/cases/groups', { unit: unit }).then(function (g) {
      var rule = filters.elements.rule;
      var current = rule.value;
      rule.replaceChildren(el('option', { value: '', text: '全部' }));
      box.replaceChildren(el('span', { text: '共 ' + g.total + ' 人，按阻断原因：' }));
      box.append(chip(NO_BLOCKING, '无阻断问题 ' + g.withoutBlocking + ' 人', true));
      (g.groups || []).forEach(function (r) {
        rule.append(el('option', { value: r.rule, text: r.rule + '（' + r.count + ' 人）' }));
        box.append(chip(r.rule, r.rule + ' ' + r.count + ' 人', false));
      });
      keepRule(current);
      markGroup();
    }).catch(showError);

    function chip(rule, text, noRule) {
      var b = el('button', { type: 'button', className: 'chip', 'data-rule': noRule ? '' : rule, text: text,
        title: noRule ? '显示全部学生' : '只看有 ' + rule + ' 阻断问题的学生' });
      b.addEventListener('click', function () {
        filters.elements.rule.value = noRule ? '' : rule;
        markGroup();
        clearSelection();
        table.first();
      });
      return b;
    }
  }

  function markGroup() {
    var rule = filters.elements.rule.value;
    document.querySelectorAll('#groups .chip').forEach(function (c) {
      c.classList.toggle('active', c.getAttribute('data-rule') === rule && rule !== '');
    });
  }

  // ---- bulk buttons, confirmation, results ----------------------------------------------------------------
  function setUpActions() {
    var tiers = me.units.map(function (u) { return u.tier; });
    var box = document.getElementById('actions');
    ACTIONS.filter(function (a) {
      return me.admin || a.tiers.some(function (t) { return tiers.indexOf(t) >= 0; });
    }).forEach(function (a) {
      var b = el('button', { type: 'button', 'data-action': a.action, text: a.label, disabled: true });
      b.addEventListener('click', function () { confirmAction(a); });
      box.append(b);
    });
    if (box.querySelectorAll('button').length === 0) {
      box.append(el('span', { className: 'meta', text: '本级没有可批量办理的环节，名单仅供查看' }));
    }
  }

  var dialog = document.getElementById('confirm');
  var pending = null;
  document.getElementById('confirm-cancel').addEventListener('click', function () { dialog.close(); });
  document.getElementById('confirm-form').addEventListener('submit', function (event) {
    event.preventDefault();
    if (pending) {
      pending();
    }
  });

  function confirmAction(action) {
    var studentNos = Object.keys(selected);
    if (studentNos.length === 0) {
      return;
    }
    var fields = document.getElementById('confirm-fields');
    var problem = document.getElementById('confirm-error');
    problem.hidden = true;
    document.getElementById('confirm-title').textContent = action.label;
    document.getElementById('confirm-text').textContent = '确定对勾选的 ' + studentNos.length + ' 名学生' + action.label.replace('批量', '')
      + '吗？每名学生单独办理，结果逐一显示。';
    fields.replaceChildren();
    var degree = null;
    var letter = null;
    var reason = null;
    if (action.degree) {
      degree = el('fieldset', null, el('legend', { text: '学位类型' }),
        el('label', null, el('input', { type: 'radio', name: 'degreeType', value: 'OUC', checked: true }), ' 国开学位'),
        el('label', null, el('input', { type: 'radio', name: 'degreeType', value: 'COOP' }), ' 合作学位'));
      fields.append(degree);
    }
    if (action.letter) {
      letter = el('input', { type: 'checkbox', name: 'commitmentLetter' });
      fields.append(el('label', null, letter, action.degree
        ? ' 已收到每名学生本人签署的承诺书，承诺书上学生本人的意愿为“申请毕业并申请学位”及所选学位类型（R-EL-09）'
        : ' 已收到每名本科学生本人签署的承诺书，承诺书上学生本人的意愿为“仅申请毕业”（R-EL-09；专科学生无须承诺书）'));
    }
    if (action.reason) {
      reason = el('textarea', { name: 'reason', rows: 3, maxlength: 2000, placeholder: '必填' });
      fields.append(el('label', null, action.action === 'DEFER' ? '暂缓原因' : '退回原因', reason));
    }
    pending = function () {
      var body = { action: action.action, studentNos: studentNos };
      if (degree) {
        body.degreeType = degree.querySelector('input:checked').value;
      }
      if (letter) {
        body.commitmentLetter = letter.checked;
      }
      if (reason) {
        if (!reason.value.trim()) {
          problem.textContent = '请填写原因';
          problem.hidden = false;
          return;
        }
        body.reason = reason.value.trim();
      }
      if (action.degree && !letter.checked) {
        problem.textContent = '申请学位须已收到学生本人签署的承诺书，请确认后勾选';
        problem.hidden = false;
        return;
      }
      pending = null;
      dialog.close();
      decide(action, body);
    };
    dialog.showModal();
  }

  /**
   * Up to 1,000 students are sent in parts of DECIDE_PART, one after the other, so the clerk sees a bar move and
   * a failure of the network stops only the parts not yet sent (each student is decided on its own anyway).
   */
  var DECIDE_PART = 50;

  function decide(action, body) {
    if (body.studentNos.length > 1000) {
      return decideAsJob(action, body);
    }
    var box = document.getElementById('results');
    var all = body.studentNos;
    var heading = el('h3', { text: action.label + '：正在办理 0 / ' + all.length + ' 名学生…' });
    var bar = el('progress', { max: all.length, value: 0 });
    box.hidden = false;
    box.replaceChildren(heading, bar);
    document.querySelectorAll('#actions button').forEach(function (b) { b.disabled = true; });
    var counts = {};
    var results = [];
    var chain = Promise.resolve();
    for (var i = 0; i < all.length; i += DECIDE_PART) {
      (function (part) {
        chain = chain.then(function () {
          return L.postJson('/api/batches/' + encodeURIComponent(batch) + '/decisions', null,
            Object.assign({}, body, { studentNos: part })).then(function (answer) {
            Object.keys(answer.body.counts || {}).forEach(function (code) {
              counts[code] = (counts[code] || 0) + answer.body.counts[code];
            });
            results = results.concat(answer.body.results || []);
            bar.value = results.length;
            heading.textContent = action.label + '：正在办理 ' + results.length + ' / ' + all.length + ' 名学生…';
          });
        });
      })(all.slice(i, i + DECIDE_PART));
    }
    chain.then(function () {
      showResults(action, box, counts, results, results.length);
    }).catch(function (error) {
      if (results.length) {
        showResults(action, box, counts, results, results.length);
        box.append(el('p', { className: 'problem', text: '其余 ' + (all.length - results.length) + ' 人未办理：' }));
      } else {
        box.hidden = true;
      }
      showError(error);
    }).then(function () {
      table.reload();
      loadGroups();
    });
  }

  function decideAsJob(action, body) {
    var box = document.getElementById('results');
    box.hidden = false;
    box.replaceChildren(el('h3', { text: action.label + '：正在办理 ' + body.studentNos.length + ' 名学生…' }));
    document.querySelectorAll('#actions button').forEach(function (b) { b.disabled = true; });
    L.postJson('/api/batches/' + encodeURIComponent(batch) + '/decisions', null, body).then(function (answer) {
      if (answer.status === 202 && answer.body.jobId) {
        return followJob(answer.body.jobId, box, action.label).then(function (job) {
          // a job lists refused students under errors, the others under results
          var refused = (job.errors || []).filter(function (e) { return e.studentNo; }).map(function (e) {
            return { studentNo: e.studentNo, result: e.code, message: e.message };
          });
          showResults(action, box, job.counts || {}, refused.concat(job.results || []), job.total);
          if (job.message) {
            box.append(el('p', { className: 'meta', text: job.message }));
          }
          box.append(el('p', null, '以上为前 ' + (job.results || []).length + ' 人；',
            el('a', { href: job.reportUrl, text: '下载全部结果（Excel）' })));
        });
      }
      showResults(action, box, answer.body.counts || {}, answer.body.results || [], (answer.body.results || []).length);
    }).catch(function (error) {
      box.hidden = true;
      showError(error);
    }).then(function () {
      table.reload();
      loadGroups();
    });
  }

  function showResults(action, box, counts, results, total) {
    results.forEach(function (r) { outcomes[r.studentNo] = r; });
    var names = {};
    Object.keys(shown).forEach(function (no) { names[no] = shown[no].name; });
    box.replaceChildren(el('h3', { text: action.label + '：共 ' + total + ' 人' }),
      el('p', { className: 'counts' }, Object.keys(counts).map(function (code) {
        var known = RESULTS[code] || [code, 'wait'];
        return el('span', null, el('span', { className: 'tag ' + known[1], text: known[0] }), ' ' + counts[code] + ' 人');
      })),
      el('div', { className: 'table-wrap' }, el('table', { className: 'list', id: 'result-table' },
        el('thead', null, el('tr', null, el('th', { text: '学号' }), el('th', { text: '姓名' }), el('th', { text: '结果' }),
          el('th', { text: '说明' }))),
        el('tbody', null, results.map(function (r) {
          var known = RESULTS[r.result] || [r.result, 'wait'];
          return el('tr', { 'data-result': r.result },
            el('td', { className: 'code', text: r.studentNo }), el('td', { className: 'nowrap', text: names[r.studentNo] || '' }),
            el('td', { className: 'nowrap' }, el('span', { className: 'tag ' + known[1], text: known[0] })),
            el('td', { text: r.message || '' }));
        })))));
    clearSelection();
  }

  // ---- jobs: imports, photo ZIPs, bulk decisions over 1,000 -----------------------------------------------
  /** Polls the job every second until it ends; resolves with the finished job, showing its bar meanwhile. */
  function followJob(jobId, box, title) {
    var bar = el('progress', { max: 1, value: 0 });
    var state = el('span', { className: 'job-state', text: JOB_STATES.QUEUED });
    var figures = el('span');
    box.hidden = false;
    box.replaceChildren(el('h3', { text: title }), bar, el('p', null, state, '　', figures));
    return new Promise(function (resolve, reject) {
      function poll() {
        L.getJson('/api/jobs/' + encodeURIComponent(jobId), { size: 20 }).then(function (job) {
          state.textContent = L.label(JOB_STATES, job.state, job.state);
          if (job.total > 0) {
            bar.max = job.total;
            bar.value = job.processed || 0;
            figures.textContent = '已处理 ' + (job.processed || 0) + ' / ' + job.total;
          } else if (FINISHED.indexOf(job.state) < 0) {
            bar.removeAttribute('value'); // not counted yet: an indeterminate bar
          }
          if (FINISHED.indexOf(job.state) >= 0) {
            bar.max = 1;
            bar.value = 1;
            resolve(job);
          } else {
            window.setTimeout(poll, 1000);
          }
        }).catch(reject);
      }
      poll();
    });
  }

  /** The jobs' counters by name (imports, photo ZIPs, decisions); an unknown one keeps its name. */
  var COUNTERS = {
    rows: '数据行', valid: '无误的行', invalid: '有误的行', created: '新增', updated: '更新', unchanged: '未变',
    SAVED: '已保存', REFUSED: '未保存', SKIPPED: '已跳过', saved: '已保存', refused: '未保存', skipped: '已跳过',
    ERROR: '有误'
  };
  Object.keys(RESULTS).forEach(function (code) { COUNTERS[code] = RESULTS[code][0]; });

  function showJob(job, box, title) {
    var counts = job.counts || {};
    box.append(el('p', { className: 'counts' }, '共 ' + (job.total || 0) + ' 项，已应用 ' + (job.applied || 0) + ' 项',
      Object.keys(counts).map(function (k) { return '；' + L.label(COUNTERS, k, k) + ' ' + counts[k]; })));
    if (job.message) {
      box.append(el('p', { className: job.state === 'DONE' ? 'meta' : 'message error', text: job.message }));
    }
    var entries = job.entries || [];
    var errors = job.errors || [];
    if (errors.length && !entries.length) { // a photo ZIP's refusals are among its entries, below
      box.append(el('p', { text: '错误 ' + (job.errorsTotal || errors.length) + ' 条' + (job.errorsTotal > errors.length ? '，以下为前 ' + errors.length + ' 条' : '') + '：' }),
        el('div', { className: 'table-wrap' }, el('table', { className: 'list' },
          el('thead', null, el('tr', null, ['行', '列', '学号', '原因'].map(function (t) { return el('th', { text: t }); }))),
          el('tbody', null, errors.map(function (e) {
            return el('tr', null, el('td', { className: 'num', text: e.row === null || e.row === undefined ? '' : e.row }),
              el('td', { className: 'nowrap', text: e.column || '' }), el('td', { className: 'code', text: e.studentNo || '' }),
              el('td', { text: e.message || e.code || '' }));
          })))));
    }
    if (entries.length) {
      box.append(el('p', { text: '照片 ' + (job.entriesTotal || entries.length) + ' 张' + (job.entriesTotal > entries.length ? '，以下为前 ' + entries.length + ' 张' : '') + '：' }),
        el('div', { className: 'table-wrap' }, el('table', { className: 'list' },
          el('thead', null, el('tr', null, ['文件', '结果', '说明'].map(function (t) { return el('th', { text: t }); }))),
          el('tbody', null, entries.map(function (e) {
            var tag = { SAVED: ['已保存', 'ok'], REFUSED: ['未保存', 'bad'], SKIPPED: ['已跳过', 'wait'] }[e.result] || [e.result, 'wait'];
            return el('tr', null, el('td', { className: 'code', text: e.entry || '' }),
              el('td', null, el('span', { className: 'tag ' + tag[1], text: tag[0] })), el('td', { text: e.message || '' }));
          })))));
    }
    var results = job.results || [];
    if (results.length) {
      box.append(el('p', { text: '学生 ' + (job.resultsTotal || results.length) + ' 人' + (job.resultsTotal > results.length ? '，以下为前 ' + results.length + ' 人' : '') + '：' }),
        el('div', { className: 'table-wrap' }, el('table', { className: 'list' },
          el('thead', null, el('tr', null, ['行', '学号', '结果', '说明'].map(function (t) { return el('th', { text: t }); }))),
          el('tbody', null, results.map(function (r) {
            var known = RESULTS[r.result] || [L.label(COUNTERS, r.result, r.result), 'wait'];
            return el('tr', null, el('td', { className: 'num', text: r.row === null || r.row === undefined ? '' : r.row }),
              el('td', { className: 'code', text: r.studentNo || '' }),
              el('td', null, el('span', { className: 'tag ' + known[1], text: known[0] })), el('td', { text: r.message || '' }));
          })))));
    }
    if (job.reportUrl) {
      box.append(el('p', null, el('a', { href: job.reportUrl, text: '下载处理报告（Excel）' })));
    }
  }

  function setUpImports() {
    upload(document.getElementById('import-form'), document.getElementById('import-job'), function (form) {
      return { path: '/api/imports/' + encodeURIComponent(form.elements.kind.value),
        query: { mode: form.querySelector('input[name=mode]:checked').value },
        title: '导入' + form.elements.kind.options[form.elements.kind.selectedIndex].text };
    });
    upload(document.getElementById('decisions-form'), document.getElementById('decisions-job'), function () {
      return { path: '/api/batches/' + encodeURIComponent(batch) + '/decisions.xlsx', query: null,
        title: '按待办名单办理（批次 ' + batch + '）' };
    });
    upload(document.getElementById('photo-form'), document.getElementById('photo-job'), function (form) {
      var type = form.querySelector('input[name=type]:checked').value;
      return { path: '/api/photo-imports',
        query: { type: type, overwrite: form.querySelector('input[name=overwrite]:checked').value },
        title: '导入' + (type === 'GRADUATION' ? '毕业照片' : '录取照片') };
    });
  }

  function upload(form, box, target) {
    var name = form.querySelector('.file-name');
    form.elements.file.addEventListener('change', function () {
      var file = form.elements.file.files[0];
      name.textContent = file ? file.name : '未选择文件';
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var file = form.elements.file.files[0];
      if (!file) {
        name.textContent = '请先选择文件';
        return;
      }
      var t = target(form);
      var data = new FormData();
      data.append('file', file, file.name);
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      box.hidden = false;
      box.replaceChildren(el('p', { text: '正在上传 ' + file.name + '…' }));
      L.postJson(t.path, t.query, data).then(function (answer) {
        return followJob(answer.body.jobId, box, t.title + '：' + file.name).then(function (job) {
          showJob(job, box, t.title);
        });
      }).catch(function (error) {
        box.replaceChildren();
        L.showError(box, error);
      }).then(function () {
        button.disabled = false;
      });
    });
  }

  // ---- exports ---------------------------------------------------------------------------------------------
  function exportsFor() {
    var kinds = [['hq-list', '拟上报总部终审名单'], ['statistics', '毕业生人数统计表'], ['rejections', '退回名单（含退回层级与原因）'],
      ['roster', '毕业生花名册'], ['pending', '待办名单（含决定列，可填写后批量办理）']];
    var unitName = document.getElementById('unit').selectedOptions[0].text;
    document.getElementById('export-scope').textContent = '批次 ' + batch + '，单位 ' + unitName;
    document.getElementById('exports').replaceChildren.apply(document.getElementById('exports'), kinds.map(function (k) {
      var search = new URLSearchParams({ unit: unit });
      return el('li', null, el('a', { href: '/api/batches/' + encodeURIComponent(batch) + '/exports/' + k[0] + '.xlsx?' + search.toString(),
        'data-kind': k[0], download: '', text: k[1] }));
    }));
  }
})();
