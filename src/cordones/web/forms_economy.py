"""Forms of the economy pages (production, sales, retiros, books, surplus)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from cordones.domain.bounds import HOURS
from cordones.domain.surplus import Basis
from cordones.ledger.models import ACCOUNT_TYPE_LABELS
from cordones.members.models import Member
from cordones.production.models import PERIOD_CHOICES, Product, Unit
from cordones.retiros.models import SCHEME_LABELS, RetiroCategory
from cordones.sales.models import Customer
from cordones.web import bounded
from cordones.web.forms import DateInput
from cordones.workplaces.models import Section, Sector, Workplace

MONEY = {"max_digits": 16, "decimal_places": 2}


class _WorkplaceForm(forms.Form):
    def __init__(self, *args: Any, workplace: Workplace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = getattr(field.queryset, "model", None)
                if model is Section:
                    field.queryset = Section.objects.filter(workplace=workplace)
                elif model is Product:
                    field.queryset = Product.objects.filter(workplace=workplace, active=True)
                elif model is Customer:
                    field.queryset = Customer.objects.filter(workplace=workplace)
                elif model is Member:
                    field.queryset = Member.objects.filter(workplace=workplace).order_by("number")


class ProductForm(_WorkplaceForm):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    section = forms.ModelChoiceField(
        label=_("Main section"), queryset=Section.objects.none(), required=False
    )
    machine_capacity = bounded.DecimalField(
        label=_("Machine capacity per month (in the product's unit)"),
        required=False,
        min_value=0,
        decimal_places=3,
    )


class ProductInputForm(forms.Form):
    name = forms.CharField(label=_("Input"), max_length=200)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    quantity = bounded.DecimalField(
        label=_("Quantity for one unit of the product"), min_value=0, decimal_places=4
    )


class OutputForm(_WorkplaceForm):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False
    )
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES)
    start = bounded.DateField(
        label=_("Period start"),
        widget=DateInput(),
        help_text=_("A week starts on Monday; a month on its first day."),
    )
    quantity = bounded.DecimalField(label=_("Quantity made"), min_value=0, decimal_places=3)
    rejects = bounded.DecimalField(
        label=_("Rejects"), min_value=0, decimal_places=3, required=False, initial=0
    )


class HoursForm(_WorkplaceForm):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False
    )
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES)
    start = bounded.DateField(label=_("Period start"), widget=DateInput())
    hours = bounded.DecimalField(label=_("Hours"), bound=HOURS)


IMPORT_KINDS = [
    ("output", _("Output")),
    ("hours", _("Labour hours")),
    ("sales", _("Sales")),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file has"), choices=IMPORT_KINDS)
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("The first row names the columns. Nothing is saved if any row is wrong."),
    )


class CapacityForm(_WorkplaceForm):
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    hours_per_month = bounded.DecimalField(label=_("Hours per month"), bound=HOURS, required=False)


class CustomerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    tax_id = forms.CharField(label=_("CUIT / tax id"), max_length=20, required=False)
    former_owner_customer = forms.BooleanField(
        label=_("Was a customer of the former owners"), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class SaleForm(_WorkplaceForm):
    customer = forms.ModelChoiceField(label=_("Customer"), queryset=Customer.objects.none())
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False
    )
    on = bounded.DateField(label=_("Date"), widget=DateInput())
    quantity = bounded.DecimalField(label=_("Quantity"), min_value=0, decimal_places=3)
    unit_price = bounded.DecimalField(label=_("Unit price"), min_value=0, decimal_places=2)
    invoice = forms.CharField(label=_("Invoice"), max_length=60, required=False)


class SchemeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(
        label=_("Scheme"), choices=[(k.value, v) for k, v in SCHEME_LABELS.items()]
    )
    valid_from = bounded.DateField(label=_("In force from"), widget=DateInput())
    decided_by = forms.CharField(
        label=_("Assembly decision"),
        max_length=200,
        help_text=_("The assembly and its minutes that chose this scheme."),
    )
    base = bounded.DecimalField(
        label=_("Monthly base"), required=False, min_value=0, decimal_places=2
    )
    hourly_rate = bounded.DecimalField(
        label=_("Hourly rate"), required=False, min_value=0, decimal_places=2
    )
    seniority_percent = bounded.DecimalField(
        label=_("Seniority: percent per full year"),
        required=False,
        min_value=0,
        max_value=10,
        decimal_places=2,
    )
    categories = forms.CharField(
        label=_("Roles and coefficients"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, such as: Oficial 1.3"),
    )


class SheetForm(forms.Form):
    month = forms.CharField(
        label=_("Month"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("Year and month, such as 2025-03."),
    )
    pool = bounded.DecimalField(
        label=_("Amount to share (optional)"),
        required=False,
        min_value=0,
        decimal_places=2,
        help_text=_("Leave blank to pay the scheme's amounts; fill in to share this sum."),
    )


class DayForm(forms.Form):
    on = bounded.DateField(label=_("Date"), widget=DateInput())


class PriceRatesForm(forms.Form):
    rates = forms.CharField(
        label=_("Monthly inflation, one month per line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The month and the percent change in prices, such as: 2025-03 3.7"),
    )
    source = forms.CharField(label=_("Source"), max_length=120, required=False)


class AccountForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=200)
    type = forms.ChoiceField(
        label=_("Type"), choices=[(t.value, label) for t, label in ACCOUNT_TYPE_LABELS.items()]
    )


ENTRY_LINES = 6


class EntryForm(forms.Form):
    on = bounded.DateField(label=_("Date"), widget=DateInput())
    narration = forms.CharField(label=_("Description"), max_length=300)
    section = forms.CharField(label=_("Section (optional)"), max_length=120, required=False)

    def __init__(self, *args: Any, accounts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *accounts]
        for i in range(1, ENTRY_LINES + 1):
            self.fields[f"account_{i}"] = forms.ChoiceField(
                label=_("Line %(n)s: account") % {"n": i}, choices=choices, required=False
            )
            self.fields[f"debit_{i}"] = bounded.DecimalField(
                label=_("Line %(n)s: debit") % {"n": i},
                required=False,
                min_value=0,
                decimal_places=2,
            )
            self.fields[f"credit_{i}"] = bounded.DecimalField(
                label=_("Line %(n)s: credit") % {"n": i},
                required=False,
                min_value=0,
                decimal_places=2,
            )

    def lines(self) -> list[tuple[str, object, object, str]]:
        data = self.cleaned_data
        return [
            (data.get(f"account_{i}") or "", data.get(f"debit_{i}"), data.get(f"credit_{i}"), "")
            for i in range(1, ENTRY_LINES + 1)
        ]


class ProposalForm(forms.Form):
    basis = forms.ChoiceField(label=_("Retorno in proportion to"), choices=[])
    share_interest_rate = bounded.DecimalField(
        label=_("Interest on paid-in shares (percent a year, optional)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    share_interest_cap = bounded.DecimalField(
        label=_("Legal cap on that interest this year (percent, optional)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    losses_to_cover = bounded.DecimalField(
        label=_("Losses of previous years to cover"), required=False, min_value=0, decimal_places=2
    )
    reserves_to_rebuild = bounded.DecimalField(
        label=_("Reserves used for losses, to rebuild"),
        required=False,
        min_value=0,
        decimal_places=2,
        initial=0,
    )

    BASIS_LABELS = {
        Basis.HOURS: _("Hours worked"),
        Basis.RETIROS: _("Retiros received"),
        Basis.EQUAL: _("Equal parts"),
        Basis.COEFFICIENT: _("Role coefficient"),
    }

    def __init__(self, *args: Any, bases: tuple[Basis, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["basis"].choices = [(b.value, self.BASIS_LABELS[b]) for b in bases]  # type: ignore[attr-defined]


class SchemeRolesForm(forms.Form):
    """One select per member, named ``member-<id>``: their role under a coefficient scheme,
    or "—" for none. Only the selects that were posted count."""

    def __init__(
        self,
        *args: Any,
        members: Sequence[Member],
        categories: Sequence[RetiroCategory],
        current: Mapping[int, RetiroCategory],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [
            (str(c.pk), f"{c.name} ({formats.number_format(c.coefficient, 3)})") for c in categories
        ]
        for member in members:
            now = current.get(member.pk)
            self.fields[f"member-{member.pk}"] = forms.TypedChoiceField(
                label=_("Role of %(name)s") % {"name": member.full_name},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(now.pk) if now is not None else "",
            )

    def assignments(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("member-")): value
            for name, value in self.cleaned_data.items()
            if name in self.data
        }
