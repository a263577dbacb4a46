"""What ``pip install`` of this project gets: its version, its wheel's files, the smoke test.

The full check (build the sdist and wheel, ``twine check``, install the wheel alone into a
fresh venv, run ``.ci/wheel_smoke.py`` from outside the checkout) is in ``.ci/run``; these
tests keep its pieces honest in the ordinary suite.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from packaging.version import Version

import drf_mcp_docs

ROOT = Path(__file__).resolve().parents[2]
#: The unrelated project that holds the name on the public index.
PUBLIC_SQUATTER = Version("0.1.3")


def load_smoke() -> ModuleType:
    spec = importlib.util.spec_from_file_location("wheel_smoke", ROOT / ".ci" / "wheel_smoke.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_version_sorts_above_the_public_index_release() -> None:
    version = Version(drf_mcp_docs.__version__)
    assert version > PUBLIC_SQUATTER
    assert str(version) == drf_mcp_docs.__version__  # already in PEP 440 normal form


def test_smoke_fails_without_py_typed(tmp_path: Path) -> None:
    smoke = load_smoke()
    package = tmp_path / "drf_mcp_docs"
    package.mkdir()
    with pytest.raises(smoke.SmokeFailure, match=r"package data missing .*: py\.typed"):
        smoke.check_package_data(package)
    (package / "py.typed").write_text("")
    smoke.check_package_data(package)


def test_smoke_refuses_the_checkout() -> None:
    smoke = load_smoke()
    with pytest.raises(smoke.SmokeFailure, match="imported from the checkout"):
        smoke.check_installed(ROOT, None)


def test_wheel_holds_the_package_and_its_data(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (wheel,) = tmp_path.glob("drf_mcp_docs-*.whl")
    assert wheel.name.startswith(f"drf_mcp_docs-{drf_mcp_docs.__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "drf_mcp_docs/py.typed" in names
    assert "drf_mcp_docs/management/commands/runmcpserver.py" in names
    assert {n.split("/")[0] for n in names} == {
        "drf_mcp_docs",
        f"drf_mcp_docs-{drf_mcp_docs.__version__}.dist-info",
    }
