/** Entry point: styles, every part's routes, the shell, and who is signed in. */
import { render } from 'preact';
import './styles.css';
import { setLang, lang } from './app/i18n-app.js';
import { loadMe } from './app/session.js';
import { Shell } from './app/shell.js';

// Each part of the app registers its screens in src/<part>/routes.ts.
import.meta.glob('./*/routes.ts', { eager: true });

setLang(lang.value);
const root = document.getElementById('app');
if (root) render(<Shell />, root);
void loadMe();
