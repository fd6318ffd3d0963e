// GradFlow's Admin configuration (served instead of the webjar's empty one): Chinese first, see ../../gradflow/locales.js.
import locales from '../../gradflow/locales.js';

export default {
  locales
};
