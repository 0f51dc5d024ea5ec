// Copies the few runtime files the web app loads from third_party/web/node_modules into
// web/vendor/: netrad serves web/, and node_modules (with the test tools) stays outside it.
// Run by `npm ci` here (postinstall) from scripts/install-deps.sh. web/vendor/ is not committed.
import { copyFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, '../../web');
const files = [
  ['chart.js/dist/chart.umd.min.js', 'chart.umd.min.js'],
  ['chart.js/LICENSE.md', 'chart.js.LICENSE.md'],
  ['leaflet/dist/leaflet-src.esm.js', 'leaflet-src.esm.js'],
  ['leaflet/dist/leaflet.css', 'leaflet.css'],
  ['leaflet/LICENSE', 'leaflet.LICENSE'],
];
const out = join(web, 'vendor');
mkdirSync(out, { recursive: true });
for (const [from, to] of files) {
  const src = join(here, 'node_modules', from);
  if (!existsSync(src)) {
    console.error(`netra web: ${from} missing from node_modules (run npm ci in third_party/web/)`);
    process.exit(1);
  }
  copyFileSync(src, join(out, to));
}
const images = join(here, 'node_modules/leaflet/dist/images');
mkdirSync(join(out, 'images'), { recursive: true });
for (const f of readdirSync(images)) copyFileSync(join(images, f), join(out, 'images', f));
