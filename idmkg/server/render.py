"""HTML for people: one Jinja2 environment (autoescaping on) over ``templates/``, and the
helpers templates share: how an IRI is shown and linked."""
from __future__ import annotations

import functools
from pathlib import Path

from ..namespaces import PREFIXES, data_prefixes

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


@functools.lru_cache(maxsize=1)
def environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=jinja2.select_autoescape(["html"], default=True),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


def curie(iri: str, base: str) -> str:
    """``https://w3id.org/idmkg/ontology#Theme`` -> ``idm:Theme``; IRIs without a known
    prefix as they are."""
    for prefix, ns in {**PREFIXES, **data_prefixes(base)}.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def render(template: str, status: int = 200, headers: dict | None = None, **context):
    """A Starlette HTMLResponse of ``template`` rendered with ``context``."""
    from starlette.responses import HTMLResponse

    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=headers)
