"""Accessibility and layout checks of a page in the browser tests: axe-core and overflow.

axe-core is vendored under erkt/testing/vendor/axe-core (see VERSIONS.txt there) and
injected into the page under test; it is never served by the application. The pages'
Content-Security-Policy forbids inline scripts, so the checking context bypasses it
(`bypass_csp=True`); the CSP itself has its own browser test.
"""

from __future__ import annotations

from pathlib import Path

from erkt.testing.browser import settled

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# What a failure is: WCAG 2.1 A/AA rules, at the two worst impacts.
FAILING_IMPACTS = ("critical", "serious")
TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page) -> list[str]:
    """The critical and serious axe-core violations of the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    violations = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]
    lines = []
    for violation in violations:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(
                f"{violation['impact']} {violation['id']}: {violation['help']} "
                f"at {' '.join(map(str, node['target']))}: {summary[:200]}"
            )
        if len(violation["nodes"]) > 5:
            lines.append(f"  ... and {len(violation['nodes']) - 5} more {violation['id']}")
    return lines


def sideways_overflow(page) -> str:
    """'' when the page does not scroll sideways, else its widths and the widest elements."""
    scroll, client = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if scroll <= client:
        return ""
    culprits = page.evaluate(
        """width => Array.from(document.body.querySelectorAll('*'))
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .filter(e => !e.parentElement
                || e.parentElement.getBoundingClientRect().right <= width + 1)
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (e.className && typeof e.className === 'string'
                   ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')""",
        client,
    )
    return f"scrollWidth {scroll} > clientWidth {client}: {', '.join(culprits)}"


def check_page(page, url: str, *, screenshots: Path | None = None, name: str = "") -> list[str]:
    """Open `url` at 1366x768 and check it with axe; then at 390x844 with axe and for
    sideways scrolling. Returns the problems found, each line naming the page and width."""
    problems: list[str] = []
    page.set_viewport_size(DESKTOP)
    response = page.goto(url)
    # axe reads the page as htmx leaves it (the bell's count comes after the load event).
    settled(page)
    label = f"{url} ({response.status if response else '?'})"
    for viewport in (DESKTOP, PHONE):
        width = viewport["width"]
        if viewport is PHONE:
            page.set_viewport_size(PHONE)
            # The page's resize handlers (erkt.js) run before the next frames are drawn.
            page.evaluate(TWO_FRAMES)
            overflow = sideways_overflow(page)
            if overflow:
                problems.append(f"{label} at {width}px scrolls sideways: {overflow}")
        problems += [f"{label} at {width}px: {line}" for line in axe_violations(page)]
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)
    return problems
