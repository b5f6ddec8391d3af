// How the reference client waits, without a service: a fetch that answers 503 and 429 (with Retry-After in seconds
// and as a date), fails once on the network, then answers a page. Exits non-zero when the client waits otherwise.
// Run by tests/Cms.Api.Tests/Sync/SyncClientTests.cs (node dist/retry-check.js).
import { MemoryStore, SyncClient, SyncError, type SyncPage } from "./sync-client.js";

const page: SyncPage = { items: [], media: [], deleted: [], categories: [], deletedCategories: [], authors: [], deletedAuthors: [], nextToken: "t1", hasMore: false };
const now = Date.now();
const answers: (() => Response)[] = [
  () => new Response(null, { status: 503, headers: { "Retry-After": "2" } }),
  () => new Response(null, { status: 429, headers: { "Retry-After": new Date(now + 60_000).toUTCString() } }),
  () => { throw new TypeError("fetch failed"); },
  () => Response.json(page),
];
const waits: number[] = [];
const client = new SyncClient({
  baseUrl: "http://127.0.0.1:9",
  store: new MemoryStore(),
  fetch: () => Promise.resolve().then(() => answers.shift()!()),
  sleep: (milliseconds) => { waits.push(milliseconds); return Promise.resolve(); },
});

const failures: string[] = [];
const outcome = await client.sync();
if (outcome.pages !== 1) failures.push(`pages ${outcome.pages}`);
if (waits[0] !== 2000) failures.push(`Retry-After: 2 waited ${waits[0]} ms`);
if (!(waits[1] > 55_000 && waits[1] <= 60_000)) failures.push(`Retry-After as a date waited ${waits[1]} ms`);
if (!(waits[2] >= 1_000 && waits[2] <= 4_000)) failures.push(`a network error waited ${waits[2]} ms`);

// A refusal (400) is not retried: the app has a bug to fix, or a filter it changed without starting over.
const refusing = new SyncClient({
  baseUrl: "http://127.0.0.1:9",
  store: new MemoryStore(),
  fetch: () => Promise.resolve(Response.json({ status: 400, code: "invalid_sync_token" }, { status: 400, headers: { "Content-Type": "application/problem+json" } })),
  sleep: () => Promise.reject(new Error("slept on a 400")),
});
try {
  await refusing.sync();
  failures.push("a 400 did not throw");
} catch (e) {
  if (!(e instanceof SyncError) || e.code !== "invalid_sync_token") failures.push(`a 400 threw ${String(e)}`);
}

if (failures.length > 0) {
  console.error(failures.join("\n"));
  process.exit(1);
}

console.log("ok");
