"""Web routes of the partners app, mounted at ``/samenwerking/``."""

app_name = "partners"

urlpatterns: list = []
