from pipeline.validate.examples import check_text


def test_fires_without_size():
    (f,) = check_text("missing-sample-size", "Volunteers were given one dose.")
    assert f.severity == "info" and f.study_ordinal == 1


def test_quiet_with_size():
    assert not check_text("S109", "Twenty volunteers were given one dose.", sample_size=20)
