"""Load the default employer cost per hour worked for the countries with a usable figure.

Eurostat's 2024 figures for thirteen EU countries, the BLS figure for the United States,
Switzerland's latest FSO figure, and estimates for the United Kingdom and Australia that
raise a wages-only figure by an official ratio of total labour cost to wages (each says
how). docs/rates.md lists the countries left out and why. The figures are written out
below (from docs/research-currency-data.json, not read at run time), so this migration
replays identically. Each row created gets a history row with the reason. Reversing it
deletes only the rows that still hold exactly these figures, and applying it again leaves
any other row as it is.
"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

REASON = "Default labour costs by country (migration 0012)"
EUROSTAT_CANONICAL = (
    "https://ec.europa.eu/eurostat/statistics-explained/index.php?title=Hourly_labour_costs"
)
EUROSTAT = {
    "currency": "EUR",
    "year": 2024,
    "measure": (
        "Average hourly labour costs, whole economy excluding agriculture and public "
        "administration (NACE B-S excl. O), enterprises with 10+ employees; total employer "
        "cost per hour worked (wages and salaries plus non-wage costs such as employer social "
        "contributions). Non-euro countries converted to EUR at the annual average rate. "
        "Eurostat dataset lc_lci_lev."
    ),
    "publisher": "Eurostat",
    "title": (
        "EU hourly labour costs ranged from EUR 11 to EUR 55 in 2024 (Eurostat news release, "
        "28 March 2025; dataset lc_lci_lev)"
    ),
    "is_estimate": False,
    "estimate_method": "",
}
EUROPE_DATA = (
    "europe-data.com",
    "https://europe-data.com/what-country-boasts-the-highest-hourly-labour-costs-in-the-"
    "european-union",
)
BUSINESS_INSIDER_PL = (
    "Business Insider Polska (April 2025)",
    "https://businessinsider.com.pl/wiadomosci/polskie-zarobki-coraz-lepsze-na-tle-ue-przed-"
    "nami-jednak-jeszcze-dluga-droga/xpmrvqk",
)
OPENSTATS = (
    "openstats.eu",
    "https://openstats.eu/en/news/eu-hourly-labour-costs-ranged-from-11-to-55-in-2024-af1d78",
)
# Country, EUR per hour as published, the reproduction it was read from, and what to add.
EUROSTAT_FIGURES = [
    ("AT", "44.5", EUROPE_DATA, ""),
    ("BE", "48.2", EUROPE_DATA, ""),
    ("CZ", "18.2", BUSINESS_INSIDER_PL, " Published there as 'Czechy (18,2 euro)'."),
    ("DE", "43.4", EUROPE_DATA, " Also given as 43,4 on businessinsider.com.pl."),
    ("DK", "50.1", EUROPE_DATA, ""),
    (
        "ES",
        "25.5",
        (
            "aquieuropa.com",
            "https://aquieuropa.com/los-costes-laborales-se-estimaron-en-los-"
            "335e-en-la-ue-y-los-373e-en-la-zona-euro",
        ),
        " Published there as 25,5 EUR.",
    ),
    ("FR", "43.7", EUROPE_DATA, " Also given on businessinsider.com.pl."),
    (
        "IE",
        "45.2",
        BUSINESS_INSIDER_PL,
        " Published there as 'Holandii i Irlandii (po 45,2 euro)': 45.2 for both NL and IE.",
    ),
    (
        "IT",
        "30.9",
        ("AgenSIR", "https://www.agensir.it/?p=1437539"),
        " Also given as 30,9 on tg24.sky.it (10 April 2025).",
    ),
    ("NL", "45.2", EUROPE_DATA, " Also given on newsbulletin247.com and businessinsider.com.pl."),
    (
        "PL",
        "17.3",
        ("bank.pl", "https://bank.pl/pracodawca-w-polsce-placi-srednio-173-euro-za-godzine-pracy"),
        " Also given as 17,3 euro on businessinsider.com.pl.",
    ),
    (
        "PT",
        "18.5",
        (
            "Executive Digest (6 April 2025)",
            "https://executivedigest.sapo.pt/onde-e-que-a-mao-"
            "de-obra-e-mais-cara-e-mais-barata-na-europa-e-qual-o-custo-por-hora-em-portugal",
        ),
        " Published there as 18,5 euros.",
    ),
    ("RO", "12.5", OPENSTATS, ""),
]
NON_EURO = {"CZ": "CZK", "DK": "DKK", "PL": "PLN", "RO": "RON"}

UNITED_STATES = {
    "country": "US",
    "currency": "USD",
    "hourly": "44.67",
    "year": 2024,
    "measure": (
        "Total employer compensation costs per hour worked, private industry workers, "
        "December 2024 (wages and salaries $31.47 = 70.5%; benefits $13.20 = 29.5%, incl. "
        "paid leave, supplemental pay, insurance, retirement, legally required benefits)"
    ),
    "publisher": "U.S. Bureau of Labor Statistics",
    "title": (
        "Employer Costs for Employee Compensation - December 2024 (news release "
        "USDL-25-0335, 14 March 2025)"
    ),
    "source": (
        "Read from the BLS news release at the link (the March 2025 release). Private "
        "industry rather than all civilian workers (USD 47.20), which include state and "
        "local government (USD 63.46). Reference date: the pay period including 12 "
        "December 2024."
    ),
    "source_url": "https://www.bls.gov/news.release/ecec.nr0.htm",
    "is_estimate": False,
    "estimate_method": "",
}
SWITZERLAND = {
    "country": "CH",
    "currency": "CHF",
    "hourly": "60.05",
    "year": 2016,
    "measure": (
        "Average labour costs per hour worked, secondary and tertiary sectors (gross wages "
        "79.9%, employer social contributions 16.9%, training and recruitment 3.2%)"
    ),
    "publisher": "Swiss Federal Statistical Office (FSO/BFS)",
    "title": "Labour costs 2016 (FSO, published end of August 2018)",
    "source": (
        "Read from m-q.ch's report of the FSO release (August 2018) at the link. The "
        "latest Swiss figure found: newer FSO releases (2018, 2020, 2022) were not. Earlier "
        "FSO figures: CHF 59.60 (2014), CHF 61.30 (2012); Eurostat's Labour Cost Survey "
        "2016 gives Switzerland EUR 56.70."
    ),
    "source_url": (
        "https://m-q.ch/en/federal-bureau-of-statistics-shows-where-the-hour-worker-weight-falls"
    ),
    "is_estimate": False,
    "estimate_method": "",
}
UNITED_KINGDOM = {
    "country": "GB",
    "currency": "GBP",
    "hourly": "22.11",
    "year": 2024,
    "measure": (
        "Estimated employer cost per hour of a full-time employee at median pay, April 2024: "
        "median gross hourly earnings excluding overtime (wages only), raised by the ratio "
        "of total labour cost to wage cost"
    ),
    "publisher": "Outsourcing Advisor, from Office for National Statistics (ONS) figures",
    "title": (
        "Estimate from ONS Employee earnings in the UK: 2024 (ASHE) and Index of Labour "
        "Costs per Hour, UK: October to December 2019"
    ),
    "source": (
        "Wages: ASHE 2024 (released 29 October 2024) as reported by Personnel Today at the "
        "link and by Incomes Data Research (30 October 2024); the ONS bulletin "
        "(https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/"
        "bulletins/annualsurveyofhoursandearnings/2024) was read only for its weekly figure. "
        "Ratio: ONS Index of Labour Costs per Hour, October to December 2019, released 17 "
        "March 2020 (https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/"
        "earningsandworkinghours/bulletins/indexoflabourcostsperhourilch/"
        "octobertodecember2019). No ONS level of total labour cost per hour after 2019 was "
        "found that is not distorted by furlough."
    ),
    "source_url": "https://www.personneltoday.com/hr/ons-wage-pay-rises-2023-2024/",
    "is_estimate": True,
    "estimate_method": (
        "ONS Annual Survey of Hours and Earnings, April 2024: median gross hourly earnings "
        "excluding overtime of full-time employees, GBP 18.64 (wages only: no employer "
        "National Insurance or pension contributions). ONS Index of Labour Costs per Hour, "
        "October to December 2019: labour costs of GBP 20.40 per hour worked against wage "
        "costs of GBP 17.20, a ratio of 20.40 / 17.20 = 1.186. 18.64 x 1.186 = 22.107, "
        "rounded to GBP 22.11. Approximate: a 2019 whole-economy ratio is applied to a 2024 "
        "median, and employer National Insurance rules changed in April 2025."
    ),
}
AUSTRALIA = {
    "country": "AU",
    "currency": "AUD",
    "hourly": "45.25",
    "year": 2023,
    "measure": (
        "Estimated employer cost per hour of an employee at median pay, August 2023: median "
        "hourly earnings in the main job (wages only), raised by the share of earnings in "
        "total labour costs"
    ),
    "publisher": "Outsourcing Advisor, from Australian Bureau of Statistics (ABS) figures",
    "title": (
        "Estimate from ABS Employee earnings, August 2023 and Labour Costs, Australia, 2015-16"
    ),
    "source": (
        "Wages: ABS Employee earnings, August 2023, at the link (the address of the latest "
        "release, which may since show a newer one). Share: ABS Labour Costs, Australia, "
        "2015-16 (https://abs.gov.au/statistics/economy/finance/labour-costs-australia/"
        "2015-16). No official level of total labour cost per hour was found."
    ),
    "source_url": (
        "https://www.abs.gov.au/statistics/labour/earnings-and-work-hours/employee-earnings/"
        "latest-release"
    ),
    "is_estimate": True,
    "estimate_method": (
        "ABS Employee earnings, August 2023: median hourly earnings of employees in their "
        "main job, AUD 39.50 (wages only). ABS Labour Costs, Australia, 2015-16: employee "
        "earnings were 87.3% of total labour costs (the rest superannuation 8.0%, payroll "
        "tax, workers' compensation and fringe benefits tax). 39.50 / 0.873 = 45.246, "
        "rounded to AUD 45.25. Somewhat low: the superannuation guarantee has risen since "
        "2015-16 (to 11.5% and 12%), so today's on-cost is higher."
    ),
}


def eurostat_row(country, hourly, read_from, extra):
    site, url = read_from
    converted = (
        f" Eurostat converted it from {NON_EURO[country]} at the 2024 annual average rate."
        if country in NON_EURO
        else ""
    )
    source = (
        f"Eurostat's 2024 figure, read from the reproduction of its news release of 28 March "
        f"2025 on {site}, at the link: the copy of Eurostat's own article found "
        f"({EUROSTAT_CANONICAL}) is an older version. Canonical source: Eurostat dataset "
        f"lc_lci_lev.{converted}{extra}"
    )
    return {
        **EUROSTAT,
        "country": country,
        "hourly": hourly,
        "source": source,
        "source_url": url,
    }


def default_costs():
    rows = [eurostat_row(*figure) for figure in EUROSTAT_FIGURES]
    rows += [UNITED_STATES, SWITZERLAND, UNITED_KINGDOM, AUSTRALIA]
    return [{**row, "hourly": Decimal(row["hourly"])} for row in rows]


def load_costs(apps, schema_editor):
    LabourCost = apps.get_model("catalog", "LabourCost")
    HistoricalLabourCost = apps.get_model("catalog", "HistoricalLabourCost")
    now = timezone.now()
    kept = set(LabourCost.objects.values_list("country", flat=True))
    for row in default_costs():
        if row["country"] in kept:
            continue  # a consultant's figure, left when this migration was reversed
        cost = LabourCost.objects.create(**row)
        # What simple-history's signal would record for an admin edit (none fires here).
        HistoricalLabourCost.objects.create(
            **row,
            id=cost.id,
            history_date=now,
            history_type="+",
            history_change_reason=REASON,
        )


def remove_unchanged_costs(apps, schema_editor):
    LabourCost = apps.get_model("catalog", "LabourCost")
    for row in default_costs():
        LabourCost.objects.filter(**row).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0011_default_exchange_rates")]

    operations = [
        migrations.RunPython(load_costs, remove_unchanged_costs, elidable=False),
    ]
