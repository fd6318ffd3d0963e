// GradFlow's Tasklist configuration: Camunda 7.24's defaults (the keyboard shortcuts), plus the student search fix.
import {app, locales} from '../../gradflow/language.js';

export default {
  // Issue 14: Chinese first, see ../../gradflow/language.js.
  app: app('tasklist'),
  locales,
  // Issue 11: lets a clerk search by 学号 (all digits) in the search box; see student-search.js.
  // Issue 12: 批量办理 in the header, a link to GradFlow's bulk page; see bulk-link.js.
  // Issue 14: 批次看板 and the count of recent notices in the header; see dashboard-link.js. The header's links only
  // for those who may use them; see header-access.js.
  customScripts: ['scripts/student-search', 'scripts/bulk-link', 'scripts/dashboard-link', 'scripts/header-access'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: '认领当前选中的任务'},
    focusFilter: {key: 'ctrl+shift+f', description: '将焦点移到列表中的第一个过滤器'},
    focusList: {key: 'ctrl+alt+l', description: '将焦点移到列表中的第一个任务'},
    focusForm: {key: 'ctrl+alt+f', description: '将焦点移到任务表单的第一个输入框'},
    startProcess: {key: 'ctrl+alt+p', description: '打开“启动流程”对话框'}
  }
};
