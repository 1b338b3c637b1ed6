"""Modules on the board's flash import as on a board: '' is the current directory, then /lib."""

import subprocess
import sys

import pytest

from reference_tools import mpy_cross_binary


def run(script_dir, flash, source):
    script = script_dir / "main_test.py"
    script.write_text(source)
    return subprocess.run([sys.executable, "-m", "mpt", "run", "--flash", str(flash), str(script)],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def flash(tmp_path):
    root = tmp_path / "flash"
    (root / "lib" / "drivers").mkdir(parents=True)
    (root / "config.py").write_text("PIN = 25\n")
    (root / "lib" / "util.py").write_text("def hello():\n    return 'hi from /lib'\n")
    (root / "lib" / "drivers" / "sensor.py").write_text("NAME = 'bme280'\n")
    return root


def test_flash_root_lib_and_directory_packages_import(tmp_path, flash):
    result = run(tmp_path, flash, "import config\nimport util\nfrom lib.drivers import sensor\n"
                                  "print(config.PIN, util.hello(), sensor.NAME)\n")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "25 hi from /lib bme280\n"


def test_the_script_folder_comes_before_the_flash(tmp_path, flash):
    (tmp_path / "config.py").write_text("PIN = 2\n")
    result = run(tmp_path, flash, "import config\nprint(config.PIN)\n")
    assert result.stdout == "2\n"


def test_a_missing_module_is_an_import_error(tmp_path, flash):
    result = run(tmp_path, flash, "import nothere\n")
    assert result.returncode == 1
    assert result.stderr.endswith("ImportError: no module named 'nothere'\n")


@pytest.mark.skipif(mpy_cross_binary() is None, reason="mpy-cross 1.29 not installed")
def test_mpy_from_mpy_cross_on_the_flash_imports(tmp_path, flash):
    source = tmp_path / "calc.py"
    source.write_text("def double(x):\n    return 2 * x\n")
    subprocess.run([str(mpy_cross_binary()), "-o", str(flash / "calc.mpy"), str(source)],
                   check=True)
    source.unlink()
    result = run(tmp_path, flash, "import calc\nprint(calc.double(21), calc.__file__)\n")
    assert (result.returncode, result.stdout) == (0, "42 calc.mpy\n"), result.stderr


@pytest.mark.skipif(mpy_cross_binary() is None, reason="mpy-cross 1.29 not installed")
def test_a_package_whose_init_is_an_mpy_imports(tmp_path, flash):
    # as mip installs micropython-lib packages: pkg/__init__.mpy (py/builtinimport.c looks
    # for __init__.py, then __init__.mpy)
    source = tmp_path / "init_src.py"
    source.write_text("VALUE = 'from __init__.mpy'\n")
    (flash / "lib" / "pkg").mkdir()
    subprocess.run([str(mpy_cross_binary()), "-o", str(flash / "lib" / "pkg" / "__init__.mpy"),
                    str(source)], check=True)
    source.unlink()
    result = run(tmp_path, flash, "import pkg\nprint(pkg.VALUE, pkg.__path__)\n")
    assert (result.returncode, result.stdout) == (0, "from __init__.mpy /lib/pkg\n"), \
        result.stderr
