"""`published()` reads the clock when it is called: written in a class body or at module level
it would keep the moment the code was loaded, so items past their expiry would stay public until
a restart (the API's viewsets once did). Every call must run per request, inside a function."""

import ast
from pathlib import Path

from django.conf import settings

APPS = ("lpip_hub", "reviews", "partnerships")


def calls_outside_functions(tree: ast.AST) -> list[int]:
    found = []

    def visit(node, in_function: bool):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            in_function = True
        if (
            not in_function
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "published"
        ):
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_function)

    visit(tree, False)
    return found


def test_published_is_never_called_when_the_code_is_loaded():
    root = Path(settings.BASE_DIR)
    found = [
        f"{path.relative_to(root)}:{line}"
        for app in APPS
        for path in sorted((root / app).rglob("*.py"))
        for line in calls_outside_functions(ast.parse(path.read_text()))
    ]
    assert found == []


def test_the_check_finds_a_call_in_a_class_body():
    tree = ast.parse(
        "class Listed:\n"
        "    queryset = Policy.objects.published()\n"
        "    def get_queryset(self):\n"
        "        return Policy.objects.published()\n"
    )
    assert calls_outside_functions(tree) == [2]
