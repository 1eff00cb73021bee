from django.contrib import admin

from cordones.workplaces.models import Section, Workplace


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Workplace)
class WorkplaceAdmin(admin.ModelAdmin):
    list_display = ("name", "legal_form", "sector", "city", "statute_profile")
    list_filter = ("sector", "legal_form", "statute_profile")
    search_fields = ("name", "legal_name", "tax_id")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SectionInline]
