// Admins' pages (users, API tokens, webhooks with their delivery log) and editors' bin of deleted articles.
import { call, describe, query, type Schemas } from './api';
import { field, h, show, toast } from './dom';
import { filtersOf, pager } from './list';
import { current } from './session';
import { formatTime } from './settings';

type Webhook = Schemas['WebhookResponse'];
type Delivery = Schemas['WebhookDeliveryResponse'];
type ApiToken = Schemas['ApiTokenResponse'];
type Deleted = Schemas['DeletedArticleSummary'];

const roleNames: Record<string, string> = { author: 'Phóng viên (chỉ viết nháp)', editor: 'Biên tập viên', admin: 'Quản trị' };

/** A secret shown once: in a box to copy, with the warning that it will not be shown again. */
function secretBox(id: string, label: string, secret: string): HTMLElement {
  const input = h('input', { id, readonly: true, value: secret, size: 60 });
  return h('div', { class: 'card', role: 'alert' }, field(label, input, 'Chỉ hiện một lần: hãy sao chép và cất giữ ngay.'));
}

type User = Schemas['UserResponse'];
const usersPageSize = 20;

/** A password shown once, with a button that copies it: the admin hands it to its owner, who signs in with it. */
function passwordBox(user: User, password: string): HTMLElement {
  const input = h('input', { id: 'new-password', readonly: true, value: password, size: 30 });
  const copied = h('span', { role: 'status' });
  const copy = h('button', { type: 'button', class: 'secondary', id: 'copy-password' }, 'Sao chép');
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(password);
    } catch {
      // No clipboard permission (an http address): the text is selected for Ctrl+C.
    }
    copied.textContent = 'Đã sao chép.';
  });
  return h('div', { class: 'card', role: 'alert', id: 'password-result' },
    field(`Mật khẩu mới của ${user.username}`, input, 'Chỉ hiện một lần: hãy sao chép và gửi cho người dùng. Mọi phiên đăng nhập cũ của họ đã kết thúc.'),
    h('div', { class: 'actions' }, copy, copied));
}

export async function usersPage(): Promise<void> {
  const filters = filtersOf(location.hash);
  const page = Math.max(1, Number(filters.get('page') ?? '1') || 1);
  const search = h('input', { id: 'user-search', type: 'search', value: filters.get('q') ?? '', placeholder: 'Tên đăng nhập hoặc tên hiển thị, không cần dấu' });
  const roleFilter = h('select', { id: 'user-role-filter' }, h('option', { value: '' }, 'Mọi vai trò'),
    ...Object.entries(roleNames).map(([value, text]) => h('option', { value, selected: filters.get('role') === value }, text)));
  const filterForm = h('form', { class: 'filters', role: 'search', 'aria-label': 'Lọc người dùng' },
    field('Tìm người dùng', search), field('Lọc theo quyền', roleFilter), h('div', {}, h('button', { type: 'submit' }, 'Lọc')));
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams({ q: search.value.trim(), role: roleFilter.value });
    for (const [key, value] of [...next.entries()]) {
      if (!value) {
        next.delete(key);
      }
    }
    location.hash = next.toString() ? `#/users?${next.toString()}` : '#/users';
  });
  roleFilter.addEventListener('change', () => filterForm.requestSubmit());
  const list = h('div', { id: 'user-list', 'aria-live': 'polite' }, h('p', {}, 'Đang tải…'));
  const outcome = h('div', { id: 'user-outcome' });

  async function refresh(): Promise<void> {
    try {
      const users = await call<Schemas['PagedListOfUserResponse']>(`/users${query({ q: filters.get('q'), role: filters.get('role'), page, pageSize: usersPageSize })}`);
      const total = users.total ?? 0;
      list.replaceChildren(h('p', { id: 'user-count' }, `${total} người dùng`),
        users.items.length === 0 ? h('p', {}, 'Không có người dùng nào.') : h('table', { class: 'list', id: 'users' },
          h('caption', { class: 'visually-hidden' }, 'Danh sách người dùng'),
          h('thead', {}, h('tr', {}, ...['Tên đăng nhập', 'Tên hiển thị', 'Quyền', 'Tạo lúc', ''].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...users.items.map(userRow))),
        pager(Math.max(1, Math.ceil(total / users.pageSize)), page, filters, '#/users'));
    } catch (error) {
      list.replaceChildren(h('p', { class: 'notice', role: 'alert' }, describe(error)));
    }
  }

  function userRow(user: User): HTMLElement {
    const role = h('select', { 'aria-label': `Quyền của ${user.username}` },
      ...Object.entries(roleNames).map(([value, text]) => h('option', { value, selected: user.role === value }, text)));
    const self = current()?.user.id === user.id;
    return h('tr', { 'data-username': user.username },
      h('td', {}, user.username), h('td', {}, user.displayName),
      h('td', {}, role, ' ', h('button', { type: 'button', class: 'secondary', onclick: () => void changeRole(user, role.value) }, `Lưu quyền ${user.username}`)),
      h('td', {}, formatTime(user.createdAt)),
      h('td', {}, self ? h('span', { class: 'hint' }, 'Bạn') : h('button', { type: 'button', class: 'secondary', onclick: () => void reset(user) }, `Đặt lại mật khẩu ${user.username}`)));
  }

  async function changeRole(user: User, role: string): Promise<void> {
    try {
      const changed = await call<User>(`/users/${user.id}`, { method: 'PATCH', contentType: 'application/merge-patch+json', ifMatch: user.version, body: { role } });
      outcome.replaceChildren(h('p', { role: 'status' }, `${changed.username} giờ là ${roleNames[changed.role] ?? changed.role}.`));
    } catch (error) {
      outcome.replaceChildren(h('p', { class: 'notice', role: 'alert' }, describe(error)));
    }
    await refresh();
  }

  async function reset(user: User): Promise<void> {
    if (!window.confirm(`Đặt lại mật khẩu của ${user.username}? Mật khẩu cũ hết dùng được và mọi phiên đăng nhập của họ kết thúc ngay.`)) {
      return;
    }

    try {
      const answer = await call<Schemas['PasswordResetResponse']>(`/users/${user.id}/password-reset`, { method: 'POST' });
      outcome.replaceChildren(passwordBox(user, answer.password));
    } catch (error) {
      outcome.replaceChildren(h('p', { class: 'notice', role: 'alert' }, describe(error)));
    }
    await refresh();
  }

  const username = h('input', { id: 'user-username', required: true, autocomplete: 'off' });
  const displayName = h('input', { id: 'user-display-name', required: true });
  const password = h('input', { id: 'user-password', type: 'password', required: true, minlength: 12, autocomplete: 'new-password' });
  const role = h('select', { id: 'user-role' }, ...Object.entries(roleNames).map(([value, text]) => h('option', { value }, text)));
  const result = h('div', { id: 'user-result', role: 'status' });
  const form = h('form', { class: 'card' }, h('h2', {}, 'Tạo người dùng'),
    field('Tên đăng nhập', username), field('Tên hiển thị', displayName), field('Mật khẩu', password, 'Ít nhất 12 ký tự.'), field('Vai trò', role),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Tạo')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const user = await call<User>('/users', {
        method: 'POST', body: { username: username.value.trim(), displayName: displayName.value.trim(), password: password.value, role: role.value },
      });
      result.textContent = `Đã tạo ${user.username} (${roleNames[user.role] ?? user.role}).`;
      form.reset();
      await refresh();
    } catch (error) {
      result.textContent = describe(error);
    }
  });
  show('Người dùng', filterForm, outcome, list, form, result);
  await refresh();
}

export async function tokensPage(): Promise<void> {
  const list = h('div', { id: 'token-list' });
  const created = h('div', { id: 'token-created' });
  const name = h('input', { id: 'token-name', required: true });
  const scopes = ['content:read', 'content:write', 'media:write'].map((scope) => h('input', { type: 'checkbox', value: scope, name: 'scope' }));
  const expires = h('select', { id: 'token-expires' }, ...[['30', '30 ngày'], ['7', '7 ngày'], ['90', '90 ngày'], ['', 'Không hết hạn']].map(([value, text]) => h('option', { value: value ?? '' }, text ?? '')));
  const form = h('form', { class: 'card' }, h('h2', {}, 'Tạo API token'), field('Tên (dùng cho việc gì)', name),
    h('fieldset', {}, h('legend', {}, 'Quyền'), ...scopes.map((box) => h('label', { class: 'inline' }, box, box.value))),
    field('Hết hạn sau', expires), h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Tạo token')));

  async function refresh(): Promise<void> {
    const tokens = (await call<{ items: ApiToken[] }>('/api-tokens?pageSize=100')).items;
    list.replaceChildren(tokens.length === 0 ? h('p', {}, 'Chưa có token nào.') : h('table', { class: 'list', id: 'tokens' },
      h('thead', {}, h('tr', {}, ...['Tên', 'Quyền', 'Hết hạn', 'Dùng lần cuối', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...tokens.map((t) => h('tr', {},
        h('td', {}, t.name), h('td', {}, t.scopes.join(', ')), h('td', {}, formatTime(t.expiresAt) || 'Không'), h('td', {}, formatTime(t.lastUsedAt) || 'Chưa dùng'),
        h('td', {}, h('button', { type: 'button', class: 'danger', onclick: () => void revoke(t) }, `Thu hồi ${t.name}`)))))));
  }

  async function revoke(t: ApiToken): Promise<void> {
    if (window.confirm(`Thu hồi token ${t.name}? Mọi chương trình đang dùng nó sẽ bị từ chối.`)) {
      await call(`/api-tokens/${t.id}`, { method: 'DELETE' });
      toast('Đã thu hồi token.');
      await refresh();
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await call<{ token: string; apiToken: ApiToken }>('/api-tokens', {
        method: 'POST',
        body: { name: name.value.trim(), scopes: scopes.filter((s) => s.checked).map((s) => s.value), expiresInDays: expires.value ? Number(expires.value) : null },
      });
      created.replaceChildren(secretBox('token-secret', `Token ${answer.apiToken.name}`, answer.token));
      form.reset();
      await refresh();
    } catch (error) {
      created.replaceChildren(h('p', { class: 'notice', role: 'alert' }, describe(error)));
    }
  });
  show('API token', form, created, list);
  await refresh();
}

const webhookEvents = ['article.published', 'article.updated', 'article.unpublished', 'article.deleted'];

export async function webhooksPage(): Promise<void> {
  const list = h('div', { id: 'webhook-list' });
  const created = h('div', { id: 'webhook-created' });
  const deliveries = h('section', { id: 'deliveries', 'aria-live': 'polite' });
  const url = h('input', { id: 'webhook-url', type: 'url', required: true, placeholder: 'https://' });
  const description = h('input', { id: 'webhook-description' });
  const events = webhookEvents.map((e) => h('input', { type: 'checkbox', value: e, checked: true }));
  const form = h('form', { class: 'card' }, h('h2', {}, 'Tạo webhook'), field('Địa chỉ nhận (URL)', url), field('Ghi chú', description),
    h('fieldset', {}, h('legend', {}, 'Sự kiện'), ...events.map((box) => h('label', { class: 'inline' }, box, box.value))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Tạo webhook')));

  async function refresh(): Promise<void> {
    const hooks = (await call<{ items: Webhook[] }>('/webhooks?pageSize=100')).items;
    list.replaceChildren(hooks.length === 0 ? h('p', {}, 'Chưa có webhook nào.') : h('ul', { class: 'webhooks', id: 'webhooks' }, ...hooks.map((w) => h('li', { class: 'card' },
      h('p', {}, h('strong', {}, w.url), w.description ? ` — ${w.description}` : '', w.enabled ? '' : ` (đang tắt${w.disabledReason ? `: ${w.disabledReason}` : ''})`),
      h('p', { class: 'hint' }, w.events.join(', ')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => void ping(w) }, 'Gửi thử (ping)'),
        h('button', { type: 'button', class: 'secondary', onclick: () => void showDeliveries(w) }, 'Nhật ký gửi'),
        h('button', { type: 'button', class: 'secondary', onclick: () => void rotate(w) }, 'Đổi secret'),
        h('button', { type: 'button', class: 'danger', onclick: () => void remove(w) }, 'Xóa'))))));
  }

  async function ping(w: Webhook): Promise<void> {
    await call(`/webhooks/${w.id}/ping`, { method: 'POST' });
    toast('Đã xếp lượt gửi thử.');
    await showDeliveries(w);
  }

  async function rotate(w: Webhook): Promise<void> {
    const answer = await call<{ secret: string }>(`/webhooks/${w.id}/rotate-secret`, { method: 'POST' });
    created.replaceChildren(secretBox('webhook-secret', `Secret mới của ${w.url}`, answer.secret));
  }

  async function remove(w: Webhook): Promise<void> {
    if (window.confirm(`Xóa webhook ${w.url}?`)) {
      await call(`/webhooks/${w.id}`, { method: 'DELETE', ifMatch: w.version });
      deliveries.replaceChildren();
      await refresh();
    }
  }

  async function showDeliveries(w: Webhook): Promise<void> {
    const page = await call<{ items: Delivery[] }>(`/webhooks/${w.id}/deliveries?pageSize=50`);
    deliveries.replaceChildren(h('h2', {}, `Nhật ký gửi: ${w.url}`),
      h('button', { type: 'button', class: 'secondary', onclick: () => void showDeliveries(w) }, 'Tải lại nhật ký'),
      page.items.length === 0 ? h('p', {}, 'Chưa có lượt gửi nào.') : h('table', { class: 'list', id: 'delivery-log' },
        h('thead', {}, h('tr', {}, ...['Lúc', 'Sự kiện', 'Lần', 'Kết quả', 'Trả lời', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...page.items.map((d) => h('tr', {},
          h('td', {}, formatTime(d.at)), h('td', {}, d.type), h('td', {}, String(d.attempt)), h('td', { class: `delivery-${d.status}` }, d.status),
          h('td', {}, d.response ? `${d.response.statusCode} ${d.response.body ?? ''}` : d.error ?? ''),
          h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => void redeliver(w, d) }, 'Gửi lại')))))));
  }

  async function redeliver(w: Webhook, d: Delivery): Promise<void> {
    try {
      await call(`/webhooks/${w.id}/deliveries/${d.id}/redeliver`, { method: 'POST' });
      toast('Đã xếp lượt gửi lại.');
      await showDeliveries(w);
    } catch (error) {
      toast(describe(error));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await call<{ webhook: Webhook; secret: string }>('/webhooks', {
        method: 'POST', body: { url: url.value.trim(), description: description.value.trim() || null, events: events.filter((e) => e.checked).map((e) => e.value), enabled: true },
      });
      created.replaceChildren(secretBox('webhook-secret', `Secret của ${answer.webhook.url}`, answer.secret));
      form.reset();
      await refresh();
    } catch (error) {
      created.replaceChildren(h('p', { class: 'notice', role: 'alert' }, describe(error)));
    }
  });
  show('Webhook', form, created, list, deliveries);
  await refresh();
}

export async function deletedPage(): Promise<void> {
  const list = h('div', { id: 'deleted-list' });
  async function refresh(): Promise<void> {
    const items = (await call<{ items: Deleted[] }>('/articles/deleted?pageSize=100')).items;
    list.replaceChildren(items.length === 0 ? h('p', {}, 'Không có bài nào đã xóa.') : h('table', { class: 'list', id: 'deleted' },
      h('thead', {}, h('tr', {}, ...['Tiêu đề', 'Xóa lúc', 'Giữ đến', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...items.map((d) => h('tr', {},
        h('td', {}, d.title), h('td', {}, `${formatTime(d.deletedAt)} · ${d.deletedBy?.displayName ?? ''}`), h('td', {}, formatTime(d.keptUntil)),
        h('td', {}, h('button', { type: 'button', onclick: () => void undelete(d) }, `Khôi phục ${d.title}`)))))));
  }

  async function undelete(d: Deleted): Promise<void> {
    try {
      await call(`/articles/${d.id}/undelete`, { method: 'POST' });
      toast('Đã khôi phục bài (ở dạng nháp).');
      location.hash = `#/articles/${d.id}`;
    } catch (error) {
      toast(describe(error));
    }
  }

  show('Bài đã xóa', h('p', { class: 'hint' }, 'Bài đã xóa được giữ một thời gian rồi mới mất hẳn; khôi phục sẽ đưa bài về dạng nháp.'), list);
  await refresh();
}
