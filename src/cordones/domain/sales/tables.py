"""The sales table a workplace can import (CSV or XLSX)."""

from __future__ import annotations

from cordones.domain.production.imports import CellType, Column, TableSpec
from cordones.domain.production.tables import DATE, PRODUCT, SECTION

SALES_SPEC = TableSpec(
    kind="sales",
    columns=(
        DATE,
        Column("customer", ("customer", "cliente", "client"), CellType.TEXT),
        PRODUCT,
        SECTION,
        Column(
            "quantity",
            ("quantity", "cantidad", "quantidade"),
            CellType.DECIMAL,
            places=3,
            positive=True,
        ),
        Column(
            "unit_price",
            ("unit price", "precio unitario", "precio", "preco unitario", "preco", "price"),
            CellType.DECIMAL,
            places=2,
        ),
        Column(
            "invoice",
            ("invoice", "factura", "comprobante", "nota fiscal"),
            CellType.TEXT,
            required=False,
            default="",
            max_length=60,
        ),
    ),
)
