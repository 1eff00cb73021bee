"""Imports cannot exhaust memory (issue 7 point 4): an XLSX that declares A1:XFD5000 in a
few kilobytes, one whose members expand to more than the limit, and over-wide or over-long
CSVs are refused with a message on the file, nothing stored, without building the cells."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook

from cordones.domain.production.tables import OUTPUT_SPEC
from cordones.production.importing import ImportRejected, parse_upload
from cordones.production.models import OutputRecord
from cordones.production.tabular import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    FileTooLarge,
    read_rows,
)
from tests.web.economy_support import build_economy


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite_sheet(data: bytes, change) -> bytes:
    """The same workbook with its first sheet's XML passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode()).encode()
            target.writestr(item, content)
    return out.getvalue()


def bomb_declaring_xfd5000() -> bytes:
    data = _workbook([["fecha", "producto", "cantidad"], ["2025-06-02", "LIB", 12]])

    def declare(xml: str) -> str:
        return re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:XFD5000"/>', xml)

    bomb = _rewrite_sheet(data, declare)
    assert b"XFD5000" in zipfile.ZipFile(io.BytesIO(bomb)).read("xl/worksheets/sheet1.xml")
    return bomb


def bomb_expanding() -> bytes:
    """A valid workbook with one extra member of zeros larger than the limit once inflated
    (a few tens of kilobytes compressed)."""
    data = _workbook([["fecha", "producto", "cantidad"], ["2025-06-02", "LIB", 12]])
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (MAX_UNCOMPRESSED_BYTES + 1024))
    return out.getvalue()


def test_a_workbook_declaring_a1_xfd5000_is_refused_before_any_row_is_built():
    bomb = bomb_declaring_xfd5000()
    assert len(bomb) < 10_000
    tracemalloc.start()
    try:
        with pytest.raises(FileTooLarge) as refused:
            read_rows("bomba.xlsx", bomb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.kind == "columns"
    assert peak < 20 * 1024 * 1024  # the unbounded read built ~560 MB of empty cells


def test_a_workbook_whose_members_expand_past_the_limit_is_refused_unread():
    bomb = bomb_expanding()
    assert len(bomb) < MAX_UNCOMPRESSED_BYTES // 100
    with pytest.raises(FileTooLarge) as refused:
        read_rows("bomba.xlsx", bomb)
    assert refused.value.kind == "uncompressed"


def test_a_sheet_without_a_dimension_is_still_read_at_most_max_columns_wide():
    data = _workbook([["fecha", "producto", "cantidad"], ["2025-06-02", "LIB", 12]])

    def far_cell(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*" ?/>', "", xml)
        far = '<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace("</sheetData>", far + "</sheetData>")

    rows = read_rows("lejos.xlsx", _rewrite_sheet(data, far_cell))
    assert rows[0][:3] == ["fecha", "producto", "cantidad"]
    assert all(len(row) <= MAX_COLUMNS for row in rows)


def test_csvs_too_long_or_too_wide_are_refused():
    wide = (",".join(["x"] * (MAX_COLUMNS + 1)) + "\n").encode()
    with pytest.raises(FileTooLarge):
        read_rows("ancho.csv", wide)
    long = b"fecha,producto,cantidad\n" + b"2025-06-02,LIB,1\n" * MAX_ROWS
    with pytest.raises(FileTooLarge):
        read_rows("largo.csv", long)
    assert len(read_rows("bien.csv", b"fecha,producto,cantidad\n2025-06-02,LIB,1\n")) == 2


@pytest.mark.parametrize("make", [bomb_declaring_xfd5000, bomb_expanding])
def test_the_service_refuses_a_bomb_with_a_message_on_the_file(make):
    with pytest.raises(ImportRejected) as refused:
        parse_upload(OUTPUT_SPEC, "bomba.xlsx", make())
    assert refused.value.errors["file"] and refused.value.lines[0].message


@pytest.mark.django_db
@pytest.mark.parametrize("make", [bomb_declaring_xfd5000, bomb_expanding])
def test_the_import_page_refuses_a_bomb_and_stores_nothing(client, shop, make):
    build_economy(shop, months=1)
    client.force_login(shop.users["council_member"])
    before = OutputRecord.objects.count()
    upload = io.BytesIO(make())
    upload.name = "bomba.xlsx"
    response = client.post(
        reverse("economy_import", args=[shop.workplace.slug]), {"kind": "output", "file": upload}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("file")
    assert response.context["report"]
    assert OutputRecord.objects.count() == before
