// A reference client for GET /api/v1/sync, typed from the generated types (../cms.v1.d.ts): copy it into an app.
// It follows nextToken while hasMore, applies each page to a store (the page and its token together, so a crash
// between pages resumes where it stopped), starts over on 410, and waits as told on 429 and 503 (Retry-After).
// The tests run it against the real service (tests/Cms.Api.Tests/Sync/SyncClientTests.cs, through cli.ts).
import createClient from "openapi-fetch";
import type { components, paths } from "cms-api";

export type Article = components["schemas"]["ArticleResponse"];
export type Category = components["schemas"]["CategoryResponse"];
export type Author = components["schemas"]["AuthorResponse"];
export type SyncMedia = components["schemas"]["SyncMedia"];
export type SyncPage = components["schemas"]["SyncResponse"];
/** With fields, items hold only the properties picked, and always id and version. */
export type SyncItem = Pick<Article, "id" | "version"> & Partial<Article>;

/** Where an app keeps what it synced. apply must save the page and its token together (one transaction). */
export interface SyncStore {
  /** The token to continue from; null before the first sync or after reset. */
  token(): Promise<string | null>;
  /** Stores items, categories and authors, removes the deleted ones, and keeps nextToken, all at once. */
  apply(page: SyncPage): Promise<void>;
  /** Forgets everything: the service said to start over (410). */
  reset(): Promise<void>;
}

/** A store in memory: what an app would keep in SQLite or IndexedDB. */
export class MemoryStore implements SyncStore {
  readonly articles = new Map<string, SyncItem>();
  readonly categories = new Map<string, Category>();
  readonly authors = new Map<string, Author>();
  /** Pictures by id, each with the renditions to fetch for reading offline. */
  readonly media = new Map<string, SyncMedia>();
  private nextToken: string | null = null;

  token(): Promise<string | null> {
    return Promise.resolve(this.nextToken);
  }

  apply(page: SyncPage): Promise<void> {
    // Removals first: an id is never in both lists of one page, so the order only matters for clarity.
    page.deleted.forEach((id) => this.articles.delete(id));
    page.deletedCategories.forEach((id) => this.categories.delete(id));
    page.deletedAuthors.forEach((id) => this.authors.delete(id));
    (page.items as SyncItem[]).forEach((item) => this.articles.set(item.id, item));
    page.categories.forEach((category) => this.categories.set(category.id, category));
    page.authors.forEach((author) => this.authors.set(author.id, author));
    page.media.forEach((picture) => this.media.set(picture.id, picture));
    this.nextToken = page.nextToken;
    return Promise.resolve();
  }

  reset(): Promise<void> {
    this.articles.clear();
    this.categories.clear();
    this.authors.clear();
    this.media.clear();
    this.nextToken = null;
    return Promise.resolve();
  }
}

export interface SyncOptions {
  baseUrl: string;
  store: SyncStore;
  /** One category (id or slug) and everything under it; the same for the store's whole life (a token is bound to it). */
  category?: string;
  /** Article properties to keep, comma-separated (id and version always come); the same for the store's whole life. */
  fields?: string;
  /** Entries a page, 1..500. */
  limit?: number;
  /** Tries of one page on 429, 503 or a network error before giving up. */
  maxAttempts?: number;
  fetch?: typeof globalThis.fetch;
  /** How to wait; tests pass their own. */
  sleep?: (milliseconds: number) => Promise<void>;
}

/** What one sync did. */
export interface SyncOutcome {
  pages: number;
  restarted: boolean;
}

/** The service refused the request for good (400: a bad token or filter). */
export class SyncError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, detail: string | undefined) {
    super(`sync failed: ${status} ${code ?? ""} ${detail ?? ""}`.trim());
  }
}

/** Seconds or an HTTP date, as Retry-After may say; null when absent or unreadable. */
export function retryAfterMilliseconds(header: string | null, now = Date.now()): number | null {
  if (!header) {
    return null;
  }

  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }

  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class SyncClient {
  private readonly api;
  private readonly sleep: (milliseconds: number) => Promise<void>;

  constructor(private readonly options: SyncOptions) {
    this.api = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
    this.sleep = options.sleep ?? ((milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)));
  }

  /** Brings the store up to date: pages until hasMore is false. Safe to call again at any time (it resumes from the token). */
  async sync(): Promise<SyncOutcome> {
    const { store } = this.options;
    let pages = 0;
    let restarted = false;
    for (;;) {
      const token = await store.token();
      const page = await this.page(token);
      if (page === "expired") {
        // The token is older than the service keeps deletions: what the store holds can no longer be corrected.
        await store.reset();
        restarted = true;
        continue;
      }

      await store.apply(page);
      pages++;
      if (!page.hasMore) {
        return { pages, restarted };
      }
    }
  }

  private async page(token: string | null): Promise<SyncPage | "expired"> {
    const { category, fields, limit } = this.options;
    const maxAttempts = this.options.maxAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      let wait: number | null;
      try {
        const { data, error, response } = await this.api.GET("/api/v1/sync", {
          params: { query: { token: token ?? undefined, limit, category, fields } },
        });
        if (data) {
          return data;
        }

        if (response.status === 410) {
          return "expired";
        }

        if (response.status !== 429 && response.status !== 503) {
          const problem = error as { code?: string; detail?: string } | undefined;
          throw new SyncError(response.status, problem?.code, problem?.detail);
        }

        wait = retryAfterMilliseconds(response.headers.get("Retry-After"));
      } catch (e) {
        if (e instanceof SyncError || attempt >= maxAttempts) {
          throw e;
        }

        wait = null;
      }

      if (attempt >= maxAttempts) {
        throw new SyncError(503, "unavailable", `gave up after ${attempt} tries`);
      }

      // As long as Retry-After says; without it 1 s, 2 s, 4 s ... up to a minute, with jitter so devices do not return together.
      await this.sleep(wait ?? Math.min(60_000, 1000 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
    }
  }
}
