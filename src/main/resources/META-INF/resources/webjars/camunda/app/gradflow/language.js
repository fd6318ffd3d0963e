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

// The app's name in the header, the login page and the window title ("Camunda 任务列表").
const NAMES = {welcome: '欢迎', tasklist: '任务列表', cockpit: '监控中心', admin: '管理'};
export function app(name) {
  return english ? {} : {name: NAMES[name]};
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

function chinese() {
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
