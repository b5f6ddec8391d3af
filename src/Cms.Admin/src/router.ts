// The router: the session decides between the sign-in page and the app; the hash (#/articles/...) decides the page.
import { byId, h } from './dom';
import { atLeast, current, followSession, onSessionChange, signInForm } from './session';
import { loadSettings } from './settings';
import type { Role } from './api';

export interface Route {
  pattern: RegExp;
  render: (match: RegExpMatchArray) => void | Promise<void>;
  role?: Role;
}

const routes: Route[] = [];

/** Extra pages register here (media, admin), so this file need not know them all. */
export function addRoute(route: Route): void {
  routes.push(route);
}

/** Asked before leaving a page (an editor with unsaved text says no, after saving it locally). */
let leaving: (() => boolean) | null = null;
export function guardLeaving(guard: (() => boolean) | null): void {
  leaving = guard;
}

function renderNav(): void {
  const nav = byId('nav');
  const session = current();
  nav.hidden = session === null;
  if (!session) {
    nav.replaceChildren();
    return;
  }

  const links: Array<[string, string, Role]> = [
    ['#/articles', 'Bài viết', 'author'],
    ['#/articles/new', 'Viết bài', 'author'],
    ['#/media', 'Thư viện ảnh', 'author'],
    ['#/deleted', 'Bài đã xóa', 'editor'],
    ['#/users', 'Người dùng', 'admin'],
    ['#/tokens', 'API token', 'admin'],
    ['#/webhooks', 'Webhook', 'admin'],
  ];
  const here = location.hash || '#/articles';
  nav.replaceChildren(...links.filter(([, , role]) => atLeast(role)).map(([href, text]) =>
    h('a', { href, 'aria-current': here === href || (href === '#/articles' && (here === '#/' || here.startsWith('#/articles?'))) ? 'page' : null }, text)));
}

async function render(): Promise<void> {
  renderNav();
  const main = byId('main');
  if (!current()) {
    main.replaceChildren(h('h1', {}, 'Đăng nhập'), signInForm());
    document.title = 'Đăng nhập · Tòa soạn';
    return;
  }

  const hash = location.hash;
  for (const route of routes) {
    const match = hash.match(route.pattern);
    if (match) {
      if (route.role && !atLeast(route.role)) {
        main.replaceChildren(h('h1', {}, 'Không có quyền'), h('p', {}, 'Trang này chỉ dành cho người có quyền cao hơn.'));
        return;
      }

      await route.render(match);
      return;
    }
  }

  main.replaceChildren(h('h1', {}, 'Không tìm thấy trang'), h('p', {}, h('a', { href: '#/articles' }, 'Về danh sách bài viết')));
}

let shownHash = location.hash;
window.addEventListener('hashchange', () => {
  if (leaving && !leaving()) {
    // Stay: put the address back without a second hashchange doing anything.
    history.replaceState(null, '', shownHash || '#/');
    return;
  }

  leaving = null;
  shownHash = location.hash;
  void render();
});

onSessionChange(() => {
  leaving = null;
  void render();
});

/** Starts the app once every page is registered. */
export async function start(): Promise<void> {
  await loadSettings();
  await followSession();
  if (!current()) {
    void render();
  }
}

/** Moves to another address without rendering it again (a new article that got its id on first save). */
export function replaceAddress(hash: string): void {
  history.replaceState(null, '', hash);
  shownHash = hash;
  renderNav();
}
