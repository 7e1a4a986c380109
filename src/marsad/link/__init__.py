"""Cross-article linking: reports of one occurrence in many articles become one linked event."""

from marsad.link.linker import compatible, fuse, link_score

__all__ = ["compatible", "fuse", "link_score"]
