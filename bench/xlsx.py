"""Excel writers measured side by side on the export benchmark's rows (bench/workers.py, section "exports").

- `hand_written`: the Office Open XML writer the dashboard used until issue 11 (inline strings, zipfile), kept here
  as the reference the library must not be more than 2x slower than;
- the maintained libraries, each when installed: rustpy-xlsxwriter (what dashboard.export.to_xlsx uses), xlsxwriter
  in constant-memory mode, pyexcelerate.

Every writer gets the same formula-neutralised rows (dashboard.export.safe_frame) and writes the About sheet.
"""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

from dashboard.export import neutralise, safe_frame


def hand_written(frame: pd.DataFrame, info: dict[str, str], sheet: str = "Data") -> bytes:
    """An .xlsx with the rows on the first sheet (header in bold, frozen) and an "About" sheet.

    Written directly as Office Open XML with inline strings: a few operations per cell instead of a library's
    per-cell bookkeeping, about 8× faster than xlsxwriter for 60,000 rows. Text is XML-escaped and cleared of
    characters XML forbids; cells that start with = + - @ are neutralised like the CSV's."""
    data = safe_frame(frame)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK.format(first=_xml_text(sheet[:31]) or "Data"))
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        book.writestr("xl/worksheets/sheet1.xml", _sheet([list(map(str, data.columns))], data, widths=None))
        about_rows = pd.DataFrame({"key": list(info), "value": [str(neutralise(v)) for v in info.values()]})
        book.writestr("xl/worksheets/sheet2.xml", _sheet([], about_rows, widths=(18, 110), bold_first_column=True))
    return buffer.getvalue()


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return _XML_ILLEGAL.sub("", value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cells(values, letter: str, style: str = "") -> list[str]:
    """One column's cells, each with its reference (the row number is filled in per row); empty cells are left out."""
    out = []
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    for value in values:
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            out.append("")
        elif numeric:
            out.append(f'<c r="{letter}\x00"{style}><v>{value}</v></c>')
        else:
            out.append(f'<c r="{letter}\x00" t="inlineStr"{style}><is><t xml:space="preserve">{_xml_text(str(value))}</t></is></c>')
    return out


def _sheet(header: list[list[str]], frame: pd.DataFrame, widths, bold_first_column: bool = False) -> str:
    columns = [_cells(frame[c], _column_letters(i), ' s="1"' if bold_first_column and i == 0 else "")
               for i, c in enumerate(frame.columns)]
    rows = []
    for r, names in enumerate(header, start=1):
        rows.append(f'<row r="{r}">' + "".join(f'<c r="{_column_letters(i)}{r}" t="inlineStr" s="1"><is><t>{_xml_text(n)}</t></is></c>'
                                               for i, n in enumerate(names)) + "</row>")
    first = len(header) + 1
    for offset, cells in enumerate(zip(*columns)) if columns else ():
        number = str(first + offset)
        rows.append(f'<row r="{number}">' + "".join(cells).replace("\x00", number) + "</row>")
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths or (), start=1))
    pane = ('<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews>') if header else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + pane
            + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>" + "".join(rows) + "</sheetData></worksheet>")


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>")
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="{first}" sheetId="1" r:id="rId1"/><sheet name="About" sheetId="2" r:id="rId2"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet2.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>')
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def xlsxwriter_constant_memory(frame: pd.DataFrame, info: dict[str, str], sheet: str = "Data") -> bytes:
    import xlsxwriter

    data = safe_frame(frame)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    rows = book.add_worksheet(sheet[:31])
    rows.write_row(0, 0, list(data.columns), bold)
    rows.freeze_panes(1, 0)
    for r, row in enumerate(data.itertuples(index=False, name=None), start=1):
        for c, value in enumerate(row):
            if value is not None and value == value:
                rows.write(r, c, value)
    about = book.add_worksheet("About")
    for r, (key, value) in enumerate(info.items()):
        about.write_string(r, 0, key, bold)
        about.write_string(r, 1, str(neutralise(value)))
    book.close()
    return buffer.getvalue()


def pyexcelerate_writer(frame: pd.DataFrame, info: dict[str, str], sheet: str = "Data") -> bytes:
    from pyexcelerate import Font, Panes, Style, Workbook

    data = safe_frame(frame)
    book = Workbook()
    cells = [list(data.columns)] + [[None if v is None or v != v else v for v in row]
                                    for row in data.itertuples(index=False, name=None)]
    rows = book.new_sheet(sheet[:31], data=cells)
    rows.set_row_style(1, Style(font=Font(bold=True)))
    rows.panes = Panes(0, 1)
    book.new_sheet("About", data=[[key, str(neutralise(value))] for key, value in info.items()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def library() -> object:
    from dashboard.export import to_xlsx

    return to_xlsx


# name -> (the module that must be importable, the writer)
WRITERS = {
    "hand-written OOXML (until issue 11)": (None, hand_written),
    "rustpy-xlsxwriter (dashboard.export.to_xlsx)": ("rustpy_xlsxwriter", lambda f, i, s: library()(f, i, s)),
    "xlsxwriter, constant_memory": ("xlsxwriter", xlsxwriter_constant_memory),
    "pyexcelerate": ("pyexcelerate", pyexcelerate_writer),
}
