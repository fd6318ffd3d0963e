// GradFlow: the webapps' language, shared by the config.js of Welcome, Tasklist, Admin and Cockpit.
//
// Camunda picks the first part of the browser's first language if it is in availableLocales, else
// fallbackLocale. GradFlow's staff read Chinese, and office browsers often run an English UI, so Chinese
// is shown whatever the browser says; English only when the user asks for it: any webapp page opened
// with ?lang=en (e.g. /camunda/app/tasklist/default/?lang=en) switches this browser to English,
// ?lang=zh back to Chinese. The choice is kept in this browser's localStorage.
const KEY = 'gradflow-lang';
const asked = new URLSearchParams(window.location.search).get('lang');
if (asked === 'zh' || asked === 'en') {
  window.localStorage.setItem(KEY, asked);
}
const english = window.localStorage.getItem(KEY) === 'en';

// One locale each way: Camunda would otherwise follow a browser language that is in the list.
export default english
  ? {availableLocales: ['en'], fallbackLocale: 'en'}
  : {availableLocales: ['zh'], fallbackLocale: 'zh'};
