"""Every command reports errors one way (`error: ...` on standard error) with the README's exit
statuses: 2 for a usage error, 1 for a problem found, such as no store where one is needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from extractor.cli import cli

EXIT_USAGE, EXIT_FAILED = 2, 1
# The least each command needs to get as far as opening its store.
ARGUMENTS = {
    ("company",): ["Acme"], ("extract",): None, ("evaluate",): None, ("train",): None,
    ("graph", "draw"): ["Acme", "-o", "x.svg"], ("graph", "neighbors"): ["Acme"],
    ("graph", "path"): ["Acme", "Beta"], ("graph", "export"): ["-o", "x.graphml"],
    ("history", "licenses"): ["Acme"],
    ("history", "names"): ["Acme"], ("remove",): ["0000000000-00-000000"],
    ("query",): ["deals"], ("push",): None, ("sync",): None, ("download",): None,
}


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()
             ) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    found = group.all_commands if group is cli else group.commands
    for name, command in sorted(found.items()):
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


ALL = list(commands())


@pytest.mark.parametrize("path", [path for path, _ in ALL], ids=" ".join)
def test_an_unknown_option_is_a_usage_error(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--no-such-option"])
    assert result.exit_code == EXIT_USAGE
    assert "error: No such option '--no-such-option'" in result.output
    assert "Error:" not in result.output


STORE_COMMANDS = [path for path, command in ALL
                  if any(param.name == "store_path" for param in command.params)
                  and ARGUMENTS.get(path, []) is not None]


@pytest.mark.parametrize("path", STORE_COMMANDS, ids=" ".join)
def test_no_store_is_one_clear_error(path: tuple[str, ...], tmp_path: Path) -> None:
    missing = tmp_path / "no-store"
    result = CliRunner().invoke(cli, [*path, *ARGUMENTS.get(path, []), "--store", str(missing)])
    assert result.exit_code == EXIT_FAILED, result.output
    assert result.output.startswith(f"error: no store at {missing}"), result.output
    assert not missing.exists()


def test_evaluate_fails_when_an_input_fails(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "empty.txt", "deals": []}\n{"doc": "one.txt", "deals": []}\n',
                    encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "one.txt").write_text(
        "Acme Bio Announces Results\n\nBOSTON, March 1, 2024 -- Acme Bio, Inc. today "
        "announced results.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(tmp_path / "empty.txt"),
                                      str(tmp_path / "one.txt")])
    assert result.exit_code == EXIT_FAILED, result.output
    assert "error: " in result.output and "empty.txt" in result.output
    assert "1 inputs failed (scored as predicting nothing)" in result.output


def test_the_command_list_loads_nothing_heavy_and_names_real_commands() -> None:
    import subprocess
    import sys

    from extractor.cli.main import COMMANDS

    assert all(command.name == name for name, command in cli.all_commands.items())
    assert set(COMMANDS) == set(cli.all_commands)
    probe = ("import sys; from extractor.cli import cli; from click.testing import CliRunner; "
             "CliRunner().invoke(cli, ['--help']); "
             "print(sorted(m for m in ('spacy', 'pyshacl', 'matplotlib', 'networkx') "
             "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"


def test_every_option_is_in_the_readme_and_every_option_there_exists() -> None:
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    options = {opt for _, command in ALL for param in command.params
               if isinstance(param, click.Option) for opt in param.opts if opt.startswith("--")}
    missing = sorted(opt for opt in options if opt not in readme)
    assert missing == [], f"options missing from the README: {missing}"
    reference = readme[readme.index("## Command reference"):
                       readme.index("## The ontology in brief")]
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", reference))
    assert sorted(named - options - {"--help"}) == []
