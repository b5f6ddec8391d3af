// Every operation of the API through openapi-fetch and the generated types: an example to copy from, and a check.
// tsc compiles it in the test suite (tests/Cms.Api.Tests/Reader/TypedClientTests.cs), so a type that does not match
// what the service takes or answers fails the build; a test also checks that no operation of cms.v1.json is missing.
// It is never run against a service: it only has to type-check.
import createClient from "openapi-fetch";
import type { components, paths } from "cms-api";

type Article = components["schemas"]["ArticleResponse"];
type ArticleListItem = components["schemas"]["ArticleListItem"];

const api = createClient<paths>({ baseUrl: "http://localhost:5080" });
const mergePatch = { "Content-Type": "application/merge-patch+json" };

export async function readerPages(): Promise<void> {
  // Lists: numbered pages for a pager, cursors for infinite scroll. Items have no body.
  const list = await api.GET("/api/v1/articles", { params: { query: { q: "khoa giao", pageSize: 10, sort: "relevance" } } });
  const first: ArticleListItem | undefined = list.data?.items[0];
  // @ts-expect-error list items carry no body: read the article for it.
  void first?.body;
  const next = await api.GET("/api/v1/articles", { params: { query: { cursor: list.data?.nextCursor ?? undefined, includeTotal: false } } });
  void next.data?.items.length;
  // @ts-expect-error query parameters are camelCase.
  await api.GET("/api/v1/articles", { params: { query: { PageSize: 10 } } });
  // @ts-expect-error sort takes one of the listed orders.
  await api.GET("/api/v1/articles", { params: { query: { sort: "newest" } } });

  // One article by slug; If-None-Match with the ETag you hold answers 304.
  const one = await api.GET("/api/v1/articles/{idOrSlug}", {
    params: { path: { idOrSlug: "ban-tuyen-giao-tinh-uy-giao-ban-cong-tac-khoa-giao-9-thang-nam-2017" }, header: { "If-None-Match": '"1"' } },
  });
  const article: Article | undefined = one.data;
  const body: string | undefined = article?.body;
  const rated: number = article?.rating.totalPoints ?? 0;
  void [body, rated, article?.seo.noIndex];

  const id = article?.id ?? "";
  await api.GET("/api/v1/articles/{idOrSlug}/related", { params: { path: { idOrSlug: id } } });
  await api.POST("/api/v1/articles/{id}/views", { params: { path: { id } } });
  await api.GET("/api/v1/articles/{id}/ratings", { params: { path: { id } } });
  const rating = await api.POST("/api/v1/articles/{id}/ratings", { params: { path: { id } }, body: { score: 4, raterId: crypto.randomUUID() } });
  void rating.data?.yourScore;

  await api.GET("/api/v1/authors", { params: { query: { page: 1 } } });
  await api.GET("/api/v1/authors/{idOrSlug}", { params: { path: { idOrSlug: "hong-phai" } } });
  await api.GET("/api/v1/authors/{idOrSlug}/articles", { params: { path: { idOrSlug: "hong-phai" }, query: { pageSize: 5 } } });
  await api.GET("/api/v1/categories", {});
  await api.GET("/api/v1/categories/{idOrSlug}", { params: { path: { idOrSlug: "khoa-giao" } } });

  // Feeds and sitemaps are XML: read them as text.
  await api.GET("/api/v1/feeds/rss", { params: { query: { category: "khoa-giao" } }, parseAs: "text" });
  await api.GET("/api/v1/feeds/atom", { parseAs: "text" });
  await api.GET("/api/v1/sitemaps/index.xml", { parseAs: "text" });
  await api.GET("/api/v1/sitemaps/articles-{n}.xml", { params: { path: { n: "1" } }, parseAs: "text" });
  await api.GET("/api/v1/sitemaps/news.xml", { parseAs: "text" });

  // A media item's url, as a card's 400x225 crop in the best format the client takes.
  const photo = await api.GET("/media/{id}/{fileName}", {
    params: { path: { id: crypto.randomUUID(), fileName: "anh-hoi-nghi.jpg" }, query: { w: 400, h: 225, fit: "cover", format: "auto" } },
    parseAs: "blob",
  });
  void photo.data?.size;
}

export async function offlineSync(token: string | null): Promise<string | undefined> {
  // openapi/sync-client/ has a whole client (store, restarts, Retry-After); this is one call.
  const page = await api.GET("/api/v1/sync", { params: { query: { token: token ?? undefined, limit: 100, category: "khoa-giao", fields: "title,body" } } });
  if (page.response.status === 410) {
    return offlineSync(null);
  }

  for (const item of page.data?.items ?? []) {
    void item.body;
  }

  const menu: string[] = (page.data?.categories ?? []).map((c) => c.name);
  const bylines: string[] = (page.data?.authors ?? []).map((a) => a.name);
  const toFetch: string[] = (page.data?.media ?? []).flatMap((m) => m.renditions);
  void [menu, bylines, toFetch, page.data?.deletedCategories, page.data?.deletedAuthors];

  return page.data?.nextToken;
}

export async function newsroom(username: string, password: string): Promise<void> {
  const signIn = await api.POST("/api/v1/sessions", { body: { username, password } });
  if (signIn.error) {
    // Errors are problem+json with a stable code.
    const code: string | null | undefined = signIn.error.code;
    void code;
    return;
  }

  const auth = { Authorization: `Bearer ${signIn.data.token}` };
  await api.GET("/api/v1/sessions/current", { headers: auth });
  await api.POST("/api/v1/sessions/current/keep-alive", { headers: auth });
  const me = await api.GET("/api/v1/users/me", { headers: auth });
  await api.GET("/api/v1/users/{id}", { params: { path: { id: me.data?.id ?? "" } }, headers: auth });
  const lan = await api.POST("/api/v1/users", { body: { username: "lan", password: "mat-khau-dai-hon-10", displayName: "Ngọc Lan", role: "author" }, headers: auth });
  const lanId = lan.data?.id ?? "";
  const editors = await api.GET("/api/v1/users", { params: { query: { q: "ngoc lan", role: "editor", page: 1, pageSize: 20 } }, headers: auth });
  void editors.data?.total;
  const promoted = await api.PATCH("/api/v1/users/{id}", { params: { path: { id: lanId } }, body: { role: "editor" }, headers: { ...auth, ...mergePatch } });
  if (promoted.error?.code === "last_admin") {
    return;
  }
  const reset = await api.POST("/api/v1/users/{id}/password-reset", { params: { path: { id: lanId } }, headers: auth });
  const newPassword: string | undefined = reset.data?.password;
  void newPassword;

  const author = await api.POST("/api/v1/authors", { body: { name: "Hồng Phái", organization: "BTG" }, headers: auth });
  const authorId = author.data?.id ?? "";
  const category = await api.POST("/api/v1/categories", { body: { name: "Khoa giáo" }, headers: auth });
  const categoryId = category.data?.id ?? "";

  // Create needs a title and authors; the rest default.
  const created = await api.POST("/api/v1/articles", { body: { title: "Giao ban công tác Khoa giáo", authorIds: [authorId] }, headers: auth });
  const article = created.data;
  if (!article) {
    return;
  }

  // @ts-expect-error create needs authorIds.
  await api.POST("/api/v1/articles", { body: { title: "Không có tác giả" }, headers: auth });

  // PATCH changes what it names; If-Match with the version read refuses to overwrite someone else's save (412).
  const etag = `"${article.version}"`;
  const patched = await api.PATCH("/api/v1/articles/{idOrSlug}", {
    params: { path: { idOrSlug: article.id }, header: { "If-Match": etag } },
    body: { coverImage: { caption: "Ảnh: Hồng Phái" }, seo: { noIndex: true } },
    headers: { ...auth, ...mergePatch },
  });
  const current = patched.data ?? article;

  // PUT replaces the whole article: every writable property is required.
  await api.PUT("/api/v1/articles/{idOrSlug}", {
    params: { path: { idOrSlug: current.id }, header: { "If-Match": `"${current.version}"` } },
    body: {
      title: current.title, slug: current.slug, summary: current.summary, body: current.body, coverImage: null, status: "published",
      publishAt: null, expiresAt: null, source: current.source, authorIds: [authorId], categoryIds: [categoryId], tags: ["khoa giáo"],
      allowRating: true, seo: null,
    },
    headers: auth,
  });
  // @ts-expect-error a PUT body must name every writable property.
  await api.PUT("/api/v1/articles/{idOrSlug}", { params: { path: { idOrSlug: current.id } }, body: { title: "Chỉ có tiêu đề", authorIds: [authorId] }, headers: auth });

  await api.PUT("/api/v1/authors/{idOrSlug}", {
    params: { path: { idOrSlug: authorId } }, body: { name: "Hồng Phái", slug: null, organization: "BTG", bio: null, avatarUrl: null }, headers: auth,
  });
  await api.PATCH("/api/v1/authors/{idOrSlug}", { params: { path: { idOrSlug: authorId } }, body: { bio: "Phóng viên" }, headers: { ...auth, ...mergePatch } });
  await api.PUT("/api/v1/categories/{idOrSlug}", {
    params: { path: { idOrSlug: categoryId } }, body: { name: "Khoa giáo", slug: null, description: null, parentId: null }, headers: auth,
  });
  await api.PATCH("/api/v1/categories/{idOrSlug}", { params: { path: { idOrSlug: categoryId } }, body: { description: "Giáo dục" }, headers: { ...auth, ...mergePatch } });

  // Photos: upload as multipart/form-data (the type is decided from the bytes), then name the item as the cover.
  const picture = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: "image/jpeg" });
  const uploaded = await api.POST("/api/v1/media", {
    body: { file: "", alt: "Quang cảnh Hội nghị", credit: "Ảnh: Hồng Phái" },
    bodySerializer: (fields) => {
      const form = new FormData();
      form.append("file", picture, "quang-canh-hoi-nghi.jpg");
      for (const [name, value] of Object.entries(fields)) {
        if (name !== "file" && typeof value === "string") form.append(name, value);
      }
      return form;
    },
    headers: auth,
  });
  const mediaId = uploaded.data?.id ?? "";
  await api.PATCH("/api/v1/articles/{idOrSlug}", {
    params: { path: { idOrSlug: article.id } }, body: { coverImage: { mediaId, url: null } }, headers: { ...auth, ...mergePatch },
  });
  await api.GET("/api/v1/media", { params: { query: { q: "hoi nghi", contentType: "image/jpeg" } }, headers: auth });
  await api.GET("/api/v1/media/{id}", { params: { path: { id: mediaId } }, headers: auth });
  const usage = await api.GET("/api/v1/media/{id}/usage", { params: { path: { id: mediaId } }, headers: auth });
  const usedAs: ("cover" | "body")[] | string[] | undefined = usage.data?.items[0]?.as;
  void usedAs;
  await api.PUT("/api/v1/media/{id}", {
    params: { path: { id: mediaId } }, body: { alt: "Quang cảnh Hội nghị", caption: null, credit: null, focalPoint: { x: 0.5, y: 0.4 }, public: false },
    headers: auth,
  });
  await api.PATCH("/api/v1/media/{id}", { params: { path: { id: mediaId } }, body: { public: true }, headers: { ...auth, ...mergePatch } });

  // Webhooks (admin): the secret comes once, at creation and rotation; deliveries are Standard Webhooks POSTs (docs/webhooks.md).
  const hook = await api.POST("/api/v1/webhooks", {
    body: { url: "https://build.baolaichau.vn/hooks/cms", events: ["article.published", "article.updated", "article.unpublished", "article.deleted"],
      description: "Rebuilds the static site", enabled: true },
    headers: auth,
  });
  const webhookId = hook.data?.webhook.id ?? "";
  const signingSecret: string | undefined = hook.data?.secret;
  await api.GET("/api/v1/webhooks", { params: { query: { page: 1, pageSize: 20 } }, headers: auth });
  await api.GET("/api/v1/webhooks/{id}", { params: { path: { id: webhookId } }, headers: auth });
  await api.PUT("/api/v1/webhooks/{id}", {
    params: { path: { id: webhookId } },
    body: { url: "https://build.baolaichau.vn/hooks/cms", events: ["article.published"], description: null, enabled: true },
    headers: auth,
  });
  await api.PATCH("/api/v1/webhooks/{id}", { params: { path: { id: webhookId } }, body: { enabled: false }, headers: { ...auth, ...mergePatch } });
  const rotated = await api.POST("/api/v1/webhooks/{id}/rotate-secret", { params: { path: { id: webhookId } }, headers: auth });
  console.log(signingSecret !== rotated.data?.secret);
  const ping = await api.POST("/api/v1/webhooks/{id}/ping", { params: { path: { id: webhookId } }, headers: auth });
  const log = await api.GET("/api/v1/webhooks/{id}/deliveries", { params: { path: { id: webhookId }, query: { pageSize: 20 } }, headers: auth });
  const failed = log.data?.items.find((d) => d.status !== "delivered" && d.eventId === ping.data?.eventId);
  if (failed) {
    await api.POST("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", {
      params: { path: { id: webhookId, deliveryId: failed.id } }, headers: auth,
    });
  }
  await api.DELETE("/api/v1/webhooks/{id}", { params: { path: { id: webhookId } }, headers: auth });

  await api.DELETE("/api/v1/articles/{idOrSlug}", { params: { path: { idOrSlug: article.id } }, headers: auth });
  await api.DELETE("/api/v1/media/{id}", { params: { path: { id: mediaId } }, headers: auth });
  await api.DELETE("/api/v1/categories/{idOrSlug}", { params: { path: { idOrSlug: categoryId } }, headers: auth });
  await api.DELETE("/api/v1/authors/{idOrSlug}", { params: { path: { idOrSlug: authorId } }, headers: auth });
  await api.DELETE("/api/v1/sessions/current", { headers: auth });
}

// An admin makes a lasting token for the frontend's build server, which reads drafts with it; the admin revokes it later.
export async function buildServerToken(adminSessionToken: string): Promise<void> {
  const admin = { Authorization: `Bearer ${adminSessionToken}` };
  const made = await api.POST("/api/v1/api-tokens", { body: { name: "Build server (frontend)", scopes: ["content:read"], expiresInDays: 90 }, headers: admin });
  // Shown this once: store it in the build server's secrets now. It starts with cms_pat_ so secret scanners find a leaked one.
  const token: string | undefined = made.data?.token;
  const expiresAt: string | null | undefined = made.data?.apiToken.expiresAt;
  void expiresAt;

  const build = { Authorization: `Bearer ${token ?? ""}` };
  const drafts = await api.GET("/api/v1/articles", { params: { query: { status: "draft", pageSize: 100 } }, headers: build });
  if (drafts.response.status === 401) {
    // token_expired: revoked or past expiresAt; ask an admin for a new one.
    void drafts.error?.code;
  }

  const listed = await api.GET("/api/v1/api-tokens", { params: { query: { pageSize: 50 } }, headers: admin });
  for (const item of listed.data?.items ?? []) {
    // @ts-expect-error lists never show the token itself.
    void item.token;
    void item.lastUsedAt;
  }

  await api.DELETE("/api/v1/api-tokens/{id}", { params: { path: { id: made.data?.apiToken.id ?? "" } }, headers: admin });
}

export async function fixALiveStory(token: string, id: string): Promise<void> {
  const auth = { Authorization: `Bearer ${token}` };
  // The fix is saved as pending changes: readers keep the live story meanwhile.
  const live = await api.GET("/api/v1/articles/{idOrSlug}", { params: { path: { idOrSlug: id } }, headers: auth });
  // Present only for whoever may edit it; anonymous answers never carry it.
  const hasPending: boolean | null | undefined = live.data?.hasPendingChanges;
  void hasPending;
  const pending = await api.PATCH("/api/v1/articles/{id}/pending", {
    params: { path: { id }, header: { "If-Match": `"${live.data?.version ?? 0}"` } },
    body: { title: "Giao ban công tác Khoa giáo 9 tháng đầu năm 2017" },
    headers: { ...auth, ...mergePatch },
  });
  const whole = pending.data;
  if (whole) {
    await api.PUT("/api/v1/articles/{id}/pending", {
      params: { path: { id } },
      body: {
        title: whole.title, slug: whole.slug, summary: whole.summary, body: whole.body, coverImage: null, status: "published", publishAt: whole.publishAt,
        expiresAt: null, source: whole.source, authorIds: whole.authors.map((a) => a.id), categoryIds: [], tags: whole.tags, allowRating: true, seo: null,
      },
      headers: auth,
    });
  }

  // Shown to a colleague without an account, then published, or dropped.
  const link = await api.POST("/api/v1/articles/{id}/preview-links", { params: { path: { id } }, headers: auth });
  const shareable: string | undefined = link.data?.url;
  const preview = await api.GET("/api/v1/preview/{token}", { params: { path: { token: link.data?.token ?? "" } } });
  if (preview.response.status === 410) {
    void shareable;
  }

  await api.DELETE("/api/v1/articles/{id}/preview-links", { params: { path: { id } }, headers: auth });
  const current = await api.GET("/api/v1/articles/{id}/pending", { params: { path: { id } }, headers: auth });
  await api.POST("/api/v1/articles/{id}/pending/publish", {
    params: { path: { id }, header: { "If-Match": `"${current.data?.version ?? 0}"` } }, headers: auth,
  });
  await api.DELETE("/api/v1/articles/{id}/pending", { params: { path: { id } }, headers: auth });

  // Any earlier revision can be read and brought back (itself a new revision, so it can be undone).
  const history = await api.GET("/api/v1/articles/{id}/revisions", { params: { path: { id }, query: { pageSize: 20 } }, headers: auth });
  const oldest = history.data?.items.at(-1);
  const changed: string[] = oldest?.changed ?? [];
  void changed;
  const version = oldest?.version ?? 1;
  await api.GET("/api/v1/articles/{id}/revisions/{version}", { params: { path: { id, version } }, headers: auth });
  const restored = await api.POST("/api/v1/articles/{id}/revisions/{version}/restore", {
    params: { path: { id, version }, header: { "If-Match": `"${current.data?.version ?? 0}"` } }, headers: auth,
  });
  void restored.data?.version;

  // A deleted story is kept a while and can come back as a draft.
  const deleted = await api.GET("/api/v1/articles/deleted", { params: { query: { page: 1 } }, headers: auth });
  for (const gone of deleted.data?.items ?? []) {
    void gone.keptUntil;
  }

  await api.POST("/api/v1/articles/{id}/undelete", { params: { path: { id } }, headers: auth });
}
