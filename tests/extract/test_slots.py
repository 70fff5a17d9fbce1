"""Slots of trial language, in sentences written for these tests."""
import pytest

from pipeline.extract import slots
from tests.extract.test_treatment import summary


def _names(text: str) -> list[tuple[str, str, str]]:
    return [(p.name, p.role, p.rule) for p in slots.phrases(text, 0, len(text))]


def test_allocation_lists_each_arm():
    text = "Ninety adults were randomly assigned to guided imagery, progressive muscle relaxation or a waitlist."
    found = _names(text)
    assert ("guided imagery", "intervention", "slot/allocated-to") in found
    assert ("progressive muscle relaxation", "intervention", "slot/allocated-to") in found
    assert [n for n, role, _ in found if role == "comparator"] == ["waitlist"]


def test_received_slot_cuts_the_noun_phrase_at_the_schedule():
    text = "The treated group received weekly hydrotherapy sessions for ten weeks."
    assert [n for n, _, _ in _names(text)] == ["hydrotherapy sessions"]


def test_effect_of_slot_skips_the_outcome():
    assert _names("We studied the effect of endothelial function on mood.") == []


def test_versus_names_the_comparator_side():
    found = _names("Knee taping versus usual physiotherapy was tested in 50 runners.")
    assert ("usual physiotherapy", "comparator", "slot/versus") in found


def test_slot_agent_fills_a_study_the_vocabulary_cannot_name():
    text = ("In this trial, 64 office workers were randomised to a standing-desk programme or to no change. "
            "After six months the standing-desk programme group reported less back pain.")
    assert [a for a, _, _ in summary(text)] == ["standing-desk programme"]


def test_slot_phrases_do_not_join_a_known_agent():
    text = "Seventy adults were randomized to melatonin or a relaxation app for four weeks."
    assert [a for a, _, _ in summary(text)] == ["melatonin"]


def test_bare_kinds_and_labels_are_not_agents():
    text = "Forty children were randomized to the app or to group B, and a third arm got the older treatment."
    assert summary(text) == []


def test_which_dose_is_not_part_of_the_agent_name():
    text = "Eight volunteers received the highest dose of the nasal influenza vaccine in the second month."
    assert [n for n, _, _ in _names(text)] == ["nasal influenza vaccine"]


def test_numbered_allocation_lists_each_arm():
    text = "Adults were randomized to 1 of 3 groups: 1) interval walking (daily), 2) tai chi (weekly), or 3) control."
    found = [n for n, role, _ in _names(text) if role == "intervention"]
    assert found[:2] == ["interval walking", "tai chi"]


def test_a_gerund_before_the_treatment_is_not_its_name():
    text = "We studied the effect of delivering a group breathing programme in prisons."
    assert [n for n, _, _ in _names(text)] == ["group breathing programme"]


def test_a_trial_of_names_what_was_tested():
    text = "A randomized controlled trial of a telephone coaching programme for new fathers."
    assert [n for n, _, _ in _names(text)] == ["telephone coaching programme"]
    assert _names("A randomized trial of 40 adults was run.") == []


def test_an_abbreviation_the_article_defines_names_its_long_form():
    text = ("We tested quadriceps strength training (QST) in runners with knee pain. "
            "Forty runners were randomised to QST or to a stretching leaflet.")
    found = _names(text)
    assert ("quadriceps strength training", "intervention", "slot/allocated-to/abbreviation") in found


def test_a_long_form_that_is_a_measure_is_not_resolved():
    text = "Body mass index (BMI) was recorded. Adults were randomised to BMI feedback or usual care."
    assert not any(name == "body mass index" for name, _, _ in _names(text))


def test_an_arm_beside_a_control_is_proven_by_its_slot():
    text = "Sixty older adults were randomized to intensive case management or usual care."
    found = [p for p in slots.phrases(text, 0, len(text)) if p.role == "intervention"]
    assert [(p.name, p.strong) for p in found] == [("intensive case management", True)]
    assert [a for a, _, _ in summary(text)] == ["intensive case management"]


def test_a_two_arm_list_without_a_control_is_not_proof():
    text = "Sixty older adults were randomized to intensive case management or a phone line."
    assert not any(p.strong for p in slots.phrases(text, 0, len(text)))


def test_a_numbered_arm_list_adds_arms_beside_a_known_agent():
    text = ("Adults with insomnia were randomized to 1 of 3 groups: 1) melatonin, 2) sleep restriction "
            "(five nights a week), or 3) control.")
    assert [a for a, _, _ in summary(text)] == ["melatonin", "sleep restriction"]


def test_a_numbered_list_of_what_every_group_received_is_not_a_list_of_arms():
    text = "All groups received the same core package: (1) weekly phone calls, (2) a step counter, and (3) a diary."
    assert not any(p.strong for p in slots.phrases(text, 0, len(text)))


def test_what_patients_were_already_receiving_is_not_an_arm():
    text = "Patients receiving haemodialysis were randomized to one of two groups: (a) a kidney-care app or (b) control."
    found = [p for p in slots.phrases(text, 0, len(text)) if p.strong]
    assert [p.name for p in found] == ["kidney-care app"]


def test_what_the_control_group_received_is_the_comparator():
    text = "Control patients received a printed leaflet about sleep."
    assert [(n, role) for n, role, _ in _names(text)] == [("printed leaflet", "comparator")]


def test_design_words_are_not_what_was_received():
    text = "Participants received a double-blind, placebo-controlled course of tablets."
    assert not any(name.startswith("double-blind") for name, _, _ in _names(text))


def test_a_name_with_a_small_word_between_capitals_is_one_name():
    text = "Parents were randomized to the Step by Step booklet or usual care."
    assert ("Step by Step booklet", "intervention", "slot/allocated-to") in _names(text)


def test_a_treatment_given_for_days_is_named_without_the_days():
    text = "Volunteers were randomized to receive 28 days of ZX-4411 or placebo."
    assert ("ZX-4411", "intervention", "slot/allocated-to") in _names(text)


def test_true_or_sham_is_not_an_agent_name():
    text = "Patients were randomized to receive a single session of true or sham acupuncture."
    assert not any(name == "true" for name, _, _ in _names(text))


def test_lettered_arms_stay_arms_when_one_has_an_and_inside():
    text = ("Sixty dentures were randomly divided into three groups: (A) warm and soapy water, "
            "(B) an enzyme tablet, (C) a microwave cycle.")
    strong = [p.name for p in slots.phrases(text, 0, len(text)) if p.strong]
    assert "enzyme tablet" in strong and "microwave cycle" in strong


def test_a_clause_about_a_group_is_not_an_agent():
    text = ("Volunteers were randomized into 2 groups: (1) a control group asked to keep their habits and "
            "(2) an experimental group trained on a rowing machine.")
    assert summary(text) == []


def test_news_names_a_product_by_its_kind():
    text = "A new tablet game called Brainy Bees helped 40 children with ADHD sit still in class, a small trial found."
    found = _names(text)
    assert ("Brainy Bees", "intervention", "slot/called") in found


def test_a_class_of_drugs_known_as_is_not_a_product():
    text = "Strokes are often treated with clot-busting drugs, known as thrombolytics."
    assert not any(rule == "slot/called" for _, _, rule in _names(text))


def test_who_benefits_from_a_treatment_names_it():
    text = "Adults with long-standing tinnitus may benefit from sound-masking hearing aids, researchers report."
    assert ("sound-masking hearing aids", "intervention", "slot/effect-of") in _names(text)


def test_comparing_a_and_b_sets_a_against_b():
    text = "A randomized trial comparing the SlimFlow cannula and standard nasal prongs in preterm infants."
    found = [(n, role) for n, role, rule in _names(text) if rule == "slot/comparing"]
    assert found == [("SlimFlow cannula", "intervention"), ("nasal prongs", "comparator")]


def test_comparing_two_plain_modifiers_names_no_treatment():
    text = "A trial comparing digital and film radiographs for caries in 90 children."
    assert not any(role == "intervention" and rule == "slot/comparing" for _, role, rule in _names(text))


def test_a_title_comparison_names_the_tested_device():
    text = ("A randomized trial comparing the SlimFlow cannula and standard nasal prongs in preterm infants\n\n"
            "Sixty infants born before 32 weeks took part.")
    assert [a for a, _, _ in summary(text)] == ["SlimFlow cannula"]


def test_a_title_opening_with_the_use_of_a_treatment_names_it():
    text = ("Preemptive use of celecoxib on pain after wisdom tooth removal: a randomized trial\n\n"
            "Seventy adults were randomized to the study tablet or a dummy tablet before surgery.")
    assert ("celecoxib", "intervention", "slot/effect-of") in _names(text)
    assert [a for a, _, _ in summary(text)] == ["celecoxib"]


def test_a_title_evaluating_a_measure_or_a_property_names_no_treatment():
    for title in ("Evaluation of a self-rating scale for fatigue in nurses: a randomized comparison",
                  "Evaluation of the retention of sealants in children: a randomized trial"):
        text = title + "\n\nEighty participants were randomized to two orders of testing."
        assert not [n for n, role, rule in _names(text) if rule == "slot/effect-of"], title


def test_the_use_of_a_treatment_inside_the_body_is_not_a_title_slot():
    text = "Background drugs were noted.\n\nThe use of paracetamol was recorded at every visit by the nurses."
    assert not [n for n, _, rule in _names(text) if rule == "slot/effect-of"]


def test_a_title_case_title_is_cut_at_its_prepositions():
    text = ("Effects of a Fermented Soy Drink on Bone Density in Older Women: A Randomised Trial\n\n"
            "Eighty women took part.")
    assert [a for a, _, _ in summary(text)] == ["fermented soy drink"]


def test_a_name_with_a_preposition_written_again_stays_whole_in_a_title_case_title():
    text = ("Effects of the Step by Step Booklet on Falls in Older Adults\n\n"
            "Ninety adults were randomized to the Step by Step booklet or usual care.")
    assert ("Step by Step Booklet", "intervention", "slot/effect-of") in _names(text)


def test_a_postmodifier_rich_in_ends_the_noun_phrase():
    text = "Forty adults were randomized to a diet rich in oily fish or their usual diet."
    assert ("diet", "intervention", "slot/allocated-to") in _names(text)


def test_a_lone_adjective_before_and_is_a_modifier_not_a_treatment():
    text = ("Effect of a Musical and Social Programme on Loneliness in Care Homes\n\n"
            "Sixty residents took part in a randomized trial.")
    assert not [n for n, _, _ in _names(text) if n.lower() == "musical"]


def test_an_amount_of_a_drug_no_list_knows_names_the_arm():
    text = "Forty adults with gout were randomized to receive 250 mg of tovaquilide or placebo each morning."
    assert summary(text) == [("tovaquilide", None, [(250.0, "mg")])]


@pytest.mark.parametrize("title, agent", [
    ("Propolis for the prevention of mouth sores during chemotherapy: a randomised trial", "propolis"),
    ("Bitter melon in the management of prediabetes: a randomized controlled trial", "bitter melon"),
    ("Topical application of tea tree oil in the treatment of nail fungus", "tea tree oil"),
    ("Surgery combined with ozone therapy for treatment of knee arthritis: a randomized study", "ozone therapy"),
])
def test_a_title_names_its_treatment_before_what_it_treats(title, agent):
    text = title + "\n\nEighty adults took part and were followed for six weeks."
    assert [a for a, _, _ in summary(text)] == [agent]


@pytest.mark.parametrize("title", [
    "Quality of life scores in the management of asthma: a randomized trial",  # a measure
    "Several approaches for the treatment of mouth ulcers: a randomized trial",  # a kind, not a name
    "Experimental pill shows promise in the treatment of gout",  # a news headline's clause
    "Introducing a checklist for the prevention of falls: a randomized trial",  # not the title's subject
])
def test_a_title_whose_subject_is_no_treatment_names_no_agent(title):
    text = title + "\n\nEighty adults took part and were followed for six weeks."
    assert summary(text) == []


@pytest.mark.parametrize("text, agent", [
    ("Fifty adults with prediabetes were randomized. The test group consumed a barley porridge three days a week.",
     "barley porridge"),
    ("Ninety adults with eczema were randomized. One group applied a colloidal oat cream twice daily; the other "
     "applied nothing.", "colloidal oat cream"),
])
def test_what_a_group_consumed_or_applied_is_its_treatment_cut_before_the_schedule(text, agent):
    assert [a for a, _, _ in summary(text)] == [agent]


def test_what_participants_consumed_less_of_is_no_treatment():
    text = "After 40 adults were randomized to counselling or usual care, participants consumed less alcohol."
    assert [a for a, _, _ in summary(text)] == ["counselling"]


@pytest.mark.parametrize("text, agent", [
    ("Forty women were randomized to drink two glasses of soy milk or water daily for 8 weeks.", "soy milk"),
    ("Sixty adults with bruises were randomized; one group applied a 2 cm layer of arnica gel three times daily, "
     "the other a vehicle gel.", "arnica gel"),
])
def test_an_amount_before_of_is_not_part_of_the_name(text, agent):
    assert [a for a, _, _ in summary(text)] == [agent]


def test_how_a_drug_was_administered_is_not_what_was_administered():
    text = "Sixty adults were randomized. The study drug was administered via nasogastric tube to the drug group."
    assert summary(text) == []


def test_the_procedure_the_participants_underwent_is_the_setting_not_an_arm():
    text = ("Elderly patients who underwent bilateral knee replacement were randomized to a warmed infusion or an "
            "infusion at room temperature.")
    assert "bilateral knee replacement" not in [a for a, _, _ in summary(text)]
    # what an arm underwent is that arm's treatment
    assert [n for n, _, _ in _names("Sixty adults were randomized; group A underwent mesh repair.")] == ["mesh repair"]


def test_the_aim_of_a_randomized_trial_is_no_arm():
    text = ("We ran a randomized controlled trial to examine whether memory games delivered by video calls help 80 "
            "older adults.")
    assert summary(text) == []


@pytest.mark.parametrize("title, agent", [
    ("Knee Braces Ease Osteoarthritis Pain", "knee braces"),
    ("Can Massage Therapy Treat Infertility?", "massage therapy"),
    ("New Spinal Stimulation Technique Might Relieve Leg Pain", "spinal stimulation technique"),  # "new" is no name
    ("Light Therapy Raises Hope for People With Winter Blues", "light therapy"),
    ("Cold Cap Treatment Fails to Save Hair in Chemotherapy", "cold cap treatment"),
])
def test_a_headline_whose_subject_is_a_treatment_names_it(title, agent):
    text = title + "\n\nIn a small study of 120 adults, those treated reported less pain after six weeks."
    assert [a for a, _, _ in summary(text)] == [agent]


@pytest.mark.parametrize("title", [
    "Hospital Lowers Infection Rates",  # no treatment's head noun
    "New Scan May Help Find Aggressive Tumors",  # a measure, and no treating verb right after it
    "Doctors Cut Waiting Times With New Rota",  # people as the subject
    "New Drug Spray May Help Hay Fever",  # a kind and a form, no name
    "Study Fails to Find Benefit in Older Adults",  # the study, not what it tested
])
def test_a_headline_whose_subject_is_no_treatment_names_none(title):
    text = title + "\n\nIn a small study of 120 adults, those treated reported less pain after six weeks."
    assert summary(text) == []


def test_a_coded_name_the_text_introduces_is_the_agent():
    assert [a for a, _, _ in summary("In a study of 200 adults with gout, those who took the drug QX-14 had lower "
                                     "uric acid.")] == ["QX-14"]
    assert [a for a, _, _ in summary("In a study of 200 adults with gout, a new drug called QX-14 lowered uric "
                                     "acid.")] == ["QX-14"]
    # "the drug company ..." is no name of a drug
    assert summary("In a study of 300 adults, the drug company MedCo paid for the trial.") == []


def test_an_acronym_introduced_by_called_is_not_taken_as_a_coded_name():
    text = ("A laser procedure known as ABC vitreolysis was tested in 52 patients with floaters, who received the "
            "ABC laser treatment or a sham treatment.")
    assert "ABC" not in [a for a, _, _ in summary(text)]


@pytest.mark.parametrize("title, tested, compared", [
    ("Laparoscopic versus open hernia repair in adults: a randomized trial", "laparoscopic hernia repair",
     "open hernia repair"),
    ("Early versus delayed feeding after bowel surgery: a randomized trial", "early feeding", "delayed feeding"),
    ("Landmark-guided versus ultrasound-guided wrist block: a randomized trial", "landmark-guided wrist block",
     "ultrasound-guided wrist block"),
])
def test_two_modifiers_of_one_head_name_two_treatments(title, tested, compared):
    found = _names(title)
    assert (tested, "intervention", "slot/versus") in found and (compared, "comparator", "slot/versus") in found
    assert [a for a, _, _ in summary(title + "\n\nEighty adults were randomized.")] == [tested]


def test_two_named_treatments_share_no_head():
    assert _names("Aspirin versus clopidogrel after a minor stroke") == [
        ("Aspirin", "intervention", "slot/versus"), ("clopidogrel", "comparator", "slot/versus")]


def test_two_arms_allocated_with_one_head_share_it():
    assert [(n, r) for n, r, _ in _names("Sixty children were randomized to laparoscopic or open appendectomy.")] \
        == [("laparoscopic appendectomy", "intervention"), ("open appendectomy", "comparator")]
    assert [(n, r) for n, r, _ in _names("Sixty adults were randomized to aspirin or clopidogrel.")] \
        == [("aspirin", "intervention"), ("clopidogrel", "comparator")]


def test_a_name_followed_by_its_kind_names_the_treatment():
    text = "In a study of 200 adults, ZB-417, an experimental pill, lowered blood pressure more than placebo."
    assert [a for a, _, _ in summary(text)] == ["ZB-417"]
    for text in ("However, a drug company paid for the study of 100 adults.",
                 "Interestingly, a drug for gout lowered blood pressure in a study of 100 adults.",
                 "In a study of 80 adults, Jo Smith, a drug policy expert, found no benefit."):
        assert summary(text) == []
