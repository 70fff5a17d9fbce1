"""Design: randomization, blinding, placebo control, crossover, with negation and their spans."""
import pytest

from pipeline.extract import design
from pipeline.extract.segment import Segment
from pipeline.models import Span, StudyFacts


def run(text: str) -> StudyFacts:
    seg = Segment(span=Span.of(text, 0, len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    design.fill(text, seg, study)
    return study


def value(study: StudyFacts, field: str):
    fact = getattr(study, field)
    return None if fact is None else fact.value


@pytest.mark.parametrize("text, field, expected", [
    ("a randomised, triple-blind trial", "blinding", "triple-blind"),
    ("Participants were randomly allocated to two groups.", "randomized", True),
    ("Each child received both drinks in random order.", "randomized", True),
    ("This was a non-randomized comparison.", "randomized", False),
    ("Patients were not randomized.", "randomized", False),
    ("Clinics were sequentially allotted to the new protocol.", "randomized", False),
    ("an open label extension", "blinding", "open-label"),
    ("Raters were blind, but patients were unblinded.", "blinding", "open-label"),
    ("a single-blinded pilot", "blinding", "single-blind"),
    ("a sham-controlled study of magnetic stimulation", "placebo_controlled", True),
    ("Volunteers got the supplement or a dummy placebo pill.", "placebo_controlled", True),
    ("an uncontrolled open-label study", "placebo_controlled", False),
    ("There was no control group.", "placebo_controlled", False),
    ("In this cross-over study, both sprays were tried.", "crossover", True),
    ("After a washout the groups switched to the other treatment.", "crossover", True),
    ("a parallel-group design", "crossover", False),
])
def test_fields(text, field, expected):
    study = run(text)
    assert value(study, field) == expected
    fact = getattr(study, field)
    assert text[fact.span.char_start:fact.span.char_end] == fact.span.quote


@pytest.mark.parametrize("text, field", [
    ("Patients with uncontrolled diabetes were excluded.", "placebo_controlled"),
    ("Further randomized trials are needed.", "randomized"),
    ("The placebo effect is strong in pain studies.", "placebo_controlled"),
    ("Nothing about the design is said here.", "blinding"),
])
def test_not_said(text, field):
    assert value(run(text), field) is None


def test_every_term_is_kept_with_its_own_span():
    text = "This open-label pilot was later described as double-blind and randomized."
    study = run(text)
    names = [t.value for t in study.design_terms]
    assert names == ["open-label", "pilot", "double-blind", "randomized"]
    assert all(t.span.quote == text[t.span.char_start:t.span.char_end] for t in study.design_terms)
    assert value(study, "blinding") == "open-label"  # the first mention decides; the validator sees both


def test_explicit_label_beats_incidental_mention():
    text = "Some had a placebo run-in, but this uncontrolled study gave everyone the drug."
    assert value(run(text), "placebo_controlled") is False


def test_statements_about_research_in_general_are_skipped():
    assert value(run("Randomized controlled trials have shown modest benefits."), "randomized") is None
    assert value(run("We ran an RCT in three towns."), "randomized") is True


def test_plain_wording_of_random_allocation_and_dummy_pills():
    assert value(run("Clinics were assigned at random to the new rota."), "randomized") is True
    assert value(run("Half took the herb and half a dummy pill."), "placebo_controlled") is True


def test_one_group_never_compared_with_anything_had_no_placebo():
    from pipeline.extract import extract_text
    text = "Researchers played soft rain sounds to 14 older adults while they slept in a sleep lab for two nights."
    (study,) = extract_text("t", text).studies
    assert study.placebo_controlled is not None and study.placebo_controlled.value is False
    text2 = "Researchers played soft rain sounds to 14 older adults; a control group heard nothing."
    (study2,) = extract_text("t", text2).studies
    assert study2.placebo_controlled is None or study2.placebo_controlled.rule != "design/uncontrolled"


@pytest.mark.parametrize("text", [
    "A clinic audit reviewed the records of 64 adults given the cream over three years.",
    "Thirty nurses took part in this open-label study. All of them received the new mattress for a month.",
    "This was a retrospective study of 210 children treated with the splint.",
    "In an open-label, single-arm pilot, 12 adults used the device.",
])
def test_designs_that_are_never_randomized(text):
    from pipeline.extract import extract_text
    (study,) = extract_text("t", text).studies
    assert study.randomized is not None and study.randomized.value is False


def test_an_open_label_randomized_trial_stays_randomized():
    from pipeline.extract import extract_text
    (study,) = extract_text("t", "In this open-label trial, 60 adults were randomized; all received the mattress or a pad.").studies
    assert study.randomized.value is True


@pytest.mark.parametrize("text, field, expected", [
    ("In this pilot double\u2010blinded trial, 30 adults took the drug.", "blinding", "double-blind"),
    ("In this non\u2010randomized trial, 30 adults took the drug.", "randomized", False),
    ("The nurses who rated the wounds did not know which group each patient was in.", "blinding", "single-blind"),
    ("Outcome assessors were blinded to allocation in this double-blind trial.", "blinding", "double-blind"),
])
def test_typeset_hyphens_and_blinded_assessors(text, field, expected):
    assert value(run(text), field) == expected


def test_both_treatments_in_random_order_is_crossover():
    study = run("Each of the 20 men took the tablet for two weeks and a placebo for two weeks, in random order.")
    assert value(study, "crossover") is True and value(study, "randomized") is True
    assert value(run("Sixty adults were randomized to the tablet or a placebo."), "crossover") is None


@pytest.mark.parametrize("text", [
    "Volunteers were assigned to needling or to fake acupuncture with blunt retractable needles.",
    "Half the group had the knee operation and half a simulated operation under the same anaesthetic.",
    "Dogs with dry eye had the drug in a light oil or the vehicle ointment alone.",
    "Runners drank the juice or a nitrate-depleted version of the juice before each race.",
    "Each rower drank the coffee or a caffeine-free version of it on separate days.",
    "The control arm wore a look-alike device that gave no current.",
])
def test_a_pretend_copy_of_the_treatment_is_a_placebo(text):
    assert value(run(text), "placebo_controlled") is True


@pytest.mark.parametrize("text", [
    "The pilot did not include a placebo group, so the gains may reflect time alone.",
    "Our trial lacked a control group.",
    "There was no placebo, since withholding care was judged unethical.",
    "The new tablet was not compared with a placebo.",
])
def test_a_control_the_study_says_it_lacked_means_no_placebo(text):
    assert value(run(text), "placebo_controlled") is False


@pytest.mark.parametrize("text", [
    "Iron-depleted adults were enrolled and given the syrup.",     # a state of the patients, not a copy
    "The mock interview was used to train the raters.",            # a mock that is not a treatment
    "A gluten-free diet was compared with the usual diet.",        # "-free" names the diet itself
])
def test_words_near_pretend_copies_that_are_not_placebos(text):
    assert value(run(text), "placebo_controlled") is not True


@pytest.mark.parametrize("text", [
    "The 30 infants were given the drops or the same drops without the bacteria for a month.",
    "Smokers chewed the gum or a gum containing no nicotine.",
])
def test_the_product_without_its_active_part_is_a_placebo(text):
    assert value(run(text), "placebo_controlled") is True


def test_half_of_the_people_treated_is_not_a_single_group():
    from pipeline.extract import extract_text
    text = "Melatonin at night\n\nIn a small study, forty nurses with insomnia took part. Half received melatonin for four weeks."
    (study,) = extract_text("t", text).studies
    assert study.placebo_controlled is None   # what the other half got is not said
    text2 = "Melatonin at night\n\nIn a small study, forty nurses with insomnia took melatonin for four weeks."
    (study2,) = extract_text("t", text2).studies
    assert study2.placebo_controlled is not None and study2.placebo_controlled.value is False


@pytest.mark.parametrize("text", [
    "Half took the spice in capsules and half took capsules filled with rice flour.",
    "Adults with obesity got weekly injections of the drug or of an inactive solution.",
    "Half took the tablet and the others took a pill that contained no drug.",
])
def test_inert_fillers_and_inactive_solutions_are_placebos(text):
    assert value(run(text), "placebo_controlled") is True


def test_sugar_solution_as_the_treatment_is_not_a_placebo():
    assert value(run("Crying infants were soothed with sugar solutions before the heel prick."),
                 "placebo_controlled") is not True


def test_compared_one_thing_with_another_names_a_comparator():
    from pipeline.extract import extract_text
    text = "Yoga or a book?\n\nIn a new study, researchers compared weekly yoga classes with a self-care book in 90 adults."
    (study,) = extract_text("t", text).studies
    assert study.placebo_controlled is not None and study.placebo_controlled.value is False
    text2 = "Timing\n\nIn a new study, researchers compared the time to relief in 90 adults who took the tablet."
    (study2,) = extract_text("t", text2).studies
    assert study2.placebo_controlled is None or study2.placebo_controlled.rule != "design/comparison"


def test_a_choice_between_two_products_is_not_a_single_group():
    from pipeline.extract import extract_text
    text = "The jab\n\nIn the study, 300 adults got injections of the drug or of a saline-like solution for a year."
    (study,) = extract_text("t", text).studies
    assert study.placebo_controlled is None or study.placebo_controlled.rule not in (
        "design/single-group", "design/uncontrolled")


def test_an_earlier_placebo_trial_set_off_by_a_comma_is_other_research():
    assert value(run("An earlier, placebo-controlled trial found nothing; here everyone took the lozenges."),
                 "placebo_controlled") is not True
    assert value(run("Larger, prospective randomized trials are planned."), "randomized") is None


@pytest.mark.parametrize("text", [
    "Unusually for a supplement study, it had no placebo.",
    "It was a small phase I trial with no placebo control.",
])
def test_no_placebo_said_plainly(text):
    assert value(run(text), "placebo_controlled") is False


def test_a_placebo_response_is_not_the_lack_of_a_placebo():
    assert value(run("Patients had no placebo response in the run-in; then they took the tablet or a placebo."),
                 "placebo_controlled") is True


@pytest.mark.parametrize("text", [
    "Ninety children were randomly given fish oil or a diet plan.",
    "Volunteers were randomly chosen to receive the vaccine or a leaflet.",
])
def test_news_words_for_random_assignment(text):
    assert value(run(text), "randomized") is True


def test_randomly_selected_households_are_a_sample_not_an_assignment():
    assert value(run("We surveyed 400 randomly selected households."), "randomized") is None


def test_a_switched_off_device_is_a_sham():
    assert value(run("Adults used bright light, an inactive negative-ion generator, or both."),
                 "placebo_controlled") is True


def test_carrying_on_as_usual_is_a_comparator():
    from pipeline.extract import extract_text
    text = "Water\n\nIn the trial, 48 volunteers drank extra water each day or carried on as usual for a year."
    (study,) = extract_text("t", text).studies
    assert study.placebo_controlled is not None and study.placebo_controlled.value is False
    assert study.placebo_controlled.rule == "design/comparison"


def _pc(text: str):
    from pipeline.extract import extract_text
    (study,) = extract_text("t", "Trial\n\n" + text).studies
    return study.placebo_controlled


@pytest.mark.parametrize("text", [
    "Sixty adults having knee surgery were randomly assigned to ketamine or an equal volume of normal saline.",
    "In the trial, 90 children were split into three groups: group K got ketamine, group M got midazolam and "
    "group S got saline.",
    "Forty patients were randomised to the new gel or its vehicle, applied twice daily.",
    "Twelve volunteers were studied on two occasions, once after an endotoxin injection and once after saline.",
    "We randomised 70 adults to the eye drops or vehicle drops twice a day.",
])
def test_saline_or_a_vehicle_in_place_of_the_drug_is_a_placebo(text):
    fact = _pc(text)
    assert fact is not None and fact.value is True


@pytest.mark.parametrize("text", [
    "Eighty patients were randomised to 3% saline or 0.9% saline for fluid resuscitation.",
    "Patients were randomly allocated to Ringer's lactate or normal saline during surgery.",
    "In a randomised trial, 50 patients received bupivacaine diluted in 20 ml saline or ropivacaine alone.",
    "Patients were randomly allocated to two groups; the wound was flushed with saline in both groups.",
    "Drivers were randomly assigned to train in a vehicle with the new program or on a computer.",
    "We randomised 120 adults with sinus trouble to a saline rinse twice a day or to usual care.",
])
def test_saline_as_a_fluid_carrier_or_treatment_and_other_vehicles_are_not_placebos(text):
    fact = _pc(text)
    assert fact is None or fact.value is False


@pytest.mark.parametrize("text", [
    "In a cluster-randomised trial, 40 schools with 4,000 pupils took part.",
    "Sixty sheep were assigned randomly to three groups.",
    "Eighty eligible participants randomly were assigned to four groups.",
    "Fifty patients were divided randomly into two groups and treated for 12 weeks.",
    "The diets were given in three randomly-assigned rotations.",
    "The 120 volunteers were picked by lottery to get the new vaccine or the usual one.",
])
def test_random_assignment_with_the_adverb_elsewhere_or_a_hyphenated_kind(text):
    assert value(run(text), "randomized") is True


@pytest.mark.parametrize("text", [
    "We surveyed 300 randomly selected nurses and divided the wards by floor.",
    "In a non-randomized study, 40 patients got the drug.",
])
def test_random_sampling_and_non_randomized_are_not_random_assignment(text):
    assert value(run(text), "randomized") in (None, False)


def test_dummy_shots_are_placebos():
    assert value(run("In the trial, 129 patients got monthly eye injections of the drug or dummy shots."),
                 "placebo_controlled") is True


def test_saline_beside_a_percent_strength_drug_is_still_a_placebo():
    text = "Sixty patients were divided randomly into two groups: group S received 3 ml of normal saline and group L 3 ml of 1% lidocaine."
    fact = _pc(text)
    assert fact is not None and fact.value is True


@pytest.mark.parametrize("text", [
    "Forty patients were randomised to oral tolvaptan versus 3% hypertonic saline for low sodium.",
    "Background: saline can upset the blood salts. Methods: 40 patients were randomized to a balanced solution or a "
    "starch solution during surgery.",
])
def test_saline_that_is_no_placebo_does_not_hide_the_comparison(text):
    fact = _pc(text)
    assert fact is not None and fact.value is False


@pytest.mark.parametrize("text", [
    "Blood levels of the nutrient were low in 80 adults with depression. A review of 12 studies published in 2016 "
    "found the nutrient better than a placebo.",
    "The drug lowered pain scores in 40 adults. In two trials reported in 2012, an older drug failed against placebo.",
])
def test_a_placebo_in_a_sentence_about_other_trials_is_not_this_studys(text):
    assert value(run(text), "placebo_controlled") is not True


def test_the_researchers_own_pooled_trials_keep_their_placebo():
    text = "The researchers showed an effect of the drug compared to a placebo in a meta-analysis of seven trials."
    assert value(run(text), "placebo_controlled") is True


@pytest.mark.parametrize("text", [
    "In the study of 4,000 men, those who took the drug had fewer strokes than men who did not take it.",
    "In the study, 90 women who joined the class felt better than those given a leaflet.",
])
def test_than_those_who_names_a_comparison_group(text):
    fact = _pc(text)
    assert fact is not None and fact.value is False


def test_than_those_given_a_placebo_is_no_comparison_without_placebo():
    fact = _pc("In the trial, 90 adults who took the pill slept better than those given a placebo.")
    assert fact is not None and fact.value is True


# --- issue 11: placebo_controlled read on bulk text -------------------------------------------

def _studies(text: str):
    from pipeline.extract import extract_text
    return [None if s.placebo_controlled is None else s.placebo_controlled.value
            for s in extract_text("t", text).studies]


@pytest.mark.parametrize("text", [
    "One weakness of the trial is the lack of a placebo group, since the controls simply waited.",
    "Because the sprays smelled different, sham arms were not included in the design.",
    "We decided not to use a placebo because the outcome was measured by blinded staff.",
    "Patients in the control arm did not receive placebo capsules; they had no treatment.",
    "A matching placebo could not be produced in time, so the comparison was with usual care.",
    "The absence of a sham control limits what the results can show.",
])
def test_a_placebo_the_study_did_not_use_means_no_placebo(text):
    assert value(run(text), "placebo_controlled") is False


def test_a_lack_of_a_placebo_effect_is_not_a_lack_of_a_placebo():
    assert value(run("The lack of a placebo effect in the run-in surprised us; then the tablet or a placebo was taken."),
                 "placebo_controlled") is True


@pytest.mark.parametrize("text", [
    "Since the classes were not blinded, the gentle stretching might act like a placebo.",
    "The authors argue the gain was not due to a placebo.",
])
def test_a_placebo_named_as_a_likeness_or_a_cause_is_no_arm(text):
    assert value(run(text), "placebo_controlled") is None


@pytest.mark.parametrize("text", [
    "Adults with insomnia took melatonin or identical-looking tablets for a month.",
    "Half took the spice and half took capsules that looked the same.",
    "The control group had needles that retracted without piercing the skin.",
    "In the sham session the current was ramped down after 30 seconds.",
    "Divers were randomised to the nasal spray or a matched spray with no active ingredient.",
])
def test_look_alike_copies_and_needles_that_never_pierce_are_placebos(text):
    assert value(run(text), "placebo_controlled") is True


def test_blood_sugar_drops_is_no_dummy_pill():
    assert value(run("At night the child's blood sugar drops and the alarm sounds."), "placebo_controlled") is None


def test_the_same_product_without_the_tested_agent_is_a_placebo():
    assert _studies("Sleep\n\nIn the trial, 60 adults with insomnia were randomized to melatonin or to tablets "
                    "containing no melatonin for four weeks.") == [True]
    assert _studies("Cherries\n\nA crossover study asked 11 older adults to drink tart cherry juice or a matched "
                    "drink for two weeks each.") == [True]


@pytest.mark.parametrize("text", [
    "Texts\n\nThe trial enrolled 150 smokers; half got text-message support and the rest got a leaflet.",
    "Inhalers\n\nFifty children with asthma received the inhaler; another 50, who received no inhaler, served as the "
    "reference group.",
    "Noise\n\nIn the study, 13 adults spent two nights in the laboratory. Tones were played on one night. No sound was played "
    "during the other night.",
    "Windows\n\nFor one night, 17 volunteers slept with the window open. On another night the window was kept shut.",
    "Surgery\n\nThe researchers compared 60 patients who had the new knee operation with 60 who had the standard one.",
    "Stents\n\nThis was a prospective comparative study of 35 patients, 18 with a stent and 17 without.",
    "Doses\n\nTwenty-two patients were allocated to 7.5 g/day (N = 14) or 15 g/day (N = 8) of the herbal extract.",
    "Phase I\n\nIn a phase I study, 24 healthy volunteers received 37, 74 or 98 mg of the new antibody.",
    "Clamping\n\nAmong 400 newborns in the trial, the 200 whose cords were clamped late had better motor skills than "
    "those clamped at once.",
])
def test_comparisons_with_something_that_is_not_a_placebo(text):
    assert _studies(text) == [False]


def test_a_dose_finding_study_with_a_placebo_stays_placebo_controlled():
    assert _studies("Phase I\n\nIn a phase I study, 30 healthy adults received the vaccine or a placebo.") == [True]


@pytest.mark.parametrize("text", [
    "Tests\n\nIn a study of 300 patients, the new test found more cancers. On the other hand, it cost more.",
    "Tumours\n\nIn the study, 40 patients received the drug. Fifteen had one tumour, while the rest had two or more.",
])
def test_figures_of_speech_and_counts_are_not_comparisons(text):
    from pipeline.extract import extract_text
    for s in extract_text("t", text).studies:
        assert s.placebo_controlled is None or s.placebo_controlled.rule != "design/comparison"


@pytest.mark.parametrize("text", [
    "In the trial, half were given the vitamin and the other half an inactive pill.",
    "Some got the drug, some got a placebo and others got nothing.",
    "The gel cut itching more than a placebo did.",
])
def test_the_other_half_and_some_are_this_studys_people(text):
    assert value(run(text), "placebo_controlled") is True


def test_a_placebo_effect_does_not_stop_a_single_group_from_being_uncontrolled():
    assert _studies("Cramps\n\nResearchers enrolled 94 adults with leg cramps and gave them magnesium every evening for "
                    "six weeks. Everyone knew what they were taking, so a placebo effect cannot be ruled out.") == [False]


def test_a_trial_asked_for_is_not_this_studys_design():
    assert value(run("These early results call for a randomized controlled study."), "randomized") is None
    assert value(run("There is a need for a sham-controlled trial."), "placebo_controlled") is None


def test_a_question_or_a_summary_of_the_studies_above_states_no_design():
    text = ("Turmeric for Joint Pain\n\nQ: Has turmeric been tested against a placebo?\n\nA: Not directly. One trial "
            "randomly assigned 100 adults with knee arthritis to turmeric extract or to ibuprofen for four weeks. Pain fell "
            "equally in both groups.\n\nQ: What about long-term use?\n\nA: An open-label study gave turmeric to 60 adults "
            "with hand arthritis for six months. Everyone took 500 mg twice daily. In the trials above, side effects were "
            "no more common than with placebo.\n")
    assert _studies(text) == [False, False]


def test_a_comparator_named_as_a_pretend_copy_is_a_placebo():
    assert _studies("Cherry\n\nIn the trial, 54 runners drank cherry juice twice a day for a week. The other half drank "
                    "a fake cherry juice with the same taste.") == [True]


@pytest.mark.parametrize("text", [
    "Extension\n\nPatients who had finished the placebo-controlled trial were enrolled in this open-label extension; "
    "all 150 took 10 mg of the drug daily for two years.",
    "Extension\n\nIn an open-label extension of a placebo-controlled study, 212 adults all received the antibody every "
    "month for a year.",
])
def test_an_open_label_extension_of_a_placebo_trial_has_no_placebo(text):
    assert _studies(text) == [False]


def test_enrolled_in_a_placebo_controlled_trial_is_this_studys_design():
    assert _studies("Trial\n\nForty adults with gout were enrolled in a randomized, placebo-controlled trial of the new "
                    "drug. Afterwards all of them could join an extension.") == [True]


@pytest.mark.parametrize("text", [
    "Trial\n\nIn this trial, 80 adults with eczema applied the new cream or the cream base alone for four weeks.",
    "Trial\n\nSixty smokers were randomized to the nicotine vaccine or to a control injection of salt water.",
])
def test_a_cream_base_and_salt_water_are_placebos(text):
    assert _studies(text) == [True]


def test_one_group_did_this_and_the_other_that_is_a_comparison():
    assert _studies("Trial\n\nIn the trial, 300 people with back pain were split into two groups: one did yoga and the "
                    "other read a self-help book.") == [False]


@pytest.mark.parametrize("text", [
    "Nobody got a placebo, so the improvement may be expectation.",
    "The researchers did not compare the app with anything.",
    "There was no untreated group.",
])
def test_more_ways_of_saying_there_was_nothing_to_compare_with(text):
    assert value(run(text), "placebo_controlled") is False


@pytest.mark.parametrize("text", [
    "Trial\n\nIn the trial, 200 adults had the real procedure or a pretend one in which the surgeon only made a small cut.",
    "Trial\n\nIn the trial, 64 adults with migraine wore the headband or a headband that did nothing.",
])
def test_a_pretend_one_and_a_copy_that_does_nothing_are_shams(text):
    assert _studies(text) == [True]


@pytest.mark.parametrize("text", [
    "Patients sucked the medicated lozenge or a non-medicated lozenge of the same size.",
    "Half took the powder in capsules and half took empty capsules.",
    "Runners drank the beetroot shot or a similar-tasting drink before the race.",
])
def test_labels_of_a_copy_without_the_drug_are_placebos(text):
    assert value(run(text), "placebo_controlled") is True


def test_an_empty_stomach_is_no_placebo():
    assert value(run("The tablets were taken on an empty stomach."), "placebo_controlled") is None


def _placebo_of(text: str):
    from pipeline.extract import extract_text
    study = extract_text("t", text).studies[0]
    return None if study.placebo_controlled is None else study.placebo_controlled.value


@pytest.mark.parametrize("text", [
    "Walking and blood pressure\n\nIn a randomized trial, 90 adults with high blood pressure were age matched "
    "and split into a walking group and a control group that kept their usual habits.",
    "Classroom games\n\nTwenty schools took part in a randomized trial; ten ran the games and ten served as "
    "matched controls.",
    "Steroid inhalers\n\nIn a randomized, double-blind, double-dummy trial, 300 adults with asthma inhaled "
    "mometasone or fluticasone twice daily for 12 weeks.",
    "Dance classes\n\nIn a randomized trial, 120 physically inactive women attended dance classes or a "
    "control group for six months.",
    "Two doses\n\nIn a randomized trial, 60 adults having knee surgery received 10 mg or 20 mg of the nerve block; "
    "both groups were demographically identical at the start.",
])
def test_matched_people_sedentary_people_and_double_dummy_are_no_placebo(text):
    assert _placebo_of(text) is False


@pytest.mark.parametrize("text", [
    "Sleep and melatonin\n\nIn a randomized trial, 80 adults with insomnia took melatonin or matching capsules "
    "every night for a month.",
    "Ear drops\n\nIn a double-blind trial, 50 children with ear pain received the drops or identical-looking drops, "
    "and the control group was told nothing about which they had.",
    "Tooth rinse\n\nIn a randomized trial, 200 children used the fluoride rinse, while the control group used an "
    "inactive rinse.",
])
def test_matching_identical_and_inactive_products_still_are_placebos(text):
    assert _placebo_of(text) is True


@pytest.mark.parametrize("text", [
    "All 40 patients had a stimulator implanted; in half of them the stimulation wasn't turned on for six months.",
    "Sixty adults were enrolled, and in the control group the lamps were left switched off.",
])
def test_a_device_left_off_in_the_control_arm_is_a_sham(text):
    assert value(run(text), "placebo_controlled") is True


@pytest.mark.parametrize("text, expected", [
    ("About a third of the therapy group later crossed over and had the operation.", None),
    ("Patients who crossed over to surgery were analysed in their original group.", None),
    ("Each child received both drinks; the order was crossed over after a week.", True),
])
def test_some_participants_switching_arms_is_no_crossover_design(text, expected):
    assert value(run(text), "crossover") is expected
