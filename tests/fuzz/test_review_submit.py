"""The review step's submit: any post, for any draft within the README's bounds.

Submitting scores a draft that has tasks, once; a draft without tasks and a submitted
assessment do not change. Whatever was submitted, its report and CSV export render: the
extremes of every bound (a cost of 0 or 10,000,000, one hour a month or a team's 200,000, one
delivery location or all three) are where charts and sums break.
"""

from decimal import Decimal
from itertools import product

from hypothesis import event, given
from hypothesis import strategies as st

from assessments import drafts
from assessments.models import Assessment, Task
from catalog.models import Industry, ServiceType
from tests.assessments.questionnaire_helpers import form_key
from tests.fuzz.checks import FuzzTestCase
from tests.fuzz.strategies import FUZZ, HOSTILE, plain_text

SCALE = st.integers(1, 5)
MONEY = st.sampled_from([Decimal(0), Decimal("0.01"), Decimal(10_000_000)]) | st.decimals(
    0, 10_000_000, places=2
)
HOURS = st.sampled_from([None, Decimal("0.01"), Decimal(200_000)]) | st.decimals(
    "0.01", 200_000, places=2
)
# (onshore, nearshore, offshore) allowed: any choice but none at all.
LOCATIONS = st.sampled_from([flags for flags in product((True, False), repeat=3) if any(flags)])
# Whatever else a hand-made form might post to the review page.
EXTRA_FIELDS = st.dictionaries(
    st.sampled_from(["action", "status", "submitted_at", "company_name", "tasks-0-name", "x"]),
    HOSTILE,
    max_size=3,
)


@st.composite
def stored_tasks(draw, service_keys):
    return {
        "name": draw(plain_text(1, 120)),
        "service_type_id": draw(st.none() | st.sampled_from(service_keys)),
        "complexity": draw(SCALE),
        "skill_level": draw(SCALE),
        "strategic_importance": draw(SCALE),
        "data_sensitivity": draw(SCALE),
        "standardisation": draw(SCALE),
        "monthly_cost": draw(MONEY),
        "hours_per_month": draw(HOURS),
        "description": draw(plain_text(0, 40)),
    }


class ReviewSubmitFuzz(FuzzTestCase):
    def setUp(self):
        self.service_keys = list(
            ServiceType.objects.filter(is_published=True).values_list("pk", flat=True)
        )
        self.industry_keys = list(Industry.objects.values_list("pk", flat=True))

    @FUZZ
    @given(
        data=st.data(),
        locations=LOCATIONS,
        priorities=st.tuples(SCALE, SCALE, SCALE),
        state=st.sampled_from(["draft"] * 4 + ["submitted"]),
        extra=EXTRA_FIELDS,
    )
    def test_submit_scores_a_draft_with_tasks_once_and_its_report_renders(
        self, data, locations, priorities, state, extra
    ):
        tasks = data.draw(st.lists(stored_tasks(self.service_keys), max_size=3))
        assessment = Assessment.objects.create(
            company_name="Fuzz Ltd",
            industry_id=data.draw(st.none() | st.sampled_from(self.industry_keys)),
            allow_onshore=locations[0],
            allow_nearshore=locations[1],
            allow_offshore=locations[2],
            priority_cost=priorities[0],
            priority_quality=priorities[1],
            priority_control=priorities[2],
        )
        Task.objects.bulk_create(
            Task(assessment=assessment, position=index, **fields)
            for index, fields in enumerate(tasks, start=1)
        )
        if state == "submitted" and tasks:
            drafts.submit(assessment)
        before = Assessment.objects.filter(pk=assessment.pk).values().get()
        token = assessment.resume_token

        response = self.client.post(f"/assessments/resume/{token}/review/", extra | form_key())

        event(f"{state} with {'tasks' if tasks else 'no tasks'}: {response.status_code}")
        assert response.status_code == 302
        assessment.refresh_from_db()
        if not tasks or state == "submitted":
            assert Assessment.objects.filter(pk=assessment.pk).values().get() == before
        else:
            assert assessment.is_submitted
            assert assessment.scored_at is not None
            for task in assessment.tasks.all():
                assert task.recommendation in {"bpo", "kpo", "in_house"}
                assert 0 <= task.confidence <= 100
        if assessment.is_submitted:
            self.assert_report_renders(assessment)

    def assert_report_renders(self, assessment):
        # The share link's page shows the same cached report body in another frame.
        for url in (
            f"/assessments/resume/{assessment.resume_token}/results/",
            f"/assessments/{assessment.share_token}/results.csv",
        ):
            response = self.client.get(url)
            assert response.status_code == 200, url
