// Issue 14: Tasklist's header links to GradFlow's batch dashboard (/lists/dashboard.html) and shows, as a badge, how
// many notices of the user's units arrived in the last 7 days (GET /api/notifications, read with the Tasklist session):
// notices and deadline reminders are otherwise only in the API. GradFlow keeps no read marks, so "recent" stands in for
// "unread". A plugin on the navbar's action point (where 启动流程 sits), loaded through config.js customScripts.
const RECENT_DAYS = 7;

function recentCount(notices, now) {
  const since = now - RECENT_DAYS * 24 * 3600 * 1000;
  // createdAt is the school's local time (Asia/Shanghai) without a zone; staff browsers run in it
  return notices.filter((n) => n.createdAt && Date.parse(n.createdAt) >= since).length;
}

export default [
  {
    id: 'gradflow-dashboard',
    pluginPoint: 'tasklist.navbar.action',
    priority: 290,
    render: (node) => {
      const link = document.createElement('a');
      link.href = '/lists/dashboard.html';
      link.className = 'gradflow-dashboard-link';
      link.title = '批次看板：各状态人数、时间窗口、退回原因、每日趋势和本单位通知';
      const icon = document.createElement('span');
      icon.className = 'glyphicon glyphicon-stats';
      const text = document.createElement('span');
      text.textContent = ' 批次看板';
      const badge = document.createElement('span');
      badge.className = 'badge gradflow-notice-badge';
      badge.hidden = true;
      link.append(icon, text, ' ', badge);
      node.replaceChildren(link);
      fetch('/api/notifications', {credentials: 'same-origin', headers: {'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest'}})
        .then((r) => (r.ok ? r.json() : []))
        .then((notices) => {
          const count = recentCount(notices, Date.now());
          if (count > 0) {
            badge.textContent = String(count);
            badge.title = '最近 ' + RECENT_DAYS + ' 天本单位有 ' + count + ' 条通知，点击在批次看板查看';
            badge.hidden = false;
            link.href = '/lists/dashboard.html#notices-section';
          }
        })
        .catch(() => {});
    }
  }
];
