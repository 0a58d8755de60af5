from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def workqueue(request):
    return HttpResponse("werkvoorraad")


@login_required
def melding_new(request):
    return HttpResponse("nieuwe melding")
