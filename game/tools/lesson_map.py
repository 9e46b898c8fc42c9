"""The lesson pack's map: the journey home and the reach of the 2008 storm, as SVG.

The places come from ``places.yaml`` (the game's ``assets/``, or a story's or a mod's
own ``assets/``): cities with their latitude and longitude and the source of those
figures, railway lines as lists of stations, an invented village placed *near* a real
city, and the storm's approximate outline. They are drawn with an equirectangular
projection: x grows with longitude times the cosine of the map's middle latitude, y
with latitude, so near that latitude a kilometre is the same length in both
directions and the scale bar is true.

Bad input (a missing field, a latitude of 123, a station that is not a place) raises
:class:`PlacesError` with ``file:line:column`` and what to write instead.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.engine import asset_roots
from game.errors import LastTrainHomeError
from game.i18n import _

PLACES_FILE = "places.yaml"
#: Kilometres in one degree of latitude (and of longitude at the equator).
KM_PER_DEGREE = 111.32
#: Drawing size of the map in SVG user units (the page scales it to fit).
MAP_WIDTH = 640.0
MARGIN = 36.0


class PlacesError(LastTrainHomeError):
    """places.yaml cannot be used: the message says where and how to fix it."""


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    invented: bool = False
    note: str = ""
    #: False for a far end of a line (Beijing): the line runs off the map toward it.
    on_map: bool = True


@dataclass(frozen=True)
class Line:
    name: str
    stations: tuple[str, ...]
    journey: bool = False


@dataclass(frozen=True)
class Places:
    source: str
    file: str
    places: dict[str, Place]
    lines: tuple[Line, ...]
    storm_name: str
    storm_outline: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection of a latitude/longitude box onto the drawing."""

    west: float
    east: float
    south: float
    north: float
    scale: float  # drawing units per degree of latitude

    @property
    def middle_lat(self) -> float:
        return (self.south + self.north) / 2

    @property
    def x_factor(self) -> float:
        return math.cos(math.radians(self.middle_lat))

    def point(self, lat: float, lon: float) -> tuple[float, float]:
        x = MARGIN + (lon - self.west) * self.x_factor * self.scale
        y = MARGIN + (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)

    @property
    def units_per_km(self) -> float:
        return self.scale / KM_PER_DEGREE

    @property
    def width(self) -> float:
        return (self.east - self.west) * self.x_factor * self.scale + 2 * MARGIN

    @property
    def height(self) -> float:
        return (self.north - self.south) * self.scale + 2 * MARGIN


def find_places(story_root: str | Path, mod_roots: tuple[str, ...] = ()) -> Path:
    """The places.yaml that applies: a mod's, the story's own, or the game's."""
    for root in asset_roots(story_root, mod_roots):
        candidate = root / PLACES_FILE
        if candidate.is_file():
            return candidate
    raise PlacesError(f"no {PLACES_FILE} in any assets/ folder (the game ships one in assets/)")


def _where(path: str, node: Any) -> str:
    mark = getattr(node, "start_mark", None)
    if mark is None:
        return path
    return f"{path}:{mark.line + 1}:{mark.column + 1}"


def _map(node: yaml.Node, path: str, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise PlacesError(f"{_where(path, node)}: {what} should be a mapping (key: value)")
    result: dict[str, yaml.Node] = {}
    for key, value in node.value:
        result[str(key.value)] = value
    return result


def _number(node: yaml.Node | None, path: str, what: str, low: float, high: float) -> float:
    try:
        value = float(node.value) if isinstance(node, yaml.ScalarNode) else None
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        shown = node.value if isinstance(node, yaml.ScalarNode) else "a list or mapping"
        raise PlacesError(
            f"{_where(path, node)}: {what} should be a number from {low:g} to {high:g},"
            f" not {shown!r} (decimal degrees, north and east positive, e.g. 23.13)"
        )
    return value


def _text(node: yaml.Node | None, path: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        where = _where(path, node) if node is not None else path
        raise PlacesError(f"{where}: {what} should be some text")
    return str(node.value).strip()


def read_places(file: Path) -> Places:
    """Read and check ``file``; :class:`PlacesError` says what is wrong and where."""
    path = str(file)
    try:
        root = yaml.compose(file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except OSError as exc:
        raise PlacesError(f"{path}: cannot read it ({exc.strerror})") from exc
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise PlacesError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if root is None:
        raise PlacesError(f"{path}: the file is empty; it needs 'source:' and 'places:'")
    top = _map(root, path, "the file")
    for field in ("source", "places", "storm"):
        if field not in top:
            raise PlacesError(f"{_where(path, root)}: '{field}:' is missing")
    source = _text(top["source"], path, "'source'")
    places: dict[str, Place] = {}
    nears: dict[str, tuple[yaml.Node, dict[str, yaml.Node]]] = {}
    for place_id, node in _map(top["places"], path, "'places'").items():
        fields = _map(node, path, f"place '{place_id}'")
        name = _text(fields.get("name"), path, f"'name' of place '{place_id}'")
        if "near" in fields:
            nears[place_id] = (node, fields)
            continue
        for field in ("lat", "lon"):
            if field not in fields:
                raise PlacesError(
                    f"{_where(path, node)}: place '{place_id}' needs '{field}:'"
                    " (or 'near: CITY' for an invented place)"
                )
        on_map = fields.get("on_map")
        places[place_id] = Place(
            place_id,
            name,
            _number(fields["lat"], path, f"'lat' of '{place_id}'", -90, 90),
            _number(fields["lon"], path, f"'lon' of '{place_id}'", -180, 180),
            on_map=not (isinstance(on_map, yaml.ScalarNode) and on_map.value == "false"),
        )
    for place_id, (_node, fields) in nears.items():
        near = _text(fields["near"], path, f"'near' of '{place_id}'")
        if near not in places:
            raise PlacesError(
                f"{_where(path, fields['near'])}: place '{place_id}' is near '{near}',"
                f" which is not a place with coordinates ({', '.join(sorted(places))})"
            )
        anchor = places[near]
        note = fields.get("note")
        places[place_id] = Place(
            place_id,
            _text(fields["name"], path, "'name'"),
            anchor.lat,
            anchor.lon,
            invented=True,
            note=_text(note, path, "'note'") if note is not None else "",
        )
    lines = []
    line_nodes = top.get("lines")
    if line_nodes is not None:
        if not isinstance(line_nodes, yaml.SequenceNode):
            raise PlacesError(f"{_where(path, line_nodes)}: 'lines' should be a list")
        for item in line_nodes.value:
            fields = _map(item, path, "a line")
            stations_node = fields.get("stations")
            if not isinstance(stations_node, yaml.SequenceNode) or len(stations_node.value) < 2:
                raise PlacesError(
                    f"{_where(path, stations_node or item)}: a line needs 'stations:',"
                    " a list of two places or more"
                )
            stations = []
            for station in stations_node.value:
                if not isinstance(station, yaml.ScalarNode) or station.value not in places:
                    raise PlacesError(
                        f"{_where(path, station)}: '{getattr(station, 'value', station)}' is"
                        f" not one of the places ({', '.join(sorted(places))})"
                    )
                stations.append(str(station.value))
            journey = fields.get("journey")
            lines.append(
                Line(
                    _text(fields.get("name"), path, "'name' of a line"),
                    tuple(stations),
                    isinstance(journey, yaml.ScalarNode) and journey.value == "true",
                )
            )
    storm = _map(top["storm"], path, "'storm'")
    outline_node = storm.get("outline")
    if not isinstance(outline_node, yaml.SequenceNode) or len(outline_node.value) < 3:
        raise PlacesError(
            f"{_where(path, outline_node or top['storm'])}: the storm's 'outline' should be"
            " a list of three [lat, lon] points or more"
        )
    outline = []
    for point in outline_node.value:
        if not isinstance(point, yaml.SequenceNode) or len(point.value) != 2:
            raise PlacesError(f"{_where(path, point)}: an outline point is [lat, lon]")
        outline.append(
            (
                _number(point.value[0], path, "a latitude", -90, 90),
                _number(point.value[1], path, "a longitude", -180, 180),
            )
        )
    return Places(
        source,
        path,
        places,
        tuple(lines),
        _text(storm.get("name"), path, "the storm's 'name'"),
        tuple(outline),
    )


def projection_for(places: Places) -> Projection:
    """A projection whose box holds every place and the storm, with a little room."""
    shown = [p for p in places.places.values() if p.on_map]
    lats = [p.lat for p in shown] + [lat for lat, _lon in places.storm_outline]
    lons = [p.lon for p in shown] + [lon for _lat, lon in places.storm_outline]
    south, north = min(lats) - 0.8, max(lats) + 0.8
    west, east = min(lons) - 1.5, max(lons) + 1.5
    cos = math.cos(math.radians((south + north) / 2))
    scale = (MAP_WIDTH - 2 * MARGIN) / ((east - west) * cos)
    return Projection(west, east, south, north, scale)


@dataclass(frozen=True)
class MapDrawing:
    """Everything the SVG template draws, already projected."""

    width: float
    height: float
    storm_points: str
    storm_label: tuple[float, float]
    storm_name: str
    lines: tuple[tuple[Line, str], ...]
    beyond: tuple[tuple[Place, float, float], ...]  # off-map place, where its line leaves
    cities: tuple[tuple[Place, float, float, str], ...]  # place, x, y, label anchor
    village: tuple[Place, float, float, float] | None  # place, x, y, radius
    graticule: tuple[tuple[str, float, float, float, float, str], ...]
    scale_km: int
    scale_length: float
    scale_x: float
    scale_y: float
    source: str


def edge_point(proj: Projection, inside: Place, outside: Place) -> tuple[float, float]:
    """Where the straight line from ``inside`` toward ``outside`` leaves the map's box."""
    best = 1.0
    for bound, a, b in (
        (proj.north, inside.lat, outside.lat),
        (proj.south, inside.lat, outside.lat),
        (proj.east, inside.lon, outside.lon),
        (proj.west, inside.lon, outside.lon),
    ):
        if b != a:
            t = (bound - a) / (b - a)
            if 0 < t < best:
                best = t
    return (
        inside.lat + (outside.lat - inside.lat) * best,
        inside.lon + (outside.lon - inside.lon) * best,
    )


def _nice_km(units_per_km: float, target: float) -> int:
    for km in (100, 200, 250, 500, 1000):
        if km * units_per_km >= target:
            return km
    return 1000


def draw_map(places: Places) -> MapDrawing:
    """Project ``places`` onto the drawing."""
    proj = projection_for(places)
    storm = [proj.point(lat, lon) for lat, lon in places.storm_outline]
    storm_lat = sum(lat for lat, _lon in places.storm_outline) / len(places.storm_outline)
    storm_lon = sum(lon for _lat, lon in places.storm_outline) / len(places.storm_outline)
    lines = []
    beyond: list[tuple[Place, float, float]] = []
    for line in places.lines:
        points: list[tuple[float, float]] = []
        previous: Place | None = None
        for station in line.stations:
            place = places.places[station]
            if not place.on_map:
                if previous is not None:
                    lat, lon = edge_point(proj, previous, place)
                    x, y = proj.point(lat, lon)
                    points.append((x, y))
                    beyond.append((place, x, y))
                continue
            previous = place
            if place.invented:
                x, y = proj.point(place.lat, place.lon)
                points.append((x + 18, y + 14))
            else:
                points.append(proj.point(place.lat, place.lon))
        lines.append((line, " ".join(f"{x},{y}" for x, y in points)))
    cities = []
    village = None
    for place in places.places.values():
        x, y = proj.point(place.lat, place.lon)
        if place.invented:
            village = (place, x + 18, y + 14, 60 * proj.units_per_km)
            continue
        if not place.on_map:
            continue
        anchor = "end" if place.lon < proj.west + (proj.east - proj.west) * 0.25 else "start"
        cities.append((place, x, y, anchor))
    graticule = []
    for lat in range(math.ceil(proj.south / 5) * 5, math.floor(proj.north) + 1, 5):
        x1, y = proj.point(lat, proj.west)
        x2, _y = proj.point(lat, proj.east)
        graticule.append(("lat", x1, y, x2, y, _("{degrees}°N").format(degrees=lat)))
    for lon in range(math.ceil(proj.west / 5) * 5, math.floor(proj.east) + 1, 5):
        x, y1 = proj.point(proj.north, lon)
        _x, y2 = proj.point(proj.south, lon)
        graticule.append(("lon", x, y1, x, y2, _("{degrees}°E").format(degrees=lon)))
    km = _nice_km(proj.units_per_km, 90)
    return MapDrawing(
        width=round(proj.width, 1),
        height=round(proj.height, 1),
        storm_points=" ".join(f"{x},{y}" for x, y in storm),
        storm_label=proj.point(storm_lat, storm_lon),
        storm_name=places.storm_name,
        lines=tuple(lines),
        beyond=tuple(beyond),
        cities=tuple(cities),
        village=village,
        graticule=tuple(graticule),
        scale_km=km,
        scale_length=round(km * proj.units_per_km, 1),
        scale_x=MARGIN,
        scale_y=round(proj.height - MARGIN / 2, 1),
        source=places.source,
    )


def great_circle_km(a: Place, b: Place) -> int:
    """Straight-line distance between two places over the Earth's surface, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return round(2 * 6371 * math.asin(math.sqrt(h)))


def journey_km(places: Places) -> int | None:
    """Length of the journey line, station to station, in km (None without one)."""
    for line in places.lines:
        if line.journey:
            stops = [places.places[s] for s in line.stations if not places.places[s].invented]
            return sum(great_circle_km(a, b) for a, b in itertools.pairwise(stops))
    return None
