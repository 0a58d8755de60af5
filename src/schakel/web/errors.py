"""Error pages in Dutch, without technical details."""

from django.shortcuts import render


def forbidden(request, exception=None):
    return render(request, "web/error.html", {"title": "Geen toegang", "message": str(exception or "")
                                              or "U heeft geen toegang tot deze pagina."}, status=403)


def not_found(request, exception=None):
    return render(request, "web/error.html", {"title": "Niet gevonden",
                                              "message": "Deze pagina bestaat niet of valt buiten uw werkvoorraad."},
                  status=404)


def server_error(request):
    return render(request, "web/error.html", {"title": "Er ging iets mis",
                                              "message": "Er is een fout opgetreden. De fout is vastgelegd; probeer "
                                              "het later opnieuw."}, status=500)
