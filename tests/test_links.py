"""Commitment chains (data/links.yaml) and national bodies: what the build accepts and what it refuses, with
file, line, field and reason; and the chains' open items on a date."""

import pandas as pd
import pytest

from dashboard import commitments, queries, store
from etl.load import build
from etl.records import read_data

GOOD = """
- id: western-tien-shan-nomination
  process: nomination
  title: Western Tien-Shan, from nomination to inscription
  stages:
    - stage: nominated
      partnership: whs-western-tien-shan
      date: 2015-01
      source_url: https://whc.unesco.org/en/list/1490/
    - stage: inscribed
      partnership: whs-western-tien-shan
      source_url: https://whc.unesco.org/en/list/1490/
- id: cargc-agreement
  process: agreement
  title: The glaciological centre's agreement
  stages:
    - stage: signed
      partnership: c2c-cargc
      source_url: https://example.org/cargc
      ends: 2027-06
- id: visit-announced
  process: visit
  title: A visit announced at the 2017 meeting
  stages:
    - stage: announced
      meeting: kaz-2017-03-29-abdrakhmanov-bokova
      source_url: http://en.unesco.kz/kazakhstan-places-priority-on-partnership-with-unesco-for-peace-and-security
"""


def write_links(folder, text):
    (folder / "links.yaml").write_text(text, encoding="utf-8")


def test_valid_chains_load_with_their_sources_and_dates(mini_data, tmp_path):
    write_links(mini_data, GOOD)
    data = read_data(mini_data)
    assert data.rejects == []
    rows = {(r["chain_id"], r["position"]): r for r in data.rows["links"]}
    assert sorted(rows) == [("cargc-agreement", 1), ("visit-announced", 1), ("western-tien-shan-nomination", 1),
                            ("western-tien-shan-nomination", 2)]
    nominated, inscribed = rows[("western-tien-shan-nomination", 1)], rows[("western-tien-shan-nomination", 2)]
    assert (nominated["date"], nominated["date_precision"], nominated["publisher_id"]) == ("2015-01", "month", "unesco-whc")
    assert (inscribed["date"], inscribed["stage"]) == ("2016", "inscribed")  # the record's own date
    assert rows[("cargc-agreement", 1)]["ends"] == "2027-06"
    cited = [s for s in data.rows["sources"] if s["record_table"] == "links"]
    assert {s["record_id"] for s in cited} == {"western-tien-shan-nomination:1", "western-tien-shan-nomination:2",
                                               "cargc-agreement:1", "visit-announced:1"}
    report = build(mini_data, tmp_path / "links.db")
    assert report.rejects == [] and report.counts["links"] == 4


def refusal(mini_data, text):
    write_links(mini_data, text)
    rejects = [r for r in read_data(mini_data).rejects if r.file == "links.yaml"]
    assert len(rejects) == 1, rejects
    return rejects[0]


def test_a_chain_that_skips_a_stage_is_refused_at_the_stage(mini_data):
    reject = refusal(mini_data, """
- id: skipping
  process: nomination
  title: Straight from the Tentative List to the List
  stages:
    - stage: tentative
      partnership: whs-western-tien-shan
      date: 2010
      source_url: https://whc.unesco.org/en/list/1490/
    - stage: inscribed
      partnership: whs-western-tien-shan
      source_url: https://whc.unesco.org/en/list/1490/
""")
    assert (reject.record_id, reject.line, reject.field) == ("skipping", 10, "stages[2].stage")
    assert "'inscribed' cannot follow 'tentative': the chain skips a stage; after 'tentative' comes nominated" in reject.reason


def test_a_chain_must_start_at_the_start_of_its_process(mini_data):
    reject = refusal(mini_data, """
- id: held-only
  process: visit
  title: Held without being announced
  stages:
    - stage: held
      meeting: kaz-2017-03-29-abdrakhmanov-bokova
      source_url: http://en.unesco.kz/x
""")
    assert reject.field == "stages[1].stage" and "starts with invited or announced" in reject.reason


def test_a_chain_pointing_at_a_missing_record_is_refused(mini_data):
    reject = refusal(mini_data, """
- id: dangling
  process: agreement
  title: Points nowhere
  stages:
    - stage: signed
      partnership: agreement-that-does-not-exist
      source_url: https://example.org/agreement
""")
    assert (reject.line, reject.field, reject.value) == (7, "stages[1].partnership", "agreement-that-does-not-exist")
    assert "is not defined in partnerships/*.yaml" in reject.reason


def test_a_chain_running_backwards_in_time_is_refused(mini_data):
    reject = refusal(mini_data, """
- id: backwards
  process: nomination
  title: Inscribed before it was nominated
  stages:
    - stage: nominated
      partnership: whs-western-tien-shan
      date: 2019
      source_url: https://whc.unesco.org/en/list/1490/
    - stage: inscribed
      partnership: whs-western-tien-shan
      source_url: https://whc.unesco.org/en/list/1490/
""")
    assert reject.field == "stages[2].date" and "is dated before stage 1" in reject.reason


@pytest.mark.parametrize("stage, reason", [
    ("    - stage: signed\n      partnership: c2c-cargc\n      source_url: https://mirror.example.net/page\n",
     "not in publishers.yaml"),
    ("    - stage: signed\n      partnership: c2c-cargc\n", "has no source_url"),
    ("    - stage: signed\n      partnership: c2c-cargc\n      meeting: kaz-2017-03-29-abdrakhmanov-bokova\n"
     "      source_url: https://example.org/x\n", "exactly one record"),
    ("    - stage: launched\n      partnership: c2c-cargc\n      source_url: https://example.org/x\n", "must be one of"),
    ("    - stage: expired\n      partnership: c2c-cargc\n      source_url: https://example.org/x\n", "needs a date"),
])
def test_stage_problems_are_refused_with_a_reason(mini_data, stage, reason):
    head = "- id: bad\n  process: agreement\n  title: Bad\n  stages:\n"
    if "expired" in stage:
        stage = "    - stage: signed\n      partnership: c2c-cargc\n      source_url: https://example.org/x\n" + stage
    reject = refusal(mini_data, head + stage)
    assert reason in reject.reason, reject


def test_a_refused_chain_keeps_the_others(mini_data):
    write_links(mini_data, GOOD + GOOD.replace("- id: cargc-agreement", "- id: cargc-agreement-2").split("- id: cargc-agreement-2")[0])
    data = read_data(mini_data)
    assert [r.reason for r in data.rejects if r.file == "links.yaml"] == [
        "duplicate chain 'western-tien-shan-nomination': already defined at links.yaml:2"]
    assert len(data.rows["links"]) == 4


def test_national_bodies_load_and_bad_ones_are_refused(mini_data):
    (mini_data / "national_bodies.yaml").write_text("""
- country: KAZ
  body: national_commission
  name: National Commission of the Republic of Kazakhstan for UNESCO and ISESCO
  established: 1992
  source_url: https://www.unesco.org/en/countries/kz
- country: FRA
  body: national_commission
  name: Not a focus country
  source_url: https://www.unesco.org/en/countries/fr
- country: KAZ
  body: embassy
  name: Not a body we record
  source_url: https://www.unesco.org/en/countries/kz
""", encoding="utf-8")
    data = read_data(mini_data)
    assert [(b["id"], b["established"], b["established_precision"], b["publisher_id"]) for b in data.rows["national_bodies"]] == [
        ("national_commission-kaz", "1992", "year", "unesco")]
    reasons = sorted((r.line, r.field) for r in data.rejects if r.file == "national_bodies.yaml")
    assert reasons == [(7, "country"), (12, "body")]


# ------------------------------------------------------------------------------------------ open items


def stages(*rows):
    columns = ["chain_id", "position", "process", "chain_title", "stage", "record_type", "record_id", "date", "ends",
               "source_url", "publisher", "countries", "chain_note"]
    return pd.DataFrame([dict(zip(columns, r)) for r in rows], columns=columns)


CHAINS = stages(
    ("nom", 1, "nomination", "A nomination", "tentative", "partnership", "p1", "2019", None, "u1", "P", "KAZ", None),
    ("nom", 2, "nomination", "A nomination", "nominated", "partnership", "p1", "2021-02", None, "u2", "P", "KAZ", None),
    ("done", 1, "nomination", "Inscribed", "nominated", "partnership", "p2", "2020", None, "u3", "P", "KAZ", None),
    ("done", 2, "nomination", "Inscribed", "inscribed", "partnership", "p2", "2021", None, "u4", "P", "KAZ", None),
    ("deal", 1, "agreement", "An agreement", "signed", "partnership", "p3", "2020-06-01", "2026-12", "u5", "P", "KAZ", None),
    ("old", 1, "agreement", "Ended long ago", "signed", "partnership", "p4", "2010", "2012", "u6", "P", "KAZ", None),
    ("visit", 1, "visit", "A visit", "invited", "meeting", "m1", "2024-03-15", None, "u7", "P", "KAZ", None),
    ("later", 1, "visit", "Held later", "announced", "meeting", "m2", "2024-01", None, "u8", "P", "UZB", None),
    ("later", 2, "visit", "Held later", "held", "meeting", "m3", "2025-09-01", None, "u9", "P", "UZB", None),
)


def test_what_is_open_on_a_date():
    items = commitments.open_items(CHAINS, "2025-06-01")
    assert list(items["chain_id"]) == ["nom", "later", "visit", "deal"]
    by_id = items.set_index("chain_id")
    assert by_id.loc["nom", "status"] == "Nominated" and by_id.loc["nom", "open_for"] == "about 6 years"
    assert by_id.loc["visit", "open_for"] == "1 year 2 months"
    assert by_id.loc["deal", "due"] == "2026-12"
    # on a later day the visit is held, and the agreement's end is more than 24 months before the horizon ends
    later = commitments.open_items(CHAINS, "2025-10-01")
    assert "later" not in set(later["chain_id"])
    assert "deal" not in set(commitments.open_items(CHAINS, "2027-01-01")["chain_id"])
    assert "deal" not in set(commitments.open_items(CHAINS, "2020-07-01")["chain_id"])  # more than 24 months ahead


def test_a_chain_is_the_country_s_whose_first_record_concerns_it():
    chain = stages(("uzb-part", 1, "nomination", "Deserts (Uzbekistan's part)", "tentative", "partnership", "t", "2021",
                    None, "u", "P", "UZB", None),
                   ("uzb-part", 2, "nomination", "Deserts (Uzbekistan's part)", "inscribed", "partnership", "w", "2023",
                    None, "u", "P", "KAZ, TKM, UZB", None))
    assert commitments.for_country(chain, "KAZ").empty and len(commitments.for_country(chain, "UZB")) == 2


def test_chains_of_a_country_and_in_a_year_range():
    assert set(commitments.for_country(CHAINS, "UZB")["chain_id"]) == {"later"}
    assert set(commitments.for_country(CHAINS, "KAZ", 2024, 2024)["chain_id"]) == {"visit"}
    assert commitments.for_country(CHAINS, "KAZ", 1990, 1991).empty


@pytest.mark.parametrize("since, on, expected", [
    ("2019", "2025-06-01", "about 6 years"), ("2025-05-20", "2025-06-01", "less than a month"),
    ("2023-03", "2025-06-01", "2 years 3 months"), ("2025", "2025-06-01", "under a year"), ("2026", "2025-06-01", ""),
])
def test_how_long_open(since, on, expected):
    assert commitments.duration(since, on) == expected


def test_an_agreement_ending_in_a_year_is_open_until_the_end_of_that_year():
    chain = stages(("prog", 1, "agreement", "Programme 2022-2026", "signed", "partnership", "p", "2022", "2026", "u", "P",
                    "UZB", None))
    assert list(commitments.open_items(chain, "2026-12-01")["due"]) == ["2026"]
    assert commitments.open_items(chain, "2027-01-01").empty
    assert commitments.period_end("2024-02") == commitments.as_date("2024-02-29")


def test_an_entry_still_on_the_tentative_list_is_open_as_such_not_as_a_nomination():
    chain = stages(("tl", 1, "nomination", "A site", "tentative", "partnership", "p", "2021-08-25", None, "u", "P",
                    "KAZ", None))
    item = commitments.open_items(chain, "2025-06-01").iloc[0]
    assert item["open_kind"] == "On the Tentative List, not yet nominated" and item["open_for"] == "3 years 9 months"


def test_a_nomination_no_chain_follows_yet_is_open(bundled_db):
    conn = store.connect(bundled_db)
    try:
        loose = conn.execute("SELECT p.id FROM partnerships p JOIN partnership_countries c ON c.partnership_id = p.id "
                             "WHERE p.kind = 'world_heritage_nomination' AND p.status = 'in_progress' "
                             "AND c.country_iso3 = 'KAZ' AND p.id NOT IN (SELECT record_id FROM links)").fetchall()
        items = queries.open_commitments(conn, "KAZ", "2026-12-01")
    finally:
        conn.close()
    assert loose, "the bundled data has a Kazakh nomination in progress that no chain follows"
    opened = items[items["record_id"].isin({r[0] for r in loose})]
    assert len(opened) == len(loose) and set(opened["open_kind"]) == {"Nomination without an outcome"}
