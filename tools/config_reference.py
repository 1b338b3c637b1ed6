"""Regenerate the configuration reference sections of README.md and examples/README.md from
the schemas (mpt.projectconfig, mpt.runtime.board.schema). tests/test_config_schema.py checks
that the committed files match.

    python tools/config_reference.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def documents() -> dict[Path, str]:
    """README path -> its text with the generated sections brought up to date."""
    from mpt import projectconfig
    from mpt.runtime.board import schema as board_schema
    from mpt.schema import reference_markdown, replace_generated

    result = {}
    for relative, marker, sections in (
            ("README.md", "config reference", projectconfig.reference_sections()),
            ("examples/README.md", "board file reference", board_schema.reference_sections())):
        path = ROOT / relative
        result[path] = replace_generated(path.read_text(encoding="utf-8"), marker,
                                         reference_markdown(sections))
    return result


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for path, text in documents().items():
        path.write_text(text, encoding="utf-8")
        print(f"updated {path.relative_to(ROOT)}")
