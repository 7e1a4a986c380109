"""marsad — Arabic-first extraction of coded, geolocated, sourced conflict events from news reports.

    >>> import marsad
    >>> doc = marsad.extract("قتل 5 مدنيين في غارة على دوما الأحد", published="2018-03-05")
    >>> doc.events[0].fatalities
    5
"""

from __future__ import annotations

from marsad.model import Article, CodedArticle, Event, Figure

__version__ = "0.1.0"
__all__ = ["Article", "CodedArticle", "Event", "Figure", "extract", "__version__"]


def extract(text: str, published: str | None = None, title: str = "", lang: str | None = None,
            doc_id: str = "doc", gazetteer=None) -> CodedArticle:
    """Code one article's text: events and figures as EVENT-SCHEMA.md describes."""
    from marsad.pipeline import extract_article

    article = Article(id=doc_id, text=text, title=title, published=published)
    return extract_article(article, gazetteer=gazetteer, language=lang)
