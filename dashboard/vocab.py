"""Labels and colours: the one mapping every chart, map and table uses.

Theme colours are data (the `themes.colour` column, a colour-blind safe palette chosen in
data/themes.yaml); the colours here cover countries and map layers. Both palettes are Paul Tol's
qualitative schemes (https://personal.sron.nl/~pault/), distinguishable with the common forms of
colour blindness and legible on light and dark backgrounds.
"""

from __future__ import annotations

MEETING_KINDS = {
    "bilateral_meeting": "Bilateral meeting",
    "official_visit": "Official visit",
    "video_conference": "Video conference",
    "conference": "Conference",
    "signing_ceremony": "Signing ceremony",
    "other": "Other meeting",
}
PARTNERSHIP_KINDS = {
    "category_2_centre": "Category 2 centre",
    "world_heritage_inscription": "World Heritage inscription",
    "world_heritage_nomination": "World Heritage nomination",
    "intangible_heritage_inscription": "Intangible heritage inscription",
    "agreement": "Agreement",
    "programme": "Programme",
    "resolution": "Resolution",
    "event": "Event",
    "convention": "Convention",
    "committee_membership": "Committee membership",
    "world_heritage_danger_listing": "World Heritage in Danger listing",
    "tentative_list": "Tentative List entry",
    "memory_of_the_world_inscription": "Memory of the World inscription",
    "biosphere_reserve": "Biosphere reserve",
    "geopark": "Geopark",
    "other": "Other partnership",
}
RECORD_TYPES = {"meeting": "Meeting", "partnership": "Partnership"}

PUBLISHER_KINDS = {
    "unesco": "UNESCO", "government": "Government", "intergovernmental": "Intergovernmental body",
    "news_agency": "News agency", "news": "Newspaper or news site", "encyclopedia": "Encyclopedia",
    "archive": "Web archive", "gazetteer": "Gazetteer",
}
TABLE_LABELS = {
    "meetings": "Meetings", "partnerships": "Partnerships", "places": "Places", "place_components": "Site components",
    "people": "People", "roles": "Roles", "countries": "Countries", "themes": "Themes", "registers": "Register counts",
    "links": "Commitment links", "national_bodies": "National bodies", "documents": "Press releases",
    "publishers": "Publishers", "water": "Seas, lakes and rivers",
}
STATUSES = {"active": "Active", "completed": "Completed", "proposed": "Proposed", "in_progress": "In progress",
            "unknown": "Not known"}
ORIGINS = {"curated": "Curated", "extracted": "Extracted, not yet confirmed"}
REGISTER_LABELS = {
    "world_heritage": "World Heritage List", "world_heritage_in_danger": "List of World Heritage in Danger",
    "tentative_list": "Tentative List", "intangible_heritage": "Intangible heritage (all three lists)",
    "ich_representative": "ICH Representative List", "ich_urgent_safeguarding": "ICH Urgent Safeguarding List",
    "ich_good_practices": "ICH Register of Good Safeguarding Practices", "memory_of_the_world": "Memory of the World",
    "biosphere_reserves": "Biosphere reserves (MAB)", "category_2_centres": "Category 2 centres", "geoparks": "Global Geoparks",
    "executive_board": "Executive Board", "world_heritage_committee": "World Heritage Committee",
    "intangible_heritage_committee": "Intangible Heritage Committee",
}

PLACE_KINDS = {
    "world_heritage_site": "World Heritage property",
    "biosphere_reserve": "Biosphere reserve",
    "geopark": "Geopark",
    "field_office": "UNESCO office",
    "category_2_centre": "Category 2 centre",
    "international_institute": "International institute",
    "city": "City",
    "venue": "Venue",
}

# Tol "bright": blue, red, green, yellow, cyan; grey for anything else.
COUNTRY_COLOURS = {"KAZ": "#4477AA", "KGZ": "#EE6677", "TJK": "#228833", "TKM": "#CCBB44", "UZB": "#66CCEE"}
OTHER_COLOUR = "#BBBBBB"

# Map layers (Tol "vibrant"): the layer key, its label, its colour.
MAP_LAYERS = {
    "heritage_cultural": ("World Heritage: cultural", "#CC3311"),
    "heritage_natural": ("World Heritage: natural", "#009988"),
    "biosphere": ("Biosphere reserves", "#33BBEE"),
    "unesco": ("UNESCO offices and centres", "#EE7733"),
    "venues": ("Meeting venues", "#EE3377"),
}


# The record-kind filter offers the two record types as a whole, then every kind.
TYPE_KINDS = {"meeting": "All meetings", "partnership": "All partnerships"}


def kind_label(kind: str, record_type: str | None = None) -> str:
    """'world_heritage_inscription' -> 'World Heritage inscription'; unknown kinds are shown as they are."""
    if kind in TYPE_KINDS:
        return TYPE_KINDS[kind]
    if kind == "other" and record_type is None:
        return "Other"
    table = PARTNERSHIP_KINDS if record_type == "partnership" else MEETING_KINDS
    return table.get(kind) or MEETING_KINDS.get(kind) or PARTNERSHIP_KINDS.get(kind) or kind.replace("_", " ").capitalize()


def hex_to_rgb(colour: str, alpha: int = 255) -> list[int]:
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


EMPTY = "—"  # what an empty value reads as, everywhere
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December")


def readable_date(value) -> str:
    """'2017-03-29' -> '29 March 2017', '2017-03' -> 'March 2017', '2017' -> '2017'; an ISO time
    '2026-11-28T02:11:54+00:00' -> '28 November 2026, 02:11 UTC'; empty -> '—'; anything else as it is."""
    if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
        return EMPTY
    text = str(value).strip()
    date, _, time = text.partition("T")
    parts = date.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return text
    if len(parts[0]) != 4 or len(parts) > 3 or (len(parts) > 1 and not 1 <= numbers[1] <= 12):
        return text
    out = " ".join(([str(numbers[2])] if len(parts) == 3 else []) + ([MONTHS[numbers[1] - 1]] if len(parts) > 1 else [])
                   + [parts[0]])
    if time:
        clock = time[:5]
        zone = time[8:].lstrip("0123456789.") if len(time) > 8 else ""
        out += f", {clock}" + (" UTC" if zone in ("+00:00", "Z", "") else f" (UTC{zone})")
    return out


def country_names(codes, names: dict[str, str]) -> str:
    """'KAZ, UZB' -> 'Kazakhstan, Uzbekistan' (a code without a name stays as it is); empty -> '—'."""
    if not isinstance(codes, str) or not codes.strip():
        return EMPTY
    return ", ".join(names.get(c.strip(), c.strip()) for c in codes.split(","))
