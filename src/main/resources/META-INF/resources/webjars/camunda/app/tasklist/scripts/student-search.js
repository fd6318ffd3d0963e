// Issue 11: searching Tasklist by 学号 found nothing.
//
// Tasklist 7.24's search box turns any all-digit value into a JavaScript number before building the query
// (2440100000000 instead of "2440100000000"). Two things then go wrong:
//  1. with a "like" operator (the default 任务名称 LIKE, or 流程变量 学号 like) it calls value.replace(...) on that
//     number, throws "TypeError: e.replace is not a function", and sends no query at all: the list stays unfiltered;
//  2. with "=" on 流程变量 学号 it sends the number, and the engine compares it with the long value of a variable that
//     is a string, so nothing matches.
// Student numbers are strings (up to 15 digits stay exact as numbers, and they do not start with 0).
//
// (1) Number.prototype.replace, absent in JavaScript, is given String's meaning, so "like" becomes "%2440100000000%".
// (2) Filter queries that Tasklist posts get the variables below turned back into strings.
const STRING_VARIABLES = ['studentNo', 'studentName', 'majorName', 'batchCode'];

if (!Number.prototype.replace) {
  Object.defineProperty(Number.prototype, 'replace', {
    value: function (...args) {
      return String(this).replace(...args);
    },
    configurable: true,
    writable: true
  });
}

const open = XMLHttpRequest.prototype.open;
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.gradflowFilterQuery = method === 'POST' && /\/filter\/[^/]+\/(list|count)/.test(String(url));
  return open.call(this, method, url, ...rest);
};
XMLHttpRequest.prototype.send = function (body) {
  if (this.gradflowFilterQuery && typeof body === 'string') {
    try {
      body = JSON.stringify(asStrings(JSON.parse(body)));
    } catch (e) {
      // not JSON: send as it is
    }
  }
  return send.call(this, body);
};

function asStrings(query) {
  for (const key of ['processVariables', 'taskVariables']) {
    for (const criterion of query[key] || []) {
      if (STRING_VARIABLES.includes(criterion.name) && typeof criterion.value === 'number') {
        criterion.value = String(criterion.value);
      }
    }
  }
  (query.orQueries || []).forEach(asStrings);
  return query;
}

export default [];
