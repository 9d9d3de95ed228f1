"""robots.txt with protego, fetched once per host: allow/disallow, Crawl-delay and Sitemap lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from protego import Protego

from .errors import FetchError, host_key

if TYPE_CHECKING:
    from .http import Fetcher

AGENT_TOKEN = "berita-extract"


class RobotsCache:
    """The robots.txt of each host, fetched on first use with the fetcher that asks."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._rules: dict[str, Protego | None] = {}
        self.notes: dict[str, str] = {}
        self.failures: dict[str, FetchError] = {}  # hosts whose robots.txt could not be read in this run

    def shared_with(self, fetcher: Fetcher) -> RobotsCache:
        """A cache holding the same rules, notes and failures that loads robots.txt with another fetcher."""
        other = RobotsCache(fetcher)
        other._rules, other.notes, other.failures = self._rules, self.notes, self.failures
        return other

    def rules(self, host: str) -> Protego | None:
        """Parsed rules of a host (scheme://netloc); None means every URL is allowed.

        Raises FetchError (kind "network") when robots.txt could not be read (host unreachable, DNS
        failure, timeout, 5xx): nothing of that host is fetched in this run, and its URLs are
        ``failed``, retried on a later run, not ``skipped_robots`` for ever. Asked once per run.
        """
        if host in self.failures:
            raise self.failures[host]
        if host not in self._rules:
            try:
                self._rules[host] = self._load(host)
            except FetchError as exc:
                self.failures[host] = exc
                raise
        return self._rules[host]

    def _load(self, host: str) -> Protego | None:
        url = f"{host}/robots.txt"
        try:
            resp = self.fetcher.get(url, accept={"any"}, check_robots=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                self.notes[host] = f"no robots.txt (HTTP {exc.status}): everything allowed"
                return None
            # RFC 9309: when robots.txt cannot be reached nothing may be fetched; the failure is temporary
            # (a host down, a DNS failure, a timeout, a 5xx), so the URLs fail and are tried again later
            self.notes[host] = f"robots.txt unreachable: {exc.reason}; nothing fetched"
            raise FetchError(
                url, f"robots.txt unreachable: {exc.reason}; nothing fetched from {host}", kind="network",
                status=exc.status,
            ) from None
        if resp.kind == "html" and "<" in resp.text[:500]:  # a soft 404 page in place of robots.txt
            self.notes[host] = "robots.txt is an HTML page: everything allowed"
            return None
        return Protego.parse(resp.text)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this tool fetch the URL."""
        rules = self.rules(host_key(url))
        return True if rules is None else rules.can_fetch(url, AGENT_TOKEN)

    def crawl_delay(self, host: str) -> float | None:
        """The Crawl-delay for this tool, if robots.txt of that host is already loaded and sets one."""
        rules = self._rules.get(host)
        if rules is None:
            return None
        delay = rules.crawl_delay(AGENT_TOKEN)
        return float(delay) if delay is not None else None

    def sitemaps(self, host: str) -> list[str]:
        """The Sitemap: lines of a host's robots.txt, in order (none when robots.txt could not be read)."""
        try:
            rules = self.rules(host)
        except FetchError:
            return []
        return list(rules.sitemaps) if rules is not None else []
