"""The package's folders are its data flow: a stage imports only itself and the stages below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"

# Lower stages never import higher ones; stages of equal rank never import each other.
# errors and resources serve every stage; extract ties one document to the stages below the
# store, so the extraction core stays a pure function that never touches a store.
STAGE_RANK = {
    "errors": 0, "resources": 0,
    "read": 1,
    "edgar": 2, "text": 2,
    "nlp": 3,
    "rdf": 4,
    "validate": 5,
    "extract": 6,
    "store": 7,
    "linking": 8,
    "batch": 9,
    "analysis": 10, "download": 10, "evaluate": 10, "training": 10,
    "cli": 11,
}
# The package root only re-exports the public API; its one value lower stages read is the version.
ROOT_NAMES_ANYONE_MAY_IMPORT = {"__version__"}
MAX_MODULE_LINES = 600


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found.append((".".join(parts), path))
    return found


def _stage(module: str) -> str | None:
    """The stage a dotted module (relative to the package) belongs to; None for the root."""
    head = module.split(".")[0]
    return None if head in ("__init__", "__main__", "") else head


def _imports(module: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module relative to the package, names, line) for each internal import."""
    package_parts = module.split(".")[:-1]  # for an __init__, its own package
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names = [alias.name for alias in node.names]
            if node.level:
                base = package_parts[: len(package_parts) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and (node.module == "extractor" or
                                  node.module.startswith("extractor.")):
                target = node.module.removeprefix("extractor").lstrip(".")
            else:
                continue
            if not target:  # `from . import x`: x may be a module of the package
                found.extend((name, [name], node.lineno) for name in names
                             if name not in ROOT_NAMES_ANYONE_MAY_IMPORT)
                continue
            found.append((target, names, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("extractor."):
                    found.append((alias.name.removeprefix("extractor."), [], node.lineno))
    return found


def test_every_module_belongs_to_a_known_stage() -> None:
    unknown = {module for module, _ in _modules()
               if _stage(module) is not None and _stage(module) not in STAGE_RANK}
    assert not unknown, f"modules outside any stage (add them to STAGE_RANK): {sorted(unknown)}"


def test_no_stage_imports_a_higher_stage() -> None:
    wrong = []
    for module, path in _modules():
        source_stage = _stage(module)
        if source_stage is None:
            continue
        for target, _names, line in _imports(module, path):
            target_stage = _stage(target)
            if target_stage is None or target_stage == source_stage:
                continue
            if STAGE_RANK[target_stage] >= STAGE_RANK[source_stage]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({source_stage}) "
                             f"imports {target} ({target_stage})")
    assert not wrong, "imports against the data flow:\n" + "\n".join(wrong)


def test_the_order_test_sees_imports() -> None:
    """The checker itself: the batch pipeline is known to import the store and extract."""
    module = "batch.pipeline"
    targets = {target for target, _, _ in _imports(module, PACKAGE / "batch" / "pipeline.py")}
    assert {"extract", "store.embedded", "errors"} <= targets


def test_only_the_cli_imports_click() -> None:
    outside = []
    for module, path in _modules():
        if _stage(module) == "cli":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "click" or name.startswith("click.") for name in names):
                outside.append(module)
    assert not outside, f"click imported outside extractor/cli: {outside}"


def test_every_stage_says_what_comes_in_and_goes_out() -> None:
    for stage in STAGE_RANK:
        folder = PACKAGE / stage
        if not folder.is_dir():
            assert (PACKAGE / f"{stage}.py").is_file(), f"stage {stage} has no module or folder"
            continue
        docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text()))
        assert docstring, f"extractor/{stage}/__init__.py has no docstring"
        modules = {path.stem for path in folder.glob("*.py")} - {"__init__", "__main__"}
        named = {module for module in modules if f"`{module}`" in docstring}
        assert named == modules, (f"extractor/{stage}/__init__.py does not name "
                                  f"{sorted(modules - named)}")


@pytest.mark.parametrize("module,path", _modules(), ids=[m for m, _ in _modules()])
def test_modules_stay_small(module: str, path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines"


def test_the_public_api_is_importable_from_the_package() -> None:
    import extractor

    for name in ("extract_document", "extract_source", "read_release", "KnowledgeStore",
                 "deal_network", "company_products", "product_indications",
                 "person_companies", "evaluate"):
        assert name in extractor.__all__, name
    missing = [name for name in extractor.__all__ if not hasattr(extractor, name)]
    assert not missing, f"extractor.__all__ names what the package lacks: {missing}"


def test_the_readme_python_example_runs_as_printed(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python API"):readme.index("## Development")]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(PACKAGE.parent)
    exec(compile(code.replace('"edgar-kg.db"', repr(str(tmp_path / "kg"))), "README", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "submission 1 537"
    assert printed[1] == "empty.txt: the file is empty"
    assert printed[2] == ("license [('beta university', 'licensor'), ('acme therapeutics', "
                          "'licensee')] ['ACM-101'] ['glioblastoma'] True 2024-03-01")


def test_the_readme_quick_start_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("From Python, in three lines:")
    code = readme[start:].split("```python\n", 1)[1].split("```", 1)[0]
    assert len(code.strip().splitlines()) == 3
    monkeypatch.chdir(PACKAGE.parent)
    exec(compile(code.replace('"edgar-kg.db"', repr(str(tmp_path / "kg"))), "README", "exec"), {})
    printed = capsys.readouterr().out
    assert "'kind': 'license', 'role': 'licensee', 'party': 'Cellectar Biosciences, Inc.'" in (
        printed)
