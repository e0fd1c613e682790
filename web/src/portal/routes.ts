/** The desktop portal's screens (the field mode registers its own in src/field/routes.ts). */
import { registerScreen } from '../app/registry.js';

const WORK = ['head', 'inspector', 'operator'] as const;
const KEEPERS = ['inspector', 'operator'] as const;

registerScreen({ path: '/sign-in', title: 'portal-sign-in', public: true, load: () => import('./signin.js') });
registerScreen({ path: '/register', title: 'portal-register-title', public: true, load: () => import('./register.js') });
registerScreen({ path: '/policy', title: 'portal-policy', public: true, load: async () => ({ default: (await import('./policy.js')).PolicyPage }) });
registerScreen({ path: '/consent', title: 'portal-consent-title', load: async () => ({ default: (await import('./policy.js')).ConsentPage }) });
registerScreen({ path: '/password', title: 'portal-password-title', load: () => import('./password.js') });
registerScreen({ path: '/', title: 'portal-home', nav: 0, load: () => import('./home.js') });

registerScreen({ path: '/dashboard', title: 'dash-title', nav: 5, roles: ['head', 'administrator'], load: () => import('./dashboard/dashboard.js') });

registerScreen({ path: '/objects', title: 'portal-register', nav: 10, load: () => import('./objects.js') });
registerScreen({ path: '/objects/import', title: 'portal-import-title', nav: 12, roles: KEEPERS, load: () => import('./import.js') });
registerScreen({ path: '/objects/new', title: 'portal-object-new', roles: KEEPERS, load: () => import('./object-new.js') });
registerScreen({ path: '/objects/:id/edit', title: 'portal-object-edit', roles: KEEPERS, load: () => import('./object-edit.js') });
registerScreen({ path: '/objects/:id', title: 'portal-object', load: () => import('./object.js') });
registerScreen({ path: '/map', title: 'portal-map', nav: 11, load: () => import('./map/mapview.js'), warm: () => import('./map/mapview.js').then((m) => m.warm()) });

registerScreen({ path: '/tasks', title: 'portal-tasks', nav: 20, roles: WORK, load: async () => ({ default: (await import('./tasks.js')).TasksList }) });
registerScreen({ path: '/tasks/new', title: 'portal-task-new', roles: ['head'], load: async () => ({ default: (await import('./tasks.js')).NewTask }) });
registerScreen({ path: '/tasks/:id', title: 'portal-task', load: async () => ({ default: (await import('./tasks.js')).TaskPage }) });
registerScreen({ path: '/surveys', title: 'portal-surveys', nav: 21, roles: WORK, load: async () => ({ default: (await import('./surveys.js')).SurveysList }) });
registerScreen({ path: '/surveys/:id', title: 'portal-survey', load: async () => ({ default: (await import('./surveys.js')).SurveyPage }) });
registerScreen({ path: '/acts', title: 'portal-acts', nav: 22, roles: WORK, load: async () => ({ default: (await import('./acts.js')).ActsList }) });
registerScreen({ path: '/acts/:id', title: 'portal-act', load: async () => ({ default: (await import('./acts.js')).ActPage }) });

registerScreen({ path: '/zones', title: 'portal-zones', nav: 23, load: async () => ({ default: (await import('./zones.js')).ZonesList }) });
registerScreen({ path: '/zones/new', title: 'portal-zone-new', roles: ['inspector', 'head'], load: async () => ({ default: (await import('./zones.js')).NewZone }) });
registerScreen({ path: '/zones/:id', title: 'portal-zone', load: async () => ({ default: (await import('./zones.js')).ZonePage }) });
registerScreen({ path: '/samples', title: 'portal-samples', nav: 24, roles: WORK, load: async () => ({ default: (await import('./samples.js')).SamplesList }) });
registerScreen({ path: '/samples/:id', title: 'portal-sample', load: async () => ({ default: (await import('./samples.js')).SamplePage }) });

registerScreen({ path: '/users', title: 'portal-users', nav: 30, roles: ['administrator', 'head'], load: async () => ({ default: (await import('./admin.js')).UsersList }) });
registerScreen({ path: '/users/new', title: 'portal-user-new', roles: ['administrator'], load: async () => ({ default: (await import('./admin.js')).NewUser }) });
registerScreen({ path: '/users/:id', title: 'portal-users', roles: ['administrator', 'head'], load: async () => ({ default: (await import('./admin.js')).UserPage }) });
registerScreen({ path: '/organizations', title: 'portal-orgs', nav: 31, roles: ['administrator'], load: async () => ({ default: (await import('./admin.js')).OrgsPage }) });
registerScreen({ path: '/admin/privacy', title: 'portal-privacy-admin', nav: 33, roles: ['administrator'], load: () => import('./privacy-admin.js') });
registerScreen({ path: '/admin/reference', title: 'portal-ref-title', nav: 34, roles: ['administrator'], load: () => import('./reference-admin.js') });
registerScreen({ path: '/audit', title: 'portal-audit', nav: 32, roles: ['administrator'], load: () => import('./audit.js') });

registerScreen({ path: '/notifications', title: 'portal-notifications', nav: 40, load: () => import('./notifications.js') });
registerScreen({ path: '/me', title: 'portal-me', load: () => import('./me.js') });
