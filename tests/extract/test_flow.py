"""Participant flow: every count of people gets its role from its clause (sentences written for the tests)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extract.flow import study_flow, totals


def flow(text):
    return [(c.role, c.n) for c in study_flow(text, 0, len(text)) if c.role]


def roles(text):
    return {c.n: c.role for c in study_flow(text, 0, len(text)) if c.role}


def sample(text):
    t = totals(text, study_flow(text, 0, len(text)))
    if t.sample_size is not None:
        return t.sample_size.n
    if t.arm_sum is not None:
        return t.arm_sum[0]
    return t.completed_sum[0] if t.completed_sum else None


# --- screened versus randomised --------------------------------------------------------------

def test_screened_pool_then_randomised():
    text = "We screened 340 smokers at three clinics; 150 were randomised to the patch or a dummy patch."
    assert roles(text) == {340: "screened", 150: "randomized"}
    assert sample(text) == 150


def test_of_the_people_assessed_m_were_randomised():
    text = "Of the 88 people assessed for eligibility, 61 were randomised and 55 completed the programme."
    assert roles(text) == {88: "screened", 61: "randomized", 55: "completed"}
    assert sample(text) == 61


def test_eligible_and_excluded_are_not_the_sample():
    text = "In all 73 volunteers were eligible, 9 declined to take part and 64 were enrolled."
    assert roles(text)[73] == "eligible" and roles(text)[9] == "excluded" and roles(text)[64] == "enrolled"
    assert sample(text) == 64


# --- enrolled, "an N-patient trial" and received treatment -----------------------------------

def test_n_patient_trial_states_its_size():
    assert sample("A 240-patient trial tested a night-time nasal spray.") == 240


def test_received_treatment_is_the_sample_when_no_arm_is_beside_it():
    text = "Forty-two teenagers with eczema applied the oat cream twice a day for a month."
    assert roles(text) == {42: "enrolled"} and sample(text) == 42


def test_allocation_into_every_arm_with_its_count_counts_the_whole_sample():
    text = ("Fifty adults with tennis elbow were randomly divided into an exercise group (n = 26) and a "
            "usual care group (n = 24).")
    assert roles(text)[50] == "randomized" and sample(text) == 50


def test_allocation_into_two_named_groups_is_the_whole_sample():
    text = "Forty children were randomly assigned to the puppet group and the story group."
    assert roles(text)[40] == "randomized" and sample(text) == 40


def test_an_ellipsis_of_arms_after_the_allocation_keeps_each_count_an_arm():
    text = "In the school trial 30 pupils were allocated to the reading group and 27 to the maths group."
    assert roles(text)[30] == "arm" and roles(text)[27] == "arm"
    assert sample(text) == 57


def test_trial_of_n_adults():
    assert sample("The nurses ran a trial of 96 adults with knee pain.") == 96


# --- arms ---------------------------------------------------------------------------------

def test_arms_after_a_randomised_total():
    text = "Eighty-one adults were randomised, 40 to the lozenge and 41 to a plain mint."
    c = study_flow(text, 0, len(text))
    arms = [(x.n, x.arm) for x in c if x.role == "arm"]
    assert arms == [(40, "lozenge"), (41, "plain mint")] and sample(text) == 81


def test_arms_in_parentheses_after_their_labels():
    text = "Volunteers were randomly assigned to the herbal tea (n = 33) or to hot water (n = 35)."
    c = study_flow(text, 0, len(text))
    assert [(x.n, x.arm) for x in c if x.role == "arm"] == [(33, "herbal tea"), (35, "hot water")]
    assert sample(text) == 68  # only arms are stated: their sum


def test_two_received_counts_are_arms_and_add_up():
    text = "Fifty-two walkers received the insoles and 47 a flat insert."
    assert flow(text) == [("arm", 52), ("arm", 47)] and sample(text) == 99


def test_per_arm_size_is_not_the_total():
    text = "A total of 90 mothers took part, 45 in each group."
    assert roles(text) == {90: "enrolled", 45: "arm"} and sample(text) == 90


# --- completed, analysed, withdrawn ----------------------------------------------------------

def test_completed_only_when_nothing_earlier_is_stated():
    assert sample("At the end, 58 participants completed the diary study.") == 58
    assert sample("We enrolled 70 adults and 58 completed the diary study.") == 70


def test_withdrawn_with_reason():
    text = "Sixty were randomised; four withdrew because of headaches and 56 completed."
    c = {x.n: x for x in study_flow(text, 0, len(text))}
    assert c[4].role == "withdrawn" and c[4].reason == "headaches"


def test_assessing_a_questionnaire_is_not_completing_the_study():
    text = "We recruited 200 carers; 180 completed the baseline questionnaire."
    assert roles(text)[180] == "subgroup" and sample(text) == 200


def test_nested_count_of_them():
    text = "Twelve dropped out, five of them because of nausea."
    c = {x.n: x for x in study_flow(text, 0, len(text))}
    assert c[12].role == "withdrawn" and c[5].role == "subgroup" and c[5].label == "of them"


# --- subgroups and denominators --------------------------------------------------------------

def test_subgroup_with_its_denominator():
    text = "We enrolled 30 runners; 22 of the 30 ran faster than before."
    c = {x.n: x for x in study_flow(text, 0, len(text)) if x.role == "subgroup"}
    assert c[22].of_n == 30 and sample(text) == 30


def test_diagnosis_counts_are_subgroups():
    text = "The clinic treated 25 adults: 14 had migraine and 9 had cluster headache."
    r = roles(text)
    assert r[25] == "enrolled" and r[14] == "subgroup" and r[9] == "subgroup"


def test_sex_split_is_a_subgroup_pair():
    text = "Thirty-four students took part, 20 women and 14 men."
    c = {x.n: x for x in study_flow(text, 0, len(text)) if x.label in ("male", "female")}
    assert c[20].label == "female" and c[14].label == "male" and sample(text) == 34


# --- numbers that are not people ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The number needed to treat was 9 over two years.",
    "Patients with type 2 diabetes were scanned at week 16.",
    "The SF-36 and the PHQ-9 were filled in at each visit.",
    "We counted 45 lesions on 12 scans.",
    "The trial ran at 14 sites in 3 countries.",
    "Only one in ten adults ever sees a specialist.",
    "About 29 million people live with the condition, and 400,000 people are diagnosed each year.",
    "Participants took 50 mg twice a day for 12 weeks.",
])
def test_look_alikes_are_not_people(text):
    assert flow(text) == []


def test_protocol_future_tense_is_planned():
    text = "We will randomise 350 adults with gout to the new tablet or to allopurinol."
    (c,) = study_flow(text, 0, len(text))
    assert c.role == "randomized" and c.planned and sample(text) == 350


def test_actual_counts_win_over_planned_ones():
    text = "We planned to recruit 120 adults but enrolled 97."
    assert sample(text) == 97


# --- a property: the sample size is never larger than what was enrolled or randomised --------

SENTENCES = [
    "Of {a} people screened, {b} were randomised.",
    "We enrolled {a} adults; {b} completed the study.",
    "{a} patients were randomised, {b} to the gel and {c} to a plain gel.",
    "A total of {a} children took part; {b} of them had asthma.",
    "{b} received the tea and {c} received hot water.",
    "Among the {a} adults, {b} dropped out.",
]


@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4),
       st.integers(2, 900), st.integers(1, 899), st.integers(1, 899))
def test_property_sample_size_never_exceeds_the_largest_stated_total(templates, a, b, c):
    text = " ".join(t.format(a=a, b=b, c=c) for t in templates)
    counts = study_flow(text, 0, len(text))
    stated = [x.n for x in counts if x.role in ("enrolled", "randomized") and not x.planned and x.arm is None]
    size = sample(text)
    if size is not None and stated:
        assert size <= max(stated)


# Bulk false alarms (S102), in sentences of my own.
def test_counts_built_alike_in_one_list_are_the_same_kind_of_group():
    text = "Biopsies came from 149 adults, including 71 receiving drug A alone and 78 receiving drug A with drug B."
    assert sample(text) == 149
    assert roles(text)[78] == "subgroup"


def test_a_list_opened_by_in_is_not_a_breakdown_of_its_first_count():
    text = "Cultures were positive in 1 patient from the first group and 2 patients from the second group."
    assert all(c.of_n is None for c in study_flow(text, 0, len(text)))


# Bulk false alarms (S114, S103), in sentences of my own.
@pytest.mark.parametrize("text, expected", [
    ("We enrolled 64 nurses. Most finished the questionnaire in five to ten minutes.", 64),
    ("Stress was rated with the Work Strain Index (WSI)12 in 88 employees who took part.", 88),
    ("The trial treated 60 adults in three 20-patient groups of drug A, drug B and water.", 60),
    ("Thirty male and 41 female pupils were randomly assigned to a quiz (no advice) or a talk.", 71),
])
def test_numbers_that_are_not_the_sample(text, expected):
    assert sample(text) == expected


def test_each_n_person_group_is_an_arm():
    text = "The trial treated 60 adults in three 20-patient groups of drug A, drug B and water."
    assert roles(text) == {60: "enrolled", 20: "arm"}


def test_a_plural_sex_noun_keeps_its_own_count():
    text = "We enrolled ten adults, four males and six females, from two clinics."
    found = [(c.n, c.label, c.end - c.start) for c in study_flow(text, 0, len(text)) if c.role == "subgroup"]
    assert found == [(4, "male", len("four males")), (6, "female", len("six females"))]


def test_a_count_s_own_stage_verb_beats_the_study_phrase_before_it():
    text = "In an open-label cohort study, 70 adults with gout were screened and 52 were enrolled; 47 completed."
    assert roles(text) == {70: "screened", 52: "enrolled", 47: "completed"}
    assert sample(text) == 52


def test_participants_who_met_the_criteria_are_still_the_participants():
    text = "This randomized study was performed on 64 adults who met the inclusion criteria for the trial."
    assert sample(text) == 64


@pytest.mark.parametrize("text, expected", [
    ("We recruited 900 smokers online; 640 were eligible and were randomly assigned to the app or a leaflet.", 640),
    ("In all, 75 children were enrolled and then randomised to the two diets.", 75),
])
def test_a_later_step_of_the_same_people_names_the_randomized_total(text, expected):
    assert sample(text) == expected


def test_eligible_alone_stays_eligible():
    assert roles("Of 900 smokers who answered, 640 were eligible. We enrolled 600 of them.").get(640) == "eligible"


# --- arms stated as counts with their noun in parentheses, coordinated counts ------------------

def arms(text):
    return [(c.n, c.arm) for c in study_flow(text, 0, len(text)) if c.role == "arm"]


def test_arm_sizes_with_their_noun_in_parentheses_add_up():
    text = "Smokers were randomly assigned to the mobile app (74 smokers) or brief advice (Advice; 70 smokers)."
    assert arms(text) == [(74, "mobile app"), (70, "brief advice")] and sample(text) == 144


def test_people_of_counted_units_take_the_verb_after_the_parenthesis():
    enrolled = "Overall 212 knees (130 adults) with arthritis were enrolled in the trial."
    assert sample(enrolled) == 130
    described = "We included 88 teeth (88 children) treated for caries, aged 6 to 9 years."
    assert sample(described) == 88
    clusters = "Nine schools (410 pupils) received the lessons and ten schools (436 pupils) received nothing new."
    assert arms(clusters) == [(410, "lessons"), (436, "nothing new")] and sample(clusters) == 846


@pytest.mark.parametrize("text, expected_arms, total", [
    ("Of 300 people enrolled, 98 and 101 were randomised to the spray or to saline.",
     [(98, "spray"), (101, "saline")], 199),
    ("Finally, 40, 42 and 39 adults were allocated to low dose, high dose or placebo, respectively.",
     [(40, "low dose"), (42, "high dose"), (39, "placebo")], 121),
    ("Sixty and sixty-four patients were randomised to the splint and to physiotherapy.",
     [(60, "splint"), (64, "physiotherapy")], 124),
])
def test_coordinated_counts_before_the_allocation_verb_are_its_arms(text, expected_arms, total):
    assert arms(text) == expected_arms and sample(text) == total
    assert ("randomized", total) in flow(text)


@pytest.mark.parametrize("text, total", [
    ("Between 20 and 30 patients were randomised at each of the sites.", None),
    ("At weeks 12 and 24, 80 patients were randomised to the cream or the base.", 80),
    ("In 2019 and 2020, 75 nurses were randomised to the course or to no course.", 75),
])
def test_ranges_and_time_points_are_not_coordinated_arms(text, total):
    assert sample(text) == total and not any(n for n, _ in arms(text) if n != total)


def test_a_bare_number_counting_things_is_not_an_arm():
    text = "Women were randomly assigned to the gel (51 women) or three weekly injections of saline (Saline; 49 women)."
    assert arms(text) == [(51, "gel"), (49, "saline")] and sample(text) == 100
    rate = "Patients were assigned to the drug at 10 units per day (20 patients) or 5 units/day (21 patients)."
    assert [n for n, _ in arms(rate)] == [20, 21]


def test_care_homes_and_districts_are_not_people():
    assert sample("Across the region, fourteen homes took part in the trial.") is None
    assert sample("Two districts were included and randomised to the scheme or to usual practice.") is None


@pytest.mark.parametrize("text, total", [
    ("We enrolled 64 overweight and obese adults from two towns.", 64),
    ("The trial recruited 118 full-term and late-preterm newborns.", 118),
    ("Thirty volunteers (26 vaccinees and four placebo recipients) were given the shots.", 30),
])
def test_modifiers_joined_by_and_still_name_the_people(text, total):
    assert sample(text) == total


def test_people_nouns_naming_units_are_not_people():
    assert sample("The mice were split into three dose groups and two control groups for the test.") is None
    assert sample("The network has four new clinical and laboratory research teams covering adult care.") is None


def test_n_after_a_share_counts_part_of_a_group():
    text = "Adults with eczema (n = 44) were randomised to the cream or the base. Most preferred the cream (70%; n = 31)."
    assert roles(text) == {44: "randomized", 31: "subgroup"} and sample(text) == 44


def test_a_parenthesised_count_before_the_allocation_verb_is_its_subject():
    text = "Adults with a chronic (treated) skin disorder of the hands (n = 44) were randomly allocated to the cream or the base."
    assert roles(text) == {44: "randomized"}
    arms_first = "Adults having knee surgery (n = 30) or hip surgery (n = 12) were enrolled in the trial."
    assert sample(arms_first) != 12


def test_shares_between_a_count_and_its_denominator():
    text = ("We randomly assigned 60 adults to the drug and 61 to placebo. Deaths were 12 (20%) of 60 in the drug group "
            "and 20 [33%] of 61 in the placebo group.")
    assert sample(text) == 121


def test_a_count_compared_with_an_arm_is_the_other_arm():
    text = "In total, 41 patients from the ward group were compared with 39 patients from the home group."
    assert sample(text) == 80


def test_of_an_earlier_stage_the_count_is_the_next_stage():
    assert roles("In all, 96 of 130 screened adults were randomised.") == {96: "randomized", 130: "screened"}
    assert sample("Only 278 (60%) of the 460 eligible patients were enrolled.") == 278
    assert roles("Overall, 24 of 52 given the drug improved.")[24] == "subgroup"


def test_the_targets_of_an_allocation_end_at_the_next_clause():
    text = "Of the 200 women randomised to the clinic, 41 were moved to a hospital or a birth centre."
    assert roles(text)[200] == "arm"
    listed = ("Overall, 30 volunteers were randomised to receive 8 mg of the drug fasting, 8 mg of the drug after a meal, "
              "or 8 mg of the drug with a blocker.")
    assert roles(listed) == {30: "randomized"}


def test_a_group_opening_the_sentence_is_the_denominator_of_what_follows():
    text = "The course ran for a month. Of the 90 who finished it, 70 said they would recommend it."
    assert [(c.role, c.n, c.of_n) for c in study_flow(text, 0, len(text)) if c.n == 70] == [("subgroup", 70, 90)]


def test_a_share_in_of_is_not_a_group_opening():
    text = "Scans were read twice. In 12 of 15 patients, both readers agreed."
    assert not [c for c in study_flow(text, 0, len(text)) if c.of_n == 12]


def test_a_clause_about_one_patient_opens_no_group():
    text = "Every scan was read. In one patient the scan failed, and in the other four patients it was blurred."
    assert not [c for c in study_flow(text, 0, len(text)) if c.of_n is not None]


def test_what_participants_said_they_planned_is_no_planned_count():
    text = "Of the 90 who finished, 70 said they planned to carry on with the classes."
    assert not [c for c in study_flow(text, 0, len(text)) if c.planned]


def test_completing_the_study_described_by_its_design_is_no_arm():
    text = "Thirty adults with knee pain completed this randomized, placebo-controlled study of a new gel."
    assert [(c.role, c.n, c.arm) for c in study_flow(text, 0, len(text)) if c.role] == [("completed", 30, None)]
    assert sample(text) == 30


def test_a_study_phase_is_no_count_of_people():
    text = ("In this crossover study, 13 adults took part. In one study phase volunteers received the dummy pill "
            "and in the other they received the drug.")
    assert sample(text) == 13
    text2 = "Twelve smokers completed this single-site, randomized, placebo-controlled crossover study."
    assert sample(text2) == 12


# --- groups of one list -------------------------------------------------------------------------

@pytest.mark.parametrize("text, n", [
    ("The team scanned 32 girls with anorexia and 30 girls without an eating disorder.", 62),
    ("Blood was drawn from 90 adults with normal hearing, 75 who had mild hearing loss and 40 with deafness.", 205),
    ("In the trial, 640 men were given the pill and 652 a dummy pill.", 1292),
])
def test_coordinated_groups_add_up_to_the_sample(text, n):
    assert sample(text) == n


@pytest.mark.parametrize("text, n", [
    # a part of the group, an age range, a year range and a number with a thousands comma are no groups
    ("The trial followed 361 patients in two hospitals, 240 with relapsed disease.", 361),
    ("We recruited 272 people between the ages of 18 and 65 who had back pain.", 272),
    ("Records of 79,000 people admitted between 1998 and 2006 with a stroke were read.", 79000),
    ("The study compared 6,684 women taking the pill to 31,614 who were not.", 6684),
    ("Of 300 adults with asthma, 280 completed the trial and 20 who moved away were lost.", 300),
])
def test_a_part_a_range_or_a_comparison_is_no_group_list(text, n):
    assert sample(text) == n


@pytest.mark.parametrize("text", [
    "An advisory panel meets on Feb. 22 to weigh the results.",
    "The trial was registered on July 3, 2015, before the first visit.",
    "The lab work, published in PLOS One, traced how the scar tissue forms.",
])
def test_dates_and_a_journal_name_are_no_counts(text):
    assert sample(text) is None


def test_a_sentence_opening_the_study_that_calls_it_separate_still_counts_its_people():
    text = ("In a separate, smaller experiment, the team randomly assigned 84 adults to a walking program or to "
            "stretching. The walkers did better.")
    assert sample(text) == 84
    # later in a study's text, another study's people are not this study's
    text = "The trial randomised 300 adults to yoga or rest. An earlier trial of 120 adults found the same."
    assert sample(text) == 300


def test_the_list_of_arms_goes_on_after_the_first_arms_parenthesis():
    text = "Researchers randomly assigned 430 pupils to zinc (10 mg a day) or placebo tablets for a term."
    assert roles(text) == {430: "randomized"}
    assert sample(text) == 430


def test_a_control_group_coordinated_with_the_first_group_adds_to_the_sample():
    text = ("In a pilot trial, 12 patients with frequent flares drank beet juice twice a day for a month and "
            "6 patients drank a placebo drink.")
    assert sample(text) == 18
    # an outcome among the first group is no group of the list
    text = "In the trial, 40 patients with gout drank beet juice for a month and 6 patients had a flare."
    assert sample(text) == 40


def test_one_verb_for_both_arms_and_no_total_after_the_completers():
    text = ("Women were randomised to yoga (n = 31) or to health education (n = 30). Twenty-eight women in the "
            "yoga group and 27 in the control group completed the follow-up.")
    counts = study_flow(text, 0, len(text))
    assert [(c.role, c.n, c.arm) for c in counts if c.role == "completed"] == [
        ("completed", 28, "yoga"), ("completed", 27, "control")]
    assert sample(text) == 61
    # nothing earlier stated: the completers of both arms are the sample, not a later count of events
    text = ("12 subjects in the active group and 14 in the placebo group completed the study. Three adverse events "
            "occurred in the active group and four in the placebo group.")
    assert sample(text) == 26
