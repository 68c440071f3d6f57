"""A slow, plain reference for the engine's scores, reasons and what-if, written apart from it.

No tables, no shortcuts: each score is `sum` over the points of docs/scoring.md section 3,
computed from the task's own values; the what-if walks every candidate in the documented
order (section 7), predicting a 1-5 change from the per-step slopes and re-scoring a
sensitivity change in full, then binary-searches the in-house cost. The engine is made
fast with per-context tables and by passing over changes that cannot change the answer;
the tests compare it with this, so the speed can never change a result.
"""

import math
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from assessments.engine import BPO, IN_HOUSE, KPO

ANSWERS = (BPO, KPO, IN_HOUSE)
TIE_PREFERENCE = {IN_HOUSE: 2, KPO: 1, BPO: 0}
FACTORS = (  # in the order the engine adds them up
    "knowledge",
    "standardisation",
    "cost",
    "strategic_importance",
    "data_sensitivity",
    "catalog",
)
SCALE_FACTORS = (
    "complexity",
    "skill_level",
    "standardisation",
    "strategic_importance",
    "data_sensitivity",
)
# factor -> (points it moves, share of its range per step, direction for BPO, KPO, in-house)
STEPS = {
    "complexity": ("knowledge", 1 / 8, (-1, 1, 0)),
    "skill_level": ("knowledge", 1 / 8, (-1, 1, 0)),
    "standardisation": ("standardisation", 1 / 4, (1, 0, -1)),
    "strategic_importance": ("strategic_importance", 1 / 4, (-1, -1, 1)),
    "data_sensitivity": ("data_sensitivity", 1 / 4, (-1, -1, 1)),
}
CENT = Decimal("0.01")


def normalised(weights, multipliers):
    total = sum(weights.values())
    if not total:
        return {}
    return {
        key: 100.0 * value * multipliers.get(key, 1.0) / total for key, value in weights.items()
    }


def weights_for(profile, company):
    """Points per factor at full strength, for each answer (docs/scoring.md section 3)."""
    p = profile
    bpo = {
        "knowledge": p.weight_fit,
        "standardisation": p.weight_standardisation_bpo,
        "cost": p.weight_cost,
        "strategic_importance": p.weight_strategic_outsourced,
        "data_sensitivity": p.weight_sensitivity_outsourced,
        "catalog": p.weight_catalog,
    }
    kpo = {key: value for key, value in bpo.items() if key != "standardisation"}
    in_house = {
        "strategic_importance": p.weight_strategic_in_house,
        "data_sensitivity": p.weight_sensitivity_in_house,
        "standardisation": p.weight_standardisation_in_house,
    }
    quality, cost = company.priority_quality / 3, company.priority_cost / 3
    control = company.priority_control / 3
    return {
        BPO: normalised(bpo, {"knowledge": quality, "cost": cost}),
        KPO: normalised(kpo, {"knowledge": quality, "cost": cost}),
        IN_HOUSE: normalised(
            in_house, {"strategic_importance": control, "data_sensitivity": control}
        ),
    }


def shown(raw):
    return round(raw if raw < 100.0 else 100.0, 1)


def leads(challenger, holder):
    gap = challenger - holder
    if gap > 0.15 and holder < 100.0:
        return True
    if gap < -0.15 and challenger < 100.0:
        return False
    return shown(challenger) > shown(holder)


def winner(bpo, kpo, in_house):
    best, best_score = IN_HOUSE, in_house
    if leads(kpo, best_score):
        best, best_score = KPO, kpo
    return BPO if leads(bpo, best_score) else best


def ranked(scores):
    return sorted(scores, key=lambda answer: (scores[answer], TIE_PREFERENCE[answer]), reverse=True)


class Reference:
    def __init__(self, profile, market, company):
        self.profile, self.market, self.company = profile, market, company
        self.weights = weights_for(profile, company)

    def location(self, model, sensitivity, front_office):
        p, found = self.profile, []
        for location in self.market.locations:
            rate = self.market.rates.get((model, location.kind))
            if (
                rate is None
                or location.kind not in self.company.allowed_locations
                or (sensitivity >= p.onshore_only_sensitivity and location.kind != "onshore")
                or (sensitivity >= p.no_offshore_sensitivity and location.kind == "offshore")
                or (front_office and location.overlap_hours < p.front_office_min_overlap_hours)
            ):
                continue
            found.append((rate.typical, -location.overlap_hours, location.kind, location, rate))
        return min(found)[3:] if found else None

    def hours(self, task):
        if task.hours_per_month is not None:
            return task.hours_per_month, False
        rate = self.profile.in_house_hourly_rate
        if rate <= 0:
            return Decimal("0"), True
        return (task.monthly_cost / rate).quantize(CENT, rounding=ROUND_HALF_UP), True

    def strength(self, task, estimated, choice, monthly):
        full = self.profile.full_saving_ratio
        if choice is None or task.monthly_cost <= 0:
            return 0.0
        if estimated:
            price = float(choice[1].typical * (1 + self.profile.governance_overhead))
            ratio = (1.0 - price / float(self.profile.in_house_hourly_rate)) / full
        else:
            ratio = (1.0 - float(monthly) / float(task.monthly_cost)) / full
        return clipped(ratio)

    def evaluate(self, task):
        """Everything the answer rests on: choices, monthly prices, points and scores."""
        service = task.service_type
        front_office = service is not None and service.office == "front"
        legal = service is not None and service.sourcing_model == "lpo"
        hours, estimated = self.hours(task)
        result = {"hours_estimated": estimated, "choices": {}, "monthly": {}, "strengths": {}}
        for answer, model in ((BPO, BPO), (KPO, "lpo" if legal else KPO)):
            choice = self.location(model, task.data_sensitivity, front_office)
            monthly = None
            if choice is not None:
                overhead = Decimal(1) + self.profile.governance_overhead
                monthly = (hours * choice[1].typical * overhead).quantize(CENT, ROUND_HALF_UP)
            result["choices"][answer], result["monthly"][answer] = choice, monthly
            result["strengths"][answer] = self.strength(task, estimated, choice, monthly)
        result["points"] = self.points(task, result)
        result["raw"] = {answer: sum(result["points"][answer]) for answer in ANSWERS}
        result["scores"] = {answer: shown(result["raw"][answer]) for answer in ANSWERS}
        return result

    def points(self, task, result):
        k = (task.complexity + task.skill_level - 2) / 8.0
        s, g, d = ((value - 1) / 4.0 for value in scale_values(task)[2:])
        fits = catalog_fits(task.service_type, self.company)
        values = {
            BPO: (1.0 - k, s, result["strengths"][BPO], 1.0 - g, 1.0 - d, fits[0]),
            KPO: (k, None, result["strengths"][KPO], 1.0 - g, 1.0 - d, fits[1]),
            IN_HOUSE: (None, 1.0 - s, None, g, d, None),
        }
        points = {}
        for answer in ANSWERS:
            weights = self.weights[answer]
            points[answer] = tuple(
                0.0 if value is None else weights.get(factor, 0.0) * value
                for factor, value in zip(FACTORS, values[answer], strict=True)
            )
            if answer != IN_HOUSE and result["choices"][answer] is None:
                points[answer] = (0.0,) * len(FACTORS)
        return points

    def assess(self, task):
        """(scores, recommendation, reasons as (factor, favours, points), what-if)."""
        result = self.evaluate(task)
        top, runner_up = ranked(result["scores"])[:2]
        return result["scores"], top, self.reasons(result, top, runner_up), self.what_if(task)

    def reasons(self, result, top, runner_up):
        pulls = [
            mine - theirs
            for mine, theirs in zip(result["points"][top], result["points"][runner_up], strict=True)
        ]
        ordered = sorted(zip(map(abs, pulls), range(len(FACTORS)), strict=True), reverse=True)
        found = [
            (FACTORS[index], top if pulls[index] > 0 else runner_up, round(size, 1))
            for size, index in ordered[:4]
            if size >= 0.5
        ]
        blocked = [("location", top, 0.0) for a in (BPO, KPO) if result["choices"][a] is None]
        return blocked + found

    def what_if(self, task):
        result = self.evaluate(task)
        top = ranked(result["scores"])[0]
        best = self.scale_change(task, result, top)
        cost = self.cost_change(task, result, top, best[0] if best else None)
        best = cost if cost is not None else best
        return None if best is None else (best[1], best[2], best[3])

    def slope(self, factor, answer_index):
        points, share, directions = STEPS[factor]
        answer = ANSWERS[answer_index]
        return directions[answer_index] * share * self.weights[answer].get(points, 0.0)

    def may_gain(self, factor, top, sign):
        """Can moving `factor` this way let another answer gain on `top` (the walk skips
        the directions where none can, except for sensitivity)?"""
        mine = self.slope(factor, ANSWERS.index(top))
        others = [self.slope(factor, index) for index in range(3) if ANSWERS[index] != top]
        return any(other * sign > mine * sign for other in others)

    def scale_change(self, task, result, top):
        for distance in (1, 2, 3, 4):
            for factor in SCALE_FACTORS:
                current = getattr(task, factor)
                for sign in (-1, 1):
                    value = current + sign * distance
                    if not 1 <= value <= 5:
                        continue
                    if factor == "data_sensitivity":
                        raw = self.evaluate(replace(task, data_sensitivity=value))["raw"]
                        new_top = winner(raw[BPO], raw[KPO], raw[IN_HOUSE])
                    elif self.may_gain(factor, top, sign):
                        new_top = self.predicted(result, factor, value - current)
                    else:
                        continue
                    if new_top != top:
                        return (distance / 4, factor, value, new_top)
        return None

    def predicted(self, result, factor, steps):
        raw, scores = result["raw"], []
        for index, answer in enumerate(ANSWERS):
            available = answer == IN_HOUSE or result["choices"][answer] is not None
            moved = raw[answer] + self.slope(factor, index) * steps
            scores.append(moved if available else raw[answer])
        return winner(*scores)

    def cost_change(self, task, result, top, limit):
        current = float(task.monthly_cost)
        if result["hours_estimated"] or current <= 0:
            return None
        full = self.profile.full_saving_ratio
        parts = {}
        for answer in (BPO, KPO):
            weight = self.weights[answer].get("cost", 0.0)
            monthly = result["monthly"][answer]
            price = None if monthly is None else float(monthly)
            parts[answer] = (result["raw"][answer] - weight * result["strengths"][answer], weight)
            parts[answer] += (price,)

        def answer_at(cost):
            moved = []
            for base, weight, price in parts.values():
                if price is not None:
                    ratio = (1.0 - price / cost) / full if cost > 0 else 0.0
                    base = base + weight * clipped(ratio)
                moved.append(base)
            return winner(*moved, result["raw"][IN_HOUSE])

        prices = [price for _, _, price in parts.values() if price]
        if not prices:
            return None
        up = math.ceil(max(prices) / (1.0 - full)) if full < 1.0 else math.ceil(current * 10)
        down = math.floor(min(prices))
        if limit is not None:
            reach = math.floor(current * limit)
            up, down = min(up, math.floor(current) + reach), max(down, math.ceil(current) - reach)
        found = None
        for bound in (up, down):
            if bound == current or bound < 0 or answer_at(bound) == top:
                continue
            changed, kept = bound, math.floor(current) if bound > current else math.ceil(current)
            while abs(changed - kept) > 1:
                middle = (kept + changed) // 2
                kept, changed = (middle, changed) if answer_at(middle) == top else (kept, middle)
            size = abs(changed - current) / current
            if found is None or size < found[0]:
                found = (size, "monthly_cost", Decimal(changed), answer_at(changed))
        return found


def scale_values(task):
    return (
        task.complexity,
        task.skill_level,
        task.standardisation,
        task.strategic_importance,
        task.data_sensitivity,
    )


def catalog_fits(service_type, company):
    if service_type is None:
        return 0.5, 0.5
    fit = 1.0
    if service_type.industries and company.industry not in service_type.industries:
        fit = 0.75
    return (fit, 0.0) if service_type.sourcing_model == BPO else (0.0, fit)


def clipped(ratio):
    return 0.0 if ratio < 0.0 else (ratio if ratio < 1.0 else 1.0)
