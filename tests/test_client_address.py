"""The client's address, behind no proxy, one proxy or two, and whatever the client claims."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from lpip_hub.client_address import client_address

CLIENT = "203.0.113.9"
PROXY = "10.0.0.2"


def address(settings, proxies: int, **meta) -> str:
    settings.PROXY_COUNT = proxies
    return client_address(RequestFactory().get("/", **meta))


def test_direct_the_connection_is_the_client_and_headers_are_ignored(settings):
    assert address(settings, 0, REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR="6.6.6.6") == CLIENT


def test_behind_one_proxy_the_address_it_added_is_the_client(settings):
    assert address(settings, 1, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT) == CLIENT


def test_behind_one_proxy_a_spoofed_forwarded_for_is_ignored(settings):
    spoofed = f"6.6.6.6, 7.7.7.7, {CLIENT}"
    assert address(settings, 1, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=spoofed) == CLIENT


def test_behind_two_proxies_the_outer_proxy_names_the_client(settings):
    chain = f"6.6.6.6, {CLIENT}, 10.0.0.7"
    assert address(settings, 2, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain) == CLIENT


def test_a_proxy_that_sent_no_header_falls_back_to_the_connection(settings):
    assert address(settings, 1, REMOTE_ADDR=PROXY) == PROXY


@pytest.mark.django_db
def test_behind_a_proxy_a_lockout_holds_one_client_not_everyone(client, settings):
    settings.PROXY_COUNT = 1
    User.objects.create_user("publisher", password="the-right-password-1", is_staff=True)
    login = reverse("admin:login")
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for _ in range(5):
        response = client.post(login, {"username": "publisher", "password": "wrong"}, **attacker)
    assert response.status_code == 429
    # The real publisher comes through the same proxy from their own address.
    response = client.post(
        login,
        {"username": "publisher", "password": "the-right-password-1"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=CLIENT,
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_a_locked_out_client_cannot_escape_by_spoofing(client, settings):
    settings.PROXY_COUNT = 1
    User.objects.create_user("publisher", password="the-right-password-1", is_staff=True)
    login = reverse("admin:login")
    for n in range(6):
        response = client.post(
            login,
            {"username": "publisher", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.66",
        )
    assert response.status_code == 429


def test_a_request_without_an_address_has_none(settings):
    settings.PROXY_COUNT = 0
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_address(request) is None
