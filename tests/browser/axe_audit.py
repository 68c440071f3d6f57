"""axe-core accessibility audits of a Playwright page, for the `axe` fixture in conftest.py.

axe-core (MPL-2.0) comes from the `axe-playwright-python` wheel, which bundles `axe.min.js`:
nothing is fetched at test time. The script goes in through `page.evaluate`, which the
DevTools protocol runs outside the page's Content-Security-Policy, so audits work on pages
served with `script-src 'self'` (where `page.add_script_tag` would be refused). Only this
module talks to axe; tests get plain `Violation` values.
"""

from dataclasses import dataclass
from importlib.resources import files

AXE_PACKAGE = "axe_playwright_python"
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
SHOWN_TARGETS = 3

RUN_AXE = """async (context) => {
    const results = await axe.run(context ?? document, {resultTypes: ["violations"]});
    return results.violations.map(v => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        help_url: v.helpUrl,
        targets: v.nodes.map(node => node.target.flat().join(" ")),
    }));
}"""


def axe_source():
    """The text of axe.min.js as shipped in the wheel."""
    return files(AXE_PACKAGE).joinpath("axe.min.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Violation:
    """One axe rule the page breaks, with the selectors of the elements that break it."""

    rule: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]

    def __str__(self):
        shown = ", ".join(self.targets[:SHOWN_TARGETS])
        more = len(self.targets) - SHOWN_TARGETS
        if more > 0:
            shown += f" (and {more} more)"
        return f"{self.rule} [{self.impact}] {self.help} ({self.help_url}) at: {shown}"


class Violations(list):
    """A list of `Violation` whose text (and pytest's `== []` report) reads as a summary."""

    def summary(self):
        header = f"axe found {len(self)} serious or critical violation(s)"
        return [header, *(f"  {violation}" for violation in self)]

    def __str__(self):
        return "\n".join(self.summary())


class Axe:
    """The audit the `axe` fixture returns: `axe(page, context=None) -> Violations`."""

    def __init__(self, source):
        self.source = source

    def __call__(self, page, context=None):
        """Runs axe on `page`, or on `context` (an axe context such as a CSS selector), and
        returns the violations whose impact is serious or critical."""
        page.wait_for_load_state("load")
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.source)
        found = page.evaluate(RUN_AXE, context)
        return Violations(
            Violation(**{**item, "targets": tuple(item["targets"])})
            for item in found
            if item["impact"] in BLOCKING_IMPACTS
        )

    def __repr__(self):
        return "<axe-core audit>"
