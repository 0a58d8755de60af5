from django.urls import reverse

from schakel.testing.factories import make_user


def test_start_page_follows_the_role(client, world, login):
    expectations = {
        "regisseur": reverse("cases:workqueue"),
        "privacy_officer": reverse("web:processing_log"),
    }
    for kind, target in expectations.items():
        login(client, getattr(world, kind))
        response = client.get("/")
        assert response.status_code == 302 and response["Location"] == target, kind
        client.logout()


def test_roles_with_several_screens_get_a_list(client, world, login):
    login(client, world.contractmanager)
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Contractmanager" in body
    for url in (reverse("contracts:contract_list"), reverse("exchange:inbox"), reverse("finance:overview")):
        assert f'href="{url}"' in body
    assert reverse("monitoring:dashboard") not in body  # not a permission of this role


def test_beheerder_sees_the_admin_among_the_screens(client, world, login):
    login(client, world.beheerder)
    body = client.get("/").content.decode()
    assert f'href="{reverse("admin:index")}"' in body


def test_a_role_with_one_screen_goes_there(client, world, login):
    partner = make_user("partner", world.gemeente, username="uitvoerder")
    login(client, partner)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == reverse("partners:referrals")


def test_a_user_without_a_role_is_told_so(client, world, login):
    from schakel.testing.factories import UserFactory

    login(client, UserFactory(username="zonderrol"))
    assert "nog geen rol" in client.get("/").content.decode()
