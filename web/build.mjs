// Copies the dashboard's third-party files from node_modules into src/marsad/web/static/vendor/.
// No bundler: the browser loads them as they ship. Run `npm ci && npm run build` in web/.
// Works offline once node_modules is installed; nothing is fetched here or in the browser.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "marsad", "web", "static", "vendor");

// [package, file inside the package, name under vendor/]
const FILES = [
  ["leaflet", "dist/leaflet.js", "leaflet.js"],
  ["leaflet", "dist/leaflet.css", "leaflet.css"],
  ["leaflet", "dist/images", "images"], // leaflet.css refers to images/… relative to itself
  ["leaflet", "LICENSE", "LICENSE.leaflet"],
  ["leaflet.markercluster", "dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
  ["leaflet.markercluster", "dist/MarkerCluster.css", "MarkerCluster.css"],
  ["leaflet.markercluster", "dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
  ["leaflet.markercluster", "MIT-LICENCE.txt", "LICENSE.leaflet.markercluster"],
  ["topojson-client", "dist/topojson-client.min.js", "topojson-client.min.js"],
  ["topojson-client", "LICENSE", "LICENSE.topojson-client"],
  // 1:50m Natural Earth: 0.75 MB, borders good enough to zoom to a governorate; 1:110m draws Syria's
  // coast and borders a few km off, 1:10m is 3.5 MB for detail the map does not need.
  ["world-atlas", "countries-50m.json", "countries-50m.json"],
  ["world-atlas", "LICENSE", "LICENSE.world-atlas"],
  // the API's /docs page (Swagger UI), served from here so that it works offline
  ["swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"],
  ["swagger-ui-dist", "swagger-ui.css", "swagger-ui/swagger-ui.css"],
  ["swagger-ui-dist", "favicon-32x32.png", "swagger-ui/favicon-32x32.png"],
  ["swagger-ui-dist", "LICENSE", "swagger-ui/LICENSE"],
];

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}

if (!existsSync(modules)) fail(`${modules} is missing: run \`npm ci\` in ${here} first`);

rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });

const versions = {};
for (const [pkg, file, target] of FILES) {
  const source = join(modules, pkg, file);
  if (!existsSync(source)) fail(`${relative(here, source)} not found (is ${pkg} installed at the version package.json asks for?)`);
  mkdirSync(dirname(join(vendor, target)), { recursive: true });
  cpSync(source, join(vendor, target), { recursive: true });
  if (!versions[pkg]) {
    versions[pkg] = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
  }
}

writeFileSync(
  join(vendor, "VERSIONS.json"),
  JSON.stringify({ note: "copied by web/build.mjs; do not edit", packages: versions }, null, 2) + "\n",
);

let bytes = 0;
let count = 0;
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) walk(path);
    else {
      bytes += st.size;
      count += 1;
    }
  }
})(vendor);
console.log(
  `build: ${count} files, ${(bytes / 1024).toFixed(0)} KiB -> ${relative(process.cwd(), vendor) || vendor}`,
);
for (const [pkg, version] of Object.entries(versions)) console.log(`  ${pkg} ${version}`);
