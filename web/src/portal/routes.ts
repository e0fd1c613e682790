/** The desktop portal's screens (the field mode registers its own in src/field/routes.ts). */
import { registerScreen } from '../app/registry.js';

const ALL = ['administrator', 'head', 'inspector', 'operator'] as const;
const WORK = ['head', 'inspector', 'operator'] as const;

registerScreen({ path: '/sign-in', title: 'portal-sign-in', public: true, load: () => import('./signin.js') });
registerScreen({ path: '/policy', title: 'portal-policy', public: true, load: async () => ({ default: (await import('./policy.js')).PolicyPage }) });
registerScreen({ path: '/consent', title: 'portal-consent-title', load: async () => ({ default: (await import('./policy.js')).ConsentPage }) });
registerScreen({ path: '/password', title: 'portal-password-title', load: () => import('./password.js') });
registerScreen({ path: '/', title: 'portal-home', nav: 0, load: () => import('./home.js') });
void ALL;
void WORK;
