"""The two owners of `make screenshots` (bench/screenshots.py): a 12-person accounting firm
that types six tasks, and the same firm's 25-task file in the upload template's columns.

Data only: no browser, no Django.
"""

import csv
import io

COMPANY = "Harbour & Lane Accountants"
COUNTRY = "GB"
SIZE_BAND = "10-49"
INDUSTRY_WORDS = ("accounting", "professional", "financial")  # the first industry that fits

# name, catalog service (its label in the list, or None), monthly cost, hours a month,
# ratings: complexity, skill level, standardisation, strategic importance, data sensitivity
# ("unsure" is the owner's "Not sure").
TYPED_TASKS = [
    ("Bookkeeping for clients", "Bookkeeping", "3200", "120", (2, 2, 4, 2, 4)),
    ("Monthly payroll", "Payroll processing", "1400", "30", (2, 2, 5, 1, 5)),
    ("Client tax advice", None, "9000", "90", (5, 5, 2, 5, 5)),
    (
        "Answering client emails",
        "Customer support (phone, chat, email)",
        "2600",
        "100",
        (2, 2, 3, "unsure", 3),
    ),
    ("IT support for the office", "Tier-1 IT help desk", "1800", "40", (3, 3, 4, 2, "unsure")),
    ("Marketing and newsletters", None, "2400", "35", (3, 3, 2, 3, 1)),
]
RATING_FIELDS = (
    "complexity",
    "skill_level",
    "standardisation",
    "strategic_importance",
    "data_sensitivity",
)

# One row per task in the upload template's columns (UPLOAD_COLUMNS), in its order.
UPLOADED_TASKS = [
    (
        "Bookkeeping for clients",
        2,
        2,
        3200,
        120,
        2,
        4,
        4,
        "bookkeeping",
        "Sales and purchase ledgers",
    ),
    ("Monthly payroll", 2, 2, 1400, 30, 1, 5, 5, "payroll-processing", "Payslips and RTI filing"),
    ("Client tax advice", 5, 5, 9000, 90, 5, 5, 2, "", "Planning for owner-managed businesses"),
    ("Answering client emails", 2, 2, 2600, 100, 3, 3, 3, "customer-support", ""),
    ("IT support for the office", 3, 3, 1800, 40, 2, 3, 4, "it-help-desk", ""),
    ("Marketing and newsletters", 3, 3, 2400, 35, 3, 1, 2, "", "Monthly newsletter and LinkedIn"),
    ("Year-end accounts preparation", 4, 4, 6500, 110, 4, 4, 3, "", "Statutory accounts"),
    ("VAT returns", 3, 3, 2100, 45, 3, 4, 4, "tax-preparation-and-compliance", ""),
    ("Self-assessment tax returns", 3, 3, 2800, 70, 3, 5, 4, "tax-preparation-and-compliance", ""),
    ("Corporation tax computations", 4, 4, 3600, 60, 4, 4, 3, "", ""),
    ("Management accounts", 4, 4, 3000, 55, 4, 4, 3, "data-analysis-and-business-analytics", ""),
    ("Accounts payable processing", 1, 1, 1500, 60, 1, 3, 5, "billing-and-payment-processing", ""),
    ("Credit control and chasing", 2, 2, 1200, 40, 2, 3, 4, "billing-and-payment-processing", ""),
    ("Bank reconciliations", 1, 2, 1100, 45, 1, 4, 5, "bookkeeping", ""),
    ("Client onboarding and KYC checks", 2, 3, 1300, 30, 3, 5, 4, "compliance-support", ""),
    ("Anti-money-laundering file reviews", 3, 4, 1600, 25, 4, 5, 3, "compliance-support", ""),
    (
        "Scanning and filing client records",
        1,
        1,
        700,
        40,
        1,
        4,
        5,
        "form-and-document-conversion",
        "",
    ),
    ("Appointment booking", 1, 1, 500, 25, 1, 2, 5, "appointment-scheduling", ""),
    ("Website updates", 2, 2, 600, 10, 2, 1, 3, "web-and-seo-production", ""),
    ("Recruitment administration", 2, 2, 800, 15, 2, 4, 4, "recruitment-administration", ""),
    ("Staff training records", 1, 2, 400, 8, 2, 3, 4, "hr-administration", ""),
    (
        "Software subscriptions and licences",
        2,
        2,
        450,
        6,
        2,
        2,
        4,
        "procurement-administration",
        "",
    ),
    ("Audit preparation support", 4, 4, 3400, 50, 4, 5, 2, "", ""),
    ("Business advisory meetings", 5, 5, 7000, 40, 5, 4, 1, "strategy-insight", ""),
    ("Research on tax law changes", 4, 5, 1900, 20, 4, 2, 2, "", "Keeping partners up to date"),
]
UPLOAD_COLUMNS = (
    "name",
    "complexity",
    "skill_level",
    "monthly_cost",
    "hours_per_month",
    "strategic_importance",
    "data_sensitivity",
    "standardisation",
    "service_type",
    "description",
)


def upload_csv():
    """The 25 tasks as the CSV file an owner fills in from the template."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(UPLOAD_COLUMNS)
    writer.writerows(UPLOADED_TASKS)
    return text.getvalue().encode()
