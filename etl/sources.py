"""Sources as data: who published each cited page, from the registry in data/publishers.yaml.

Every source a record cites must be on a host the registry knows; the build refuses any other host, so no
mirror, copy or spam host can slip in. An archived copy (the Wayback Machine, UNESCO's web archive) is
accepted when it carries the original address, and is credited to the original's publisher. Encyclopedias
are a source only for people and their roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

PUBLISHER_KINDS = ("unesco", "government", "intergovernmental", "news_agency", "news", "encyclopedia", "archive", "gazetteer")
# Tables whose facts an encyclopedia may support (people's names and roles), and where a gazetteer may (a city's point).
ENCYCLOPEDIA_TABLES = ("people", "roles")
GAZETTEER_TABLES = ("places",)

# An archived copy: the archive's address followed by the original address.
ARCHIVE_URL = re.compile(r"^https?://[^/]+/(?:web/)?\d{4,14}[a-z_]*/(?P<original>(?:https?://)?[^\s]+)$", re.I)
HOST = re.compile(r"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


def normalise_host(host: str) -> str:
    """'WWW.UNESCO.ORG.:443' -> 'unesco.org': lower case, no port, no trailing dot, no leading 'www.'."""
    host = host.lower().split("@")[-1].split(":")[0].rstrip(".")
    return host[4:] if host.startswith("www.") else host


def host_of(url: str) -> str:
    return normalise_host(urlsplit(url).netloc)


@dataclass(frozen=True)
class Publisher:
    id: str
    name: str
    kind: str
    hosts: tuple[str, ...]


@dataclass(frozen=True)
class Citation:
    """A source resolved: its publisher (of the original, for an archived copy) and the original address."""

    url: str
    publisher: Publisher
    original_url: str
    archived: bool


class SourceProblem(ValueError):
    """A source the registry does not accept; the message says why and what to do."""


class Registry:
    """Host -> publisher. Exact hosts first, then '*.example.org' patterns (any sub-domain), longest first."""

    def __init__(self, publishers: list[Publisher]):
        self.publishers = {p.id: p for p in publishers}
        self.exact: dict[str, Publisher] = {}
        self.patterns: list[tuple[str, Publisher]] = []
        for publisher in publishers:
            for host in publisher.hosts:
                if host.startswith("*."):
                    self.patterns.append((host[1:], publisher))
                else:
                    self.exact[host] = publisher
        self.patterns.sort(key=lambda item: -len(item[0]))

    def publisher_of_host(self, host: str) -> Publisher | None:
        host = normalise_host(host)
        if host in self.exact:
            return self.exact[host]
        return next((p for suffix, p in self.patterns if host.endswith(suffix)), None)

    def resolve(self, url: str, table: str) -> Citation:
        """The citation of a source cited by a row of `table`, or SourceProblem."""
        host = host_of(url)
        publisher = self.publisher_of_host(host)
        if publisher is None:
            raise SourceProblem(f"is on {host}, which is not in publishers.yaml; cite the page of the body that published "
                                "the fact (or add that publisher to publishers.yaml if it is one)")
        if publisher.kind == "archive":
            match = ARCHIVE_URL.match(url)
            if not match:
                raise SourceProblem(f"is an archived copy on {host} without the original address in it; cite the archive's "
                                    "address of the form .../web/<timestamp>/<original address>")
            original = match.group("original")
            if not original.lower().startswith(("http://", "https://")):
                original = "http://" + original
            inner = self.publisher_of_host(host_of(original))
            if inner is None or inner.kind == "archive":
                raise SourceProblem(f"is an archived copy of a page on {host_of(original)}, which is not in publishers.yaml; "
                                    "only copies of a known publisher's pages are accepted")
            return self._allowed(Citation(url, inner, original, True), table)
        return self._allowed(Citation(url, publisher, url, False), table)

    @staticmethod
    def _allowed(citation: Citation, table: str) -> Citation:
        kind = citation.publisher.kind
        if kind == "encyclopedia" and table not in ENCYCLOPEDIA_TABLES:
            raise SourceProblem(f"is an encyclopedia ({citation.publisher.name}); an encyclopedia is a source only for "
                                "people and their roles: cite the publisher of the fact")
        if kind == "gazetteer" and table not in GAZETTEER_TABLES:
            raise SourceProblem(f"is a gazetteer ({citation.publisher.name}), a source only for a place's coordinates")
        return citation


def publisher_host(value: Any) -> str:
    """A host as written in publishers.yaml ('whc.unesco.org', '*.gov.kz'); refused with a reason otherwise."""
    from .records import Invalid

    if not isinstance(value, str):
        raise Invalid("must be a host name such as whc.unesco.org")
    host = value.strip().lower()
    if host.startswith("www."):
        raise Invalid(f"'{host}': write hosts without 'www.' (it is ignored when matching)")
    if not HOST.match(host):
        raise Invalid(f"'{host}' is not a host name such as whc.unesco.org or *.gov.kz")
    return host
