/** Field mode's screens (the inspector's phone, offline-first) and the administrator's outbox
 * import; also starts the sync runtime and the service worker. */
import { registerScreen } from '../app/registry.js';
import { registerServiceWorker } from '../sw/register.js';
import { FIELD_ROLES as FIELD, startField } from './runtime.js';

registerScreen({ path: '/field', title: 'field-day-title', roles: FIELD, nav: 50, load: () => import('./day.js') });
registerScreen({ path: '/field/survey/:id', title: 'field-survey-title', roles: FIELD, load: () => import('./survey.js') });
registerScreen({ path: '/field/act/:surveyId', title: 'field-act-title', roles: ['inspector'], load: () => import('./act.js') });
registerScreen({ path: '/field/object/new', title: 'field-place-object', roles: FIELD, load: () => import('./place.js') });
registerScreen({ path: '/field/outbox', title: 'field-outbox-title', roles: FIELD, nav: 51, load: () => import('./outbox.js') });
registerScreen({ path: '/field/push', title: 'field-push-title', roles: FIELD, nav: 52, load: () => import('./push.js') });
registerScreen({ path: '/admin/outbox-import', title: 'field-import-title', roles: ['administrator'], nav: 90, load: () => import('./import.js') });

startField();
registerServiceWorker();
