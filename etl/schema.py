"""The database shape, declared as data, and the one function that applies it.

Everything the dashboard relies on (tables, keys, indexes, full-text search, views) is listed
here; `ensure_schema(db)` creates it and `schema_markdown()` documents it in docs/schema.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

SCHEMA_VERSION = 2
SET_SCHEMA_VERSION = "PRAGMA user_version = %d" % SCHEMA_VERSION  # PRAGMA takes no parameters; a constant


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: dict[str, tuple[type, str]]  # column -> (python type, description)
    pk: str | tuple[str, ...]
    not_null: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, other table, other column)
    indexes: tuple[tuple[str, ...], ...] = ()
    fts: tuple[str, ...] = ()  # columns indexed by FTS5
    fts_triggers: bool = True  # False: the full-text index is rebuilt by whoever fills the table (records)


def _origin_columns() -> dict[str, tuple[type, str]]:
    return {
        "origin": (str, "`curated` (from data/), `extracted` (from a press release) or `synthetic` (benchmarks only)"),
        "confidence": (float, "1.0 for curated records; the extractor's confidence for extracted ones"),
        "document_id": (str, "the press release an extracted record came from"),
    }


PUBLISHER_FK = ("publisher_id", "publishers", "id")

TABLES: tuple[Table, ...] = (
    Table(
        "publishers",
        "Who published the pages the records cite (from data/publishers.yaml): every source's host is listed here.",
        {
            "id": (str, "stable id, e.g. unesco-whc"),
            "name": (str, "the publisher as people cite it, e.g. UNESCO World Heritage Centre"),
            "kind": (str, "unesco, government, intergovernmental, news_agency, news, encyclopedia, archive or gazetteer"),
            "hosts": (str, "the web hosts of its pages, comma-separated ('*.' = any sub-domain)"),
            "note": (str, "curator's note"),
        },
        pk="id",
        not_null=("name", "kind"),
    ),
    Table(
        "countries",
        "Countries: the five focus countries of Central Asia and the others that places refer to.",
        {
            "iso3": (str, "ISO 3166-1 alpha-3 code"),
            "name": (str, "English short name"),
            "focus": (int, "1 for the five Central Asian countries, 0 otherwise"),
            "unesco_member_since": (str, "date the country joined UNESCO (YYYY-MM-DD, YYYY-MM or YYYY)"),
            "member_since_precision": (str, "day, month or year"),
            "region": (str, "UNESCO region"),
            "outline": (str, "GeoJSON geometry of a generalised outline (focus countries; from data/geo/countries.geojson)"),
            "source_url": (str, "page that states the facts of this row"),
            "publisher_id": (str, "who published the source (publishers.id)"),
            "flags": (str, "`;`-separated warnings, e.g. sources_disagree"),
            "note": (str, "curator's note"),
        },
        pk="iso3",
        not_null=("name", "source_url"),
        foreign_keys=(PUBLISHER_FK,),
    ),
    Table(
        "themes",
        "Themes of the cooperation, one colour each (the same on every chart and on the map).",
        {
            "id": (str, "theme id, e.g. culture_heritage"),
            "label": (str, "label shown to users"),
            "sector": (str, "UNESCO sector"),
            "sdg": (int, "most related Sustainable Development Goal"),
            "colour": (str, "hex colour, colour-blind safe palette"),
            "source_url": (str, "UNESCO page describing the theme"),
            "publisher_id": (str, "who published the source (publishers.id)"),
        },
        pk="id",
        not_null=("label", "colour"),
        foreign_keys=(PUBLISHER_FK,),
    ),
    Table(
        "places",
        "World Heritage properties, biosphere reserves, geoparks, field offices, category 2 centres and venues.",
        {
            "id": (str, "stable id, e.g. whc-1490, city-almaty"),
            "name": (str, "name"),
            "kind": (str, "city, world_heritage_site, biosphere_reserve, geopark, category_2_centre, international_institute, field_office, venue"),
            "city": (str, "city, if the place is in one"),
            "lat": (float, "latitude, WGS84; empty when unknown"),
            "lon": (float, "longitude, WGS84; empty when unknown"),
            "coord_precision": (str, "site, building or city; empty when there are no coordinates"),
            "year": (int, "year of inscription, designation or establishment"),
            "whc_id": (str, "World Heritage Centre property id"),
            "category": (str, "cultural, natural or mixed (World Heritage)"),
            "official_url": (str, "official page"),
            "source_url": (str, "page that states the facts of this row"),
            "publisher_id": (str, "who published the source (publishers.id)"),
            "flags": (str, "`;`-separated warnings, e.g. coordinates_missing"),
            "note": (str, "curator's note"),
            **_origin_columns(),
        },
        pk="id",
        not_null=("name", "kind", "source_url"),
        foreign_keys=(PUBLISHER_FK,),
        indexes=(("kind",),),
        fts=("name", "note"),
    ),
    Table(
        "place_components",
        "Components of serial and transboundary properties that lie in the region, each at its own official point "
        "(e.g. the Kazakh and Kyrgyz sites of the Silk Roads: Chang'an–Tianshan Corridor).",
        {
            "id": (str, "stable id"),
            "place_id": (str, "the property it is part of"),
            "name": (str, "name of the component"),
            "country_iso3": (str, "the country it lies in"),
            "lat": (float, "latitude, WGS84"),
            "lon": (float, "longitude, WGS84"),
            "coord_precision": (str, "site, building or city"),
            "source_url": (str, "page that states the component and its point"),
            "publisher_id": (str, "who published the source"),
            "note": (str, "curator's note"),
        },
        pk="id",
        not_null=("place_id", "name", "country_iso3", "lat", "lon", "source_url"),
        foreign_keys=(("place_id", "places", "id"), ("country_iso3", "countries", "iso3"), PUBLISHER_FK),
        indexes=(("place_id",),),
    ),
    Table(
        "water",
        "Seas, lakes and rivers drawn under the map's markers and named on hover (from data/geo/water.geojson: "
        "Natural Earth, public domain; see data/geo/README.md).",
        {
            "id": (str, "stable id, e.g. aral-sea"),
            "name": (str, "the name shown on hover, e.g. Syr Darya"),
            "kind": (str, "sea, lake, reservoir or river"),
            "geometry": (str, "GeoJSON geometry (Polygon/MultiPolygon for water bodies, LineString/MultiLineString for rivers)"),
            "source": (str, "the Natural Earth layer it comes from"),
        },
        pk="id",
        not_null=("name", "kind", "geometry"),
    ),
    Table(
        "place_countries",
        "The countries a place lies in (several for transboundary properties).",
        {"place_id": (str, "place"), "country_iso3": (str, "country")},
        pk=("place_id", "country_iso3"),
        foreign_keys=(("place_id", "places", "id"), ("country_iso3", "countries", "iso3")),
        indexes=(("country_iso3", "place_id"),),
    ),
    Table(
        "people",
        "People who appear in meetings: UNESCO officials, heads of state, ministers.",
        {
            "id": (str, "stable id, e.g. irina-bokova"),
            "name": (str, "name in its standard English spelling"),
            "source_url": (str, "page that identifies the person"),
            "publisher_id": (str, "who published the source (publishers.id)"),
            "flags": (str, "`;`-separated warnings"),
            "note": (str, "curator's note"),
            **_origin_columns(),
        },
        pk="id",
        not_null=("name",),
        foreign_keys=(PUBLISHER_FK,),
        fts=("name",),
    ),
    Table(
        "person_aliases",
        "Spelling variants and transliterations of a person's name, used to resolve names in text.",
        {"person_id": (str, "person"), "alias": (str, "a spelling of the name")},
        pk=("person_id", "alias"),
        foreign_keys=(("person_id", "people", "id"),),
        indexes=(("alias",),),
    ),
    Table(
        "roles",
        "Offices a person held, with dates: answers 'who was Director-General on 29 March 2017'.",
        {
            "id": (str, "stable id derived from person, role and start"),
            "person_id": (str, "person"),
            "role": (str, "office, e.g. Director-General, President, Minister of Foreign Affairs"),
            "organisation": (str, "organisation or government"),
            "country_iso3": (str, "country of a national office; empty for UNESCO offices"),
            "office": (str, "what office it is, for 'who is in office': head_of_state, head_of_government, foreign_minister, "
                            "culture_minister, education_minister, permanent_delegate (to UNESCO), national_commission_chair, "
                            "national_commission_secretary, director_general, deputy_director_general, "
                            "assistant_director_general, unesco_office_head"),
            "place_id": (str, "for the head of a UNESCO office: the office"),
            "start_date": (str, "start (YYYY-MM-DD, YYYY-MM or YYYY)"),
            "start_precision": (str, "day, month or year"),
            "end_date": (str, "end; empty while in office"),
            "end_precision": (str, "day, month or year"),
            "source_url": (str, "page that states the office and its dates"),
            "publisher_id": (str, "who published the source (publishers.id)"),
            "flags": (str, "`;`-separated warnings, e.g. tenure_dates_unknown"),
            "note": (str, "curator's note"),
        },
        pk="id",
        not_null=("person_id", "role", "source_url"),
        foreign_keys=(("person_id", "people", "id"), ("country_iso3", "countries", "iso3"), ("place_id", "places", "id"),
                      PUBLISHER_FK),
        indexes=(("person_id",), ("role", "start_date"), ("office", "country_iso3", "start_date")),
    ),
    Table(
        "meetings",
        "Meetings: who met whom, when, where and about what.",
        {
            "id": (str, "stable id, e.g. kaz-2017-03-29-abdrakhmanov-bokova"),
            "date": (str, "date (YYYY-MM-DD, YYYY-MM or YYYY, as precise as the source)"),
            "date_precision": (str, "day, month or year"),
            "year": (int, "year of the meeting"),
            "title": (str, "short title"),
            "kind": (str, "bilateral_meeting, official_visit, video_conference, conference, signing_ceremony, other"),
            "place_id": (str, "where it took place; empty when unknown"),
            "summary": (str, "what it was about, in our words"),
            "source_url": (str, "page that states what this row says"),
            "publisher_id": (str, "who published the source (publishers.id)"),
            "flags": (str, "`;`-separated warnings, e.g. place_unknown"),
            "note": (str, "curator's note"),
            **_origin_columns(),
        },
        pk="id",
        not_null=("date", "date_precision", "year", "title", "source_url"),
        foreign_keys=(("place_id", "places", "id"), PUBLISHER_FK),
        indexes=(("date",), ("year",), ("place_id",)),
        fts=("title", "summary"),  # Datasette's search box on the table; rebuilt by every build and ingest
        fts_triggers=False,
    ),
    Table(
        "meeting_participants",
        "Who took part in a meeting, with the role they held at the time.",
        {"meeting_id": (str, "meeting"), "person_id": (str, "person"), "role": (str, "role at the time of the meeting")},
        pk=("meeting_id", "person_id"),
        foreign_keys=(("meeting_id", "meetings", "id"), ("person_id", "people", "id")),
        indexes=(("person_id",),),
    ),
    Table(
        "meeting_countries",
        "The Central Asian countries a meeting involved.",
        {"meeting_id": (str, "meeting"), "country_iso3": (str, "country")},
        pk=("meeting_id", "country_iso3"),
        foreign_keys=(("meeting_id", "meetings", "id"), ("country_iso3", "countries", "iso3")),
        indexes=(("country_iso3",),),
    ),
    Table(
        "meeting_themes",
        "The themes of a meeting.",
        {"meeting_id": (str, "meeting"), "theme_id": (str, "theme")},
        pk=("meeting_id", "theme_id"),
        foreign_keys=(("meeting_id", "meetings", "id"), ("theme_id", "themes", "id")),
        indexes=(("theme_id",),),
    ),
    Table(
        "partnerships",
        "Partnerships and milestones: inscriptions, centres, agreements, programmes, resolutions, events.",
        {
            "id": (str, "stable id, e.g. whs-western-tien-shan"),
            "name": (str, "name"),
            "kind": (str, "category_2_centre, world_heritage_inscription, world_heritage_nomination, intangible_heritage_inscription, agreement, programme, resolution, event, convention, committee_membership, biosphere_reserve, geopark, other"),
            "date": (str, "the milestone's date (start, signature, inscription …)"),
            "date_precision": (str, "day, month or year"),
            "year": (int, "start year"),
            "end_date": (str, "end, if it ended"),
            "end_precision": (str, "day, month or year"),
            "end_year": (int, "end year"),
            "status": (str, "active, completed, proposed, in_progress, unknown"),
            "place_id": (str, "the place it concerns"),
            "register": (str, "the UNESCO list, register or governing body it belongs to, e.g. world_heritage, "
                              "ich_representative, memory_of_the_world, biosphere_reserves, executive_board"),
            "entry": (str, "the register's own id for the item (WHC property number, ICH element number …)"),
            "summary": (str, "what it is, in our words"),
            "source_url": (str, "page that states what this row says"),
            "publisher_id": (str, "who published the source (publishers.id)"),
            "flags": (str, "`;`-separated warnings, e.g. sources_disagree"),
            "note": (str, "curator's note"),
            **_origin_columns(),
        },
        pk="id",
        not_null=("name", "kind", "date", "date_precision", "year", "source_url"),
        foreign_keys=(("place_id", "places", "id"), PUBLISHER_FK),
        indexes=(("date",), ("year",), ("kind",), ("place_id",), ("register", "entry")),
        fts=("name", "summary"),  # Datasette's search box on the table; rebuilt by every build and ingest
        fts_triggers=False,
    ),
    Table(
        "partnership_countries",
        "The Central Asian countries a partnership involves.",
        {"partnership_id": (str, "partnership"), "country_iso3": (str, "country")},
        pk=("partnership_id", "country_iso3"),
        foreign_keys=(("partnership_id", "partnerships", "id"), ("country_iso3", "countries", "iso3")),
        indexes=(("country_iso3",),),
    ),
    Table(
        "partnership_themes",
        "The themes of a partnership.",
        {"partnership_id": (str, "partnership"), "theme_id": (str, "theme")},
        pk=("partnership_id", "theme_id"),
        foreign_keys=(("partnership_id", "partnerships", "id"), ("theme_id", "themes", "id")),
        indexes=(("theme_id",),),
    ),
    Table(
        "partnership_meetings",
        "Meetings that announced or followed a partnership.",
        {"partnership_id": (str, "partnership"), "meeting_id": (str, "meeting")},
        pk=("partnership_id", "meeting_id"),
        foreign_keys=(("partnership_id", "partnerships", "id"), ("meeting_id", "meetings", "id")),
        indexes=(("meeting_id",),),
    ),
    Table(
        "sources",
        "Every page a row cites: its source_url (position 0, which states the record) and any further sources, "
        "with the facts each supports and its publisher. An archived copy is credited to the original's publisher.",
        {
            "record_table": (str, "meetings, partnerships, places, place_components, people, roles, countries, themes, registers, links or national_bodies"),
            "record_id": (str, "the row's id"),
            "position": (int, "0 for the row's source_url, 1… for further sources"),
            "url": (str, "the address cited"),
            "publisher_id": (str, "who published it"),
            "original_url": (str, "the original address (differs from url for an archived copy)"),
            "archived": (int, "1 when url is an archived copy"),
            "supports": (str, "the facts a further source states, comma-separated (empty: the whole record)"),
        },
        pk=("record_table", "record_id", "position"),
        not_null=("url", "publisher_id"),
        foreign_keys=(PUBLISHER_FK,),
        indexes=(("publisher_id",),),
    ),
    Table(
        "registers",
        "The official size of each UNESCO register per country (from data/registers.yaml), with the page and the date "
        "it was read, to compare with the records here (view register_completeness).",
        {
            "id": (str, "register and country, e.g. intangible_heritage-uzb"),
            "register": (str, "world_heritage, intangible_heritage, memory_of_the_world, biosphere_reserves, category_2_centres …"),
            "country_iso3": (str, "country"),
            "official_count": (int, "entries the official list gives for the country"),
            "as_of": (str, "the state of the official list that count describes"),
            "checked": (str, "when a person read the count"),
            "source_url": (str, "the official list"),
            "publisher_id": (str, "who published it"),
            "note": (str, "curator's note"),
        },
        pk="id",
        not_null=("register", "country_iso3", "official_count", "source_url"),
        foreign_keys=(("country_iso3", "countries", "iso3"), PUBLISHER_FK),
    ),
    Table(
        "links",
        "Commitments and outcomes (from data/links.yaml): records linked as the stages of one process, one row per "
        "stage, each with the page that states it. Processes: visit (invited/announced → accepted → held), nomination "
        "(tentative → nominated → referred/deferred → inscribed), danger (inscribed → danger_listed → danger_removed), "
        "agreement (proposed → approved → signed → ratified → in_force → renewed → expired).",
        {
            "chain_id": (str, "the chain (process) id, e.g. zarafshan-karakum-nomination"),
            "position": (int, "1 for the first stage, 2 for the next …"),
            "process": (str, "visit, nomination, danger or agreement"),
            "chain_title": (str, "what the chain follows, in our words"),
            "stage": (str, "invited, announced, accepted, held, tentative, nominated, referred, deferred, inscribed, "
                           "danger_listed, danger_removed, proposed, approved, signed, ratified, in_force, renewed, expired"),
            "record_type": (str, "meeting or partnership"),
            "record_id": (str, "the meeting's or partnership's id"),
            "date": (str, "the stage's date: the record's own (its end for 'expired') unless the stage gives one"),
            "date_precision": (str, "day, month or year"),
            "ends": (str, "for an agreement: the end of the term this stage starts, when known"),
            "source_url": (str, "page that states that the record is this stage of this process"),
            "publisher_id": (str, "who published the source (publishers.id)"),
            "note": (str, "curator's note on the stage"),
            "chain_note": (str, "curator's note on the chain"),
        },
        pk=("chain_id", "position"),
        not_null=("process", "stage", "record_type", "record_id", "date", "source_url"),
        foreign_keys=(PUBLISHER_FK,),
        indexes=(("record_type", "record_id"),),
    ),
    Table(
        "national_bodies",
        "Each focus country's National Commission for UNESCO and Permanent Delegation to UNESCO (from "
        "data/national_bodies.yaml); who leads them is in roles (office national_commission_chair, "
        "national_commission_secretary, permanent_delegate).",
        {
            "id": (str, "body and country, e.g. national_commission-kaz"),
            "country_iso3": (str, "country"),
            "body": (str, "national_commission or permanent_delegation"),
            "name": (str, "the body's name as its publisher gives it"),
            "established": (str, "when it was set up, if the source says"),
            "established_precision": (str, "day, month or year"),
            "address": (str, "postal address, if the source gives one"),
            "website": (str, "its own web site"),
            "source_url": (str, "page that states the facts of this row"),
            "publisher_id": (str, "who published the source (publishers.id)"),
            "note": (str, "curator's note"),
        },
        pk="id",
        not_null=("country_iso3", "body", "name", "source_url"),
        foreign_keys=(("country_iso3", "countries", "iso3"), PUBLISHER_FK),
    ),
    Table(
        "register_lists",
        "Which partnership registers each counted register is made of (intangible_heritage = the three ICH lists).",
        {"register": (str, "counted register"), "list": (str, "a value of partnerships.register")},
        pk=("register", "list"),
    ),
    # ---- derived: rebuilt from meetings and partnerships by refresh_records() after every build and ingest.
    # One row per record with the filter columns the dashboard uses, and link tables indexed by (theme, date)
    # and (country, date), so that every filter is an index lookup.
    Table(
        "records",
        "Derived: meetings and partnerships in one table, the rows every chart and filter read. Rebuilt after each build or ingest.",
        {
            "rid": (int, "row number, ordered by date (stable for the same inputs)"),
            "record_type": (str, "meeting or partnership"),
            "id": (str, "the meeting's or partnership's id"),
            "date": (str, "date as precise as the source"),
            "date_precision": (str, "day, month or year"),
            "year": (int, "year"),
            "title": (str, "meeting title or partnership name"),
            "kind": (str, "meeting or partnership kind"),
            "place_id": (str, "place"),
            "countries": (str, "ISO3 codes, comma-separated"),
            "themes": (str, "theme ids, comma-separated"),
            "summary": (str, "summary"),
            "source_url": (str, "source"),
            "publisher_id": (str, "who published the source"),
            "origin": (str, "curated, extracted or synthetic"),
            "confidence": (float, "1.0 for curated records"),
            "flags": (str, "warnings"),
        },
        pk="rid",
        not_null=("record_type", "id", "date", "year", "title"),
        indexes=(("record_type", "id"), ("year",)),  # filtering runs in memory (dashboard/cube.py); rows are fetched by rid
        fts=("title", "summary"),
        fts_triggers=False,
    ),
    Table(
        "record_themes",
        "Derived: (theme, date, record) for every theme of every record.",
        {"theme_id": (str, "theme"), "date": (str, "the record's date"), "rid": (int, "record")},
        pk=("rid", "theme_id"),
        foreign_keys=(("rid", "records", "rid"), ("theme_id", "themes", "id")),
        indexes=(("theme_id", "date", "rid"),),
    ),
    Table(
        "record_countries",
        "Derived: (country, date, record) for every country of every record.",
        {"country_iso3": (str, "country"), "date": (str, "the record's date"), "rid": (int, "record")},
        pk=("rid", "country_iso3"),
        foreign_keys=(("rid", "records", "rid"), ("country_iso3", "countries", "iso3")),
        indexes=(("country_iso3", "date", "rid"),),
    ),
    Table(
        "documents",
        "Ingested press releases, full-text searchable.",
        {
            "id": (str, "derived from the content"),
            "title": (str, "title"),
            "published": (str, "publication date (YYYY-MM-DD)"),
            "url": (str, "permanent link"),
            "text": (str, "body text"),
            "content_hash": (str, "sha256 of the normalised text"),
            "source_file": (str, "file it was read from"),
            "ingested_at": (str, "UTC time of ingestion"),
        },
        pk="id",
        not_null=("title", "text", "content_hash"),
        indexes=(("published",), ("source_file",)),
        fts=("title", "text"),
    ),
    Table(
        "evidence",
        "The sentence an extracted fact came from.",
        {
            "id": (str, "derived from document, record and offsets"),
            "document_id": (str, "document"),
            "record_table": (str, "meetings, partnerships, places, people or themes"),
            "record_id": (str, "the record the fact belongs to"),
            "field": (str, "which fact (date, participant, theme …)"),
            "value": (str, "the value extracted"),
            "sentence": (str, "the sentence it came from"),
            "start": (int, "character offset of the sentence in the document text"),
            "end": (int, "end offset"),
        },
        pk="id",
        foreign_keys=(("document_id", "documents", "id"),),
        indexes=(("document_id",), ("record_table", "record_id")),
    ),
    Table(
        "etl_runs",
        "One row per build: what it read, loaded and refused. History is carried over from the previous database.",
        {
            "id": (int, "run number"),
            "started_at": (str, "UTC start"),
            "finished_at": (str, "UTC end"),
            "status": (str, "ok, or ok_with_rejects"),
            "data_dir": (str, "folder read"),
            "input_digest": (str, "sha256 over the input files: equal digests mean equal inputs"),
            "files_read": (int, "number of input files"),
            "rows_loaded": (int, "rows written to the fact tables"),
            "rows_rejected": (int, "records refused"),
            "table_counts": (str, "JSON object: rows per table"),
            "etl_version": (str, "schema version"),
        },
        pk="id",
    ),
    Table(
        "refused_builds",
        "Builds that were not swapped in because they would have dropped more than 5 % of a table's curated records: "
        "this database is the last good one and is served with a notice. Empty in a database a build wrote.",
        {
            "id": (int, "the run number the refused build would have had"),
            "started_at": (str, "UTC start"),
            "finished_at": (str, "UTC end"),
            "data_dir": (str, "folder read"),
            "table_counts": (str, "JSON object: rows per table the refused build would have had"),
            "message": (str, "what it would have dropped and why, and what to do"),
        },
        pk="id",
    ),
    Table(
        "warnings",
        "Records the last build loaded without a reference because the record referred to was refused "
        "(a meeting whose place was refused keeps its own data and loses only the place).",
        {
            "id": (int, "row number"),
            "file": (str, "input file of the record that lost a reference"),
            "line": (int, "line of the reference"),
            "record_id": (str, "id of that record"),
            "field": (str, "the field that held the reference"),
            "value": (str, "the id referred to"),
            "reason": (str, "which reject it was, and what was dropped"),
        },
        pk="id",
    ),
    Table(
        "rejects",
        "Records the last build refused, with where and why.",
        {
            "id": (int, "row number"),
            "file": (str, "input file, relative to the data folder"),
            "line": (int, "line in the file (record index when there is no line)"),
            "record_id": (str, "id of the record, if it had one"),
            "field": (str, "field at fault"),
            "value": (str, "offending value (truncated to 200 characters)"),
            "reason": (str, "what is wrong and how to fix it"),
        },
        pk="id",
    ),
)

VIEWS: dict[str, tuple[str, str]] = {
    "meetings_detailed": (
        "Meetings with their place, countries, themes and participants as readable text.",
        """
SELECT m.id, m.date, m.date_precision, m.year, m.title, m.kind, pl.name AS place,
       (SELECT group_concat(country_iso3, ', ') FROM (SELECT country_iso3 FROM meeting_countries WHERE meeting_id = m.id ORDER BY country_iso3)) AS countries,
       (SELECT group_concat(theme_id, ', ') FROM (SELECT theme_id FROM meeting_themes WHERE meeting_id = m.id ORDER BY theme_id)) AS themes,
       (SELECT group_concat(label, '; ') FROM (
            SELECT pe.name || coalesce(' (' || mp.role || ')', '') AS label
            FROM meeting_participants mp JOIN people pe ON pe.id = mp.person_id
            WHERE mp.meeting_id = m.id ORDER BY pe.name)) AS participants,
       m.summary, m.source_url, pub.name AS publisher, pub.kind AS publisher_kind, m.origin, m.flags, m.note
FROM meetings m LEFT JOIN places pl ON pl.id = m.place_id LEFT JOIN publishers pub ON pub.id = m.publisher_id
""",
    ),
    "partnerships_detailed": (
        "Partnerships with their place, countries and themes as readable text.",
        """
SELECT p.id, p.date, p.date_precision, p.year, p.end_year, p.name, p.kind, p.status, p.register, p.entry, pl.name AS place,
       (SELECT group_concat(country_iso3, ', ') FROM (SELECT country_iso3 FROM partnership_countries WHERE partnership_id = p.id ORDER BY country_iso3)) AS countries,
       (SELECT group_concat(theme_id, ', ') FROM (SELECT theme_id FROM partnership_themes WHERE partnership_id = p.id ORDER BY theme_id)) AS themes,
       p.summary, p.source_url, pub.name AS publisher, pub.kind AS publisher_kind, p.origin, p.flags, p.note
FROM partnerships p LEFT JOIN places pl ON pl.id = p.place_id LEFT JOIN publishers pub ON pub.id = p.publisher_id
""",
    ),
    "places_detailed": (
        "Places with their countries as readable text.",
        """
SELECT pl.id, pl.name, pl.kind, pl.city,
       (SELECT group_concat(country_iso3, ', ') FROM (SELECT country_iso3 FROM place_countries WHERE place_id = pl.id ORDER BY country_iso3)) AS countries,
       pl.lat, pl.lon, pl.coord_precision, pl.year, pl.whc_id, pl.category, pl.official_url, pl.source_url,
       pub.name AS publisher, pub.kind AS publisher_kind, pl.flags, pl.note, pl.origin
FROM places pl LEFT JOIN publishers pub ON pub.id = pl.publisher_id
""",
    ),
    "office_holders": (
        "Who held which office when, with the person's name.",
        """
SELECT r.role, r.office, r.organisation, r.country_iso3, r.place_id, pe.name, r.person_id, r.start_date, r.end_date, r.source_url,
       pub.name AS publisher
FROM roles r JOIN people pe ON pe.id = r.person_id LEFT JOIN publishers pub ON pub.id = r.publisher_id
""",
    ),
    "register_completeness": (
        "Each register's official count per country next to the entries recorded here (distinct entries still on the "
        "list, curated records only).",
        """
SELECT g.register, g.country_iso3, g.official_count,
       (SELECT count(DISTINCT coalesce(p.entry, p.id)) FROM partnerships p
        JOIN partnership_countries pc ON pc.partnership_id = p.id
        WHERE p.register IN (SELECT list FROM register_lists WHERE register = g.register) AND pc.country_iso3 = g.country_iso3
          AND p.origin = 'curated' AND (p.end_date IS NULL OR p.end_date >= date('now'))) AS recorded,
       g.as_of, g.checked, g.source_url, g.note
FROM registers g
""",
    ),
}

DERIVED_TABLES = ("records", "record_themes", "record_countries")


# refresh_records: records in one ordered pass into the emptied table, so rid (its rowid) counts 1, 2, … in the order
# (date, record type, id): meetings and partnerships each read in one sequential scan (NOT INDEXED: reading them
# through the date index seeks row by row and still sorts each date's ids; one sort of the scanned rows takes half
# the CPU time); each record's countries and themes read by key from the link tables' primary-key indexes, so in code order. Then each link table
# in rid order by a merge of its meetings' and partnerships' halves (no sort: records is scanned in rid order).
RECORDS_SQL = (
    """INSERT INTO records (record_type, id, date, date_precision, year, title, kind, place_id, countries, themes,
                           summary, source_url, publisher_id, origin, confidence, flags)
       SELECT 'meeting', m.id, m.date, m.date_precision, m.year, m.title, m.kind, m.place_id,
              (SELECT group_concat(country_iso3, ', ') FROM meeting_countries l WHERE l.meeting_id = m.id),
              (SELECT group_concat(theme_id, ', ') FROM meeting_themes l WHERE l.meeting_id = m.id),
              m.summary, m.source_url, m.publisher_id, m.origin, m.confidence, m.flags
       FROM meetings m NOT INDEXED
       UNION ALL
       SELECT 'partnership', p.id, p.date, p.date_precision, p.year, p.name, p.kind, p.place_id,
              (SELECT group_concat(country_iso3, ', ') FROM partnership_countries l WHERE l.partnership_id = p.id),
              (SELECT group_concat(theme_id, ', ') FROM partnership_themes l WHERE l.partnership_id = p.id),
              p.summary, p.source_url, p.publisher_id, p.origin, p.confidence, p.flags
       FROM partnerships p NOT INDEXED
       ORDER BY 3, 1, 2""",
    """INSERT INTO record_themes (theme_id, date, rid)
       SELECT t.theme_id, r.date, r.rid FROM records r JOIN meeting_themes t
       ON r.record_type = 'meeting' AND t.meeting_id = r.id
       UNION ALL
       SELECT t.theme_id, r.date, r.rid FROM records r JOIN partnership_themes t
       ON r.record_type = 'partnership' AND t.partnership_id = r.id
       ORDER BY 3, 1""",
    """INSERT INTO record_countries (country_iso3, date, rid)
       SELECT c.country_iso3, r.date, r.rid FROM records r JOIN meeting_countries c
       ON r.record_type = 'meeting' AND c.meeting_id = r.id
       UNION ALL
       SELECT c.country_iso3, r.date, r.rid FROM records r JOIN partnership_countries c
       ON r.record_type = 'partnership' AND c.partnership_id = r.id
       ORDER BY 3, 1""",
)


TABLES_BY_NAME = {t.name: t for t in TABLES}
# FTS5's 'rebuild' re-reads an external-content index from its table: constant statements, one per table.
FTS_REBUILD = {
    "records": "INSERT INTO records_fts(records_fts) VALUES('rebuild')",
    "meetings": "INSERT INTO meetings_fts(meetings_fts) VALUES('rebuild')",
    "partnerships": "INSERT INTO partnerships_fts(partnerships_fts) VALUES('rebuild')",
}
# Words for every full-text index: Unicode letters and digits, diacritics folded (Türkmen = Turkmen); an apostrophe
# or a hyphen separates tokens, and dashboard.queries.fts_query turns "Chang'an" into the phrase "chang an".
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


def refresh_records(db: sqlite_utils.Database) -> None:
    """Rebuild the derived tables (records, record_themes, record_countries) and their full-text index from
    meetings and partnerships. Indexes are dropped during the bulk insert and made again after it."""
    derived = [TABLES_BY_NAME[name] for name in DERIVED_TABLES]
    with db.conn:
        for table in reversed(derived):  # links before the records they point to
            db[table.name].delete_where()
        drop_indexes(db, DERIVED_TABLES)
        for sql in RECORDS_SQL:
            db.execute(sql)
        for table in derived:
            for columns in table.indexes:
                db[table.name].create_index(list(columns), if_not_exists=True)
        for table in TABLES:  # full-text indexes without triggers: records' and those of meetings and partnerships
            if table.fts and not table.fts_triggers and db[f"{table.name}_fts"].exists():
                db.execute(FTS_REBUILD[table.name])


def drop_indexes(db: sqlite_utils.Database, tables: tuple[str, ...] | None = None) -> None:
    """Drop the declared secondary indexes (of `tables`, or of all): a bulk load fills tables several times faster
    without them; ensure_schema makes them again."""
    for name in tables or [t.name for t in TABLES]:
        for index in db[name].indexes:
            if not index.name.startswith("sqlite_autoindex"):
                db[name].drop_index(index.name)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table, index, full-text index and view that does not exist yet."""
    db.execute("PRAGMA foreign_keys = ON")
    for table in TABLES:
        t = db[table.name]
        if not t.exists():
            t.create(
                {name: typ for name, (typ, _doc) in table.columns.items()},
                pk=table.pk,
                not_null=set(table.not_null),
                foreign_keys=list(table.foreign_keys),
            )
        for columns in table.indexes:
            t.create_index(list(columns), if_not_exists=True)
        if table.fts and not t.detect_fts():
            t.enable_fts(list(table.fts), fts_version="FTS5", create_triggers=table.fts_triggers, tokenize=FTS_TOKENIZE)
    for name, (_doc, sql) in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)
    db.execute(SET_SCHEMA_VERSION)


_TYPE_NAMES = {str: "TEXT", int: "INTEGER", float: "REAL"}


def schema_markdown() -> str:
    """docs/schema.md, generated from the declarations above (`python -m etl schema-doc`)."""
    out = [
        "# Database schema",
        "",
        "Generated from `etl/schema.py` by `python -m etl schema-doc`; do not edit by hand.",
        f"Schema version {SCHEMA_VERSION}. The database is a plain SQLite file: open it with Datasette, DB Browser, pandas or `sqlite3`.",
        "Dates are text in ISO form with as much precision as the source gives (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), so they sort and compare as text; `*_precision` says which.",
        "",
    ]
    for table in TABLES:
        pk = table.pk if isinstance(table.pk, str) else ", ".join(table.pk)
        out += [f"## `{table.name}`", "", table.doc, "", f"Primary key: `{pk}`.", ""]
        fks = {c: f"{o}.{oc}" for c, o, oc in table.foreign_keys}
        out += ["| column | type | references | description |", "|---|---|---|---|"]
        for name, (typ, doc) in table.columns.items():
            req = " (required)" if name in table.not_null else ""
            out.append(f"| `{name}` | {_TYPE_NAMES[typ]} | {('`' + fks[name] + '`') if name in fks else ''} | {doc}{req} |")
        out.append("")
        if table.indexes:
            out.append("Indexes: " + "; ".join("(" + ", ".join(i) + ")" for i in table.indexes) + ".")
        if table.fts:
            out.append(f"Full-text search (FTS5, table `{table.name}_fts`, external content, tokenizer `{FTS_TOKENIZE}`) over: "
                       + ", ".join(table.fts) + "." + (" Rebuilt by every `etl build` and `etl ingest`; Datasette shows "
                                                       "its search box on the table." if not table.fts_triggers else
                                                       " Kept up to date by triggers."))
        if table.indexes or table.fts:
            out.append("")
    out += ["# Views", ""]
    for name, (doc, sql) in VIEWS.items():
        out += [f"## `{name}`", "", doc, "", "```sql", sql.strip(), "```", ""]
    return "\n".join(out)
