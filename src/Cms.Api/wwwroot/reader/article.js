// The article page as the old portal showed it: category and source, title, "Thứ ba - 10/10/2017 14:00", views,
// the body with its captioned photos, "Tác giả bài viết: …", the rating block, and newer/older articles.

import { element, make } from './dom.js';
import { ApiError, call, query } from './api.js';
import { byline, count, publishDate, publishTime, siteSettings } from './format.js';
import { coverPicture, showsCover } from './pictures.js';
import { followSession } from './session.js';

/** @typedef {import('./api.js').Article} Article */

const raterKey = 'cms.raterId';

/** An anonymous reader's own stable id, so rating again replaces the score instead of adding one. */
function raterId() {
  let id = localStorage.getItem(raterKey);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(raterKey, id);
  }

  return id;
}

/**
 * @param {number} totalPoints
 * @param {number} ratings
 */
function ratingSentence(totalPoints, ratings) {
  element('rating-sentence').textContent = `Tổng số điểm của bài viết là: ${totalPoints} trong ${ratings} đánh giá`;
}

/** @param {string} why */
function disableRating(why) {
  for (const star of element('stars').querySelectorAll('button')) {
    star.disabled = true;
  }

  element('rating-hint').textContent = why;
}

/** @param {number} score */
function markStars(score) {
  element('stars').querySelectorAll('button').forEach((star, i) => star.classList.toggle('on', i < score));
}

/** @param {Article} article */
function ratingBlock(article) {
  ratingSentence(article.rating.totalPoints, article.rating.count);
  const stars = element('stars');
  stars.replaceChildren();
  for (let score = 1; score <= 5; score++) {
    const star = /** @type {HTMLButtonElement} */ (make('button', '★'));
    star.type = 'button';
    star.title = `${score} sao`;
    star.setAttribute('aria-label', `${score} sao`);
    star.dataset.score = String(score);
    star.addEventListener('click', () => void rate(article, score));
    stars.append(star);
  }

  if (!article.allowRating) {
    disableRating('Bài viết này không nhận đánh giá.');
  }
}

/**
 * @param {Article} article
 * @param {number} score
 */
async function rate(article, score) {
  const hint = element('rating-hint');
  try {
    /** @type {import('./api.js').RatingResult} */
    const result = await call(`/articles/${article.id}/ratings`, { method: 'POST', body: { score, raterId: raterId() } });
    ratingSentence(result.totalPoints, result.count);
    markStars(result.yourScore);
    hint.textContent = `Bạn đã đánh giá ${result.yourScore} sao. Cảm ơn bạn!`;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'rating_disabled') {
      disableRating('Bài viết này không nhận đánh giá.');
    } else if (error instanceof ApiError && error.status === 429) {
      hint.textContent = `Bạn đánh giá quá nhanh. Thử lại sau ${error.retryAfterSeconds ?? 60} giây.`;
    } else {
      hint.textContent = 'Chưa gửi được đánh giá, xin thử lại.';
    }
  }
}

/**
 * @param {string} listId
 * @param {import('./api.js').ArticleListItem[]} articles
 * @param {string} timeZone
 */
function relatedList(listId, articles, timeZone) {
  const list = element(listId);
  list.replaceChildren(...articles.map((a) => {
    const li = make('li');
    const link = /** @type {HTMLAnchorElement} */ (make('a', a.title));
    link.href = `article.html${query({ slug: a.slug })}`;
    li.append(link);
    if (a.publishedAt) {
      li.append(' ', make('time', `(${publishDate(String(a.publishedAt), timeZone)})`));
    }

    return li;
  }));
  /** @type {HTMLElement} */ (list.parentElement).hidden = articles.length === 0;
}

/**
 * The body without the cover: editors often put the cover's photo in the text too, and it is shown above already.
 * Parsed in a template, whose content is inert, so a picture left out is never even fetched.
 * @param {Article} article
 */
function body(article) {
  const template = document.createElement('template');
  // The service sanitized the body when it was written (no scripts, handlers or javascript: links remain).
  template.innerHTML = article.body ?? '';
  const cover = article.coverImage;
  if (cover) {
    for (const img of template.content.querySelectorAll('img')) {
      if (showsCover(img.getAttribute('src') ?? '', cover)) {
        const figure = img.closest('figure');
        // The figure goes with its caption, unless it holds other pictures too.
        (figure && figure.querySelectorAll('img').length === 1 ? figure : img).remove();
      }
    }
  }

  return template.content;
}

/**
 * @param {Article} article
 * @param {string} timeZone
 */
function show(article, timeZone) {
  document.title = article.title;
  const kicker = element('kicker');
  kicker.replaceChildren();
  const category = article.categories[0];
  if (category) {
    const link = /** @type {HTMLAnchorElement} */ (make('a', category.name));
    link.id = 'category';
    link.href = `/reader/index.html${query({ category: category.slug })}`;
    kicker.append(link);
  }

  if (article.source) {
    const source = make('span', article.source);
    source.id = 'source';
    kicker.append(source);
  }

  element('title').textContent = article.title;
  element('published').textContent = article.publishedAt ? publishTime(String(article.publishedAt), timeZone) : '';
  element('views').textContent = count(article.viewCount);
  element('summary').textContent = article.summary ?? '';
  const cover = element('cover');
  cover.replaceChildren();
  if (article.coverImage) {
    cover.append(coverPicture(article.coverImage));
    if (article.coverImage.caption) {
      cover.append(make('figcaption', article.coverImage.caption));
    }
  }

  cover.hidden = !article.coverImage;
  element('body').replaceChildren(body(article));
  element('byline-names').textContent = byline(article.authors);
  ratingBlock(article);
  element('article').hidden = false;
}

/**
 * /reader/preview/{token}: the article as it will be, from its preview link (no session), under a banner naming the
 * link's expiry in the site's time zone. Nothing is counted or rated, and no neighbours are listed.
 * @param {string} token
 */
async function preview(token) {
  const { timeZone } = await siteSettings();
  const response = await fetch(`/api/v1/preview/${encodeURIComponent(token)}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    element('message').textContent = response.status === 410
      ? 'Liên kết xem trước đã hết hạn hoặc đã bị thu hồi.'
      : 'Không tìm thấy bản xem trước.';
    return;
  }

  /** @type {Article} */
  const article = await response.json();
  const expires = response.headers.get('Preview-Expires-At');
  element('preview-expires').textContent = expires ? publishTime(expires, timeZone) : '';
  element('preview-banner').hidden = false;
  show(article, timeZone);
  element('rating').hidden = true;
}

async function load() {
  const slug = new URLSearchParams(location.search).get('slug') ?? '';
  const { timeZone } = await siteSettings();
  /** @type {Article} */
  let article;
  try {
    // A former slug answers 301 to the current one; fetch follows it, and the address is updated to match.
    article = await call(`/articles/${encodeURIComponent(slug)}`);
  } catch (error) {
    element('message').textContent = error instanceof ApiError && error.status === 404
      ? 'Không tìm thấy bài viết.'
      : 'Không tải được bài viết, xin thử lại.';
    return;
  }

  if (article.slug !== slug) {
    history.replaceState(null, '', `article.html${query({ slug: article.slug })}`);
  }

  show(article, timeZone);
  // One view per page load; a lost view is not worth bothering the reader about.
  call(`/articles/${article.id}/views`, { method: 'POST', signedIn: false }).catch((e) => console.warn('view not counted', e));
  try {
    /** @type {import('./api.js').Related} */
    const related = await call(`/articles/${article.id}/related`);
    relatedList('newer', related.newer, timeZone);
    relatedList('older', related.older, timeZone);
  } catch {
    // The article stands without its neighbours.
  }
}

const previewToken = /^\/reader\/preview\/([^/]+)$/.exec(location.pathname)?.[1];
if (previewToken) {
  await preview(decodeURIComponent(previewToken));
} else {
  followSession();
  await load();
}
