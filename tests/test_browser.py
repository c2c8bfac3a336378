"""The static website in a real browser: no console errors, no network, accessible basics.

`dwcp site` is built once per module. Every page is then

* checked for accessibility basics (language, one h1, no skipped heading levels, table headers,
  image alternatives), on the HTML as written and, in Chromium, on the DOM the browser built;
* loaded from file:// in headless Chromium, driven over the DevTools protocol through
  `--remote-debugging-pipe` (standard library only). Any console error, uncaught exception, error
  log entry, failed load or request to a URL that is not file: or data: fails the page, and a
  screenshot is saved to the module's temporary folder (`screenshots/`).

The colour pairs of the stylesheets are checked against WCAG AA (4.5:1) from the CSS itself.
Without `chromium` on PATH the browser tests are skipped; CI installs it (.ci/run).
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from dwcp.source.loader import discover
from dwcp.views.site import REPORT_KINDS

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2024-01-01"
PAGES = [
    "index.html",
    *(f"programmes/{p.stem}.html" for p in sorted(discover([ROOT / "programmes"]))),
    *(f"reports/{kind}.html" for kind in REPORT_KINDS),
]
PAGE_TIMEOUT = 20.0  # seconds for one page: start the browser, load, check, screenshot
SCREENSHOT_MAX_HEIGHT = 6000  # CSS pixels; long reports are cut, the top is what matters
MIN_CONTRAST = 4.5  # WCAG 2 AA, normal text
LOCAL_SCHEMES = ("file:", "data:")

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--window-size=1280,900",
    "--remote-debugging-pipe",
)


# -- the site ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The website of the bundled programmes, built by the real command line."""
    # A copy of the bundled programmes as a repository of its own: dwcp writes only inside it.
    repo = tmp_path_factory.mktemp("browser")
    shutil.copytree(ROOT / "programmes", repo / "programmes")
    (repo / "pyproject.toml").write_text("[tool.dwcp]\n", encoding="utf-8")
    out = repo / "site"
    done = subprocess.run(
        [sys.executable, "-m", "dwcp", "site", "--out", str(out), "--as-of", AS_OF],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"dwcp site failed ({done.returncode}):\n{done.stderr}"
    return out


@pytest.fixture(scope="module")
def screenshots(site: Path) -> Path:
    folder = site.parent / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("chromium is not on PATH (apt-get install chromium; CI installs it)")
    return found


def test_every_page_is_checked(site: Path) -> None:
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert built == sorted(PAGES), "update PAGES: the site's pages changed"


# -- accessibility basics, shared by the HTML and the browser's DOM ----------------------------


@dataclass
class PageFacts:
    """What the accessibility checks need from a page, wherever it was read from."""

    lang: str | None = None
    title: str = ""
    headings: list[int] = field(default_factory=list)
    tables: int = 0
    tables_without_th: int = 0
    images_without_alt: list[str] = field(default_factory=list)


def accessibility_problems(facts: PageFacts) -> list[str]:
    problems = []
    if not (facts.lang or "").strip():
        problems.append("<html> has no lang attribute")
    if not facts.title.strip():
        problems.append("no <title>")
    h1s = facts.headings.count(1)
    if h1s != 1:
        problems.append(f"{h1s} h1 elements, expected exactly one")
    previous = 0
    for level in facts.headings:
        if level > previous + 1:
            problems.append(f"heading level skips from h{previous} to h{level}")
        previous = level
    if facts.tables_without_th:
        problems.append(f"{facts.tables_without_th} of {facts.tables} tables have no th")
    problems.extend(f"<img src={src!r}> has no alt" for src in facts.images_without_alt)
    return problems


class _FactsParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._tables: list[bool] = []  # open tables: has a th been seen in each
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.facts.lang = attributes.get("lang")
        elif tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.facts.headings.append(int(tag[1]))
        elif tag == "table":
            self.facts.tables += 1
            self._tables.append(False)
        elif tag == "th" and self._tables:
            self._tables[-1] = True
        elif tag == "img" and "alt" not in attributes:
            self.facts.images_without_alt.append(attributes.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "table" and self._tables and not self._tables.pop():
            self.facts.tables_without_th += 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.facts.title += data


def html_facts(path: Path) -> PageFacts:
    parser = _FactsParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.facts


DOM_FACTS = """(() => {
  const tables = [...document.querySelectorAll('table')];
  return {
    lang: document.documentElement.getAttribute('lang'),
    title: document.title,
    headings: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]),
    tables: tables.length,
    tables_without_th: tables.filter(t => !t.querySelector('th')).length,
    images_without_alt: [...document.querySelectorAll('img:not([alt])')]
      .map(i => i.getAttribute('src') || ''),
  };
})()"""


@pytest.mark.parametrize("page", PAGES)
def test_page_accessibility_basics(site: Path, page: str) -> None:
    assert accessibility_problems(html_facts(site / page)) == []


@pytest.mark.parametrize("page", PAGES)
def test_relative_links_resolve(site: Path, page: str) -> None:
    """Every relative link leads to a file of the site, and every #fragment to an id."""
    path = site / page
    text = path.read_text(encoding="utf-8")
    broken = []
    for href in re.findall(r'\b(?:href|src)="([^"]*)"', text):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue  # absolute URLs are the browser test's business
        target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
        if not target.is_file():
            broken.append(f"{href}: no such file")
        elif parts.fragment and not re.search(
            rf'\bid="{re.escape(unquote(parts.fragment))}"', target.read_text(encoding="utf-8")
        ):
            broken.append(f"{href}: no element with that id")
    assert broken == []


# -- colour contrast of the stylesheets --------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    context: tuple[str, ...]  # enclosing at-rules, e.g. ("@media print",)
    selectors: tuple[str, ...]
    declarations: dict[str, str]


def parse_css(text: str) -> list[Rule]:
    """Rules with their enclosing at-rules; enough for our stylesheets (no braces in strings)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    rules: list[Rule] = []
    stack: list[tuple[str, list[str]]] = [("", [])]  # (prelude, declaration texts)
    buffer = ""
    for char in text:
        if char == ";":
            stack[-1][1].append(buffer)
            buffer = ""
        elif char == "{":
            stack.append((" ".join(buffer.split()), []))
            buffer = ""
        elif char == "}":
            prelude, texts = stack.pop()
            texts.append(buffer)
            buffer = ""
            declarations = {}
            for declaration in texts:
                name, colon, value = declaration.partition(":")
                if colon:
                    declarations[name.strip().lower()] = " ".join(value.split())
            selectors = tuple(" ".join(s.split()) for s in prelude.split(","))
            rules.append(Rule(tuple(p for p, _ in stack[1:]), selectors, declarations))
        else:
            buffer += char
    return rules


NAMED_COLOURS = {"white": (255, 255, 255), "black": (0, 0, 0)}
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)|\b(?:white|black)\b")


def parse_colour(value: str, variables: dict[str, str]) -> tuple[int, int, int] | None:
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables.get(m[1], m[0]), value)
    found = COLOUR.search(value)
    if found is None:
        return None
    token = found[0].lower()
    if token in NAMED_COLOURS:
        return NAMED_COLOURS[token]
    if token.startswith("rgb"):
        channels = [float(c) for c in re.split(r"[\s,/]+", token[token.index("(") + 1 : -1])[:3]]
        return int(channels[0]), int(channels[1]), int(channels[2])
    digits = token[1:]
    if len(digits) in (3, 4):
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class Stylesheet:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.rules = [r for r in parse_css(path.read_text(encoding="utf-8")) if not r.context]
        self.variables = {
            name: value
            for rule in self.rules
            if ":root" in rule.selectors
            for name, value in rule.declarations.items()
            if name.startswith("--")
        }

    def has(self, selector: str) -> bool:
        return any(selector in rule.selectors for rule in self.rules)

    def colour(self, chain: tuple[str, ...], properties: tuple[str, ...]) -> tuple[int, int, int]:
        """The colour of the first selector in `chain` (the element, then what shows through or
        is inherited) that declares one of `properties`; the last such rule wins."""
        for selector in chain:
            for rule in reversed(self.rules):
                if selector not in rule.selectors:
                    continue
                for name in properties:
                    if name in rule.declarations:
                        rgb = parse_colour(rule.declarations[name], self.variables)
                        assert rgb is not None, f"{selector} {{ {name}: ? }}: not a colour we read"
                        return rgb
        raise AssertionError(f"{self.path.name}: no {'/'.join(properties)} along {chain}")


DOCUMENT_CSS = ROOT / "templates" / "documents" / "document.css"
REPORT_CSS = ROOT / "templates" / "reports" / "report.css"

# (what, stylesheet, foreground chain, background chain). A chain names the element first, then
# the elements its colour is inherited from or its background shows through from.
CONTRAST_PAIRS = [
    ("body text", DOCUMENT_CSS, ("body",), ("body",)),
    ("h1", DOCUMENT_CSS, ("h1", "body"), ("h1", "body")),
    ("h2", DOCUMENT_CSS, ("h2", "body"), ("h2", "body")),
    ("h3", DOCUMENT_CSS, ("h3", "body"), ("h3", "body")),
    ("links", DOCUMENT_CSS, ("a", "body"), ("a", "body")),
    ("table caption", DOCUMENT_CSS, ("caption", "body"), ("caption", "table", "body")),
    ("column headers", DOCUMENT_CSS, ("thead th", "th", "body"), ("thead th", "th", "body")),
    ("row headers", DOCUMENT_CSS, ("th", "body"), ("th", "tr", "table", "body")),
    ("cover kind label", DOCUMENT_CSS, (".kind", "body"), (".kind", "body")),
    ("not-validated banner", DOCUMENT_CSS, (".not-validated", "body"), (".not-validated",)),
    ("internal banner", DOCUMENT_CSS, (".internal-banner", "body"), (".internal-banner",)),
    ("internal rows", DOCUMENT_CSS, (".internal", "body"), (".internal",)),
    ("links in internal rows", DOCUMENT_CSS, ("a", "body"), (".internal",)),
    ("[internal] marker", DOCUMENT_CSS, (".internal-tag",), (".internal",)),
    ("report body text", REPORT_CSS, ("body",), ("body",)),
    ("report links", REPORT_CSS, ("a", "body"), ("body",)),
    ("report links on striped rows", REPORT_CSS, ("a",), ("tbody tr:nth-child(even)",)),
    ("report muted text", REPORT_CSS, (".meta",), ("body",)),
    ("report muted cells, striped", REPORT_CSS, ("td.none",), ("tbody tr:nth-child(even)",)),
    ("report table ids", REPORT_CSS, (".table-id",), ("caption", "body")),
    ("report column headers", REPORT_CSS, ("thead th", "body"), ("thead th", "body")),
]


@pytest.mark.parametrize(
    ("what", "css", "foreground", "background"), CONTRAST_PAIRS, ids=[p[0] for p in CONTRAST_PAIRS]
)
def test_colour_contrast(
    what: str, css: Path, foreground: tuple[str, ...], background: tuple[str, ...]
) -> None:
    sheet = Stylesheet(css)
    assert sheet.has(foreground[0]), f"{css.name} no longer styles {foreground[0]}"
    fg = sheet.colour(foreground, ("color",))
    bg = sheet.colour(background, ("background-color", "background"))
    ratio = contrast(fg, bg)
    assert ratio >= MIN_CONTRAST, f"{what}: {fg} on {bg} is {ratio:.2f}:1, below {MIN_CONTRAST}"


@pytest.mark.parametrize("css", [DOCUMENT_CSS, REPORT_CSS], ids=lambda p: p.name)
def test_page_margin_contrast(css: Path) -> None:
    """Running headers and page numbers of printed documents, on white paper."""
    paper = (255, 255, 255)
    for rule in parse_css(css.read_text(encoding="utf-8")):
        if rule.context[:1] == ("@page",) and "color" in rule.declarations:
            fg = parse_colour(rule.declarations["color"], {})
            assert fg is not None, f"@page {rule.selectors[0]}: colour not read"
            assert contrast(fg, paper) >= MIN_CONTRAST, f"@page {rule.selectors[0]}: {fg}"


def test_contrast_formula() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert parse_colour("var(--x)", {"--x": "#fff"}) == (255, 255, 255)
    assert parse_colour("2px solid rgb(18, 53, 91)", {}) == (18, 53, 91)


def test_css_parser_keeps_at_rule_context() -> None:
    rules = parse_css(
        "/* a { color: red } */ h1, h2 { color: #123 }\n"
        "@media print { h2 { color: black } }\n"
        "@page { size: A4; @top-center { color: #404040 } margin: 1cm }"
    )
    assert [(r.context, r.selectors, r.declarations) for r in rules] == [
        ((), ("h1", "h2"), {"color": "#123"}),
        (("@media print",), ("h2",), {"color": "black"}),
        ((), ("@media print",), {}),
        (("@page",), ("@top-center",), {"color": "#404040"}),
        ((), ("@page",), {"size": "A4", "margin": "1cm"}),
    ]


# -- Chromium over the DevTools protocol -------------------------------------------------------


class CdpError(Exception):
    pass


class Browser:
    """Headless Chromium with a fresh profile, spoken to over --remote-debugging-pipe.

    Chromium reads commands from its fd 3 and writes replies and events to fd 4, each message
    JSON ended by a NUL byte. A shell puts our pipe ends on 3 and 4, then execs the browser.
    """

    def __init__(self, executable: str, profile: Path, deadline: float) -> None:
        self.deadline = deadline
        self.events: list[dict[str, Any]] = []
        self._buffer = bytearray()
        self._last_id = 0
        self._log = profile.parent / "chromium.log"
        command_read, self._command = os.pipe()
        self._reply, reply_write = os.pipe()
        try:
            with self._log.open("wb") as log:
                self.process = subprocess.Popen(
                    [
                        "/bin/sh",
                        "-c",
                        'exec 3<&0 4>&1 </dev/null >/dev/null; exec "$0" "$@"',
                        executable,
                        *CHROMIUM_FLAGS,
                        f"--user-data-dir={profile}",
                        "about:blank",
                    ],
                    stdin=command_read,
                    stdout=reply_write,
                    stderr=log,
                    start_new_session=True,  # its own process group, killed as a whole
                )
        finally:
            os.close(command_read)
            os.close(reply_write)

    def close(self) -> None:
        """Ask the browser to quit (it then reaps its helpers), give it a few seconds, then kill
        its whole process group anyway. The browser is only reaped after the kill, so its group
        id cannot have been taken by another process meanwhile."""
        pid = self.process.pid
        with suppress(OSError):
            self._send({"id": 0, "method": "Browser.close"})
        patience = time.monotonic() + 3
        while time.monotonic() < patience and not self._exited(pid):
            time.sleep(0.02)
        with suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        self.process.wait()
        os.close(self._command)
        os.close(self._reply)

    @staticmethod
    def _exited(pid: int) -> bool:
        """Whether `pid` has exited, leaving it to be reaped (WNOWAIT)."""
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._command, data) :]

    def log_tail(self) -> str:
        return self._log.read_text(encoding="utf-8", errors="replace")[-2000:]

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._last_id += 1
        sent = self._last_id
        message: dict[str, Any] = {"id": sent, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        self._send(message)
        while True:
            reply = self._receive()
            if reply.get("id") != sent:
                self.events.append(reply)
            elif "error" in reply:
                raise CdpError(f"{method}: {reply['error']}")
            else:
                result: dict[str, Any] = reply["result"]
                return result

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        seen = 0
        while True:
            for event in self.events[seen:]:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            seen = len(self.events)
            self.events.append(self._receive())

    def _receive(self) -> dict[str, Any]:
        while (end := self._buffer.find(b"\0")) < 0:
            left = self.deadline - time.monotonic()
            if left <= 0 or not select.select([self._reply], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium in time")
            chunk = os.read(self._reply, 1 << 20)
            if not chunk:
                raise CdpError("Chromium closed the pipe: it exited or failed to start")
            self._buffer += chunk
        message: dict[str, Any] = json.loads(self._buffer[:end])
        del self._buffer[: end + 1]
        return message


@contextmanager
def open_browser(executable: str) -> Iterator[Browser]:
    """A browser with a fresh profile, killed on the way out whatever happened."""
    with tempfile.TemporaryDirectory(prefix="dwcp-chromium-", ignore_cleanup_errors=True) as tmp:
        profile = Path(tmp) / "profile"
        profile.mkdir()
        browser = Browser(executable, profile, time.monotonic() + PAGE_TIMEOUT)
        try:
            yield browser
        except (TimeoutError, CdpError, BrokenPipeError) as error:
            pytest.fail(f"{error}\n--- Chromium's stderr ---\n{browser.log_tail()}")
        finally:
            browser.close()


@dataclass
class Visit:
    problems: list[str]
    facts: PageFacts
    screenshot: bytes


def visit(executable: str, url: str) -> Visit:
    """Load `url` in a new browser; what went wrong, the DOM's facts and a screenshot."""
    with open_browser(executable) as browser:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)
        session_id: str = session["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            browser.call(f"{domain}.enable", session_id)
        navigated = browser.call("Page.navigate", session_id, url=url)
        problems = []
        if navigated.get("errorText"):
            problems.append(f"navigation failed: {navigated['errorText']}")
        browser.wait_for("Page.loadEventFired", session_id)
        evaluated = browser.call(
            "Runtime.evaluate", session_id, expression=DOM_FACTS, returnByValue=True
        )
        assert "exceptionDetails" not in evaluated, evaluated["exceptionDetails"]
        facts = PageFacts(**evaluated["result"]["value"])
        size = browser.call("Page.getLayoutMetrics", session_id)["cssContentSize"]
        shot = browser.call(
            "Page.captureScreenshot",
            session_id,
            format="png",
            captureBeyondViewport=True,
            clip={
                "x": 0,
                "y": 0,
                "width": size["width"],
                "height": min(size["height"], SCREENSHOT_MAX_HEIGHT),
                "scale": 1,
            },
        )
        problems += event_problems(browser.events)
        return Visit(problems, facts, base64.b64decode(shot["data"]))


def event_problems(events: list[dict[str, Any]]) -> list[str]:
    """Console errors, exceptions, error log entries, failed loads and non-local requests."""
    problems = []
    urls: dict[str, str] = {}
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            text = " ".join(
                str(a.get("value", a.get("description", ""))) for a in params.get("args", [])
            )
            problems.append(f"console.{params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            thrown = details.get("exception", {}).get("description") or details.get("text")
            problems.append(f"uncaught exception: {thrown}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            problems.append(
                f"log error ({entry['source']}): {entry['text']} {entry.get('url', '')}"
            )
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            urls[params["requestId"]] = url
            if not url.startswith(LOCAL_SCHEMES):
                problems.append(f"network request: {url}")
        elif method == "Network.loadingFailed":
            url = urls.get(params["requestId"], "?")
            problems.append(f"failed to load {url}: {params['errorText']}")
    return problems


@pytest.mark.parametrize("page", PAGES)
def test_page_in_chromium(chromium: str, site: Path, screenshots: Path, page: str) -> None:
    path = site / page
    seen = visit(chromium, path.as_uri())
    shot = screenshots / page.replace("/", "--").replace(".html", ".png")
    shot.write_bytes(seen.screenshot)
    assert seen.problems == [], f"{page} in Chromium (screenshot {shot})"
    assert accessibility_problems(seen.facts) == [], f"{page}: the DOM Chromium built"
    written = html_facts(path)
    assert (seen.facts.lang, seen.facts.headings, seen.facts.tables) == (
        written.lang,
        written.headings,
        written.tables,
    ), f"{page}: Chromium's DOM differs from the HTML as written (malformed markup?)"
    assert seen.screenshot.startswith(b"\x89PNG\r\n\x1a\n")


CANARY = """<!DOCTYPE html><html lang="en"><head><title>canary</title>
<link rel="stylesheet" href="missing.css"></head><body><h1>canary</h1>
<img src="http://127.0.0.1:9/canary.png" alt="">
<script>console.error("canary error"); throw new Error("canary exception");</script>
</body></html>"""


def test_chromium_checks_catch_problems(chromium: str, tmp_path: Path) -> None:
    """The browser test can fail: a page with every kind of problem is reported as such."""
    page = tmp_path / "canary.html"
    page.write_text(CANARY, encoding="utf-8")
    problems = "\n".join(visit(chromium, page.as_uri()).problems)
    assert "console.error: canary error" in problems
    assert "uncaught exception: Error: canary exception" in problems
    assert "network request: http://127.0.0.1:9/canary.png" in problems
    assert "failed to load file://" in problems
    assert "missing.css" in problems


# -- Arabic, right to left ---------------------------------------------------------------------

RTL_FACTS = """(() => {
  const root = document.documentElement;
  const heading = document.querySelector("h1").getBoundingClientRect();
  const cells = [...document.querySelector("table tr").children].map(
    (cell) => cell.getBoundingClientRect().left);
  const item = document.querySelector("main li, body li");
  return {
    dir: document.dir,
    lang: root.lang,
    direction: getComputedStyle(document.body).direction,
    headingLeft: heading.left,
    headingRight: heading.right,
    width: root.clientWidth,
    cells: cells,
    itemAlign: item ? getComputedStyle(item).textAlign : "",
  };
})()"""


def test_arabic_document_in_chromium_is_right_to_left(
    chromium: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The Viet Nam sample rendered with --lang ar: Chromium lays it out right to left (the
    page's direction, the heading's ink against the right margin, the first column of a table
    on the right); the screenshot is kept beside the document to look at."""
    repo = tmp_path_factory.mktemp("arabic")
    shutil.copytree(ROOT / "programmes", repo / "programmes")
    (repo / "pyproject.toml").write_text("[tool.dwcp]\n", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dwcp",
            "render",
            "programmes/VNM-2017-2021.yaml",
            "--lang",
            "ar",
            "--out",
            "out",
            "--as-of",
            AS_OF,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = repo / "out" / "VNM-2017-2021.html"
    with open_browser(chromium) as browser:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)
        session_id: str = session["sessionId"]
        browser.call("Page.enable", session_id)
        browser.call("Page.navigate", session_id, url=page.as_uri())
        browser.wait_for("Page.loadEventFired", session_id)
        evaluated = browser.call(
            "Runtime.evaluate", session_id, expression=RTL_FACTS, returnByValue=True
        )
        assert "exceptionDetails" not in evaluated, evaluated["exceptionDetails"]
        facts = evaluated["result"]["value"]
        shot = browser.call("Page.captureScreenshot", session_id, format="png")
    (repo / "out" / "VNM-2017-2021-ar.png").write_bytes(base64.b64decode(shot["data"]))
    assert (facts["dir"], facts["lang"], facts["direction"]) == ("rtl", "ar", "rtl")
    cells = facts["cells"]
    assert cells == sorted(cells, reverse=True), f"table columns run left to right: {cells}"
    assert facts["itemAlign"] in ("start", "right", "-webkit-auto", "")
    # The heading fills the line or sits against the right margin, never only the left.
    assert facts["width"] - facts["headingRight"] <= facts["headingLeft"] + 1
