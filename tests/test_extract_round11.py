"""Eleventh round: what real pages print that the reader and the extractor did not read yet."""


def test_date_lines_with_ordinals_iso_stamps_and_a_second_updated_date():
    from etl.articles import parse_date_line
    cases = {"7th June 2023": "2023-06-07", "June 7th, 2023": "2023-06-07", "1st March 2021": "2021-03-01",
             "2023-06-07T12:45:00Z": "2023-06-07", "Last updated: 7 June 2023": "2023-06-07",
             "7 June 2023 | Last updated: 8 June 2023": "2023-06-07", "07.06.2023, обновлено 08.06.2023": "2023-06-07",
             "ASTANA, June 7 (Kazinform)": None, "Updated guidance": None}
    assert {line: parse_date_line(line) and str(parse_date_line(line)) for line in cases} == cases
