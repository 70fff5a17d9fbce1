"""Entry diagnoses with counts, from my own sentences (no corpus wording)."""
import pytest

from pipeline.extract import conditions
from pipeline.extract.segment import Segment
from pipeline.models import Fact, Span, StudyFacts


def conds(text: str, sample_size: int | None = None) -> list[tuple[str, int | None]]:
    seg = Segment(span=Span.of(text, 0, len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    if sample_size is not None:
        study.sample_size = Fact[int](value=sample_size, span=Span.of(text, 0, 1), rule="test")
    conditions.fill(text, seg, study)
    for c in study.conditions:
        assert text[c.name.span.char_start:c.name.span.char_end] == c.name.span.quote
    return [(c.name.value, c.n.value if c.n else None) for c in study.conditions]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The trial enrolled 42 veterans with PTSD.", [("post-traumatic stress disorder", 42)]),
        ("Thirty-one outpatients with moderate to severe OCD were randomized.",
         [("moderate to severe obsessive-compulsive disorder", 31)]),
        ("Of the volunteers, 9 were diagnosed with panic disorder and the rest were healthy.", [("panic disorder", 9)]),
        ("In all, 64 women suffering from fibromyalgia took part.", [("fibromyalgia", 64)]),
        ("We recruited 120 adults aged 18 to 65 with treatment-resistant depression.",
         [("treatment-resistant depression", 120)]),
        ("Eleven had MDD while seven had bipolar disorder.", [("major depressive disorder", 11), ("bipolar disorder", 7)]),
    ],
)
def test_counted_population(text, expected):
    assert conds(text) == expected


def test_two_conditions_joined_by_and_share_the_count():
    text = "This pilot followed 35 teenagers with autism and chronic insomnia for a year."
    assert conds(text) == [("autism", 35), ("chronic insomnia", 35)]  # named as the text names them


def test_elided_or_gives_both_conditions_without_counts():
    text = "The study examined 16 adults with generalised or social anxiety disorders who were not depressed."
    assert conds(text) == [("generalized anxiety disorder", None), ("social anxiety disorder", None)]


def test_linked_condition_keeps_its_cause():
    text = "Twenty-two patients with neuropathic pain following spinal cord injury were enrolled."
    assert conds(text) == [("neuropathic pain following spinal cord injury", 22)]


def test_number_inside_age_range_is_not_the_count():
    assert conds("We studied 48 boys aged 8 to 14 with ADHD.") == [("ADHD", 48)]


def test_uncounted_population_takes_the_whole_sample():
    text = "In this randomized trial, patients with chronic migraine received the device or a sham."
    assert conds(text, sample_size=80) == [("chronic migraine", 80)]


@pytest.mark.parametrize(
    "text",
    [
        # background, measured outcome, exclusion criterion, treatment named after a condition
        "Depression affects about one in six adults at some point in life.",
        "The 25 participants who did not have insomnia served as a reference group.",
        "We gave 40 people depression-specific counselling sessions.",
        "Fifty healthy volunteers without any psychiatric diagnosis were scanned.",
        "People with asthma often have trouble sleeping.",
    ],
)
def test_not_an_entry_diagnosis(text):
    assert [name for name, _ in conds(text)] == []


def test_measured_symptoms_are_outcomes_but_the_population_condition_counts():
    text = "Scores for depression and anxiety were measured in 90 cancer survivors every month."
    assert conds(text) == [("cancer", 90)]


def test_case_sensitive_abbreviation():
    # "sad" as a feeling is not social anxiety disorder
    assert conds("Nineteen children with sad feelings were interviewed.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The trial randomized 58 COPD patients to two inhalers.", [("chronic obstructive pulmonary disease", 58)]),
        ("We followed 120 breast cancer survivors for a year.", [("breast cancer", 120)]),
        ("A total of 44 depressed adults joined this study.", [("depression", 44)]),
    ],
)
def test_condition_named_before_the_participants(text, expected):
    assert conds(text) == expected


def test_adjective_alone_is_not_a_diagnosis():
    assert conds("In the trial, the 40 volunteers felt less depressed after each session.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A phase 3 study of children aged 6-12 years with ADHD was stopped early.", [("ADHD", None)]),
        ("About one in every 100 people in the region has ASD, the study noted.", []),
        ("During the trial, 20 patients in the statin group had a heart attack or stroke.", []),
        ("Eighty\u2010one COPD patients were randomized.", [("chronic obstructive pulmonary disease", 81)]),
    ],
)
def test_numbers_that_are_not_the_count(text, expected):
    assert conds(text) == expected


def test_long_repetitive_sentence_stays_fast():
    import time

    text = "Patients with GAD or SAD or OCD or " * 3000
    t0 = time.perf_counter()
    conds(text)
    assert time.perf_counter() - t0 < 5


@pytest.mark.parametrize("text, expected", [
    ("In this randomized trial, doctors enrolled 150 adults in septic shock at three hospitals.", ("septic shock", 150)),
    ("In a randomized trial, 64 people being treated for first-episode psychosis took the drug.",
     ("first-episode psychosis", 64)),
    ("In a randomized trial, 72 patients hospitalised for heart failure received the infusion.", ("heart failure", 72)),
])
def test_state_and_treatment_cues(text, expected):
    from pipeline.extract import extract_text

    found = [(c.name.value, c.n.value if c.n else None) for s in extract_text("x", text).studies for c in s.conditions]
    assert found == [expected]


def test_in_needs_a_population_noun_before_it():
    from pipeline.extract import extract_text

    text = "In the randomized trial of 50 adults, sleep improved and there was a reduction in depression."
    names = [c.name.value for s in extract_text("x", text).studies for c in s.conditions]
    assert "depression" not in " ".join(names)


# Slots for diagnoses no vocabulary lists: the construction, not a word list.
@pytest.mark.parametrize("text, expected", [
    ("In this trial, 48 adults with chronic plantar heel fasciopathy were randomized to two insoles.",
     [("chronic plantar heel fasciopathy", 48)]),
    ("Thirty children undergoing elective tonsillectomy were allocated to two anaesthetic regimens.",
     [("tonsillectomy", 30)]),
    ("The study enrolled 52 women scheduled to undergo hysteroscopy under sedation.", [("hysteroscopy", 52)]),
    ("We randomized 40 patients with drug-induced xerostomia inadequately controlled by rinses.",
     [("drug-induced xerostomia", 40)]),
    ("A total of 90 patients with osteochondrosis of the ankle took part in the trial.",
     [("osteochondrosis of the ankle", 90)]),
])
def test_unlisted_diagnosis_from_a_population_slot(text, expected):
    assert conds(text, sample_size=expected[0][1]) == expected


@pytest.mark.parametrize("text", [
    "Nineteen children with sad feelings were interviewed in this study.",  # no clinical head
    "Patients with a history of smoking were excluded from the trial.",  # exclusion
    "People with dermatochalasis often sleep badly.",  # background: no study, no count
    "The trial enrolled 30 adults with clinic systolic pressure of 150 mmHg or more.",  # a measurement
])
def test_population_slot_that_names_no_diagnosis(text):
    assert conds(text) == []


def test_condition_adjectives_in_a_chain_before_the_participants():
    text = "Fifty-two hypertensive, obese (body mass index above 30) adults were randomized."
    assert conds(text) == [("hypertension", 52), ("obesity", 52)]


def test_treatment_of_a_condition_names_the_population_of_a_trial():
    text = "A randomized trial of two creams in the treatment of psoriasis enrolled 64 adults."
    assert conds(text, sample_size=64) == [("psoriasis", 64)]


def test_condition_named_as_written():
    text = "The trial randomized 30 adults with tennis elbow to a brace or physiotherapy."
    assert conds(text) == [("tennis elbow", 30)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Twelve volunteers had been diagnosed with psoriasis and three with eczema.", [("psoriasis", 12), ("eczema", 3)]),
        ("Nine patients (six with asthma, three with COPD) completed the course.",
         [("asthma", 6), ("chronic obstructive pulmonary disease", 3)]),
    ],
)
def test_elided_count_before_the_cue_is_that_condition_s_count(text, expected):
    assert conds(text) == expected


def test_a_count_inside_an_aside_is_not_the_condition_s_count():
    text = "It enrolled 70 adults (40 women and 30 men) who had chronic tinnitus."
    assert conds(text) == [("chronic tinnitus", 70)]


def test_had_an_x_disorder_is_a_diagnosis_but_had_a_fall_is_not():
    assert conds("Of the 70, 31 had a panic disorder and 20 had depression.") == [("panic disorder", 31), ("depression", 20)]


@pytest.mark.parametrize("text, expected", [
    ("Forty children aged between 2 and 9 years scheduled for elective hernia surgery were randomized.", "hernia"),
    ("Fifty adults undergoing cataract surgery were randomized to two eye drops.", "cataract"),
    ("Thirty women undergoing cesarean section were randomized to two wound dressings.", "cesarean section"),
])
def test_a_procedure_slot_names_the_condition_operated_on(text, expected):
    assert [name for name, _ in conds(text)] == [expected]


def test_an_adjective_names_the_condition_by_its_noun():
    assert conds("Sixty vitamin D-deficient adults were randomized to two doses.") == [("vitamin D deficiency", 60)]


def test_two_counted_degrees_of_one_condition_are_two_groups():
    text = "Of the 70 women, 45 had mild asthma and 25 had severe asthma when they joined."
    assert conds(text) == [("mild asthma", 45), ("severe asthma", 25)]


def test_what_a_treatment_was_started_for_is_the_condition():
    text = "We reviewed all 52 adults who started erenumab injections for chronic migraine at the clinic."
    assert conds(text) == [("chronic migraine", 52)]


def test_what_the_treatment_aims_to_correct_is_the_condition():
    text = "This randomised study assessed the efficacy of oral urea in correcting postoperative hyponatraemia."
    assert [name for name, _ in conds(text)] == ["postoperative hyponatraemia"]


def test_a_title_names_the_condition_studied():
    from pipeline.extract import extract_text
    text = ("Nasal spray versus tablets for Chronic Rhinosinusitis: a randomized trial\n\n"
            "Sixty adults were randomized to the spray or the tablets for eight weeks.")
    (study,) = extract_text("t", text).studies
    assert [(c.name.value, c.n.value if c.n else None) for c in study.conditions] == [("chronic rhinosinusitis", 60)]
    text2 = ("Nasal spray versus tablets in a rat model of rhinosinusitis\n\n"
             "Sixty rats were randomized to the spray or the tablets.")
    (study2,) = extract_text("t", text2).studies
    assert study2.conditions == []


@pytest.mark.parametrize("text, expected", [
    ("We randomized 120 persons 65 years and over with newly diagnosed myeloid sarcoma to two regimens.", "myeloid sarcoma"),
    ("This randomized trial enrolled 40 adults suffering from stress-related illnesses.", "stress-related illnesses"),
])
def test_more_slot_constructions(text, expected):
    assert [name for name, _ in conds(text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Eighty adults with chronic or recurrent neck pain were randomized to massage or advice.",
     [("chronic or recurrent neck pain", 80)]),
    ("The trial randomized 44 outpatients with mild to moderate psoriasis to the cream or its vehicle.",
     [("mild to moderate psoriasis", 44)]),
])
def test_joined_qualifiers_stay_in_the_name(text, expected):
    assert conds(text) == expected


def test_a_counted_union_split_into_counted_parts_gives_the_parts():
    text = "A randomized trial in 60 outpatients with mild or moderate asthma; 35 had mild asthma and 25 had moderate asthma."
    assert conds(text) == [("mild asthma", 35), ("moderate asthma", 25)]


def test_the_reason_for_the_procedure_is_the_condition():
    text = "In this trial, 64 adults undergoing surgery for a displaced ankle fracture were randomized to two nerve blocks."
    assert conds(text) == [("displaced ankle fracture", 64)]
    text2 = ("We studied whether the drug eases pain in patients undergoing hernia repair. In this trial, "
             "50 adults undergoing an operation for an incarcerated inguinal hernia were randomized.")
    assert [name for name, _ in conds(text2)] == ["incarcerated inguinal hernia"]


@pytest.mark.parametrize("text, expected", [
    # a listed and an unlisted diagnosis in one slot: both
    ("The trial enrolled 30 children with autism and severe feeding difficulties.",
     [("autism", 30), ("severe feeding difficulties", 30)]),
    # a counted part of the counted participants
    ("Thirty adults had chronic urticaria when they joined; 12 of them also had hyperhidrosis.",
     [("chronic urticaria", 30), ("hyperhidrosis", 12)]),
    # "either X or Y": who had which is not said
    ("The trial recruited 90 adults. All were diagnosed with either chronic urticaria or angioedema.",
     [("chronic urticaria", None), ("angioedema", None)]),
])
def test_unlisted_diagnoses_beside_listed_ones(text, expected):
    assert conds(text, sample_size=90) == expected


@pytest.mark.parametrize("text", [
    "We randomized 120 caregivers of patients with schizophrenia to a support group or a leaflet.",
    "We randomized 120 parents of children with chronic hydronephrosis to two leaflets.",
    "In a subgroup of 40 patients with renal impairment, levels were higher in the trial.",
    "Of the 40 adults, 3 had nausea after the first dose.",  # an event, not a diagnosis
    "In the study, one of the men suffered from terrible heartburn, he said.",
    "We randomized 30 patients with metformin to two doses.",  # a drug in the slot
    "The trial injected the tumours of 24 patients with a single dose of a modified virus.",
])
def test_slots_that_are_not_the_participants_diagnosis(text):
    assert conds(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Forty knee replacement patients were enrolled in the study.", [("knee replacement", 40)]),
    ("We randomized 56 cirrhotic ascites patients to two diuretics.", [("cirrhotic ascites", 56)]),
    ("Sixty-two peritoneal dialysis patients were enrolled in this trial.", [("peritoneal dialysis", 62)]),
    # an abbreviation names the condition when the text spells it out as one
    ("The effect of a gel on chronic gingival hyperplasia (CGH) was studied. Fifty CGH patients were randomized.",
     [("chronic gingival hyperplasia", 50)]),
])
def test_condition_words_before_the_participant_noun(text, expected):
    assert conds(text) == expected


@pytest.mark.parametrize("text", [
    "The study randomized 120 consecutive patients to two regimens.",
    "Five ABX-C patients and 10 ABX-D patients were randomized in the study.",  # arms, never spelled out
    "We randomized 60 warfarin patients to two clinics.",
    "Blood loss in the first 24 hours after surgery patients was lower in the trial.",
])
def test_words_before_the_participant_noun_that_name_no_condition(text):
    assert conds(text) == []


@pytest.mark.parametrize("title, expected", [
    ("Gel A versus gel B for Recurrent Aphthous Stomatitis: a randomized trial", ["recurrent aphthous stomatitis"]),
    ("Effect of drug A on pain in patients undergoing total knee arthroplasty", ["total knee arthroplasty"]),
    ("Drug A in the treatment of head and neck carcinoma", ["head and neck carcinoma"]),
    ("Two infusions in cirrhotic ascites patients: a randomized study", ["cirrhotic ascites"]),
    ("A diet linked with fewer heart attacks", []),
    ("Two scans in predicting dementia", []),
    ("Two programmes for health workers in Zambia", []),
    ("Two interventions for HHFNC in preterm infants", []),
])
def test_a_title_slot_names_an_unlisted_condition(title, expected):
    from pipeline.extract import extract_text
    text = title + "\n\nSixty adults were randomized to the two arms of this trial for eight weeks."
    (study,) = extract_text("t", text).studies
    assert [c.name.value for c in study.conditions] == expected


@pytest.mark.parametrize("text, expected", [
    ("From 2010 to 2014, 900 adults (aged 55 to 75 and at high risk of cardiovascular disease) were randomized.",
     [("high risk of cardiovascular disease", 900)]),
    ("The trial randomized 500 adults at increased risk of developing type 2 diabetes to coaching or a leaflet.",
     [("increased risk of type 2 diabetes", 500)]),
])
def test_a_recruited_risk_group_is_named_by_its_risk(text, expected):
    assert conds(text) == expected


@pytest.mark.parametrize("text", [
    "The drug reduced the risk of stroke in this trial of 500 adults.",  # an outcome
    "Rural children, at high risk for being overweight, took part in the trial.",
])
def test_a_risk_that_is_no_recruited_group(text):
    assert conds(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Twenty women in late pregnancy with pregnancy-related pelvic girdle pain joined the study.",
     [("pregnancy-related pelvic girdle pain", 20)]),
    ("The trial enrolled 40 patients with opioid-induced constipation.", [("opioid-induced constipation", 40)]),
    ("This study compared two diets in overweight and obese adults.", [("overweight and obesity", 30)]),
    ("Sixty-five overweight/obese adults were randomized to two doses.", [("overweight/obesity", 65)]),
])
def test_cause_and_coordination_stay_in_the_name(text, expected):
    assert conds(text, sample_size=30) == expected


def test_a_general_mention_gives_way_to_the_specific_one():
    text = "Swimming helped people with depression in a trial. The study involved adults with mild to moderate depression."
    assert conds(text, sample_size=61) == [("mild to moderate depression", 61)]


def test_a_noun_before_a_named_population_does_not_join_it():
    text = "A trial of a drug for preventing early menopause in breast cancer patients enrolled 281 women."
    assert [name for name, _ in conds(text)] == ["breast cancer"]
    text2 = "The drug may prevent early menopause breast cancer patients fear, the trial found."
    assert [name for name, _ in conds(text2)] == ["breast cancer"]


def test_findings_in_healthy_participants_are_no_diagnosis():
    text = ("Healthy female volunteers aged 18 to 25 were enrolled and randomized to a vaccine or placebo. "
            "At baseline, 40% of 120 sexually active volunteers had chlamydia infection.")
    assert conds(text) == []


@pytest.mark.parametrize("text, expected", [
    ("In this trial, 120 patients after radical prostatectomy were randomized.", [("radical prostatectomy", 120)]),
    ("We randomized 60 patients following an acute ischaemic stroke to two regimens.", [("acute ischaemic stroke", 60)]),
    ("The study randomized 80 patients after 12 weeks of treatment.", []),
    ("The study enrolled 41 severely burned patients in two trials.", [("burns", 41)]),
])
def test_what_the_participants_are_recovering_from(text, expected):
    assert conds(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("We randomized 44 participants who met DSM-5 criteria for binge-eating disorder.", [("binge-eating disorder", 44)]),
    ("The study included 98 outpatients meeting criteria for social anxiety disorder.", [("social anxiety disorder", 98)]),
    ("We conducted a randomized trial in knee osteoarthritis comparing two creams.", [("knee osteoarthritis", 50)]),
    ("We conducted a randomized trial in chronic plantar fasciopathy comparing two insoles.",
     [("chronic plantar fasciopathy", 50)]),
    ("Eligible participants had moderate-to-severe plaque psoriasis and were randomized.",
     [("moderate-to-severe plaque psoriasis", 50)]),
])
def test_entry_criteria_and_the_condition_a_trial_was_done_in(text, expected):
    assert conds(text, sample_size=50) == expected


@pytest.mark.parametrize("text", [
    "A 2008 study in Clinical Cancer Research found that two men had side effects.",  # a journal
    "A trial in the USA randomized 200 adults to two apps.",
    "A study in an area of low infection prevalence showed a benefit.",
    "All the men had very high levels of LDL in the trial.",  # a measurement
    "A total of 49 participants (59%) met the criteria for metabolic syndrome at the end of the trial.",  # a finding
])
def test_look_alikes_of_entry_criteria(text):
    assert conds(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Participants, all of whom had type 2 diabetes, were randomized to two diets.", [("type 2 diabetes", 50)]),
    ("The volunteers, who all had mild asthma, were randomized in the trial.", [("mild asthma", 50)]),
    ("We randomized 52 patients with stage III or IV non-small cell lung cancer.",
     [("stage III or IV non-small cell lung cancer", 52)]),
])
def test_whole_group_clauses_and_stages(text, expected):
    assert conds(text, sample_size=50) == expected


@pytest.mark.parametrize("text, expected", [
    ("The trial followed 90 adults. All had been diagnosed with either psoriasis or another kind of scaly "
     "(and itchy) rash known as seborrhoeic dermatitis.", [("psoriasis", None), ("seborrhoeic dermatitis", None)]),
    ("The trial enrolled 40 children with a rare condition called eosinophilic oesophagitis.",
     [("eosinophilic oesophagitis", 40)]),
])
def test_a_condition_named_by_what_it_is_called(text, expected):
    assert conds(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Pain after laparoscopic cholecystectomy (LC) is common. Sixty patients undergoing LC were randomized.",
     [("laparoscopic cholecystectomy", 60)]),
    ("Trigeminal neuralgia (TN) hurts. The trial randomized 40 patients with TN.", [("trigeminal neuralgia", 40)]),
    ("The trial enrolled 40 patients needing mechanical ventilation.", [("mechanical ventilation", 40)]),
    ("Fourteen patients requiring extraction of posterior teeth were enrolled in the trial.",
     [("extraction of posterior teeth", 14)]),
])
def test_an_abbreviation_in_a_slot_reads_as_the_text_spells_it(text, expected):
    assert conds(text) == expected


def test_a_screening_finding_of_risk_is_no_recruited_risk_group():
    text = "For every 1,000 people screened in the study, four children were identified as being at risk for early heart disease."
    assert conds(text) == []


def test_an_elided_head_before_the_participant_noun_names_two_conditions():
    text = "The trial compared two relaxation methods in 236 breast and prostate cancer patients."
    assert conds(text) == [("breast cancer", None), ("prostate cancer", None)]


def _title_study_conditions(title: str) -> list[str]:
    from pipeline.extract import extract_text
    text = title + "\n\nForty adults took part in a randomized trial of the programme."
    return [c.name.value for c in extract_text("t", text).studies[0].conditions]


def test_a_title_adjective_of_the_participants_names_their_condition():
    assert _title_study_conditions("Balance training in HIV-infected women: a randomized trial") == ["HIV infection"]
    # an adjective that describes no participants is not enough
    assert _title_study_conditions("Balance training on an asthmatic morning: a randomized trial") == []


def test_what_a_title_says_the_treatment_treats_is_the_condition():
    assert _title_study_conditions("A Nasal Spray for Treating Chronic Rhinosinusitis") == ["chronic rhinosinusitis"]
    assert _title_study_conditions("Cold Packs Relieve Tennis Elbow, Trial Finds") == ["tennis elbow"]


def test_what_a_title_says_the_treatment_reduces_is_not_a_condition_had():
    # "reducing heart attacks" is prevention: the participants need not have had one
    assert _title_study_conditions("A Daily Pill Offers Hope of Reducing Heart Attacks") == []


def test_a_measure_listed_before_the_condition_does_not_hide_it():
    # "markers" names an outcome of the list, not a risk the participants did not have
    title = "Effect of Walnut Snacks on Weight, Blood Lipids and Inflammatory Markers in Type 2 Diabetes"
    assert _title_study_conditions(title) == ["type 2 diabetes"]


def test_a_risk_of_the_condition_is_not_the_condition():
    assert _title_study_conditions("Garlic tablets and the risk of stroke: a randomized trial") == []
    assert _title_study_conditions("A Daily Tablet Linked to Lower Stroke Risk") == []
    assert _title_study_conditions("Screening for glaucoma in pharmacies: a randomized trial") == []


def test_on_the_treatment_of_an_unlisted_condition_in_a_title():
    title = "Two Splints on Treatment of Scaphoid Fracture: A Randomized Trial"
    assert _title_study_conditions(title) == ["scaphoid fracture"]


def test_a_population_of_other_or_future_studies_is_not_this_studys():
    text = ("Sixty healthy adults were randomized to the nasal vaccine or placebo. Further studies in people with "
            "asthma are planned.")
    assert conds(text) == []
    # a counted population of this study is kept even in a sentence that mentions other work
    text2 = "Unlike other studies, this trial randomized 48 adults with asthma to the spray or placebo."
    assert conds(text2) == [("asthma", 48)]


@pytest.mark.parametrize("text, expected", [
    # an adjective of the participants names the condition by its noun
    ("We randomized 36 asthmatic teenagers to two inhalers.", [("asthma", 36)]),
    ("The trial enrolled 52 diabetic adults from two clinics.", [("diabetes", 52)]),
    ("Forty-four visually impaired children were randomized.", [("visual impairment", 44)]),
    # an age or setting word may stand between the adjective and the participant noun
    ("The study randomized 58 depressed older adults to walking or stretching.", [("depression", 58)]),
    ("We enrolled 210 frail community-dwelling people.", [("frailty", 210)]),
])
def test_adjectives_of_the_participants_name_the_condition(text, expected):
    assert conds(text) == expected


def test_a_specific_slot_diagnosis_replaces_the_adjective_of_the_aim():
    text = ("We studied a new laser in diabetic patients. The trial enrolled 40 patients with severe "
            "nonproliferative diabetic retinopathy, randomized to two settings.")
    assert conds(text, 40) == [("severe nonproliferative diabetic retinopathy", 40)]
    text2 = ("The aim was to help diabetic patients. The trial enrolled 30 patients with latent autoimmune "
             "diabetes, randomized to two diets.")
    assert conds(text2, 30) == [("latent autoimmune diabetes", 30)]


@pytest.mark.parametrize("text, expected", [
    ("The trial enrolled 64 adults with malignant gastric outlet obstruction.",
     [("malignant gastric outlet obstruction", 64)]),
    ("The trial enrolled 75 adults with an acute ankle dislocation.", [("acute ankle dislocation", 75)]),
    ("The trial enrolled 52 children with symptomatic flexible flatfoot.", [("symptomatic flexible flatfoot", 52)]),
    ("The trial enrolled 48 adults with a chronic dry cough.", [("chronic dry cough", 48)]),
])
def test_clinical_head_words_without_a_vocabulary_entry(text, expected):
    assert conds(text) == expected


def test_a_severity_adverb_before_the_condition_belongs_to_its_name():
    assert _title_study_conditions("Drug Z in adults with moderately to severely active Crohn's disease: a trial") \
        == ["moderately to severely active crohn's disease"]
    assert [name for name, _ in conds("Eighty adults with moderately severe asthma took part.")] \
        == ["moderately severe asthma"]


def test_a_severity_adverb_of_an_adjective_names_the_condition_by_its_adjective():
    assert [name for name, _ in conds("Sixty severely obese adults were randomized to a diet or usual care.")] \
        == ["severe obesity"]


@pytest.mark.parametrize("text, name", [
    ("Sixty overweight/obese adults were randomized to a diet or usual care.", "overweight/obesity"),
    ("Sixty overweight and obese adults were randomized to a diet or usual care.", "overweight and obesity"),
])
def test_joined_adjectives_name_the_conditions_as_the_text_joins_them(text, name):
    assert [n for n, _ in conds(text)] == [name]


@pytest.mark.parametrize("text, name", [
    ("Thirty cocaine-dependent adults were randomized to a new drug or placebo.", "cocaine dependence"),
    ("Eighty insulin-resistant women were randomized to a diet or usual care.", "insulin resistance"),
    ("Sixty vitamin D-deficient adults were randomized to a supplement or placebo.", "vitamin D deficiency"),
])
def test_a_state_adjective_of_the_participants_names_the_state(text, name):
    assert [n for n, _ in conds(text)] == [name]


@pytest.mark.parametrize("text, expected", [
    ("Regulators approved the tablet for adults with chronic lymphocytic leukemia. In the trial, 310 "
     "people took it for a year.", [("chronic lymphocytic leukemia", 310)]),
    ("The trial tested a patch for the treatment of moderate psoriasis; 96 volunteers wore it nightly.",
     [("moderate psoriasis", 96)]),
])
def test_what_the_treatment_is_for_names_the_condition_where_nothing_else_does(text, expected):
    assert conds(text, sample_size=expected[0][1]) == expected


@pytest.mark.parametrize("text", [
    # what else the drug is for, and what the participants did not have
    "The pill, long used to treat gout, was given to 80 volunteers in a trial of memory.",
    "A trial of 80 volunteers tested a vaccine for the prevention of shingles.",
])
def test_another_use_of_the_treatment_names_no_condition(text):
    assert conds(text, sample_size=80) == []


def test_a_condition_of_the_participants_comes_before_the_indication():
    text = ("The drug is approved to treat migraine. The trial enrolled 55 adults with cluster headache, "
            "who took it for eight weeks.")
    assert conds(text) == [("cluster headache", 55)]


def test_what_a_headline_treatment_eases_is_the_condition():
    text = ("Yoga May Ease Tension Headaches\n\nIn a study of 70 office workers, those who did yoga twice a week "
            "reported fewer headache days.")
    seg = Segment(span=Span.of(text, text.index("In a study"), len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    conditions.fill(text, seg, study)
    assert [c.name.value for c in study.conditions] == ["tension headache"]  # a title-case headline: the listed form


def test_what_a_headline_treatment_fights_is_no_condition_of_the_participants():
    text = ("Berries Fight Heart Disease\n\nIn a study of 9,000 healthy nurses, those who ate berries often had "
            "fewer heart attacks.")
    seg = Segment(span=Span.of(text, text.index("In a study"), len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    conditions.fill(text, seg, study)
    assert study.conditions == []


def test_a_torn_meniscus_is_the_listed_meniscal_tear():
    assert conds("The trial enrolled 120 adults with a torn meniscus.") == [("torn meniscus", 120)]


def test_a_later_fuller_name_counted_for_everyone_replaces_the_short_one():
    from pipeline.extract import extract_text
    text = ("Melatonin for children\n\nParents ask about melatonin.\n\nA trial in children with insomnia\n\n"
            "In this double-blind study, 72 children aged 6 to 12 with chronic sleep-onset insomnia were randomly "
            "assigned to melatonin or placebo each evening for a week.\n")
    [study] = extract_text("sleep", text).studies
    assert [(c.name.value, c.n.value if c.n else None) for c in study.conditions] == [("chronic sleep-onset insomnia", 72)]
