"""Suggesting a service type from a task's name (catalog.suggest), on plain data and on the
default catalog the migrations load."""

import pytest

from catalog.models import ServiceType
from catalog.services import build_suggestion_index, suggest_service_types
from catalog.suggest import ServiceText, SuggestionIndex, stem, suggest, words_of

SMALL_CATALOG = [
    ServiceText(1, "Payroll processing", "payslips, wages, PAYE", "Running the pay of staff."),
    ServiceText(2, "Bookkeeping", "ledger, month end, bank reconciliation", "Keeping the books."),
    ServiceText(3, "Customer support", "customer emails, live chat", "Answering customers."),
    ServiceText(4, "Audit support", "audit fieldwork", "Workpapers for the audit team."),
    ServiceText(5, "Compliance support", "KYC, AML checks", "Checks for the regulator."),
    ServiceText(
        6, "Data entry", "keying", "Typing supplier invoices and receipts into the ledger."
    ),
]


@pytest.fixture(scope="module")
def small_index():
    return SuggestionIndex.build(SMALL_CATALOG)


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("emails", "email"),
        ("taxes", "tax"),
        ("companies", "company"),
        ("processes", "process"),
        ("processing", "process"),
        ("shipping", "ship"),
        ("billing", "bill"),
        ("scheduling", "schedul"),
        ("schedule", "schedul"),
        ("hiring", "hir"),
        ("hire", "hir"),
        ("analysis", "analysis"),
        ("marketing", "marketing"),
        ("tax", "tax"),
    ],
)
def test_words_are_compared_by_their_root(word, root):
    assert stem(word) == root


def test_words_ignore_case_punctuation_numbers_and_filler():
    assert words_of("Payroll for 12 STAFF, month-end!") == ["payroll", "staff", "month", "end"]
    assert words_of("R&D support") == ["r&d", "support"]


def test_a_name_match_is_the_strongest_and_says_so(small_index):
    [first, *_] = suggest(small_index, "Payroll for 12 staff")
    assert (first.id, first.name) == (1, "Payroll processing")
    assert first.reason == "matches 'payroll' in the name"


def test_a_synonym_match_suggests_and_quotes_the_consultants_phrase(small_index):
    [first, *_] = suggest(small_index, "Send payslips")
    assert first.name == "Payroll processing"
    assert first.reason == "matches 'payslips' in the synonyms"


def test_a_multi_word_synonym_must_appear_as_a_phrase(small_index):
    assert suggest(small_index, "Month end close")[0].name == "Bookkeeping"
    assert not any(s.name == "Bookkeeping" for s in suggest(small_index, "End of the month"))


def test_plurals_and_case_still_match(small_index):
    assert suggest(small_index, "ANSWER CUSTOMER EMAILS")[0].name == "Customer support"


def test_description_words_alone_need_more_than_one_word(small_index):
    found = suggest(small_index, "Supplier invoices and receipts")
    assert found[0].name == "Data entry"
    assert found[0].reason.endswith("in the description")
    assert suggest(small_index, "Receipts") == []


def test_a_task_description_counts_for_less_than_its_name(small_index):
    [first, *_] = suggest(small_index, "Month end", "Also the payroll")
    assert first.name == "Bookkeeping"


def test_a_word_shared_by_several_names_suggests_nothing_rather_than_guess(small_index):
    assert suggest(small_index, "Support") == []


@pytest.mark.parametrize("name", ["", "   ", "12", "the and of", "Walk the dog", "zzzz"])
def test_names_that_match_nothing_get_no_suggestion(small_index, name):
    assert suggest(small_index, name) == []


def test_an_empty_catalog_suggests_nothing():
    assert suggest(SuggestionIndex.build([]), "Payroll") == []


def test_at_most_the_limit_best_first(small_index):
    found = suggest(small_index, "Audit fieldwork, AML checks and payroll", limit=2)
    assert len(found) <= 2
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


# --- On the default catalog --------------------------------------------------------------

REALISTIC = [
    ("Client tax advice", "Tax research and technical support"),
    ("Payroll for 12 staff", "Payroll processing"),
    ("Month-end bookkeeping", "Bookkeeping"),
    ("Answer customer emails", "Customer support (phone, chat, email)"),
    ("Contract review", "Contract drafting and review"),
    ("Prepare tax returns", "Tax return preparation for clients"),
    ("Year-end accounts for clients", "Client bookkeeping and accounts preparation"),
    ("Audit fieldwork", "Audit support"),
    ("Write proposals", "Proposal and report production"),
    ("Book appointments", "Appointment scheduling"),
    ("Scanning old files", "Form and document conversion"),
    ("Hire new staff", "Recruitment administration"),
    ("Chase unpaid invoices", "Billing and payment processing"),
    ("Onboard new clients", "Client onboarding and anti-money-laundering checks"),
]
NOTHING_FITS = ["Walk the dog", "Team lunch", "Client meetings", "Support", "Marketing", "Sales"]


@pytest.mark.django_db
@pytest.mark.parametrize(("task_name", "expected"), REALISTIC)
def test_realistic_task_names_suggest_the_right_default_service(task_name, expected):
    suggestions = suggest_service_types(task_name)
    assert suggestions, task_name
    assert suggestions[0].name == expected
    assert suggestions[0].reason.startswith("matches '")


@pytest.mark.django_db
@pytest.mark.parametrize("task_name", NOTHING_FITS)
def test_names_the_catalog_has_no_service_for_get_no_suggestion(task_name):
    assert suggest_service_types(task_name) == []


@pytest.mark.django_db
def test_unpublished_services_are_never_suggested():
    ServiceType.objects.filter(name="Payroll processing").update(is_published=False)
    assert suggest(build_suggestion_index(), "Payroll for 12 staff") == []


@pytest.mark.django_db
def test_every_default_service_has_synonyms_a_consultant_can_edit():
    assert not ServiceType.objects.filter(synonyms="").exists()
