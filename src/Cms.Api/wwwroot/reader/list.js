// The article list: newest first, a category filter, a search box (accents optional), numbered pages.
// Its state is the address (?q=&category=&page=), so links, reloads and the back button just work.

import { element, make } from './dom.js';
import { ApiError, call, query } from './api.js';
import { count, publishTime, siteSettings } from './format.js';
import { thumbnail } from './pictures.js';
import { followSession } from './session.js';

const pageSize = 10;
const listFields = 'id,slug,title,summary,publishedAt,categories,viewCount,coverImage';

const params = new URLSearchParams(location.search);
const state = {
  q: (params.get('q') ?? '').trim(),
  category: params.get('category') ?? '',
  page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
};

/** @param {{ q?: string, category?: string, page?: number }} change */
function href(change) {
  const next = { ...state, ...change };
  return `index.html${query({ q: next.q, category: next.category, page: next.page > 1 ? next.page : null })}`;
}

async function loadCategories() {
  const select = /** @type {HTMLSelectElement} */ (element('category'));
  /** @type {import('./api.js').CategoryPage} */
  let categories;
  try {
    categories = await call(`/categories${query({ pageSize: 100 })}`);
  } catch {
    return; // the list still works without the filter
  }

  for (const category of categories.items) {
    const option = /** @type {HTMLOptionElement} */ (make('option', category.name));
    option.value = category.slug;
    option.selected = category.slug === state.category;
    select.append(option);
  }
}

/**
 * @param {import('./api.js').ArticleListItem} article
 * @param {string} timeZone
 */
function item(article, timeZone) {
  const li = make('li', undefined, 'article-item');
  if (article.coverImage) {
    li.append(thumbnail(article.coverImage));
  }

  const link = /** @type {HTMLAnchorElement} */ (make('a', article.title, 'article-title'));
  link.href = `article.html${query({ slug: article.slug })}`;
  const meta = make('p', undefined, 'meta');
  const category = article.categories[0];
  if (category) {
    const categoryLink = /** @type {HTMLAnchorElement} */ (make('a', category.name, 'category'));
    categoryLink.href = href({ category: category.slug, page: 1, q: '' });
    meta.append(categoryLink, ' · ');
  }

  if (article.publishedAt) {
    meta.append(make('time', publishTime(String(article.publishedAt), timeZone)), ' · ');
  }

  meta.append(`${count(article.viewCount)} lượt xem`);
  li.append(link, meta);
  if (article.summary) {
    li.append(make('p', article.summary, 'summary'));
  }

  return li;
}

/**
 * Numbered pages around the current one, with the first and the last always in reach.
 * @param {number} total
 */
function pager(total) {
  const nav = element('pager');
  nav.replaceChildren();
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) {
    return;
  }

  const shown = new Set([1, pages]);
  for (let p = state.page - 2; p <= state.page + 2; p++) {
    if (p >= 1 && p <= pages) {
      shown.add(p);
    }
  }

  let previous = 0;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - previous > 1) {
      nav.append(make('span', '…', 'gap'));
    }

    const link = /** @type {HTMLAnchorElement} */ (make('a', String(p), 'page'));
    link.href = href({ page: p });
    if (p === state.page) {
      link.setAttribute('aria-current', 'page');
    }

    nav.append(link);
    previous = p;
  }
}

async function loadArticles() {
  const { timeZone } = await siteSettings();
  const list = element('articles');
  const summary = element('summary');
  try {
    /** @type {import('./api.js').ArticlePage} */
    const page = await call(`/articles${query({
      q: state.q,
      category: state.category,
      sort: state.q ? 'relevance' : null,
      page: state.page,
      pageSize,
      fields: listFields,
    })}`);
    list.replaceChildren(...page.items.map((a) => item(a, timeZone)));
    const total = page.total ?? page.items.length;
    summary.textContent = total === 0
      ? 'Không tìm thấy bài viết nào.'
      : state.q ? `${count(total)} bài viết cho “${state.q}”` : `${count(total)} bài viết`;
    pager(total);
  } catch (error) {
    list.replaceChildren();
    summary.textContent = error instanceof ApiError && error.status === 400
      ? `Yêu cầu không hợp lệ: ${error.message}`
      : 'Không tải được danh sách bài viết, xin thử lại.';
  }
}

/** @type {HTMLInputElement} */ (element('q')).value = state.q;
followSession();
await Promise.all([loadCategories(), loadArticles()]);
