"""Physical geography for the map: seas, lakes and rivers from data/geo/water.geojson (Natural Earth, public domain).

The file is made by data/geo/make_water.mjs (see data/geo/README.md). Here it is only read and checked: every feature
needs an id, a name, a kind and a geometry of the kind's type in longitude/latitude degrees; a bad feature is refused
with its number and the reason, and the others still load.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from .records import Reject, _decode, _short

WATER_FILE = ("geo", "water.geojson")
POLYGON_KINDS = ("sea", "lake", "reservoir")
LINE_KINDS = ("river",)
WATER_KINDS = POLYGON_KINDS + LINE_KINDS
MAX_VERTICES = 20_000  # the whole region holds ~2,000; more means a wrong (unsimplified) file
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


def water_path(data_dir: Path) -> Path:
    return Path(data_dir).joinpath(*WATER_FILE)


def read_water(path: Path, rel: str) -> tuple[list[dict[str, Any]], list[Reject]]:
    """A GeoJSON FeatureCollection of named water bodies -> rows of the `water` table, and what was refused."""
    text, problem = _decode(path, rel)
    if problem:
        return [], [problem]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [Reject(rel, exc.lineno, None, None, None, f"the GeoJSON cannot be read: {exc.msg}; no water was loaded")]
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        return [], [Reject(rel, 1, None, None, None, "the file must be a GeoJSON FeatureCollection; no water was loaded")]
    rows, rejects, seen, vertices = [], [], set(), 0
    for number, feature in enumerate(data["features"], start=1):
        row, problem = _water_row(feature, number, rel)
        if problem is None and row["id"] in seen:
            problem = Reject(rel, None, row["id"], "id", row["id"], f"feature {number}: the id is used by an earlier feature")
        if problem is None:
            vertices += row.pop("vertices")
            if vertices > MAX_VERTICES:
                rejects.append(Reject(rel, None, row["id"], "geometry", None,
                                      f"feature {number}: the file holds more than {MAX_VERTICES:,} vertices; simplify it "
                                      "(make water) — the rest was not loaded"))
                break
            seen.add(row["id"])
            rows.append(row)
        else:
            rejects.append(problem)
    return rows, rejects


def _water_row(feature: Any, number: int, rel: str) -> tuple[dict[str, Any] | None, Reject | None]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, Reject(rel, None, None, None, None, f"feature {number}: not a GeoJSON Feature")
    props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    ident = feature.get("id", props.get("id"))
    where = f"feature {number}"

    def refuse(field: str, value: Any, reason: str):
        return None, Reject(rel, None, ident if isinstance(ident, str) else None, field, _short(value), f"{where}: {reason}")

    if not isinstance(ident, str) or not ID.match(ident):
        return refuse("id", ident, "the id must be a lower-case slug (letters, digits, '-')")
    name = props.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        return refuse("name", name, "every water feature needs a name (at most 200 characters): the map names it on hover")
    kind = props.get("kind")
    if kind not in WATER_KINDS:
        return refuse("kind", kind, "kind must be one of " + ", ".join(WATER_KINDS))
    geometry = feature.get("geometry")
    types = ("Polygon", "MultiPolygon") if kind in POLYGON_KINDS else ("LineString", "MultiLineString")
    if not isinstance(geometry, dict) or geometry.get("type") not in types:
        return refuse("geometry", geometry.get("type") if isinstance(geometry, dict) else geometry,
                      f"a {kind} must be a {' or '.join(types)}")
    count = _count_vertices(geometry)
    if count is None:
        return refuse("geometry", None, "coordinates must be [longitude, latitude] numbers in degrees "
                                        "(rings closed, with at least 4 points; lines with at least 2)")
    source = props.get("source")
    return {"id": ident, "name": name.strip(), "kind": kind, "geometry": json.dumps(geometry, separators=(",", ":")),
            "source": source if isinstance(source, str) else None, "vertices": count}, None


def _count_vertices(geometry: dict[str, Any]) -> int | None:
    """The number of positions, or None when any is not a lon/lat pair or a ring/line is too short."""
    coordinates = geometry.get("coordinates")
    kind = geometry["type"]
    try:
        if kind == "LineString":
            parts, minimum = [coordinates], 2
        elif kind == "MultiLineString":
            parts, minimum = list(coordinates), 2
        elif kind == "Polygon":
            parts, minimum = list(coordinates), 4
        else:
            parts, minimum = [ring for polygon in coordinates for ring in polygon], 4
        if not parts:
            return None
        count = 0
        for part in parts:
            if not isinstance(part, list) or len(part) < minimum:
                return None
            if minimum == 4 and part[0] != part[-1]:
                return None
            for position in part:
                x, y = position[0], position[1]
                if isinstance(x, bool) or isinstance(y, bool) or not (math.isfinite(x) and math.isfinite(y)):
                    return None
                if not (-180 <= x <= 180 and -90 <= y <= 90):
                    return None
                count += 1
        return count
    except (TypeError, IndexError, KeyError):
        return None
