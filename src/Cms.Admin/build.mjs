// Bundles the newsroom into the service's static files (src/Cms.Api/wwwroot/admin): one script, one stylesheet,
// the page. Everything the browser loads comes from this service; nothing is fetched from another host.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../Cms.Api/wwwroot/admin');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'src/main.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  outfile: path.join(out, 'app.js'),
  logLevel: 'warning',
});
await copyFile(path.join(here, 'index.html'), path.join(out, 'index.html'));
await copyFile(path.join(here, 'admin.css'), path.join(out, 'admin.css'));
