"""Content problems: every ContentError is raised with a code and as many arguments as its text takes, so that
the GUI can translate it (tests/ui/test_ui_content_problems.py checks the translations)."""

import ast
import pickle
from pathlib import Path

import pytest

from studyapp.content.model import ContentError
from studyapp.content.problems import FORMS, Code, Problem
from studyapp.placeholders import fill, placeholder_count

PACKAGE = Path(__file__).resolve().parents[2] / "studyapp"
# Calls that make a problem: (name, index of the code, how the arguments follow it)
MAKERS = {"ContentError": "rest", "refuse": "rest", "Problem": "tuple"}


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _codes(node: ast.expr) -> list[str] | None:
    """The codes a call's first argument can be (Code.X, or a choice between two), or None if it is not one."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code":
        return [node.attr]
    if isinstance(node, ast.IfExp):
        body, orelse = _codes(node.body), _codes(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def problem_sites() -> list[tuple[str, int, list[str] | None, int | None]]:
    """(file, line, the codes or None, the number of arguments or None when unknown) of every call that makes
    a problem, except the two that pass on a `code` parameter (ContentError itself and _Archive.refuse)."""
    sites = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        forwarding = set()
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef) and any(a.arg == "code" for a in function.args.args):
                forwarding |= {id(node) for node in ast.walk(function)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node.func) not in MAKERS or id(node) in forwarding:
                continue
            where = str(path.relative_to(PACKAGE.parent))
            if not node.args:
                sites.append((where, node.lineno, None, None))
                continue
            if MAKERS[_name(node.func)] == "rest":
                starred = any(isinstance(a, ast.Starred) for a in node.args)
                count = None if starred else len(node.args) - 1
            elif len(node.args) == 1:
                count = 0
            else:
                count = len(node.args[1].elts) if isinstance(node.args[1], ast.Tuple) else None
            sites.append((where, node.lineno, _codes(node.args[0]), count))
    return sites


def test_every_raise_site_uses_a_code_with_its_arguments():
    sites = problem_sites()
    assert len(sites) > 60
    for where, line, codes, count in sites:
        assert codes is not None, f"{where}:{line} makes a problem without a Code"
        for code in codes:
            assert count == placeholder_count(FORMS[Code[code]]), f"{where}:{line}: {code} takes other arguments"


def test_every_code_is_used_and_has_an_english_text():
    listings = {PACKAGE / "content" / "problems.py", PACKAGE / "ui" / "content_problems.py"}  # name them all
    users = [path for path in PACKAGE.rglob("*.py") if path not in listings
             and "from studyapp.content.problems import" in path.read_text(encoding="utf-8")]
    used = {node.attr for path in users
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code"}
    assert {code.name for code in Code} <= used
    assert set(FORMS) == set(Code)


def test_the_english_sentence_nests_places_and_causes():
    where = Problem(Code.LINE_OF, ("cards.csv", 3))
    error = ContentError(Code.AT, where, Problem(Code.EMPTY_PROMPT))
    assert str(error) == "cards.csv line 3: an item has an empty prompt"
    refused = ContentError(Code.PACKAGE_REFUSED, "a.apkg", Problem(Code.EXPANDS_TOO_MUCH, (256,)))
    assert str(refused) == "a.apkg expands to more than 256 MiB; it was not imported"


def test_a_wrong_number_of_arguments_is_refused_at_once():
    with pytest.raises(ValueError, match="takes 1 argument"):
        ContentError(Code.EMPTY_FILE)


def test_an_error_survives_pickling_with_its_code():
    error = ContentError(Code.TOO_MANY_COLUMNS, Problem(Code.LINE_OF, ("x.csv", 1)), 4, 3)
    again = pickle.loads(pickle.dumps(error))
    assert again.problem == error.problem and str(again) == str(error)


def test_an_argument_that_looks_like_a_placeholder_stays_as_it_is():
    assert fill("the item %1 has an empty answer", ["'50%2 off'"]) == "the item '50%2 off' has an empty answer"
    assert str(ContentError(Code.PROMPT_TWICE, "a.csv", "'%1'")) == "a.csv has the prompt '%1' twice"
