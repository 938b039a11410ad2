"""Every page type is valid HTML by the Nu HTML Checker (vnu), run once over all of them."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_accessibility import site  # noqa: F401 - the shared small site

VNU = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("site"),
    pytest.mark.skipif(
        not VNU.exists() or shutil.which("java") is None,
        reason="needs Java and vnu.jar (`npm install`)",
    ),
]

EXTRA_PAGES = {
    "finder": "/interventions/",
    "finder-place": "/interventions/?place=Preston",
    "finder-question": "/interventions/?place=Prestn",
    "gap-map": "/gap-map/",
    "search": "/search/?q=anchor",
    "postcode": "/postcode/?postcode=PR1+2HE",
}


def test_every_page_type_is_valid_html(client, site, tmp_path):  # noqa: F811
    pages = {**site, **EXTRA_PAGES}
    files = {}
    for name, path in pages.items():
        response = client.get(path, follow=True)
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(response.content)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    report = "\n".join(
        f"{Path(m.get('url', '')).stem}: line {m.get('lastLine')}: {m['message']}" for m in messages
    )
    assert not messages, report
