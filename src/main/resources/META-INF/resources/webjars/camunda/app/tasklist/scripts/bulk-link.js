// Issue 12: Tasklist's header links to GradFlow's bulk page (/lists/bulk.html), where a clerk ticks many students
// at once instead of opening one task after another. A plugin of Tasklist 7.24's plugin API on the navbar's
// action point (where 创建任务 and 启动流程 sit), loaded through config.js customScripts.
export default [
  {
    id: 'gradflow-bulk',
    pluginPoint: 'tasklist.navbar.action',
    priority: 300,
    render: (node) => {
      const link = document.createElement('a');
      link.href = '/lists/bulk.html';
      link.className = 'gradflow-bulk-link';
      link.title = '批量办理：按条件筛选学生，勾选后批量申请、审批；导入名册和照片；导出名单';
      const icon = document.createElement('span');
      icon.className = 'glyphicon glyphicon-th-list';
      const text = document.createElement('span');
      text.textContent = ' 批量办理';
      link.append(icon, text);
      node.replaceChildren(link);
    }
  }
];
