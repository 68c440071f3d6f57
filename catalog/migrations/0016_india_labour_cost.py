"""Add an estimated in-house labour cost for India, so Indian companies' hours are not
estimated with the US figure.

No official hourly labour cost for India was found (docs/research-currency-data.json):
only the Periodic Labour Force Survey's average monthly earnings of regular salaried
workers. The estimate turns that into an employer cost per hour with two stated
assumptions, and says so. Written out here so the migration replays identically; reversing
it deletes the row only while it still holds this figure.
"""

from django.db import migrations
from django.utils import timezone

REASON = "Estimated labour cost for India (migration 0016)"
INDIA = {
    "country": "IN",
    "currency": "INR",
    "hourly": "114.65",
    "year": 2024,
    "measure": (
        "Estimated employer cost per hour of a regular salaried worker: average monthly "
        "earnings (wages only) raised by employer contributions and divided by working hours"
    ),
    "publisher": "Outsourcing Advisor, from National Statistics Office (MoSPI) figures",
    "title": "Estimate from the Periodic Labour Force Survey, quarter April-June 2024",
    "source": (
        "PLFS quarterly bulletin, April-June 2024: average monthly salary or wage earnings of "
        "regular wage or salaried workers INR 21,103, as reported by Mint (9 October 2024) "
        "at the link."
    ),
    "source_url": (
        "https://www.livemint.com/opinion/online-views/wages-indian-economy-business-profit-"
        "economic-recovery-consumer-demand-plfs-report-pandemic/amp-11728406917085.html"
    ),
    "is_estimate": True,
    "estimate_method": (
        "INR 21,103 a month (PLFS, wages only) x 1.13 for employer contributions (provident "
        "fund 12 % of basic pay and state insurance 3.25 % of wages, taken together as about "
        "13 % of earnings) / 208 hours a month (48 hours a week, the usual legal maximum, "
        "x 52 / 12) = 114.65. Approximate: basic pay is usually only part of earnings, and "
        "many salaried workers work fewer hours."
    ),
}


def add_india(apps, schema_editor):
    LabourCost = apps.get_model("catalog", "LabourCost")
    HistoricalLabourCost = apps.get_model("catalog", "HistoricalLabourCost")
    if LabourCost.objects.filter(country="IN").exists():
        return  # a consultant's figure
    cost = LabourCost.objects.create(**INDIA)
    HistoricalLabourCost.objects.create(
        **INDIA,
        id=cost.id,
        history_date=timezone.now(),
        history_type="+",
        history_change_reason=REASON,
    )


def remove_india(apps, schema_editor):
    apps.get_model("catalog", "LabourCost").objects.filter(**INDIA).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0015_regional_rate_cards")]

    operations = [migrations.RunPython(add_india, remove_india, elidable=False)]
