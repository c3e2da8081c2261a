"""Per-template export defaults: what the export dialog last used with each template."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from app.render.options import ExportOptions
from app.store.clock import to_db
from app.store.database import Store


class TemplateSettings:
    """Reads and writes the ``template_settings`` table."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def load(self, template_id: str) -> ExportOptions | None:
        """The options last used with this template, or ``None``.

        A stored value that no longer validates (an older version's, say) is ignored.
        """
        rows = self.store.read("SELECT * FROM template_settings WHERE template_id = ?", (template_id,))
        if not rows:
            return None
        row = rows[0]
        extra: dict[str, Any] = json.loads(row["extra"] or "{}")
        try:
            return ExportOptions(
                template=template_id,
                page_size=row["page_size"],
                margin_mm=row["margin_mm"],
                tokens=json.loads(row["tokens"] or "{}"),
                quality=extra.get("quality", "normal"),
                fit_pages=extra.get("fit_pages"),
            )
        except ValidationError:
            return None

    def save(self, options: ExportOptions) -> None:
        """Remembers these options for their template."""
        if options.template is None:
            return
        extra = {"quality": options.quality.value, "fit_pages": options.fit_pages}
        with self.store.write() as conn:
            conn.execute(
                "INSERT INTO template_settings(template_id, page_size, margin_mm, tokens, updated_at, extra) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(template_id) DO UPDATE SET page_size = excluded.page_size, "
                "margin_mm = excluded.margin_mm, tokens = excluded.tokens, updated_at = excluded.updated_at, "
                "extra = excluded.extra",
                (
                    options.template,
                    options.page_size.value if options.page_size else None,
                    options.margin_mm,
                    json.dumps(options.tokens),
                    to_db(self.store.clock()),
                    json.dumps(extra),
                ),
            )
