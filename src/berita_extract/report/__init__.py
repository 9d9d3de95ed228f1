"""The review page: article text with every mention highlighted, the facts, and the checks."""

from __future__ import annotations

from .render import page_name, render_article, render_index, write_report

__all__ = ["page_name", "render_article", "render_index", "write_report"]
