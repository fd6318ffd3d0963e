// GradFlow's Cockpit configuration (served instead of the webjar's empty one): Chinese first, see ../../gradflow/language.js.
import {app, locales} from '../../gradflow/language.js';
// Issue 14: the operator controls only for the administrator; see operator-controls.js.
import './operator-controls.js';

export default {
  app: app('cockpit'),
  locales
};
