import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI: reproducible, no deadline, no example database (see DEVELOPERS.md).
settings.register_profile("ci", derandomize=True, deadline=None, database=None, max_examples=40,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "ketamine-treatment-for-anxiety.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
