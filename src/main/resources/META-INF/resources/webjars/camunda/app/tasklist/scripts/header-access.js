// Issue 14: the header's links are shown only to those who may use them. 批量办理 and 批次看板 work on a unit's
// students, so they are for members of a unit (and the administrator), not for self-study candidates or offices
// outside the roster; 创建任务 (a standalone task) only for whom the engine grants CREATE on tasks. The plugin draws
// nothing: after each login (the navbar is drawn again) it asks GET /api/me and the engine's authorization check and
// sets classes on <body> that user-styles.css reads; hidden until both answer, so a candidate never sees them flash.
const ENGINE = '/camunda/api/engine/engine/default';

function ask(url) {
  return fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
}

export default [
  {
    id: 'gradflow-header-access',
    pluginPoint: 'tasklist.navbar.action',
    priority: 400,
    render: () => {
      const body = document.body.classList;
      body.remove('gradflow-unit-staff', 'gradflow-creates-tasks');
      ask('/api/me').then((me) => {
        body.toggle('gradflow-unit-staff', !!me && (me.admin || (me.units || []).length > 0));
      });
      // resourceType 7 = Task (Resources.TASK)
      ask(ENGINE + '/authorization/check?permissionName=CREATE&resourceName=Task&resourceType=7').then((check) => {
        body.toggle('gradflow-creates-tasks', !!check && check.authorized === true);
      });
    }
  }
];
