import { Api, ApiError, type ConnectionState } from './api';
import { dashboard } from './dashboard';
import { dashboardLink, NAV_LINK_ID } from './dashboard-link';
import { home } from './home';
import { h } from './dom';
import { currentLanguage, t, toggleLanguage, type Word } from './i18n';
import { explain, sharedJourney, tracking } from './tracking';

/**
 * The platform's web app. Routes: #/home for a shipper (its active shipments, watchlist and notifications; a
 * SHIPPER key's first page), #/dashboard[?period=2026-03-10|2026-W11|2026-03&<alert filters>] for the port office,
 * #/track[/<search>] for shippers and partners. The API key is asked for once and kept for the browser session only.
 */
const KEY = 'mmt.apiKey';
const main = document.getElementById('main')!;
const status = document.getElementById('connection')!;
let api: Api | undefined;
/** The role of the key in use, once the gateway has said it (`me`): the menu shows that role's pages. */
let role: string | undefined;
let stopPage: (() => void) | undefined;

/** The page a key opens on when the URL names none. */
const FIRST_PAGE: Readonly<Record<string, string>> = { SHIPPER: '#/home', PORT_OFFICE: '#/dashboard' };

const STATE_WORDS: Record<Exclude<ConnectionState, 'idle'>, Word> = {
  connecting: 'connecting',
  live: 'live',
  retrying: 'retrying',
  refused: 'liveRefused',
};

function header(): void {
  document.title = t('title');
  document.getElementById('title')!.textContent = t('title');
  const nav = document.getElementById('nav')!;
  const language = h('button', { type: 'button', lang: currentLanguage() === 'en' ? 'zh-CN' : 'en' }, t('language'));
  language.addEventListener('click', () => {
    toggleLanguage();
    route();
  });
  const signOut = h('button', { type: 'button' }, t('signOut'));
  signOut.addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    api?.close();
    api = undefined;
    route();
  });
  nav.replaceChildren(
    role === 'SHIPPER' ? h('a', { href: '#/home' }, t('home')) : '',
    role === 'PORT_OFFICE' ? h('a', { href: dashboardLink(), id: NAV_LINK_ID }, t('dashboard')) : '',
    h('a', { href: '#/track' }, t('tracking')),
    language,
    api ? signOut : '',
  );
}

function askForKey(problem?: string): void {
  const input = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true });
  const form = h(
    'form',
    { class: 'key' },
    h('label', { for: 'api-key' }, t('apiKey')),
    input,
    h('button', { type: 'submit' }, t('signIn')),
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, input.value.trim());
    route();
  });
  main.replaceChildren(form);
  input.focus();
}

function connect(key: string): Api {
  if (api?.apiKey !== key) {
    api?.close();
    api = new Api(key);
    role = undefined;
    api.onConnectionState((state) => {
      status.textContent = state === 'idle' ? '' : t(STATE_WORDS[state]);
      status.className = `connection ${state}`;
    });
  }
  return api;
}

function route(): void {
  stopPage?.();
  stopPage = undefined;
  const key = sessionStorage.getItem(KEY);
  // The client connects on its first subscription, so a shared link's page opens no connection.
  const current = key ? connect(key) : undefined;
  header();
  const shared = /^#\/shared\/(.+)$/.exec(location.hash);
  if (shared) {
    stopPage = sharedJourney(main, decodeURIComponent(shared[1]));
    return;
  }
  if (current === undefined) {
    askForKey();
    return;
  }
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const onFailure = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      sessionStorage.removeItem(KEY);
      askForKey(explain(error));
    } else {
      main.replaceChildren(h('p', { class: 'error', role: 'alert' }, explain(error)));
    }
  };
  // Who the key is: its role picks the menu and, when the URL names no page, the first page (a shipper's home, the
  // port office's dashboard, a partner's tracking). A key that no longer works is found out at once, whatever page.
  const me = current.query<{ me: { role: string } }>('{ me { role } }').then(({ me: caller }) => {
    if (role !== caller.role) {
      role = caller.role;
      header();
    }
    return caller.role;
  });
  me.catch(onFailure);
  if (parts.length === 0) {
    void me.then(
      (known) => location.replace(FIRST_PAGE[known] ?? '#/track'),
      () => undefined,
    );
    return;
  }
  if (parts[0] === 'home') {
    stopPage = home(current, main);
  } else if (parts[0] === 'dashboard') {
    stopPage = dashboard(current, main, new URLSearchParams(query), onFailure);
  } else {
    stopPage = tracking(current, main, parts[1] === undefined ? undefined : decodeURIComponent(parts[1]));
  }
}

window.addEventListener('hashchange', route);
route();
