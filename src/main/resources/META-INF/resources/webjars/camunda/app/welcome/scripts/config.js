// GradFlow's Welcome configuration (served instead of the webjar's empty one): Chinese first, see ../../gradflow/language.js.
import {app, locales} from '../../gradflow/language.js';

export default {
  app: app('welcome'),
  locales,
  // Issue 14: GradFlow's own pages instead of the default link to Camunda's (English) documentation.
  links: [
    {label: '批次看板', href: '/lists/dashboard.html', description: '本单位各状态人数、时间窗口与倒计时、退回原因和每日趋势'},
    {label: '批量办理', href: '/lists/bulk.html', description: '按条件列出本单位的学生，批量申请、审批、导入和导出名单'},
    {label: '通知', href: '/lists/notification.html', description: '本单位及下属单位的通知'}
  ]
};
