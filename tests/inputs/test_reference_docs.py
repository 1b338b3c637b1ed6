"""The README's configuration reference and examples/README.md's board file reference are
generated from the schemas: the committed text must match (python tools/config_reference.py)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_reference_sections_match_the_schemas():
    spec = importlib.util.spec_from_file_location("config_reference",
                                                  ROOT / "tools" / "config_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path, expected in module.documents().items():
        assert path.read_text(encoding="utf-8") == expected, \
            f"{path.name} is out of date: run python tools/config_reference.py"


def test_every_schema_key_is_in_the_reference():
    from mpt.projectconfig import DEPLOY_SECTION
    from mpt.runtime.board.schema import SECTIONS
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    board = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    for key in DEPLOY_SECTION.keys:
        assert f"| `{key.name}` |" in readme
    for name, table in SECTIONS:
        section = board.split(f"#### [[{name}]]")[1].split("####")[0]
        for key in table.keys:
            assert f"| `{key.name}` |" in section


def test_the_examples_pass_the_schema():
    from mpt.runtime.board.config import load_board_file
    for path in sorted((ROOT / "examples").glob("*.toml")):
        load_board_file(path)


def test_the_documented_board_file_passes_the_schema():
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    from mpt.runtime.board.config import check_board_file
    text = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    block = text.split("## Board files")[1].split("```toml\n")[1].split("```")[0]
    checked = check_board_file(tomllib.loads(block))
    assert {"pin", "adc", "i2c", "uart", "spi", "dht", "onewire", "wifi"} <= set(checked)


def test_the_init_template_with_every_line_uncommented_passes_the_schema():
    import re
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    from mpt.projectconfig import DEPLOY_SECTION, PROJECT_FILE, deploy_template
    from mpt.schema import validate
    text = re.sub(r"(?m)^# (\w+ = )", r"\1", deploy_template())
    settings = validate(PROJECT_FILE, tomllib.loads(text), "mpt.toml")
    assert settings["board"]["port"]
    assert settings["deploy"] == {key.name: key.default for key in DEPLOY_SECTION.keys}
