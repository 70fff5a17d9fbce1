"""One rule per module; importing this package registers them all."""
from pipeline.validate.rules import (  # noqa: F401
    acronym_mismatch,
    completed_exceeds_allocated,
    count_exceeds_total,
    design_contradiction,
    dose_schedule_mismatch,
    flow_arithmetic_mismatch,
    missing_sample_size,
    model_checks,
    percent_count_mismatch,
    period_duration_mismatch,
    promotional_content,
    sample_size_conflict,
    sex_split_mismatch,
    subgroup_exceeds_total,
    unresolved_citation,
)
