// GradFlow's Tasklist configuration: Camunda 7.24's defaults (the keyboard shortcuts), plus the student search fix.
export default {
  // Issue 11: lets a clerk search by 学号 (all digits) in the search box; see student-search.js.
  // Issue 12: 批量办理 in the header, a link to GradFlow's bulk page; see bulk-link.js.
  customScripts: ['scripts/student-search', 'scripts/bulk-link'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
