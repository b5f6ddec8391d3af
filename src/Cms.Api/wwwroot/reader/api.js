// The reader's only door to Cms: plain fetch against /api/v1, typed by the types generated from the OpenAPI
// document (openapi/cms.v1.d.ts). A frontend team can lift this file as it is.

/** @typedef {import('cms-api').components['schemas']} Schemas */
/** @typedef {Schemas['ArticleResponse']} Article */
/** @typedef {Schemas['ArticleListItem']} ArticleListItem */
/** @typedef {Schemas['CoverImage']} CoverImage */
/** @typedef {Schemas['PagedListOfArticleResponse']} ArticlePage */
/** @typedef {Schemas['PagedListOfCategoryResponse']} CategoryPage */
/** @typedef {Schemas['RelatedArticles']} Related */
/** @typedef {Schemas['RatingResult']} RatingResult */
/** @typedef {Schemas['SessionResponse']} Session */
/** @typedef {Schemas['SessionEnvelope']} SessionEnvelope */
/** @typedef {Schemas['SignInResponse']} SignInResponse */
/** @typedef {Schemas['ProblemDetails']} Problem */

const base = '/api/v1';
const tokenKey = 'cms.token';

/** An answer that was not 2xx, with the problem+json the service sent (its `code` is stable). */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {Problem} problem
   * @param {number | null} retryAfterSeconds
   */
  constructor(status, problem, retryAfterSeconds) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem.code ?? '';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The session token lives in this tab only (sessionStorage), never in a URL. */
export const token = {
  /** @returns {string | null} */
  get: () => sessionStorage.getItem(tokenKey),
  /** @param {string} value */
  set: (value) => sessionStorage.setItem(tokenKey, value),
  clear: () => sessionStorage.removeItem(tokenKey),
};

/**
 * @template T
 * @param {string} path under /api/v1
 * @param {{ method?: string, body?: unknown, signedIn?: boolean }} [options]
 * @returns {Promise<T>}
 */
export async function call(path, options = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  const bearer = options.signedIn === false ? null : token.get();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }

  /** @type {RequestInit} */
  const init = { method: options.method ?? 'GET', headers };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  const response = await fetch(base + path, init);
  if (!response.ok) {
    /** @type {Problem} */
    let problem = { title: response.statusText };
    if ((response.headers.get('Content-Type') ?? '').includes('json')) {
      problem = await response.json();
    }

    const retryAfter = response.headers.get('Retry-After');
    throw new ApiError(response.status, problem, retryAfter === null ? null : Number(retryAfter));
  }

  if (bearer && !path.startsWith('/sessions')) {
    // A signed-in request slides the session's idle deadline; whoever shows it should read the new one.
    window.dispatchEvent(new Event('cms:activity'));
  }

  return response.status === 202 || response.status === 204 ? /** @type {T} */ (undefined) : response.json();
}

/**
 * @param {Record<string, string | number | boolean | null | undefined>} values
 * @returns {string} a query string (with its "?"), leaving out empty values
 */
export function query(values) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }

  const text = params.toString();
  return text ? `?${text}` : '';
}
