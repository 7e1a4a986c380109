"""The layout the code promises: CLI modules share one helpers module and import nothing back; the pipeline
composes the stages and leaves coding an event to the code stage."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "marsad"


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_cli_modules_import_only_the_shared_helpers():
    modules = sorted((SRC / "cli").glob("*.py"))
    assert {m.stem for m in modules} >= {"__init__", "common", "coding", "store", "batch", "learn"}
    for m in modules:
        cli = {i for i in _imports(m) if i.startswith("marsad.cli")}
        if m.stem == "__init__":
            continue
        if m.stem == "common":
            assert not cli, cli
        else:
            assert {i.rsplit(".", 1)[0] if i.count(".") > 2 else i for i in cli} <= {"marsad.cli.common"}, (m, cli)
    assert not (SRC / "cli.py").exists() and not list(SRC.glob("cli_*.py"))


def test_the_pipeline_composes_and_the_code_stage_codes():
    pipeline = {n.name for n in ast.parse((SRC / "pipeline.py").read_text()).body if isinstance(n, ast.FunctionDef)}
    for name in ("_code", "_sources", "_evidence", "_confidence", "_placeless", "_cited", "_basis"):
        assert name not in pipeline, name
    coding = {n.name for n in ast.parse((SRC / "code" / "event.py").read_text()).body if isinstance(n, ast.FunctionDef)}
    assert {"code_event", "placeless", "event_id", "_sources", "_evidence", "_confidence"} <= coding
    assert not any(i.startswith("marsad.pipeline") for i in _imports(SRC / "code" / "event.py"))
