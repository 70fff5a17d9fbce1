"""`pipeline extract FILE --format text` shows where each study starts and ends."""
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.extract.render import span_ends
from pipeline.models import Span

ARTICLE = ("Two trials of a nasal spray\n\nIn a randomized trial, 120 adults with hay fever used the spray or a "
           "placebo spray for two weeks, and sneezing eased more with the active spray.\n\nA second, smaller study "
           "gave the spray to 30 children for a week. Most parents said it helped.\n\nAsk a pharmacist first.\n")


def test_span_ends_show_first_and_last_words():
    text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    assert span_ends(Span.of(text, 0, len(text)), words=3) == '"one two three …" … "… twelve thirteen fourteen"'
    assert span_ends(Span.of(text, 0, 13), words=3) == '"one two three"'


def test_extract_text_format_shows_each_study_span(tmp_path):
    path = tmp_path / "spray.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "text"], catch_exceptions=False)
    assert result.exit_code == 0
    spans = [line.strip() for line in result.output.splitlines() if line.strip().startswith("span:")]
    assert spans == [
        'span: "In a randomized trial, 120 adults …" … "… eased more with the active spray."',
        'span: "A second, smaller study gave the …" … "… week. Most parents said it helped."',
    ]


def test_extract_text_format_shows_the_flow(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    article = tmp_path / "drops.txt"
    article.write_text("Of 120 adults screened, 80 were randomised, 40 to the drops and 40 to a dummy spray; "
                       "74 completed the study and six withdrew because of nose bleeds.\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["extract", str(article), "--format", "text"], catch_exceptions=False).output
    flow = out[out.index("  flow:"):].splitlines()[1:]
    assert [line.split()[:2] for line in flow] == [["screened", "120"], ["randomized", "80"], ["arm", "40"],
                                                  ["arm", "40"], ["completed", "74"], ["withdrawn", "6"]]
    assert "arm='dummy spray'" in flow[3] and "reason='nose bleeds'" in flow[5] and '<- "120 adults"' in flow[0]
