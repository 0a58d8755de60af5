from django.urls import reverse


def test_start_page_follows_the_role(client, world, login):
    expectations = {
        "regisseur": reverse("cases:workqueue"),
        "privacy_officer": reverse("web:processing_log"),
        "beheerder": reverse("admin:index"),
    }
    for kind, target in expectations.items():
        login(client, getattr(world, kind))
        response = client.get("/")
        assert response.status_code == 302 and response["Location"] == target, kind
        client.logout()


def test_roles_without_screens_get_an_honest_start_page(client, world, login):
    login(client, world.contractmanager)
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Contractmanager" in body and "nog geen eigen schermen" in body
