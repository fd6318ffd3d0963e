// Issue 14: Cockpit draws its operator controls for everyone who may open a case: the variable table's edit and delete
// buttons, 添加变量, 删除/挂起/激活 an instance, 增加重试次数. GradFlow's server refuses each of them to all but the
// administrator (EngineRestGuard: 403 with a Chinese message), so branch and HQ officers should not be offered them.
// <html> gets the class gradflow-operator for the administrator (GET /api/me, asked again at each change of page, as a
// login or logout in Cockpit does not reload it); user-styles.css hides the controls without it.
function check() {
  fetch('/api/me', {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null)
    .then((me) => document.documentElement.classList.toggle('gradflow-operator', !!me && me.admin === true));
}

window.addEventListener('hashchange', check);
check();
