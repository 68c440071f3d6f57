"""The company step, where a draft starts (/assessments/start/) and on a draft's own page.

Each example runs in its own transaction (hypothesis' Django TestCase). Valid answers must be
saved exactly as typed (trimmed); invalid ones must leave every assessment as it was. A
currency left out is the country's own, which must have an exchange rate like any chosen one.
"""

from hypothesis import event, given
from hypothesis import strategies as st

from assessments.models import Assessment, SizeBand
from catalog.models import ExchangeRate, Industry
from catalog.money import TERRITORY_NAMES, country_currency, is_country
from outsourcing_advisor.plain_text import plain_text as without_hidden
from tests.assessments.questionnaire_helpers import form_key
from tests.factories import AssessmentFactory
from tests.fuzz.checks import FuzzTestCase
from tests.fuzz.strategies import (
    BAD_SCORE,
    FUZZ,
    HUGE,
    INVALID,
    SCORE,
    VALID,
    padded,
    plain_text,
    tagged,
    worst,
)

PRIORITIES = ("priority_cost", "priority_quality", "priority_control")
LOCATIONS = ("allow_onshore", "allow_nearshore", "allow_offshore")
ABSENT = st.none()  # the field is left out of the post, as a browser does with a blank box
COUNTRIES = sorted(code for code in TERRITORY_NAMES if is_country(code))
NOT_COUNTRIES = ["", "XX", "gb", "EU", "ZZ", "G", "GBR", " GB", "\x00", HUGE]
NOT_CURRENCIES = ["XYZ", "usd", "GBP ", "EURO", "\x00", HUGE]


def company_fields(industry_keys, rated_currencies):
    """{field: (tag, value or None when left out)}."""
    # Hidden characters are dropped (tested on their own): what is left must be a name.
    text_invalid = ["", " \t", "\x00", "\x00\u202e", "x" * 121, HUGE]
    fields = {
        "company_name": tagged(padded(plain_text(1, 120)), st.sampled_from(text_invalid)),
        "region": tagged(
            ABSENT | padded(plain_text(0, 80)), st.sampled_from(["x" * 81, "\u202e" + "x" * 81])
        ),
        "size_band": tagged(
            ABSENT | st.sampled_from(["", *SizeBand.values]),
            st.sampled_from(["huge", "10 - 49", "1-9 ", "0", "\x00"]),
        ),
        "industry": tagged(
            ABSENT | st.just("") | st.sampled_from(industry_keys).map(str),
            st.sampled_from(["0", "-1", "abc", "1.5", "\x00", "99999999999999999999", HUGE]),
        ),
        "country": tagged(st.sampled_from(COUNTRIES), ABSENT | st.sampled_from(NOT_COUNTRIES)),
        "currency": tagged(
            ABSENT | st.just("") | st.sampled_from(rated_currencies),
            st.sampled_from(NOT_CURRENCIES),
        ),
        **{name: tagged(SCORE, BAD_SCORE | ABSENT) for name in PRIORITIES},
        **{name: tagged(ABSENT | st.just("on")) for name in LOCATIONS},
    }
    return st.fixed_dictionaries(fields)


def tag_of(fields, rated_currencies):
    tag = worst(tag for tag, _ in fields.values())
    locations = [fields[name] for name in LOCATIONS]
    if all(tag == VALID and value is None for tag, value in locations):
        return INVALID  # no delivery location allowed at all
    (country_tag, country), (currency_tag, currency) = fields["country"], fields["currency"]
    own_currency_has_no_rate = country_currency(country) not in rated_currencies
    if country_tag == currency_tag == VALID and not currency and own_currency_has_no_rate:
        return INVALID
    return tag


def snapshot():
    return list(Assessment.objects.order_by("pk").values())


class CompanyStepFuzz(FuzzTestCase):
    def setUp(self):
        self.rated = sorted(ExchangeRate.objects.values_list("currency", flat=True))
        self.fields = company_fields(
            list(Industry.objects.values_list("pk", flat=True)), self.rated
        )

    @FUZZ
    @given(data=st.data(), on_draft=st.booleans())
    def test_company_step_saves_exactly_what_is_valid_and_nothing_else(self, data, on_draft):
        fields = data.draw(self.fields)
        expected = tag_of(fields, self.rated)
        post = {name: value for name, (_, value) in fields.items() if value is not None}
        draft = AssessmentFactory() if on_draft else None
        url = (
            f"/assessments/resume/{draft.resume_token}/company/" if draft else "/assessments/start/"
        )
        before = snapshot()

        response = self.client.post(url, post | form_key())

        event(f"{expected} answers: {response.status_code}")
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert expected != VALID
            assert snapshot() == before
        else:
            assert expected != INVALID
            saved = Assessment.objects.get(pk=draft.pk) if draft else Assessment.objects.get()
            assert_saved_as_posted(saved, post)


def assert_saved_as_posted(saved, post):
    assert saved.company_name == without_hidden(post["company_name"]).strip()
    assert 0 < len(saved.company_name) <= 120
    assert "\x00" not in saved.company_name
    assert saved.region == without_hidden(post.get("region", "")).strip()
    assert saved.size_band == post.get("size_band", "")
    assert saved.country == post["country"]
    assert saved.currency == (post.get("currency") or country_currency(post["country"]))
    for name in PRIORITIES:
        assert str(getattr(saved, name)) == post[name]
    if post.get("industry"):
        assert saved.industry_id == int(post["industry"])
    else:
        assert saved.industry_id is None
    assert any(getattr(saved, name) for name in LOCATIONS)
    for name in LOCATIONS:
        if post.get(name) in (None, "on"):
            assert getattr(saved, name) is (name in post)
