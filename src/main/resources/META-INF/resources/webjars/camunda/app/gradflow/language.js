// GradFlow (issue 14): the webapps' language, shared by the config.js of Welcome, Tasklist, Admin and Cockpit.
//
// Camunda picks the first part of the browser's first language if it is in availableLocales, else
// fallbackLocale. GradFlow's staff read Chinese, and office browsers often run an English UI, so Chinese
// is shown whatever the browser says; English only when a user asks for it: the link at the bottom left
// of every page, or any webapp page opened with ?lang=en (e.g. /camunda/app/tasklist/default/?lang=en),
// switches this browser to English, ?lang=zh back to Chinese. The choice is kept in localStorage.
const KEY = 'gradflow-lang';
const asked = new URLSearchParams(window.location.search).get('lang');
if (asked === 'zh' || asked === 'en') {
  window.localStorage.setItem(KEY, asked);
}
export const english = window.localStorage.getItem(KEY) === 'en';

// One locale each way: Camunda would otherwise follow a browser language that is in the list.
export const locales = english
  ? {availableLocales: ['en'], fallbackLocale: 'en'}
  : {availableLocales: ['zh'], fallbackLocale: 'zh'};

// The app's name in the header, the login page and the window title: 「毕业审核 任务列表」 (vendor and name;
// Camunda's default vendor is "Camunda", a product name staff need not read).
const NAMES = {welcome: '欢迎', tasklist: '任务列表', cockpit: '监控中心', admin: '管理'};
export function app(name) {
  return english ? {} : {vendor: '毕业审核', name: NAMES[name]};
}

// Texts Camunda writes into its pages without its translation files: the home menu's app names and the
// validation messages of Camunda Forms (form-js, e.g. "Field is required."). Rewritten once drawn, and again
// whenever Angular or form-js redraws them; a text node's data is changed in place, so form-js keeps its node.
const FORM_MESSAGES = [
  [/^Field is required\.$/, '此项必填。'],
  [/^Field must be a valid email\.$/, '请填写有效的电子邮箱。'],
  [/^Field must be a valid\s+international phone number\. \(e\.g\. (.+)\)$/, '请填写有效的国际电话号码（例如 $1）。'],
  [/^Field must match pattern (.+)\.$/, '须符合格式 $1。'],
  [/^Field must have minimum value of (.+)\.$/, '不得小于 $1。'],
  [/^Field must have maximum value of (.+)\.$/, '不得大于 $1。'],
  [/^Field must have minimum length of (.+)\.$/, '至少 $1 个字符。'],
  [/^Field must have maximum length of (.+)\.$/, '最多 $1 个字符。']
];

// Cockpit's variable table shows Camunda's type names and the values as the REST API gives them (true,
// 2026-12-21T15:59:59.000+0800, an empty field's "null"): shown in Chinese, dates in Asia/Shanghai time as the
// rest of GradFlow; the values the table edits stay in Angular's model, only the drawn text is changed.
const TYPES = {
  String: '文本', Boolean: '是/否', Integer: '整数', Long: '整数', Short: '整数', Double: '小数', Date: '日期时间',
  Null: '空', Object: '对象', File: '文件', Bytes: '二进制', Json: 'JSON', Xml: 'XML'
};
const BOOLEANS = {true: '是', false: '否'};
const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:([+-]\d{2}):?(\d{2})|Z)?$/;
const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'
});

function shanghai(iso) {
  const m = ISO.exec(iso);
  if (!m) {
    return null;
  }
  if (!m[3] && !iso.endsWith('Z')) {
    return m[1] + ' ' + m[2]; // already the browser's local time, as Cockpit formats a Date variable
  }
  const at = new Date(iso.endsWith('Z') ? iso : m[1] + 'T' + m[2] + m[3] + ':' + m[4]);
  if (isNaN(at)) {
    return null;
  }
  const p = Object.fromEntries(SHANGHAI.formatToParts(at).map(part => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

// not the code or the user's input: a script's or a style's text, a text area's first value
const NOT_SHOWN = new Set(['SCRIPT', 'STYLE', 'TEXTAREA']);

function rewriteTexts(root, rewrite) {
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    if (NOT_SHOWN.has(node.parentNode.nodeName)) {
      continue;
    }
    const text = node.data.trim();
    const changed = text && rewrite(text, node);
    if (changed && changed !== text) {
      node.data = node.data.replace(text, () => changed); // the spaces around stay (「👤 林晓雯」)
    }
  }
}

function cockpitValues() {
  document.querySelectorAll('td.col-type').forEach(cell => rewriteTexts(cell, text => TYPES[text]));
  document.querySelectorAll('td.col-value.type-boolean').forEach(cell => rewriteTexts(cell, text => BOOLEANS[text]));
  document.querySelectorAll('td.col-value.type-date').forEach(cell => rewriteTexts(cell, shanghai));
  // the instance's details (租户 ID, 上级流程实例 ID…) print an absent value as "null"
  document.querySelectorAll('dd, td').forEach(cell => rewriteTexts(cell, text => (text === 'null' ? '无' : null)));
  // the one English word of the table's template, not a translation key
  document.querySelectorAll('thead td.actions').forEach(td => rewriteTexts(td, text => (text === 'Actions' ? '操作' : null)));
}

// Cockpit sets some window titles from a translation key before the translations have loaded, and then shows the
// key ("DASHBOARD_DASHBOARD"): such a key is looked up in the app's zh.json (cached by the browser) once.
let labels = null;
let loading = false;

function titleKeys() {
  const keys = document.title.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g);
  if (!keys) {
    return;
  }
  if (labels) {
    const title = keys.reduce((t, key) => (labels[key] ? t.replace(key, labels[key]) : t), document.title);
    if (title !== document.title) {
      document.title = title;
    }
    return;
  }
  loadLabels();
}

function loadLabels() {
  const at = /^(.*\/app\/[a-z]+\/)/.exec(window.location.pathname);
  if (at && !loading) {
    loading = true;
    fetch(at[1] + 'locales/zh.json').then(r => r.json()).then(json => {
      labels = json.labels || {};
      chinese();
    }).catch(() => {
      labels = {};
    });
  }
}

// Issue 14: Camunda's templates put an ASCII colon after a translated label (Tasklist's 「学号:」 under each task,
// 「失败:」, a tab's title, Cockpit's 「…（单个学生）:实例编号」); Chinese writes 「：」. Only a colon that follows a Chinese
// character or bracket is changed (not 12:30, nor a link's ://).
const ASCII_COLON = /([\u3400-\u9fff\uff09])\s*:(?!\/\/)/g;

// Issue 14: Camunda writes a user as "firstName lastName" (「晓雯 林」); a Chinese name reads surname first with no
// space (「林晓雯」, staff 「天河中心教务员」). The user records keep Camunda's meaning of the two fields (Admin's forms,
// /engine-rest and GradFlow's lists read them so); only the drawn name is turned, wherever Camunda draws a user's full
// name: the header's user menu (every app), Tasklist's assignee, Cockpit's batches (their creator), Admin's user page
// (its heading, window title and breadcrumb, 「林晓雯 所属用户组」), and the name columns of Admin's user lists and the
// fields of its user forms put 姓 before 名. Names in Latin letters stay as Camunda writes them.
const HAN_NAME = /^(\p{Script=Han}+)\s+(\p{Script=Han}+)$/u;
const NAME_PLACES = '.account > .dropdown-toggle, .assignee, .task-meta [class*=assignee], td.user';
// Admin's breadcrumb names the user whose page it is (its other items are page names, without a space)
const ADMIN_NAME_PLACES = 'li[ng-repeat*="in breadcrumbs"] .text';
// a name inside a sentence of Admin's (the zh.json texts USERS_EDIT_USER, USERS_FIRSTNAME_LASTNAME_GROUPS/_TENANTS,
// USERS_NO_GROUPS/_NO_TENANTS): the two parts are turned, the words around them kept
const NAMED = [
  /^(编辑用户\s+)(\p{Script=Han}+)\s+(\p{Script=Han}+)()$/u, // not 「编辑用户组 …」
  /^()(\p{Script=Han}+)\s+(\p{Script=Han}+)(\s*所属(?:用户组|租户))$/u,
  /^(用户\s+)(\p{Script=Han}+)\s+(\p{Script=Han}+)(\s*目前不属于任何.+)$/u
];

function turnName(text) {
  const name = HAN_NAME.exec(text);
  return name ? name[2] + name[1] : null;
}

function surnameFirst(text) {
  for (const rule of NAMED) {
    const m = rule.exec(text);
    if (m) {
      return m[1] + m[3] + m[2] + m[4];
    }
  }
  return null;
}

// Admin's lists of users (users, a group's members, a tenant's) have a column each for 名 and 姓, in that order: the
// two cells are swapped in every row, the heading's too, so that 姓 comes first as Chinese reads a name. A row Angular
// adds later is swapped when it is drawn (the observer below); each row once.
function surnameColumns() {
  document.querySelectorAll('th[sort-by-property=firstName]').forEach(first => {
    const heads = Array.from(first.parentNode.children);
    const last = heads.findIndex(th => th.getAttribute('sort-by-property') === 'lastName');
    const column = Math.min(heads.indexOf(first), last);
    // the two side by side; their order now depends on whether the heading row is already swapped
    if (last < 0 || Math.abs(heads.indexOf(first) - last) !== 1) {
      return;
    }
    first.closest('table').querySelectorAll('tr').forEach(row => {
      if (row.dataset.gradflowSurnameFirst || row.children.length <= column + 1) {
        return;
      }
      row.dataset.gradflowSurnameFirst = 'yes';
      row.insertBefore(row.children[column + 1], row.children[column]);
    });
  });
}

// Admin's user forms (a user's profile, 创建用户, the first administrator's) ask for 名 before 姓: 姓 comes first, as
// a Chinese form asks. The fields are moved, not changed: each keeps its model and its check.
function surnameFieldFirst() {
  document.querySelectorAll('input[ng-model$=".lastName"]').forEach(input => {
    const last = input.closest('.form-group');
    const first = last && last.previousElementSibling;
    if (first && first.querySelector('input[ng-model$=".firstName"]')) {
      last.parentNode.insertBefore(last, first);
    }
  });
}

function names() {
  document.querySelectorAll(NAME_PLACES).forEach(place => rewriteTexts(place, turnName));
  if (/\/app\/admin\//.test(window.location.pathname)) {
    document.querySelectorAll(ADMIN_NAME_PLACES).forEach(place => rewriteTexts(place, turnName));
    document.querySelectorAll('h3, .h4, p, .well').forEach(place => rewriteTexts(place, surnameFirst));
    surnameColumns();
    surnameFieldFirst();
  }
  // the window title's last part: 「毕业审核 管理 | 编辑用户 林晓雯」
  const parts = document.title.split(' | ');
  const turned = surnameFirst(parts[parts.length - 1]);
  if (turned) {
    parts[parts.length - 1] = turned;
    document.title = parts.join(' | ');
  }
}

// Issue 14: Cockpit's process list draws its column heads and search placeholder with $translate.instant when it is
// created; opened as the first page (a bookmark, a link from Admin) that is before the translations have loaded, and the
// keys stay (「PLUGIN_PROCESS_DEF_KEY」). A text or placeholder that is a key of the app's zh.json is shown as its Chinese.
const CHINESE_END = /[\u3400-\u9fff\uff09]$/;

// the visible text just before this node (a sibling's, or its parent's sibling's)
function textBefore(node) {
  for (let at = node; at && at !== document.body; at = at.parentNode) {
    let before = at.previousSibling;
    // Angular's <!-- ngIf --> markers are not shown
    while (before && (before.nodeType === Node.COMMENT_NODE || !before.textContent.trim())) {
      before = before.previousSibling;
    }
    if (before) {
      return before.textContent.trim();
    }
  }
  return '';
}

const LABEL_KEY = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

function pageTexts() {
  let keys = false;
  rewriteTexts(document.body, (text, node) => {
    if (LABEL_KEY.test(text)) {
      keys = true;
      return labels ? labels[text] : null;
    }
    if (ISO.test(text)) {
      return shanghai(text); // Cockpit's deployment time (「2026-11-26T11:35:19」)
    }
    if (text.startsWith(':') && CHINESE_END.test(textBefore(node))) {
      return '：' + text.slice(1).trimStart(); // a separate colon after a Chinese name (Cockpit's breadcrumb divider)
    }
    return text.includes(':') ? text.replace(ASCII_COLON, '$1：') : null;
  });
  document.querySelectorAll('input[placeholder]').forEach(input => {
    if (LABEL_KEY.test(input.placeholder)) {
      keys = true;
      if (labels && labels[input.placeholder]) {
        input.placeholder = labels[input.placeholder];
      }
    }
  });
  if (keys && !labels) {
    loadLabels();
  }
}

function chinese() {
  pageTexts();
  names();
  cockpitValues();
  titleKeys();
  Object.entries(NAMES).forEach(([name, label]) => {
    document.querySelectorAll('.app-switch li.' + name + ' > a').forEach(a => {
      if (a.textContent.trim() !== label) {
        a.textContent = label;
      }
    });
  });
  document.querySelectorAll('.fjs-form-field-error').forEach(error => {
    const texts = document.createTreeWalker(error, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const text = node.data.trim();
      const rule = FORM_MESSAGES.find(([english]) => english.test(text));
      if (rule) {
        node.data = text.replace(rule[0], rule[1]);
      }
    }
  });
}

// The switch between the two, next to the time zone in the footer.
function languageLink() {
  const footer = document.getElementById('footer-timezone');
  if (!footer || footer.querySelector('.gradflow-lang')) {
    return;
  }
  const link = document.createElement('a');
  link.className = 'gradflow-lang';
  link.href = '?lang=' + (english ? 'zh' : 'en') + window.location.hash;
  link.textContent = english ? '中文' : 'English';
  link.style.marginLeft = '1em';
  footer.appendChild(link);
}

let pending = false;
new MutationObserver(() => {
  if (!pending) {
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      if (!english) {
        chinese();
      }
      languageLink();
    });
  }
}).observe(document.documentElement, {childList: true, characterData: true, subtree: true});
