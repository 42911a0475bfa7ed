"""Downloads of a filtered table: CSV, Excel (with an "About" sheet) and JSON, as bytes.

Spreadsheet cells that start with = + - @ (or a tab or carriage return) are prefixed with an apostrophe so
that Excel or LibreOffice never runs them as formulas (CSV injection). JSON keeps values as they are.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import xlsxwriter

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CITATION = ("Central Asia – UNESCO cooperation dashboard, curated dataset (build {build}). "
            "Cite the source_url of each row for a single fact.")
SOURCES = ("Every row links to the public page that states it (column source_url): UNESCO (unesco.org, whc.unesco.org, "
           "ich.unesco.org), ministries of foreign affairs and national news agencies. World Heritage facts link to the "
           "UNESCO World Heritage Centre page of each property, whose terms restrict bulk republication.")


def neutralise(value):
    """'=HYPERLINK(...)' -> "'=HYPERLINK(...)"; everything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot be taken for formulas."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def about(description: str, rows: int, table: str, build: str | None) -> dict[str, str]:
    """What a download holds: the filters sentence, the row count, the data build, sources and how to cite."""
    return {
        "Table": table,
        "Filters": description,
        "Rows": str(rows),
        "Data build": build or "unknown",
        "Downloaded": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "Sources": SOURCES,
        "How to cite": CITATION.format(build=build or "unknown"),
    }


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads accents right); exactly the rows given."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_json(frame: pd.DataFrame, info: dict[str, str]) -> bytes:
    rows = frame.to_json(orient="records", force_ascii=False, date_format="iso")
    return ('{"about": ' + json.dumps(info, ensure_ascii=False) + ', "rows": ' + rows + "}").encode("utf-8")


def to_xlsx(frame: pd.DataFrame, info: dict[str, str], sheet: str = "Data") -> bytes:
    """An .xlsx with the rows on the first sheet and an "About" sheet; written row by row in constant memory."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "nan_inf_to_errors": True})
    bold = book.add_format({"bold": True})
    data = book.add_worksheet(sheet[:31])
    data.write_row(0, 0, [str(c) for c in frame.columns], bold)
    data.freeze_panes(1, 0)
    for r, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        data.write_row(r, 0, [_cell(v) for v in row])
    sheet_about = book.add_worksheet("About")
    sheet_about.set_column(0, 0, 16)
    sheet_about.set_column(1, 1, 110)
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    for r, (key, value) in enumerate(info.items()):
        sheet_about.write_string(r, 0, key, bold)
        sheet_about.write_string(r, 1, str(neutralise(value)), wrap)
    book.close()
    return buffer.getvalue()


def _cell(value):
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, str):
        return neutralise(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def file_name(table: str, slug: str, extension: str) -> str:
    """'meetings_2010-2020_water_KAZ.csv'"""
    return f"{table}_{slug}.{extension}"
