"""RDF files read as data only: no external entities, no entity bombs, no network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import cli
from extractor.errors import StoreError
from extractor.read.xml_safety import MAX_ENTITY_EXPANSION_BYTES, UnsafeXml, check_xml_entities
from extractor.store.embedded import KnowledgeStore

RDF_OPEN = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/">')


def _rdf_xml(path: Path, subset: str, body: str) -> Path:
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{subset}\n]>\n{RDF_OPEN}\n'
                    f"{body}\n</rdf:RDF>\n", encoding="utf-8")
    return path


def _billion_laughs(path: Path) -> Path:
    subset = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return _rdf_xml(path, "\n".join(subset),
                    '<rdf:Description rdf:about="http://example.org/a">'
                    "<ex:p>&lol9;</ex:p></rdf:Description>")


def test_a_billion_laughs_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = _billion_laughs(tmp_path / "laughs.rdf")
    with pytest.raises(UnsafeXml, match="expands to more than 16 MB"):
        check_xml_entities(path)
    result = CliRunner().invoke(cli, ["validate", "-i", str(path)])
    assert result.exit_code == 1
    assert (f"error: {path}: the entity lol7 expands to more than 16 MB: refused as an entity "
            "expansion bomb") in result.output
    query = CliRunner().invoke(cli, ["query", "companies", "-i", str(path)])
    assert query.exit_code == 1 and "expansion bomb" in query.output


def test_many_references_to_a_small_entity_are_counted(tmp_path: Path) -> None:
    kilobyte = "x" * 1024
    count = MAX_ENTITY_EXPANSION_BYTES // 1024 + 10
    path = _rdf_xml(tmp_path / "wide.rdf", f'<!ENTITY k "{kilobyte}">',
                    '<rdf:Description rdf:about="http://example.org/a"><ex:p>'
                    + "&k;" * count + "</ex:p></rdf:Description>")
    with pytest.raises(UnsafeXml, match="entities expand to more than 16 MB"):
        check_xml_entities(path)


@pytest.mark.parametrize(("subset", "reason"), [
    ('<!ENTITY secret SYSTEM "file:///etc/passwd">', "external entity secret"),
    ('<!ENTITY remote PUBLIC "-//x//y" "http://127.0.0.1:9/x">', "external entity remote"),
    ('<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;', "parameter entity %p"),
    ('<!ENTITY a "&b;"> <!ENTITY b "&a;">', "refers to itself"),
])
def test_external_parameter_and_recursive_entities_are_refused(
        tmp_path: Path, subset: str, reason: str) -> None:
    path = _rdf_xml(tmp_path / "x.rdf", subset, "")
    with KnowledgeStore(None) as store, pytest.raises(StoreError) as caught:
        store.load_file(path)
    assert reason in str(caught.value)
    assert str(caught.value).startswith(f"{path}: ")


def test_an_external_dtd_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dtd.rdf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "http://127.0.0.1:9/x.dtd">'
                    f"\n{RDF_OPEN}</rdf:RDF>\n")
    with pytest.raises(UnsafeXml, match="external DTD"):
        check_xml_entities(path)


def test_namespace_shorthand_entities_still_load(tmp_path: Path) -> None:
    # The way OWL files written by Protégé use entities: short, referenced a few times.
    path = _rdf_xml(tmp_path / "owl.rdf", '<!ENTITY xsd "http://www.w3.org/2001/XMLSchema#">',
                    '<rdf:Description rdf:about="http://example.org/a">'
                    '<ex:p rdf:datatype="&xsd;integer">42</ex:p></rdf:Description>')
    with KnowledgeStore(None) as store:
        store.load_file(path)
        (quad,) = list(store.store)
    assert quad.object.value == "42"
    assert quad.object.datatype.value == "http://www.w3.org/2001/XMLSchema#integer"


def test_a_remote_json_ld_context_is_never_fetched(tmp_path: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        path = tmp_path / "remote.jsonld"
        path.write_text(f'{{"@context": "http://127.0.0.1:{port}/context.jsonld", '
                        '"@id": "http://example.org/a", "p": "x"}')
        result = CliRunner().invoke(cli, ["validate", "-i", str(path)])
        assert result.exit_code == 1
        assert f"error: {path}: cannot be read as JSON-LD" in result.output
        assert "remote context" in result.output
        with pytest.raises(TimeoutError):
            listener.accept()
