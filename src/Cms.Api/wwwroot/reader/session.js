// Editor sign-in and the idle prompt the old portal showed: warningSeconds before idleExpiresAt a banner counts
// down; its link calls keep-alive; at zero the page asks the server, which has the last word, and signs out.

import { element } from './dom.js';
import { ApiError, call, token } from './api.js';

/** @typedef {import('./api.js').Session} Session */

const pollSeconds = 15;

/** @type {Session | null} */
let session = null;
let lastPoll = 0;
/** @type {string} */
let notice = '';

/** Seconds until the session goes idle, by this browser's clock. */
function secondsLeft() {
  if (!session) {
    return 0;
  }

  const end = Math.min(Date.parse(String(session.idleExpiresAt)), Date.parse(String(session.absoluteExpiresAt)));
  return Math.ceil((end - Date.now()) / 1000);
}

/** GET /sessions/current: the server's view, which never extends the session. */
async function poll() {
  lastPoll = Date.now();
  if (!token.get()) {
    signedOut('');
    return;
  }

  try {
    /** @type {import('./api.js').SessionEnvelope} */
    const answer = await call('/sessions/current');
    session = answer.session;
    render();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signedOut(error.code === 'session_expired' ? 'Phiên đăng nhập đã hết hạn do không sử dụng Site.' : '');
    }
  }
}

/** @param {string} message */
function signedOut(message) {
  token.clear();
  session = null;
  notice = message;
  render();
}

function render() {
  const account = element('account');
  const banner = element('idle-banner');
  account.replaceChildren();
  if (session) {
    const who = document.createElement('span');
    who.id = 'signed-in-as';
    who.textContent = `Xin chào, ${session.user.displayName}`;
    const out = document.createElement('button');
    out.type = 'button';
    out.id = 'sign-out';
    out.textContent = 'Đăng xuất';
    out.addEventListener('click', signOut);
    account.append(who, out);
  } else {
    account.append(signInForm());
    banner.hidden = true;
  }

  tick();
}

function signInForm() {
  const form = document.createElement('form');
  form.id = 'sign-in';
  form.innerHTML = `
    <input name="username" autocomplete="username" placeholder="Tên đăng nhập" required aria-label="Tên đăng nhập">
    <input name="password" type="password" autocomplete="current-password" placeholder="Mật khẩu" required aria-label="Mật khẩu">
    <button type="submit">Đăng nhập</button>
    <span id="account-notice" role="status"></span>`;
  element('account').append(form);
  const status = /** @type {HTMLElement} */ (form.querySelector('#account-notice'));
  status.textContent = notice;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      /** @type {import('./api.js').SignInResponse} */
      const answer = await call('/sessions', {
        method: 'POST',
        body: { username: String(data.get('username')), password: String(data.get('password')) },
        signedIn: false,
      });
      token.set(answer.token);
      session = answer.session;
      notice = '';
      render();
    } catch (error) {
      status.textContent = signInFailure(error);
    }
  });
  return form;
}

/** @param {unknown} error */
function signInFailure(error) {
  if (error instanceof ApiError && error.code === 'invalid_credentials') {
    return 'Sai tên đăng nhập hoặc mật khẩu.';
  }

  if (error instanceof ApiError && error.status === 429) {
    return `Đăng nhập sai quá nhiều lần. Thử lại sau ${error.retryAfterSeconds ?? 60} giây.`;
  }

  return 'Không đăng nhập được, xin thử lại.';
}

async function signOut() {
  try {
    await call('/sessions/current', { method: 'DELETE' });
  } catch {
    // Signed out either way: the token is forgotten here, and a dead token is already refused there.
  }

  signedOut('');
}

async function keepAlive() {
  try {
    /** @type {import('./api.js').SessionEnvelope} */
    const answer = await call('/sessions/current/keep-alive', { method: 'POST' });
    session = answer.session;
    render();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signedOut('Phiên đăng nhập đã hết hạn do không sử dụng Site.');
    }
  }
}

let checking = false;

/** Once a second: the countdown, and what to do at zero. */
async function tick() {
  const banner = element('idle-banner');
  if (!session || checking) {
    return;
  }

  const left = secondsLeft();
  const warning = left <= session.warningSeconds;
  if ((left <= 0 || (warning && banner.hidden)) && !checking) {
    // Before warning or signing out, ask the server: activity in another tab may have moved the deadline.
    checking = true;
    try {
      await poll();
    } finally {
      checking = false;
    }

    if (!session) {
      return;
    }
  } else if (Date.now() - lastPoll > pollSeconds * 1000) {
    void poll();
  }

  const now = secondsLeft();
  banner.hidden = now > session.warningSeconds;
  element('idle-seconds').textContent = String(Math.max(0, now));
}

/** Starts following the session on this page. */
export function followSession() {
  element('keep-alive').addEventListener('click', (event) => {
    event.preventDefault();
    void keepAlive();
  });
  // Any other signed-in request this page makes is activity too: it slid the deadline, so read the new one.
  window.addEventListener('cms:activity', () => void poll());
  setInterval(() => void tick(), 1000);
  void poll();
}
