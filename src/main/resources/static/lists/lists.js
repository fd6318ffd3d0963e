/*
 * GradFlow's list pages (/lists/*.html): read GradFlow's /api with the Tasklist session (or any login the
 * browser already sent), show a list page by page. Every value from the server is put in the page as text
 * (textContent, attributes set one by one): nothing from the data is ever parsed as HTML.
 */
(function () {
  'use strict';

  var TASKLIST = '/camunda/app/tasklist/';
  var PAGE_SIZES = [50, 100, 200];
  // the webapp session's CSRF token, handed out by every read of /api made with the session; a change sends it back
  var xsrfToken = null;

  /** An element with attributes (on* never) and children (strings become text nodes). */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (name === 'className') {
          node.className = value;
        } else if (name === 'text') {
          node.textContent = String(value);
        } else if (name.indexOf('on') === 0) {
          throw new Error('event handlers are added with addEventListener');
        } else {
          node.setAttribute(name, value === true ? '' : String(value));
        }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(node, c); });
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }

  /** A refusal or failure of /api, with the Chinese message the server gave (its JSON "message"). */
  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  /** GET an /api path; resolves with the JSON body, rejects with an ApiError. */
  function getJson(path, query) {
    return send('GET', path, query, undefined);
  }

  /**
   * POST (or another change) to an /api path with the Tasklist session: body a FormData (multipart upload) or
   * anything else as JSON. Resolves with {status, body}, rejects with an ApiError carrying the server's message.
   */
  function postJson(path, query, body) {
    return send('POST', path, query, body === undefined ? null : body);
  }

  function send(method, path, query, body) {
    var url = path;
    if (query) {
      var search = new URLSearchParams();
      Object.keys(query).forEach(function (name) {
        if (query[name] !== null && query[name] !== undefined && query[name] !== '') {
          search.set(name, query[name]);
        }
      });
      var text = search.toString();
      if (text) {
        url += '?' + text;
      }
    }
    // no Basic challenge (and so no browser password prompt) for the pages: they show their own "请先登录"
    var headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    var init = { method: method, credentials: 'same-origin', cache: 'no-store', headers: headers };
    if (method !== 'GET') {
      if (xsrfToken) {
        headers['X-XSRF-TOKEN'] = xsrfToken;
      }
      if (body instanceof FormData) {
        init.body = body; // the browser sets the multipart boundary
      } else if (body !== null) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    return fetch(url, init).then(function (response) {
      var token = response.headers.get('X-XSRF-TOKEN');
      if (token) {
        xsrfToken = token;
      }
      return response.text().then(function (body) {
        var json = null;
        try {
          json = body ? JSON.parse(body) : null;
        } catch (notJson) {
          json = null;
        }
        if (response.ok && json !== null) {
          return method === 'GET' ? json : { status: response.status, body: json };
        }
        var message = json && typeof json.message === 'string' ? json.message : null;
        throw new ApiError(response.status, message);
      });
    }, function () {
      throw new ApiError(0, '无法连接服务器，请检查网络后刷新本页');
    });
  }

  /** The page's message box: 401 asks for a login, 403/404/400 show the server's words. */
  function showError(box, error) {
    box.replaceChildren();
    box.hidden = false;
    box.className = 'message error';
    if (error instanceof ApiError && error.status === 401) {
      box.append(el('strong', { text: '请先登录' }), '：请在 ',
        el('a', { href: TASKLIST, text: '任务列表' }), ' 登录后刷新本页。');
      return;
    }
    if (error instanceof ApiError) {
      box.append(error.message || ('加载失败（状态 ' + error.status + '），请稍后刷新重试'));
      return;
    }
    box.append('页面出错，请刷新重试');
    if (window.console) {
      console.error(error);
    }
  }

  function showNotice(box, text) {
    box.replaceChildren(text);
    box.hidden = false;
    box.className = 'message';
  }

  function params() {
    return new URLSearchParams(window.location.search);
  }

  /** Keeps page and size in the address, so reload and the back button return to the same page. */
  function remember(name, value, fallback) {
    var search = params();
    if (value === fallback) {
      search.delete(name);
    } else {
      search.set(name, String(value));
    }
    var text = search.toString();
    window.history.replaceState(null, '', window.location.pathname + (text ? '?' + text : ''));
  }

  function wholeNumber(text, fallback, min, max) {
    var n = parseInt(text, 10);
    return isNaN(n) || n < min || n > max ? fallback : n;
  }

  /** "201803" → "2018春", "201809" → "2018秋" (as GradFlow's Term.label). */
  function term(code) {
    if (!code || !/^\d{6}$/.test(code)) {
      return code || '';
    }
    var year = code.substring(0, 4);
    var month = parseInt(code.substring(4), 10);
    return month === 3 ? year + '春' : month === 9 ? year + '秋' : year + '年' + month + '月';
  }

  /** "2026-01-05T09:00:00" → "2026-01-05 09:00". */
  function dateTime(text) {
    return text ? String(text).replace('T', ' ').substring(0, 16) : '';
  }

  function label(labels, value, missing) {
    if (value === null || value === undefined || value === '') {
      return missing;
    }
    return Object.prototype.hasOwnProperty.call(labels, value) ? labels[value] : value;
  }

  /**
   * A list paged by the server. options: container, columns [{title (string|Node), value(item) → string|Node, className}],
   * pageSizes and defaultSize (50, 100, 200 unless given), key(item) → the row's data-key,
   * load(page, size) → Promise of {total, page, size, items}, unit (人), onError(error), onPage(result),
   * empty (text), message (the page's message box, cleared of an earlier refusal when a page arrives).
   */
  function pagedTable(options) {
    var sizes = options.pageSizes || PAGE_SIZES;
    var defaultSize = options.defaultSize || sizes[0];
    var page = wholeNumber(params().get('page'), 1, 1, 1000000) - 1;
    var size = wholeNumber(params().get('size'), defaultSize, 1, 200);
    if (sizes.indexOf(size) < 0) {
      size = defaultSize;
    }
    var unit = options.unit || '人';
    var loading = false;

    var head = el('tr', null, options.columns.map(function (c) {
      return el('th', { scope: 'col', className: c.className }, c.title);
    }));
    var body = el('tbody');
    var table = el('table', { className: 'list' }, el('thead', null, head), body);
    var top = pager();
    var bottom = pager();
    options.container.replaceChildren(top.node, el('div', { className: 'table-wrap' }, table), bottom.node);
    options.container.hidden = true; // until the first page arrived: a refusal shows only its message

    function pager() {
      var prev = el('button', { type: 'button', text: '上一页' });
      var next = el('button', { type: 'button', text: '下一页' });
      var status = el('span', { className: 'pager-status', 'aria-live': 'polite' });
      var select = el('select', { 'aria-label': '每页人数' }, sizes.map(function (n) {
        return el('option', { value: n, text: String(n) });
      }));
      prev.addEventListener('click', function () { go(page - 1, size); });
      next.addEventListener('click', function () { go(page + 1, size); });
      select.addEventListener('change', function () { go(0, parseInt(select.value, 10)); });
      var node = el('div', { className: 'pager' }, prev, status, next,
        el('label', { className: 'page-size' }, '每页 ', select, ' ' + unit));
      return { node: node, prev: prev, next: next, status: status, select: select };
    }

    function render(result) {
      var total = result.total;
      var pages = Math.max(1, Math.ceil(total / size));
      [top, bottom].forEach(function (p) {
        p.prev.disabled = page <= 0;
        p.next.disabled = page + 1 >= pages;
        p.select.value = String(size);
        p.status.textContent = total === 0
          ? '共 0 ' + unit
          : '第 ' + (page + 1) + ' / ' + pages + ' 页（第 ' + (page * size + 1) + '–'
            + Math.min(total, (page + 1) * size) + ' ' + unit + '，共 ' + total + ' ' + unit + '）';
      });
      bottom.node.hidden = result.items.length < 20;
      options.container.hidden = false;
      body.replaceChildren();
      if (result.items.length === 0) {
        body.append(el('tr', null, el('td', { colspan: options.columns.length, className: 'empty',
          text: total === 0 ? (options.empty || '名单中没有学生') : '本页没有数据，请回到上一页' })));
        return;
      }
      result.items.forEach(function (item) {
        body.append(el('tr', { 'data-key': options.key ? options.key(item) : null }, options.columns.map(function (c) {
          return el('td', { className: c.className }, c.value(item));
        })));
      });
    }

    function go(newPage, newSize) {
      if (loading || newPage < 0) {
        return Promise.resolve();
      }
      loading = true;
      table.setAttribute('aria-busy', 'true');
      return options.load(newPage, newSize).then(function (result) {
        page = newPage;
        size = newSize;
        remember('page', page + 1, 1);
        remember('size', size, defaultSize);
        // a list that shrank since the address was saved: the last page that has rows
        if (result.items.length === 0 && result.total > 0 && page > 0) {
          loading = false;
          return go(Math.ceil(result.total / size) - 1, size);
        }
        render(result);
        if (options.message && options.message.classList.contains('error')) {
          options.message.hidden = true; // a refusal of an earlier try (say, before logging in again) is over
        }
        if (options.onPage) {
          options.onPage(result);
        }
      }).catch(function (error) {
        if (options.onError) {
          options.onError(error);
        }
      }).then(function () {
        loading = false;
        table.removeAttribute('aria-busy');
      });
    }

    go(page, size);
    return {
      reload: function () { return go(page, size); },
      // after a new filter: back to its first page
      first: function () { return go(0, size); }
    };
  }

  /** A link to this page or another list page with these query parameters (values set, never concatenated as HTML). */
  function pageLink(path, query, text) {
    var search = new URLSearchParams();
    Object.keys(query).forEach(function (name) {
      if (query[name] !== null && query[name] !== undefined && query[name] !== '') {
        search.set(name, query[name]);
      }
    });
    return el('a', { href: path + '?' + search.toString(), text: text });
  }

  window.GradFlowLists = {
    el: el,
    getJson: getJson,
    postJson: postJson,
    ApiError: ApiError,
    showError: showError,
    showNotice: showNotice,
    params: params,
    term: term,
    dateTime: dateTime,
    label: label,
    pagedTable: pagedTable,
    pageLink: pageLink
  };
})();
