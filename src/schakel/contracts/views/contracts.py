"""Provider and contract management (contractmanager): lists, details, create and edit forms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from schakel.core.access import policy_for

from .. import services
from ..forms import (
    ContractForm,
    ContractProductForm,
    OutcomeAgreementForm,
    ProviderForm,
    ResultAreaForm,
    TariffForm,
    contract_initial,
)
from ..models import Contract, ContractProduct, ContractTariff, Provider, ResultArea
from ..query import VIEW_CONTRACT, VIEW_PROVIDER
from ._common import form_page, page_of, require_any_perm, run

# --------------------------------------------------------------------------- providers


@login_required
def provider_list(request):
    require_any_perm(request.user, VIEW_PROVIDER, provider_user_ok=True)
    q = request.GET.get("q", "").strip()
    providers = Provider.objects.visible_to(request.user).annotate(n_contracts=Count("contracts"))
    if q:
        providers = providers.filter(Q(name__icontains=q) | Q(agb_code__startswith=q))
    page = page_of(request, providers.order_by("name", "id"))
    return render(request, "contracts/provider_list.html", {"page": page, "q": q})


@login_required
def provider_detail(request, pk):
    require_any_perm(request.user, VIEW_PROVIDER, provider_user_ok=True)
    provider = get_object_or_404(Provider.objects.visible_to(request.user), pk=pk)
    contracts = (
        Contract.objects.visible_to(request.user)
        .filter(provider=provider)
        .select_related("gemeente", "regio")
    )
    users = (
        provider.users.select_related("user")
        if policy_for(request.user).has_perm("contracts.change_provider")
        else []
    )
    return render(
        request,
        "contracts/provider_detail.html",
        {"provider": provider, "contracts": contracts, "users": users},
    )


@login_required
def provider_new(request):
    require_any_perm(request.user, "contracts.add_provider")
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        provider = run(
            request,
            form,
            lambda: services.create_provider(request.user, **_provider_data(form)),
            success=_("De aanbieder is vastgelegd."),
        )
        if provider:
            return redirect("contracts:provider_detail", pk=provider.pk)
    return form_page(request, form, title=_("Nieuwe aanbieder"), back_url=reverse("contracts:provider_list"))


def _provider_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("active", None)
    return data


@login_required
def provider_edit(request, pk):
    require_any_perm(request.user, "contracts.change_provider")
    provider = get_object_or_404(Provider.objects.visible_to(request.user), pk=pk)
    form = ProviderForm(
        request.POST or None, initial={f: getattr(provider, f) for f in ProviderForm.base_fields}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            form,
            lambda: services.update_provider(request.user, provider, **form.cleaned_data),
            success=_("De aanbieder is bijgewerkt."),
        )
    ):
        return redirect("contracts:provider_detail", pk=provider.pk)
    back = reverse("contracts:provider_detail", kwargs={"pk": provider.pk})
    return form_page(request, form, title=_("Aanbieder wijzigen"), back_url=back)


# --------------------------------------------------------------------------- contracts


@login_required
def contract_list(request):
    require_any_perm(request.user, VIEW_CONTRACT, provider_user_ok=True)
    q = request.GET.get("q", "").strip()
    contracts = (
        Contract.objects.visible_to(request.user)
        .select_related("provider", "gemeente", "regio")
        .annotate(n_products=Count("products"))
    )
    if q:
        contracts = contracts.filter(
            Q(name__icontains=q) | Q(reference__icontains=q) | Q(provider__name__icontains=q)
        )
    page = page_of(request, contracts.order_by("provider__name", "-start_date", "id"))
    can_add = policy_for(request.user).has_perm("contracts.add_contract")
    return render(request, "contracts/contract_list.html", {"page": page, "q": q, "can_add": can_add})


def _visible_contract(user, pk) -> Contract:
    return get_object_or_404(
        Contract.objects.visible_to(user).select_related("provider", "gemeente", "regio").distinct(), pk=pk
    )


@login_required
def contract_detail(request, pk):
    require_any_perm(request.user, VIEW_CONTRACT, provider_user_ok=True)
    contract = _visible_contract(request.user, pk)
    products = contract.products.prefetch_related(
        Prefetch("tariffs", queryset=ContractTariff.objects.order_by("start_date")),
        Prefetch("result_areas", queryset=ResultArea.objects.prefetch_related("agreements")),
    )
    policy = policy_for(request.user)
    return render(
        request,
        "contracts/contract_detail.html",
        {
            "contract": contract,
            "products": products,
            "can_change": policy.has_perm("contracts.change_contract"),
            "can_add_product": policy.has_perm("contracts.add_contractproduct"),
        },
    )


def _contract_kwargs(data: dict) -> dict:
    return {
        k: data.get(k)
        for k in (
            "provider",
            "gemeente",
            "regio",
            "reference",
            "name",
            "procurement_form",
            "start_date",
            "end_date",
            "notes",
        )
    }


@login_required
def contract_new(request):
    require_any_perm(request.user, "contracts.add_contract")
    form = ContractForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        contract = run(
            request,
            form,
            lambda: services.create_contract(request.user, **_contract_kwargs(form.cleaned_data)),
            success=_("Het contract is vastgelegd."),
        )
        if contract:
            return redirect("contracts:contract_detail", pk=contract.pk)
    return form_page(request, form, title=_("Nieuw contract"), back_url=reverse("contracts:contract_list"))


@login_required
def contract_edit(request, pk):
    require_any_perm(request.user, "contracts.change_contract")
    contract = _visible_contract(request.user, pk)
    form = ContractForm(request.POST or None, user=request.user, initial=contract_initial(contract))
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            form,
            lambda: services.update_contract(request.user, contract, **_contract_kwargs(form.cleaned_data)),
            success=_("Het contract is bijgewerkt."),
        )
    ):
        return redirect("contracts:contract_detail", pk=contract.pk)
    back = reverse("contracts:contract_detail", kwargs={"pk": contract.pk})
    return form_page(request, form, title=_("Contract wijzigen"), back_url=back)


# --------------------------------------------------------------------------- products, tariffs, results


def _visible_product(user, pk) -> ContractProduct:
    product = get_object_or_404(ContractProduct.objects.select_related("contract"), pk=pk)
    _visible_contract(user, product.contract_id)
    return product


@login_required
def product_new(request, pk):
    require_any_perm(request.user, "contracts.add_contractproduct")
    contract = _visible_contract(request.user, pk)
    form = ContractProductForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            form,
            lambda: services.add_contract_product(request.user, contract, **form.cleaned_data),
            success=_("Het product is toegevoegd."),
        )
    ):
        return redirect("contracts:contract_detail", pk=contract.pk)
    back = reverse("contracts:contract_detail", kwargs={"pk": contract.pk})
    return form_page(request, form, title=_("Product toevoegen"), back_url=back, intro=contract.name)


@login_required
def product_edit(request, pk):
    require_any_perm(request.user, "contracts.change_contractproduct")
    product = _visible_product(request.user, pk)
    initial = {
        f: getattr(product, f)
        for f in (
            "law",
            "product_category",
            "product_code",
            "own_code",
            "description",
            "variant",
            "unit",
            "frequencies",
        )
    }
    form = ContractProductForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            form,
            lambda: services.update_contract_product(request.user, product, **form.cleaned_data),
            success=_("Het product is bijgewerkt."),
        )
    ):
        return redirect("contracts:contract_detail", pk=product.contract_id)
    back = reverse("contracts:contract_detail", kwargs={"pk": product.contract_id})
    return form_page(request, form, title=_("Product wijzigen"), back_url=back, intro=str(product))


@login_required
def tariff_new(request, pk):
    require_any_perm(request.user, "contracts.add_contracttariff")
    product = _visible_product(request.user, pk)
    form = TariffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(
            request,
            form,
            lambda: services.add_tariff(
                request.user,
                product,
                start_date=data["start_date"],
                end_date=data.get("end_date"),
                amount_cents=data["amount"],
            ),
            success=_("Het tarief is vastgelegd."),
        ):
            return redirect("contracts:contract_detail", pk=product.contract_id)
    back = reverse("contracts:contract_detail", kwargs={"pk": product.contract_id})
    title = _("Lumpsum toevoegen") if product.is_taakgericht else _("Tarief toevoegen")
    return form_page(request, form, title=title, back_url=back, intro=str(product))


@login_required
def result_area_new(request, pk):
    require_any_perm(request.user, "contracts.change_contractproduct")
    product = _visible_product(request.user, pk)
    form = ResultAreaForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            form,
            lambda: services.add_result_area(request.user, product, **form.cleaned_data),
            success=_("Het resultaatgebied is toegevoegd."),
        )
    ):
        return redirect("contracts:contract_detail", pk=product.contract_id)
    back = reverse("contracts:contract_detail", kwargs={"pk": product.contract_id})
    return form_page(request, form, title=_("Resultaatgebied toevoegen"), back_url=back, intro=str(product))


@login_required
def agreement_new(request, pk):
    require_any_perm(request.user, "contracts.change_contractproduct")
    area = get_object_or_404(ResultArea.objects.select_related("product"), pk=pk)
    _visible_contract(request.user, area.product.contract_id)
    form = OutcomeAgreementForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run(
            request,
            form,
            lambda: services.add_outcome_agreement(request.user, area, **form.cleaned_data),
            success=_("De resultaatafspraak is toegevoegd."),
        )
    ):
        return redirect("contracts:contract_detail", pk=area.product.contract_id)
    back = reverse("contracts:contract_detail", kwargs={"pk": area.product.contract_id})
    return form_page(request, form, title=_("Resultaatafspraak toevoegen"), back_url=back, intro=area.name)
