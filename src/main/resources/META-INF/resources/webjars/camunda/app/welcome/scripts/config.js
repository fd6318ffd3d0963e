// GradFlow's Welcome configuration (served instead of the webjar's empty one): Chinese first, see ../../gradflow/language.js.
import {app, locales} from '../../gradflow/language.js';

export default {
  app: app('welcome'),
  locales
};
