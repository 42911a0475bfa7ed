from click.testing import CliRunner

from etl.cli import cli
from etl.schema import TABLES, VIEWS, schema_markdown

from .conftest import ROOT


def test_docs_schema_md_is_generated_from_the_code():
    result = CliRunner().invoke(cli, ["schema-doc", "--check", str(ROOT / "docs" / "schema.md")])
    assert result.exit_code == 0, result.output


def test_schema_doc_check_fails_when_out_of_date(tmp_path):
    stale = tmp_path / "schema.md"
    stale.write_text(schema_markdown().replace("## `meetings`", "## `meetings_old`") + "\n")
    result = CliRunner().invoke(cli, ["schema-doc", "--check", str(stale)])
    assert result.exit_code == 1
    assert "is out of date; run: python -m etl schema-doc >" in result.output


def test_every_table_column_and_view_is_documented():
    text = schema_markdown()
    for table in TABLES:
        assert f"## `{table.name}`" in text
        for column in table.columns:
            assert f"| `{column}` |" in text
    for view in VIEWS:
        assert f"## `{view}`" in text
