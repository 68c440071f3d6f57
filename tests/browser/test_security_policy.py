"""The Content-Security-Policy in a real browser: it blocks, the listener sees it, and the
admin (django-import-export and simple-history pages included) and the lockout page work
under it."""

import pytest
from playwright.sync_api import expect

from catalog.models import ServiceType
from tests.factories import ConsultantFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-long-test-passphrase"
# Another loopback host is another origin: the policy refuses it before any request leaves.
FOREIGN_IMAGE = "http://127.0.0.2:9/pixel.png"
INJECTED = f'<img src="{FOREIGN_IMAGE}" alt=""><p style="color: red">styled</p>'


def sign_in(page, base_url, username, password=PASSWORD):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_the_listener_catches_what_the_policy_blocks_on_our_pages(
    live_server, page, console_errors
):
    failed = []
    page.on("requestfailed", lambda request: failed.append((request.url, request.failure)))
    page.goto(live_server.url + "/")
    # Code run through the DevTools protocol is not subject to the policy; what it adds is.
    page.evaluate("html => document.body.insertAdjacentHTML('beforeend', html)", INJECTED)

    with pytest.raises(AssertionError, match="img-src") as refused:
        console_errors.assert_no_csp_violation()
    assert "style-src-attr" in str(refused.value)
    assert f"blocked {FOREIGN_IMAGE}" in str(refused.value)  # from the page's own event
    assert (FOREIGN_IMAGE, "csp") in failed  # blocked by the policy, never sent
    styled = page.locator("p", has_text="styled")
    assert styled.evaluate("p => getComputedStyle(p).color") != "rgb(255, 0, 0)"
    assert console_errors != []  # Chromium logs each violation as a console error too


def test_the_listener_catches_violations_with_javascript_off(live_server, browser, console_errors):
    context = browser.new_context(java_script_enabled=False)
    console_errors.watch(context)
    page = context.new_page()
    policy = page.request.get(live_server.url + "/").headers["content-security-policy"]
    probe = live_server.url + "/csp-probe"
    page.route(
        probe,
        lambda route: route.fulfill(
            content_type="text/html",
            headers={"Content-Security-Policy": policy},
            body=f"<!doctype html><title>Probe</title>{INJECTED}",
        ),
    )
    page.goto(probe)

    with pytest.raises(AssertionError, match="img-src"):
        console_errors.assert_no_csp_violation()
    context.close()


def test_consultant_uses_import_export_and_history_pages_under_the_policy(
    live_server, page, console_errors
):
    consultant = ConsultantFactory(username="dana")
    service = ServiceType.objects.get(slug="bookkeeping")
    sign_in(page, live_server.url, consultant.username)
    expect(page.get_by_role("link", name="Service types")).to_be_visible()

    page.goto(f"{live_server.url}/admin/catalog/servicetype/export/")
    # The export writes every column (nothing to pick, so nothing inline to refuse).
    page.get_by_label("Format").select_option(label="csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Submit").click()
    assert download.value.suggested_filename.endswith(".csv")

    page.goto(f"{live_server.url}/admin/catalog/servicetype/import/")
    expect(page.get_by_role("button", name="Submit")).to_be_visible()

    page.goto(f"{live_server.url}/admin/catalog/servicetype/{service.pk}/change/")
    page.get_by_label("Summary").fill("Books closed every month.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(f"{live_server.url}/admin/catalog/servicetype/{service.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("Changed")

    console_errors.assert_no_csp_violation()
    assert console_errors == []


def test_a_paused_admin_login_gets_a_plain_page_under_the_policy(
    live_server, page, console_errors, settings
):
    consultant = ConsultantFactory(username="erin")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(page, live_server.url, consultant.username, "not-the-password")
        expect(page.locator(".errornote")).to_contain_text("enter the correct username")

    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        sign_in(page, live_server.url, consultant.username, "not-the-password")
    assert answer.value.status == 429
    paused = page.locator("#content-main")
    expect(paused).to_contain_text("signing in with this username from your network is paused")
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    expect(paused).to_contain_text(f"You can try again in {minutes} minutes")

    sign_in(page, live_server.url, consultant.username)  # the right password, still paused
    expect(page.locator("#content-main")).to_contain_text("even the right password is refused")
    console_errors.assert_no_csp_violation()
    # Chromium logs every 4xx response; the two 429s are the point of this test.
    assert [error for error in console_errors if "status of 429" not in error] == []
