"""The app's exporter: renders the portfolio summary and writes it, off the UI thread.

Screens never write files: the export dialog posts ExportRequested and the app runs this in
a worker on a snapshot taken on the UI thread.
"""

from __future__ import annotations

from roadmap import model
from roadmap.errors import RoadmapError
from roadmap.paths import Paths
from roadmap.tui.messages import ExportRequested


def write_portfolio(paths: Paths, request: ExportRequested, roadmap: model.Roadmap,
                    snapshot: model.RoadmapState) -> str | None:
    """Write what `request` asks for; None, or why nothing was written (never raises)."""
    from roadmap import config, export

    try:
        profile = config.load_profile(paths)
        text = export.render(request.fmt, roadmap, snapshot, profile,
                             include_notes=request.include_notes, audience=request.audience,
                             posting=request.posting)
        export.write_export(request.path, text, force=request.force, paths=paths)
    except RoadmapError as exc:
        return str(exc)
    except Exception as exc:  # a bug must still be reported, never a silent nothing
        return f"internal error ({type(exc).__name__}: {exc})"
    return None
