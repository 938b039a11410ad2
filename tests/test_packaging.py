"""A clean install anywhere: every import declared and locked; the wheel holds the whole site."""

import ast
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OWN = {"lpip_hub", "reviews", "partnerships", "tests"}
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(extra: str | None = None) -> dict[str, str]:
    requirements = PROJECT["dependencies"] + PROJECT["optional-dependencies"].get(extra, [])
    pins = {}
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        pins[normalise(re.sub(r"\[.*\]", "", name))] = version.split()[0] if version else ""
    return pins


def imported_modules(folders: list[str]) -> set[str]:
    modules = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    modules |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - OWN


@pytest.mark.parametrize(
    "folders, extra", [(["lpip_hub", "reviews", "partnerships"], None), (["tests"], "dev")]
)
def test_every_imported_package_is_declared_and_pinned(folders, extra):
    pins = declared(extra)
    distributions = packages_distributions()
    for module in imported_modules(folders):
        names = {normalise(name) for name in distributions.get(module, [module])}
        assert names & set(pins), f"{module} is imported but not declared in pyproject.toml"
    assert all(pins.values()), "every dependency is pinned to an exact version"


@pytest.mark.parametrize(
    "lock, extra", [("requirements.lock", None), ("requirements-dev.lock", "dev")]
)
def test_the_lock_files_hold_every_declared_pin_with_hashes(lock, extra):
    text = (ROOT / lock).read_text()
    locked = {
        normalise(name): version for name, version in re.findall(r"^([\w.-]+)==(\S+)", text, re.M)
    }
    for name, version in declared(extra).items():
        assert locked.get(name) == version, f"{name}=={version} is not in {lock}: run make lock"
    for block in re.split(r"\n(?=[\w.-]+==)", text.split("\n\n", 1)[-1]):
        if "==" in block.splitlines()[0]:
            assert "--hash=sha256:" in block, block.splitlines()[0]


def test_the_wheel_holds_templates_static_files_and_reference_data(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--quiet", "-w", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        path.relative_to(ROOT).as_posix()
        for folder in [
            "templates",
            "static",
            "partnerships/reference_data",
            "reviews/reference_data",
            "docs/import-templates",
        ]
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
    ]
    expected += ["reviews/migrations/0001_initial.py", "lpip_hub/settings.py"]
    missing = [name for name in expected if name not in names]
    assert not missing, missing
