"""Admin of the contracts app (functioneel beheerder): providers and their users, contracts, products,
tariffs and outcome agreements. Allocations and their history are read-only here: they change only through
``contracts.services`` (rules, history, processing log)."""

from django.contrib import admin

from .models import (
    Allocation,
    AllocationChange,
    AllocationDelivery,
    AllocationNumber,
    Contract,
    ContractProduct,
    ContractTariff,
    OutcomeAgreement,
    Provider,
    ProviderUser,
    ResultArea,
)


class ProviderUserInline(admin.TabularInline):
    model = ProviderUser
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "agb_code", "contact_name", "active")
    search_fields = ("name", "agb_code")
    list_filter = ("active",)
    inlines = [ProviderUserInline]


@admin.register(ProviderUser)
class ProviderUserAdmin(admin.ModelAdmin):
    list_display = ("user", "provider")
    raw_id_fields = ("user",)
    list_select_related = ("user", "provider")


class ContractProductInline(admin.TabularInline):
    model = ContractProduct
    extra = 0
    fields = (
        "law",
        "product_category",
        "product_code",
        "own_code",
        "description",
        "variant",
        "unit",
        "frequencies",
    )


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "name",
        "provider",
        "gemeente",
        "regio",
        "procurement_form",
        "start_date",
        "end_date",
    )
    list_filter = ("procurement_form",)
    search_fields = ("reference", "name", "provider__name")
    list_select_related = ("provider", "gemeente", "regio")
    inlines = [ContractProductInline]


class TariffInline(admin.TabularInline):
    model = ContractTariff
    extra = 0


class ResultAreaInline(admin.TabularInline):
    model = ResultArea
    extra = 0


@admin.register(ContractProduct)
class ContractProductAdmin(admin.ModelAdmin):
    list_display = ("__str__", "contract", "law", "variant", "unit")
    list_filter = ("law", "variant")
    search_fields = ("product_code", "description")
    list_select_related = ("contract",)
    inlines = [TariffInline, ResultAreaInline]


@admin.register(ContractTariff)
class ContractTariffAdmin(admin.ModelAdmin):
    list_display = ("product", "start_date", "end_date", "amount_cents")
    list_select_related = ("product",)


class OutcomeAgreementInline(admin.TabularInline):
    model = OutcomeAgreement
    extra = 0


@admin.register(ResultArea)
class ResultAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "product")
    list_select_related = ("product",)
    inlines = [OutcomeAgreementInline]


@admin.register(OutcomeAgreement)
class OutcomeAgreementAdmin(admin.ModelAdmin):
    list_display = ("result_area", "indicator", "target_percent", "start_date", "end_date")
    list_select_related = ("result_area",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed here (services keep the rules, history and processing log)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "gemeente",
        "law",
        "provider",
        "product_code",
        "start_date",
        "end_date",
        "status",
    )
    list_filter = ("law", "status", "delivery_status")
    list_select_related = ("gemeente", "provider")
    raw_id_fields = ("decision_product", "person", "contract_product", "created_by")


@admin.register(AllocationChange)
class AllocationChangeAdmin(ReadOnlyAdmin):
    list_display = ("allocation", "occurred_at", "kind", "reason")
    list_select_related = ("allocation",)


@admin.register(AllocationDelivery)
class AllocationDeliveryAdmin(ReadOnlyAdmin):
    list_display = ("allocation", "kind", "date", "reason", "cancel", "recorded_at")
    list_select_related = ("allocation",)


@admin.register(AllocationNumber)
class AllocationNumberAdmin(ReadOnlyAdmin):
    list_display = ("gemeente", "law", "last_number")
