// Issue 14: the header's links are shown only to those who may use them. 批量办理 and 批次看板 work on a unit's
// students, so they are for members of a unit (and the administrator), not for self-study candidates or offices
// outside the roster; 创建任务 (a standalone task) only for whom the engine grants CREATE on tasks, 启动流程 only for
// whom it grants CREATE on process instances (branches and HQ, for the list to HQ; not candidates, centres or cities, whose
// dialog would list nothing they may start), and the filters' pencil (the filter's dialog) only for whom it grants
// CREATE on filters (the administrator): everyone else reads the filters GradFlow made and may not change them. The
// server refuses the same to the others (SelfStudyDoorsTest, EngineDoorsTest). The plugin draws
// nothing: after each login (the navbar is drawn again) it asks GET /api/me and the engine's authorization check and
// sets classes on <body> that user-styles.css reads; hidden until the answers come, so a candidate never sees them flash.
// The same classes hide the task's controls that only the administrator may use (README, Security; EngineInputGuard):
// anyone else sees a task's due date, groups and assignee but does not change them, and a candidate's own task (no
// candidate group) keeps its assignee and follow-up date: 'gradflow-admin', and 'gradflow-unit-tasks' for staff.
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
      body.remove('gradflow-unit-staff', 'gradflow-creates-tasks', 'gradflow-starts-processes', 'gradflow-edits-filters',
        'gradflow-admin', 'gradflow-unit-tasks');
      ask('/api/me').then((me) => {
        body.toggle('gradflow-unit-staff', !!me && (me.admin || (me.units || []).length > 0));
        body.toggle('gradflow-admin', !!me && me.admin === true);
        body.toggle('gradflow-unit-tasks', !!me && me.candidate === false);
      });
      // the engine's resource types: 5 = Filter, 7 = Task, 8 = ProcessInstance (Resources.FILTER, TASK, PROCESS_INSTANCE)
      const may = (resource, type, flag) =>
        ask(ENGINE + '/authorization/check?permissionName=CREATE&resourceName=' + resource + '&resourceType=' + type)
          .then((check) => body.toggle(flag, !!check && check.authorized === true));
      may('Task', 7, 'gradflow-creates-tasks');
      may('ProcessInstance', 8, 'gradflow-starts-processes');
      may('Filter', 5, 'gradflow-edits-filters');
    }
  }
];
