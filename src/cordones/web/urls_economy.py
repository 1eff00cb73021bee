"""Pages of work and the cooperative economy, under /w/<slug>/economy/, /books/ and
/surplus/."""

from django.urls import path

from cordones.web.views import (
    economy,
    economy_ledger,
    economy_retiros,
    economy_surplus,
    monitoring,
)

W = "w/<slug:slug>/"

urlpatterns = [
    # production monitoring, and the progress of background tasks (ADR 0006, 0016)
    path(W + "economy/monitoring/", monitoring.monitoring_page, name="monitoring"),
    path(
        W + "economy/monitoring/recompute/",
        monitoring.monitoring_recompute,
        name="monitoring_recompute",
    ),
    path(
        W + "economy/monitoring/settings/",
        monitoring.monitoring_settings,
        name="monitoring_settings",
    ),
    path(
        W + "economy/monitoring/<int:signal_id>/acknowledge/",
        monitoring.monitoring_acknowledge,
        name="monitoring_acknowledge",
    ),
    path(W + "tasks/<uuid:progress_id>/", monitoring.task_progress, name="task_progress"),
    path(W + "economy/", economy.overview, name="economy"),
    path(W + "economy/mine/", economy.my_work, name="economy_mine"),
    path(W + "economy/production/", economy.production_page, name="economy_production"),
    path(W + "economy/production/products/new/", economy.product_new, name="economy_product_new"),
    path(
        W + "economy/production/products/<int:product_id>/",
        economy.product_detail,
        name="economy_product",
    ),
    path(W + "economy/production/output/new/", economy.output_new, name="economy_output_new"),
    path(W + "economy/production/hours/new/", economy.hours_new, name="economy_hours_new"),
    path(W + "economy/production/capacity/", economy.capacity, name="economy_capacity"),
    path(W + "economy/import/", economy.import_page, name="economy_import"),
    path(W + "economy/sales/", economy.sales_page, name="economy_sales"),
    path(W + "economy/sales/customers/new/", economy.customer_new, name="economy_customer_new"),
    path(
        W + "economy/customers/concentration/", economy.concentration, name="economy_concentration"
    ),
    path(W + "economy/retiros/", economy_retiros.retiros_page, name="economy_retiros"),
    path(W + "economy/retiros/schemes/new/", economy_retiros.scheme_new, name="economy_scheme_new"),
    path(
        W + "economy/retiros/schemes/<int:scheme_id>/roles/",
        economy_retiros.scheme_roles,
        name="economy_scheme_roles",
    ),
    path(W + "economy/retiros/sheets/new/", economy_retiros.sheet_new, name="economy_sheet_new"),
    path(
        W + "economy/retiros/<int:year>/<int:month>/",
        economy_retiros.sheet_detail,
        name="economy_sheet",
    ),
    path(
        W + "economy/retiros/<int:year>/<int:month>/<str:action>/",
        economy_retiros.sheet_action,
        name="economy_sheet_action",
    ),
    path(
        W + "economy/retiros/<int:year>/<int:month>/sheet.<str:fmt>",
        economy_retiros.sheet_export,
        name="economy_sheet_export",
    ),
    path(
        W + "economy/retiros/<int:year>/<int:month>/receipt-<int:number>.pdf",
        economy_retiros.receipt,
        name="economy_receipt",
    ),
    path(W + "economy/retiros/trends/", economy_retiros.trends, name="economy_trends"),
    path(W + "books/", economy_ledger.journal, name="economy_journal"),
    path(W + "books/new/", economy_ledger.entry_new, name="economy_entry_new"),
    path(W + "books/entries/<int:number>/", economy_ledger.entry_detail, name="economy_entry"),
    path(
        W + "books/entries/<int:number>/reverse/",
        economy_ledger.entry_reverse,
        name="economy_entry_reverse",
    ),
    path(W + "books/accounts/", economy_ledger.accounts, name="economy_accounts"),
    path(W + "books/reports/", economy_ledger.reports, name="economy_reports"),
    path(
        W + "books/reports/<str:report>.<str:fmt>",
        economy_ledger.report_export,
        name="economy_report_export",
    ),
    path(W + "books/ledger.beancount", economy_ledger.beancount, name="economy_beancount"),
    path(W + "books/periods/", economy_ledger.periods, name="economy_periods"),
    path(
        W + "books/periods/<int:period_id>/close/",
        economy_ledger.period_close,
        name="economy_period_close",
    ),
    path(
        W + "books/years/<int:year_id>/close/", economy_ledger.year_close, name="economy_year_close"
    ),
    path(W + "surplus/", economy_surplus.proposals, name="economy_proposals"),
    path(
        W + "surplus/years/<int:year_id>/new/",
        economy_surplus.proposal_new,
        name="economy_proposal_new",
    ),
    path(W + "surplus/<int:pk>/", economy_surplus.proposal_detail, name="economy_proposal"),
    path(
        W + "surplus/<int:pk>/<str:action>/",
        economy_surplus.proposal_action,
        name="economy_proposal_action",
    ),
]
