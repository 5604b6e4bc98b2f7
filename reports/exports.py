"""Every table as CSV or XLSX: the same `Table` the page shows, with its definition on top."""

import csv
import datetime as dt
import io

from django.http import Http404, HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    # A cell a spreadsheet would read as a formula is written as text (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def table_csv(table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_cell(table.title)])
    writer.writerow([_cell(table.definition)])
    writer.writerow([str(column.label) for column in table.columns])
    for row in table.rows:
        writer.writerow([_cell(c.isoformat() if isinstance(c, dt.date) else c) for c in row])
    if table.total:
        writer.writerow([_cell(c) for c in table.total])
    # With a byte-order mark, Excel opens the file as UTF-8 (names of countries with accents).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(table) -> bytes:
    from openpyxl import Workbook  # only the export needs it
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = table.key[:31]
    sheet.append([_cell(table.title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([_cell(table.definition)])
    sheet.append([str(column.label) for column in table.columns])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_cell(c) for c in row])
    if table.total:
        sheet.append([_cell(c) for c in table.total])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_response(table, *, fmt, name):
    if fmt == "csv":
        response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(table_xlsx(table), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
