"""A second, independent labelling scored against the first (`etl eval --second-labels`)."""

import json

from click.testing import CliRunner

from etl.cli import cli
from etl.evaluate import agreement, part


def _label(themes, partnerships=(), countries=("KAZ",)):
    return {"source": "x.txt", "meetings": [], "countries": list(countries), "places": [],
            "themes": [{"id": t} for t in themes],
            "partnerships": [{"kind": k, "name": n} for k, n in partnerships]}


def _write(folder, name, label):
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.expected.json").write_text(json.dumps(label), encoding="utf-8")
    (folder / f"{name}.txt").write_text("Almaty, 1 March 2020 – A short release.\n", encoding="utf-8")


def test_second_labels_are_scored_against_the_first(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _write(first, "01_a", _label(["education", "culture_heritage"], [("agreement", "Memorandum on youth")]))
    _write(second, "01_a", _label(["education"], [("agreement", "the Memorandum on youth"), ("event", "Youth forum")]))
    scores = agreement(first, second)
    assert (scores["themes"].tp, scores["themes"].fp, scores["themes"].fn) == (1, 0, 1)
    # names compared as the extractor's are: a leading article does not matter, an extra record is an extra
    assert (scores["partnerships"].tp, scores["partnerships"].fp, scores["partnerships"].fn) == (1, 1, 0)
    assert scores["countries"].f1 == 1.0 and scores["themes"].articles == 1


def test_second_labels_of_a_test_article_are_refused(tmp_path):
    name = next(f"{n}_probe" for n in range(21, 400) if part(f"{n}_probe") == "test")
    first, second = tmp_path / "first", tmp_path / "second"
    _write(first, name, _label(["education"]))
    _write(second, name, _label(["education"]))
    result = CliRunner().invoke(cli, ["eval", str(first), "--second-labels", str(second)])
    assert result.exit_code != 0 and "dev articles only" in result.output


def test_eval_prints_the_agreement_next_to_the_extractor(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _write(first, "02_b", _label(["education"]))
    _write(second, "02_b", _label(["sciences"]))
    result = CliRunner().invoke(cli, ["eval", str(first), "--second-labels", str(second)])
    assert result.exit_code == 0, result.output
    assert "second labelling against the first: 1 article" in result.output
    assert "the extractor on the same articles: 1 article" in result.output


def test_a_second_label_without_a_first_is_an_error(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    _write(second, "03_c", _label(["education"]))
    result = CliRunner().invoke(cli, ["eval", str(first), "--second-labels", str(second)])
    assert result.exit_code == 1 and "03_c.expected.json: no first label" in result.output


def test_the_committed_second_labels_are_well_formed_dev_labels():
    import subprocess
    import sys
    from pathlib import Path

    from etl.evaluate import labelled

    root = Path(__file__).resolve().parent / "fixtures"
    names = labelled(root / "second-labels")
    assert names and all(part(n) == "dev" for n in names)
    assert agreement(root / "articles", root / "second-labels")["themes"].articles == len(names)
    check = subprocess.run([sys.executable, str(root / "second-labels" / "check_labels.py")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
