"""The one schedule parser: frequencies and durations of interventions, doses implied by schedules."""
import pytest

from pipeline.text.schedule import find_duration, find_frequency, schedules


def _whole(text):
    return [(0, len(text))]


@pytest.mark.parametrize("text, expected", [
    ("Each volunteer inhaled the spray twice daily.", "twice daily"),
    ("The capsules were swallowed three times a day with meals.", "three times daily"),
    ("Sessions ran once a week at the clinic.", "weekly"),
    ("Drops went in every other day.", "every other day"),
    ("Participants trained five days a week.", "5 days a week"),
    ("One tablet was taken at bedtime.", "nightly"),
    ("A single infusion was given on the ward.", "once"),
    ("Classes met every weekday.", "weekdays"),
])
def test_frequency_normal_forms(text, expected):
    assert find_frequency(text, _whole(text)).value == expected


@pytest.mark.parametrize("text, expected", [
    ("The patch was worn for three weeks.", "3 weeks"),
    ("Yoga continued for a fortnight.", "2 weeks"),
    ("Treatment lasted for one year.", "1 year"),
    ("They were followed over a period of 12 weeks.", "12 weeks"),
])
def test_duration_in_numbers(text, expected):
    assert find_duration(text, _whole(text)).value == expected


def test_schedule_implies_the_number_of_doses():
    text = "Injections were given twice a week for six weeks."
    [s] = schedules(text, 0, len(text))
    assert s.expected == 12 and "2 a week x 6 weeks = 12" in s.arithmetic


def test_a_range_implies_no_count():
    text = "Injections were given two to three times a week for six weeks."
    assert all(s.expected is None for s in schedules(text, 0, len(text)))


def test_years_imply_no_count_of_doses():
    text = "The pill was taken once a day for two years."
    assert [s.expected for s in schedules(text, 0, len(text))] == [None]
