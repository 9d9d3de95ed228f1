"""Site profiles kept as data in patterns/sites/*.toml: CSS selectors for title, date, author, body."""

from __future__ import annotations

import functools
import sys
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..patterns import PatternError, folder

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class Profile(BaseModel):
    """How to read one site (by host) or one theme (by a selector found on the page)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Profile id, recorded as the provenance of the fields it produced.")
    name: str | None = Field(default=None, description="Outlet name, used as the article's source.")
    hosts: tuple[str, ...] = Field(default=(), description="Hosts (and their subdomains) the profile is for.")
    detect: str | None = Field(default=None, description="CSS selector whose presence selects this profile.")
    title: str | None = Field(default=None, description="CSS selector of the headline.")
    published: str | None = Field(
        default=None, description="CSS selector of the date (datetime attribute or text)."
    )
    author: str | None = Field(default=None, description="CSS selector of the author names.")
    body: str | None = Field(
        default=None, description="CSS selector of the element holding the article text."
    )
    drop: tuple[str, ...] = Field(
        default=(), description="CSS selectors of chrome inside the body to remove."
    )
    next_page: str | None = Field(
        default=None, description="CSS selector of links to the article's further pages."
    )
    priority: int = Field(
        default=0, description="Among profiles whose detect matches, the highest priority wins."
    )

    @field_validator("title", "published", "author", "body", "detect", "next_page")
    @classmethod
    def _selector(cls, value: str | None) -> str | None:
        if value is not None:
            compile_css(value)
        return value

    @field_validator("drop")
    @classmethod
    def _selectors(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for sel in value:
            compile_css(sel)
        return value

    def matches_host(self, host: str) -> bool:
        """Whether the profile is for this host or one of its subdomains."""
        host = host.lower().split(":")[0]
        return any(host == h or host.endswith("." + h) for h in self.hosts)


@functools.cache
def compile_css(selector: str):
    """A compiled lxml CSS selector (cached); raises ValueError for a selector that does not parse."""
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    try:
        return CSSSelector(selector)
    except SelectorError as exc:
        raise ValueError(f"bad CSS selector {selector!r}: {exc}") from None


def parse_profile(name: str, text: str) -> Profile:
    """One profile from the text of a TOML file; errors name the file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PatternError(f"patterns/sites/{name}: malformed TOML: {exc}") from None
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "profile"
        raise PatternError(f"patterns/sites/{name}: {where}: {err['msg']}") from None


@functools.cache
def profiles() -> tuple[Profile, ...]:
    """Every profile in patterns/sites/, sorted by file name; ids must be unique."""
    sites = folder().joinpath("sites")
    out: list[Profile] = []
    seen: dict[str, str] = {}
    if not sites.is_dir():
        return ()
    for entry in sorted(sites.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        profile = parse_profile(entry.name, entry.read_text(encoding="utf-8"))
        if profile.id in seen:
            raise PatternError(
                f"patterns/sites/{entry.name}: id {profile.id!r} already used in {seen[profile.id]}"
            )
        seen[profile.id] = entry.name
        out.append(profile)
    return tuple(out)


def for_page(url: str, root, available: tuple[Profile, ...] | None = None) -> Profile | None:
    """The profile for a page: one naming its host first, else the first whose detect selector matches."""
    available = profiles() if available is None else available
    host = urlsplit(url).netloc
    for profile in available:
        if profile.matches_host(host):
            return profile
    for profile in sorted(available, key=lambda p: -p.priority):
        if profile.detect and compile_css(profile.detect)(root):
            return profile
    return None
