import pytest


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


@pytest.fixture
def db(tmp_path):
    return tmp_path / "out" / "evidence.duckdb"
