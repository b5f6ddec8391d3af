// The reference client driven line by line, for the tests (tests/Cms.Api.Tests/Sync/SyncClientTests.cs):
//   node dist/cli.js <baseUrl> [category] [fields] [limit]
// reads commands on stdin, one a line: "sync" (answers {"pages","restarted"}), "store" (answers what the store holds:
// ids with versions), "token <t>" (sets the stored token, to test how a client recovers), "quit". One JSON line each.
import { createInterface } from "node:readline";
import { MemoryStore, SyncClient } from "./sync-client.js";

const [baseUrl, category, fields, limit] = process.argv.slice(2);
const store = new MemoryStore();
const client = new SyncClient({
  baseUrl,
  store,
  category: category || undefined,
  fields: fields || undefined,
  limit: limit ? Number(limit) : undefined,
  // Tests wait for nobody: Retry-After is honoured in milliseconds instead of seconds.
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds / 1000)),
});

const versions = <T extends { id: string; version: number }>(entries: Iterable<T>) =>
  Object.fromEntries([...entries].map((entry) => [entry.id, entry.version]));

for await (const line of createInterface({ input: process.stdin })) {
  const [command, argument] = line.split(" ");
  try {
    if (command === "sync") {
      console.log(JSON.stringify(await client.sync()));
    } else if (command === "store") {
      console.log(JSON.stringify({
        articles: versions(store.articles.values()),
        categories: versions(store.categories.values()),
        authors: versions(store.authors.values()),
        media: Object.fromEntries([...store.media.values()].map((m) => [m.id, m.renditions])),
        token: await store.token(),
      }));
    } else if (command === "token") {
      await store.apply({ items: [], media: [], deleted: [], categories: [], deletedCategories: [], authors: [], deletedAuthors: [], nextToken: argument, hasMore: false });
      console.log(JSON.stringify({ ok: true }));
    } else if (command === "quit") {
      break;
    } else {
      console.log(JSON.stringify({ error: `unknown command ${command}` }));
    }
  } catch (e) {
    console.log(JSON.stringify({ error: String(e) }));
  }
}
