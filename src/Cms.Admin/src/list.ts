// The article list: by status, mine or all, category, a search that ignores accents; pending changes marked;
// numbered pages. The filters live in the address (#/articles?status=draft&page=2), so back and reload keep them.
import { call, describe, query, type ArticlePage, type ArticleListItem, type Category } from './api';
import { field, h, show } from './dom';
import { atLeast } from './session';
import { formatTime } from './settings';

export const statusNames: Record<string, string> = {
  draft: 'Nháp', scheduled: 'Hẹn giờ', published: 'Đã đăng', archived: 'Lưu trữ',
};

const pageSize = 20;
/** Read on each page: a category made a minute ago must be there to choose. */
export const allCategories = async (): Promise<Category[]> => (await call<{ items: Category[] }>('/categories?pageSize=100')).items;

export function filtersOf(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

function go(filters: URLSearchParams): void {
  for (const [key, value] of [...filters.entries()]) {
    if (!value) {
      filters.delete(key);
    }
  }

  const text = filters.toString();
  location.hash = text ? `#/articles?${text}` : '#/articles';
}

export async function articleList(): Promise<void> {
  const filters = filtersOf(location.hash);
  const page = Math.max(1, Number(filters.get('page') ?? '1') || 1);
  const editor = atLeast('editor');

  const status = h('select', { id: 'filter-status', name: 'status', disabled: !editor },
    h('option', { value: '' }, 'Mọi trạng thái'),
    ...Object.entries(statusNames).map(([value, text]) => h('option', { value, selected: filters.get('status') === value }, text)));
  const mine = h('select', { id: 'filter-mine', name: 'mine' },
    h('option', { value: '' }, 'Tất cả bài'),
    h('option', { value: '1', selected: filters.get('mine') === '1' }, 'Bài của tôi'));
  const category = h('select', { id: 'filter-category', name: 'category' }, h('option', { value: '' }, 'Mọi chuyên mục'));
  const search = h('input', { id: 'filter-q', name: 'q', type: 'search', value: filters.get('q') ?? '', placeholder: 'Tìm không cần dấu' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Lọc bài viết' },
    field('Trạng thái', status), field('Của ai', mine), field('Chuyên mục', category), field('Tìm kiếm', search),
    h('div', {}, h('button', { type: 'submit' }, 'Lọc')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    go(new URLSearchParams({ status: status.value, mine: mine.value, category: category.value, q: search.value.trim() }));
  });
  for (const select of [status, mine, category]) {
    select.addEventListener('change', () => form.requestSubmit());
  }

  const results = h('div', { id: 'results', 'aria-live': 'polite' }, h('p', {}, 'Đang tải…'));
  show('Bài viết', h('p', {}, h('a', { class: 'button', href: '#/articles/new' }, '+ Viết bài mới')), form, results);

  try {
    for (const c of await allCategories()) {
      category.append(h('option', { value: c.slug, selected: filters.get('category') === c.slug }, c.parentId ? `— ${c.name}` : c.name));
    }

    const list = await call<ArticlePage>(`/articles${query({
      status: editor ? filters.get('status') : null,
      createdBy: filters.get('mine') === '1' ? 'me' : null,
      category: filters.get('category'),
      q: filters.get('q'),
      page,
      pageSize,
    })}`);
    results.replaceChildren(...renderList(list, filters, page));
  } catch (error) {
    results.replaceChildren(h('p', { class: 'notice', role: 'alert' }, describe(error)));
  }
}

function renderList(list: ArticlePage, filters: URLSearchParams, page: number): Node[] {
  const total = list.total ?? 0;
  const summary = h('p', { id: 'result-count' }, list.totalIsLowerBound ? `Hơn ${total} bài` : `${total} bài`);
  if (list.items.length === 0) {
    return [summary, h('p', {}, 'Không có bài nào.')];
  }

  const table = h('table', { class: 'list', id: 'article-list' },
    h('caption', { class: 'visually-hidden' }, 'Danh sách bài viết'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Tiêu đề'), h('th', { scope: 'col' }, 'Trạng thái'),
      h('th', { scope: 'col' }, 'Chuyên mục'), h('th', { scope: 'col' }, 'Thời gian'))),
    h('tbody', {}, ...list.items.map(row)));
  const pages = Math.max(1, Math.ceil(total / list.pageSize));
  return [summary, table, pager(pages, page, filters, '#/articles')];
}

function row(item: ArticleListItem): HTMLElement {
  const time = item.status === 'draft' || item.status === 'archived'
    ? `Sửa ${formatTime(item.updatedAt)}`
    : item.status === 'scheduled' ? `Đăng lúc ${formatTime(item.publishAt)}` : formatTime(item.publishedAt ?? item.publishAt);
  return h('tr', { 'data-id': item.id },
    h('td', {}, h('a', { href: `#/articles/${item.id}` }, item.title)),
    h('td', {}, h('span', { class: `badge ${item.status}` }, statusNames[item.status] ?? item.status),
      item.hasPendingChanges ? h('span', { class: 'badge pending', title: 'Có thay đổi chờ đăng' }, ' Chờ đăng thay đổi') : null),
    h('td', {}, item.categories.map((c) => c.name).join(', ')),
    h('td', {}, time));
}

/** 1 … 4 5 [6] 7 8 … 20: the first, the last and two either side of the current page; links keep the filters. */
export function pager(pages: number, page: number, filters: URLSearchParams, base: string): HTMLElement {
  const shown = [...new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: HTMLElement[] = [];
  let previous = 0;
  for (const n of shown) {
    if (n - previous > 1) {
      items.push(h('li', {}, h('span', { 'aria-hidden': 'true' }, '…')));
    }

    const params = new URLSearchParams(filters);
    params.set('page', String(n));
    items.push(h('li', {}, n === page
      ? h('span', { 'aria-current': 'page' }, String(n))
      : h('a', { href: `${base}?${params.toString()}`, 'aria-label': `Trang ${n}` }, String(n))));
    previous = n;
  }

  return h('nav', { 'aria-label': 'Trang' }, h('ul', { class: 'pager' }, ...items));
}
