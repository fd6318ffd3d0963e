// GradFlow's Admin configuration (served instead of the webjar's empty one): Chinese first, see ../../gradflow/language.js.
import {app, locales} from '../../gradflow/language.js';

export default {
  app: app('admin'),
  locales
};
