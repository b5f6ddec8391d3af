// Sign-in and the idle prompt: warningSeconds before idleExpiresAt a banner counts down; its link calls keep-alive;
// at zero the page asks the server, which has the last word (another tab may have kept the session alive).
import { ApiError, call, signedOutEvent, token, type Role, type Session, type SessionEnvelope, type SignInResponse } from './api';
import { byId, h } from './dom';

const pollSeconds = 15;
let session: Session | null = null;
let lastPoll = 0;
let checking = false;
let notice = '';
const listeners: Array<(session: Session | null) => void> = [];

export const current = (): Session | null => session;

const rank: Record<Role, number> = { author: 1, editor: 2, admin: 3 };

/** Whether the signed-in user's role reaches `role`. */
export function atLeast(role: Role): boolean {
  return session !== null && rank[session.user.role] >= rank[role];
}

/** Called with the session when someone signs in, and with null when they are signed out. */
export function onSessionChange(listener: (session: Session | null) => void): void {
  listeners.push(listener);
}

function changed(next: Session | null): void {
  const was = session?.id;
  session = next;
  if (was !== next?.id) {
    listeners.forEach((listener) => listener(next));
  }

  renderAccount();
  void tick();
}

/** Seconds until the session goes idle by this browser's clock, counted from the server's deadline. */
function secondsLeft(): number {
  if (!session) {
    return 0;
  }

  const end = Math.min(Date.parse(session.idleExpiresAt), Date.parse(session.absoluteExpiresAt));
  return Math.ceil((end - Date.now()) / 1000);
}

/** GET /sessions/current: the server's view, which never extends the session. */
async function poll(): Promise<void> {
  lastPoll = Date.now();
  if (!token.get()) {
    signedOut('');
    return;
  }

  try {
    changed((await call<SessionEnvelope>('/sessions/current')).session);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signedOut(error.code === 'session_expired' ? 'Phiên đăng nhập đã hết hạn do không sử dụng Site.' : '');
    }
  }
}

function signedOut(message: string): void {
  token.clear();
  notice = message;
  byId('idle-banner').hidden = true;
  changed(null);
}

function renderAccount(): void {
  const account = byId('account');
  if (!session) {
    account.replaceChildren();
    return;
  }

  const roles: Record<string, string> = { admin: 'Quản trị', editor: 'Biên tập', author: 'Phóng viên' };
  account.replaceChildren(
    h('span', { id: 'signed-in-as' }, `${session.user.displayName} (${roles[session.user.role] ?? session.user.role})`),
    h('button', { type: 'button', id: 'sign-out', onclick: () => void signOut() }, 'Đăng xuất'),
  );
}

/** The sign-in page, shown in <main> while no one is signed in. */
export function signInForm(): HTMLElement {
  const status = h('p', { id: 'sign-in-notice', class: 'notice', role: 'alert' }, notice);
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { id: 'sign-in', class: 'card sign-in' },
    h('label', { for: 'username' }, 'Tên đăng nhập'), username,
    h('label', { for: 'password' }, 'Mật khẩu'), password,
    h('button', { type: 'submit' }, 'Đăng nhập'),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await call<SignInResponse>('/sessions', {
        method: 'POST',
        body: { username: username.value, password: password.value },
        signedIn: false,
      });
      token.set(answer.token);
      notice = '';
      lastPoll = Date.now();
      changed(answer.session);
    } catch (error) {
      status.textContent = signInFailure(error);
    }
  });
  return form;
}

function signInFailure(error: unknown): string {
  if (error instanceof ApiError && error.code === 'invalid_credentials') {
    return 'Sai tên đăng nhập hoặc mật khẩu.';
  }

  if (error instanceof ApiError && error.status === 429) {
    return `Đăng nhập sai quá nhiều lần. Thử lại sau ${error.retryAfterSeconds ?? 60} giây.`;
  }

  return 'Không đăng nhập được, xin thử lại.';
}

async function signOut(): Promise<void> {
  try {
    await call('/sessions/current', { method: 'DELETE' });
  } catch {
    // Signed out either way: the token is forgotten here, and a dead token is already refused there.
  }

  signedOut('');
}

async function keepAlive(): Promise<void> {
  try {
    changed((await call<SessionEnvelope>('/sessions/current/keep-alive', { method: 'POST' })).session);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signedOut('Phiên đăng nhập đã hết hạn do không sử dụng Site.');
    }
  }
}

/** Once a second: the countdown, and what to do at zero. */
async function tick(): Promise<void> {
  const banner = byId('idle-banner');
  if (!session || checking) {
    return;
  }

  const left = secondsLeft();
  const warning = left <= session.warningSeconds;
  if (left <= 0 || (warning && banner.hidden)) {
    // Before warning or signing out, ask the server: activity elsewhere may have moved the deadline.
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
  byId('idle-seconds').textContent = String(Math.max(0, now));
}

/** Starts following the session: the first answer tells whether this tab is signed in. */
export async function followSession(): Promise<void> {
  byId('keep-alive').addEventListener('click', (event) => {
    event.preventDefault();
    void keepAlive();
  });
  // Any other signed-in request is activity too: it slid the deadline, so read the new one (at most every few seconds).
  window.addEventListener('cms:activity', () => {
    if (Date.now() - lastPoll > 2000) {
      void poll();
    }
  });
  window.addEventListener(signedOutEvent, (event) => {
    const code = (event as CustomEvent<string>).detail;
    signedOut(code === 'session_expired' ? 'Phiên đăng nhập đã hết hạn do không sử dụng Site.' : '');
  });
  setInterval(() => void tick(), 1000);
  await poll();
}
