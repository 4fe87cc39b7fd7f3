// @ts-check
/** Starts the console: asks for the admin token once, shows the views, and keeps the live stream open. */
import { admin, authHeaders, forgetToken, savedToken, saveToken, Unauthorized } from './api.js';
import { DatasetView } from './dataset-view.js';
import { byId } from './dom.js';
import { FaultsView } from './faults-view.js';
import { LimitsView } from './limits-view.js';
import { connectLive } from './live.js';
import { TrafficView } from './traffic-view.js';
import { WalkView } from './walk-view.js';

const VIEWS = ['traffic', 'limits', 'faults', 'walk', 'dataset'];
const status = byId('status', HTMLElement);
const tabs = byId('tabs', HTMLElement);
const login = byId('login', HTMLElement);
const loginForm = byId('login-form', HTMLFormElement);
const loginError = byId('login-error', HTMLElement);
const tokenInput = byId('admin-token', HTMLInputElement);
const signOut = byId('sign-out', HTMLButtonElement);

/** @param {unknown} err */
const onError = (err) => {
  if (err instanceof Unauthorized) showLogin('The admin token was refused: paste the current one.');
};
const traffic = new TrafficView();
const limits = new LimitsView();
const faults = new FaultsView(onError);
const walk = new WalkView(onError);
const dataset = new DatasetView(onError);

/** @type {(() => void) | undefined} */
let closeLive;

/** @param {string} [message] */
function showLogin(message = '') {
  closeLive?.();
  closeLive = undefined;
  forgetToken();
  tabs.hidden = true;
  signOut.hidden = true;
  for (const v of VIEWS) byId(`view-${v}`, HTMLElement).hidden = true;
  login.hidden = false;
  loginError.textContent = message;
  status.textContent = 'Not connected';
  tokenInput.focus();
}

function showConsole() {
  login.hidden = true;
  tabs.hidden = false;
  signOut.hidden = false;
  route(false);
  closeLive?.();
  closeLive = connectLive({
    url: '/__admin/console/stream',
    headers: authHeaders,
    onState(state, detail) {
      if (state === 'unauthorized') {
        showLogin('The admin token was refused: paste the current one.');
        return;
      }
      const text = {
        connecting: 'Connecting…',
        live: 'Live',
        reconnecting: 'Reconnecting…',
        closed: 'Closed',
      }[state];
      status.textContent = detail ? `${text} (${detail})` : text;
      status.dataset['state'] = state;
    },
    onEvent(name, data) {
      switch (name) {
        case 'hello':
          traffic.reset(data.traffic);
          traffic.rates(data.rates);
          limits.update(data.limits);
          faults.faults(data.faults);
          faults.churn(data.churn);
          break;
        case 'traffic':
          traffic.push(data.rows, data.skipped);
          break;
        case 'rates':
          traffic.rates(data);
          break;
        case 'limits':
          limits.update(data);
          break;
        case 'faults':
          faults.faults(data);
          break;
        case 'churn':
          faults.churn(data);
          break;
      }
    },
  });
}

/** Shows the view named by the location hash (default: traffic). @param {boolean} focus */
function route(focus) {
  if (tabs.hidden) return;
  const name = VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'traffic';
  for (const v of VIEWS) byId(`view-${v}`, HTMLElement).hidden = v !== name;
  for (const a of tabs.querySelectorAll('a')) {
    if (a.getAttribute('href') === `#${name}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  limits.visible(name === 'limits');
  if (name === 'walk') void walk.load();
  if (name === 'dataset') void dataset.load();
  // Moving focus to the view's heading tells keyboard and screen-reader users where they are.
  if (focus) byId(`${name}-title`, HTMLElement).focus();
}

loginForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const token = tokenInput.value.trim();
  if (token === '') return;
  saveToken(token);
  tokenInput.value = '';
  if (await tokenWorks()) showConsole();
  else
    showLogin(
      'That token was refused: use the admin token the emulator printed (PAGEWISE_ADMIN_TOKEN).',
    );
});
signOut.addEventListener('click', () => showLogin('Token forgotten.'));
addEventListener('hashchange', () => route(true));
addEventListener('pagehide', () => closeLive?.());

/** True when the saved token opens the admin API. */
async function tokenWorks() {
  try {
    await admin('/__admin/faults');
    return true;
  } catch (err) {
    if (err instanceof Unauthorized) return false;
    throw err;
  }
}

if (savedToken() !== null && (await tokenWorks())) showConsole();
else showLogin();
