"""What the browser reports while a test runs: console errors, uncaught errors, CSP violations.

`ConsoleErrors.watch(context)` listens to every page of a Playwright browser context. Each
Content-Security-Policy violation is caught twice over: Chromium logs it to the console
(also on pages with JavaScript off), and an init script forwards the page's
`securitypolicyviolation` events, which name the directive and the page. Chromium reports a
bad Permissions-Policy header only as a console warning; it is kept as an error too.
"""

from playwright.sync_api import Error as PlaywrightError

CSP_BINDING = "__reportCspViolation"
# Set by a timer: init scripts run even with JavaScript off, timers do not.
TIMERS_RUN_FLAG = "__timersRun"
CSP_LISTENER = f"""
setTimeout(() => {{ window.{TIMERS_RUN_FLAG} = true; }}, 0);
document.addEventListener("securitypolicyviolation", (event) => {{
    window.{CSP_BINDING}(
        `${{event.disposition}} ${{event.effectiveDirective}} blocked `
        + `${{event.blockedURI || "inline code"}} on ${{event.documentURI}}`
    );
}});
"""
CSP_CONSOLE_MARK = "Content Security Policy"
PERMISSIONS_POLICY_MARK = "Permissions-Policy header"
# Lets the violation events a page queued before the check reach Python first. Pages with
# JavaScript off dispatch no events and run no timer: nothing to wait for there.
SETTLE = f"""() => window.{TIMERS_RUN_FLAG}
    ? new Promise(resolve => setTimeout(resolve, 0)) : null"""


class ConsoleErrors(list):
    """Errors seen in the watched contexts; `csp_violations` holds the CSP ones apart."""

    def __init__(self):
        super().__init__()
        self.csp_violations = []
        self.contexts = []

    def watch(self, context):
        """Listen to every page of `context`, open or opened later; returns the context."""
        context.on("console", self.on_console)
        context.on("weberror", lambda web_error: self.append(str(web_error.error)))
        context.expose_binding(CSP_BINDING, lambda _source, text: self.csp_violations.append(text))
        context.add_init_script(CSP_LISTENER)
        self.contexts.append(context)
        return context

    def on_console(self, message):
        text = message.text
        if message.type == "error" or PERMISSIONS_POLICY_MARK in text:
            self.append(text)
        if CSP_CONSOLE_MARK in text:
            self.csp_violations.append(text)

    def settle(self):
        for context in self.contexts:
            for page in context.pages:
                try:
                    page.evaluate(SETTLE)
                except PlaywrightError:  # closed meanwhile, or scripts off: nothing queued
                    continue

    def assert_no_csp_violation(self):
        """Fails with every violation seen so far, on any page of the test."""
        self.settle()
        assert not self.csp_violations, "Content-Security-Policy violations:\n  " + "\n  ".join(
            self.csp_violations
        )
