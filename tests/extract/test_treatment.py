"""Tested agents, routes, doses and comparators, from my own sentences."""
import pytest

from pipeline.extract import extract_text, treatment
from pipeline.extract.segment import Segment
from pipeline.models import Span, StudyFacts


def study_of(text: str) -> StudyFacts:
    seg = Segment(span=Span.of(text, 0, len(text)))
    study = StudyFacts(ordinal=1, span=seg.span)
    treatment.fill(text, seg, study)
    for iv in study.interventions:
        for fact in [iv.agent, iv.route, iv.frequency, iv.duration, *(d.amount for d in iv.doses)]:
            if fact is not None:
                assert text[fact.span.char_start:fact.span.char_end] == fact.span.quote
    return study


def summary(text: str):
    s = study_of(text)
    return [(iv.agent.value, iv.route.value if iv.route else None, [(d.amount.value, d.unit) for d in iv.doses])
            for iv in s.interventions]


def test_infusion_dose_per_hour():
    text = ("Forty adults were randomized to esketamine infused at 0.2 mg/kg per hour for two hours "
            "or to a matching saline infusion.")
    assert summary(text) == [("esketamine", "intravenous", [(0.2, "mg/kg/h")])]
    assert study_of(text).comparator.value == "saline infusion"


def test_dose_list_shares_the_unit():
    text = "Participants took duloxetine tablets in rising doses of 30, 60 and 90 mg over nine weeks."
    assert summary(text) == [("duloxetine", "oral", [(30.0, "mg"), (60.0, "mg"), (90.0, "mg")])]


def test_alternative_doses_by_weight_and_no_body_weight():
    text = ("The children received melatonin (2 mg if lighter than 35 kg, 5 mg otherwise) or placebo "
            "every night for a month.")
    s = study_of(text)
    assert summary(text) == [("melatonin", None, [(2.0, "mg"), (5.0, "mg")])]
    assert s.interventions[0].frequency.value == "nightly"
    assert s.comparator.value == "placebo"


def test_comparator_dose_and_general_dose_are_left_out():
    text = (
        "Doctors usually prescribe 10-20 mg a day of fluoxetine. "
        "In the trial, 50 patients received psilocybin 25 mg in one session, while the comparison group got "
        "niacin 100 mg, which served as an active control."
    )
    assert summary(text) == [("psilocybin", None, [(25.0, "mg")])]


def test_compared_agent_is_the_comparator_not_an_intervention():
    text = ("Sixty patients got a single intranasal dose of oxytocin or lorazepam. "
            "Anxiety fell more with oxytocin than with lorazepam.")
    s = study_of(text)
    assert [iv.agent.value for iv in s.interventions] == ["oxytocin"]
    assert s.interventions[0].route.value == "intranasal"
    assert s.comparator.value == "lorazepam"


def test_behavioural_therapy_has_no_route():
    text = ("Eighty students with insomnia were assigned to eight weekly sessions of CBT-I "
            "or to a waitlist. Sleep improved after cognitive behavioural therapy.")
    s = study_of(text)
    assert summary(text) == [("cognitive behavioural therapy", None, [])]  # spelled out, as written
    assert s.interventions[0].frequency.value == "weekly"
    assert s.comparator.value == "waitlist"


def test_device_route_is_other():
    assert summary("Patients used a tDCS headset daily for six weeks and the sham group used an inactive one.") == [
        ("tDCS", "other", [])  # the only name the text uses
    ]


def test_prior_treatment_is_not_the_intervention():
    text = "After failed psychotherapy, 30 patients were given lithium daily for 8 weeks."
    assert [a for a, _, _ in summary(text)] == ["lithium"]


def test_measured_hormone_is_not_an_agent():
    text = "Researchers measured insulin levels in 200 adults who were assigned to a walking program."
    assert [a for a, _, _ in summary(text)] == ["walking program"]


@pytest.mark.parametrize(
    "text, unit",
    [
        ("Patients received ketamine 0.5mg/kg over 40 minutes.", "mg/kg"),
        ("Patients received ketamine 0.5 mg·kg-1 over 40 minutes.", "mg/kg"),
        ("Patients received clonidine 150 mcg at night.", "µg"),
        ("Patients received vitamin D 50,000 IU weekly.", "IU"),
    ],
)
def test_units_normalised(text, unit):
    assert summary(text)[0][2][0][1] == unit


def test_measured_means_and_concentrations_are_not_doses():
    text = "Patients given metformin had glucose of 7.1 ± 0.3 mg/dL and haemoglobin of 12 g/dL."
    assert summary(text) == [("metformin", None, [])]


def test_pathological_line_is_fast():
    import time

    text = "1,2,(3)," * 120_000
    t0 = time.perf_counter()
    study_of(text)
    assert time.perf_counter() - t0 < 5


def test_background_therapy_is_not_the_tested_agent():
    text = ("We randomized 90 adults inadequately controlled on metformin to add sitagliptin 100 mg daily "
            "or a matching placebo. HbA1c fell more with sitagliptin.")
    assert summary(text) == [("sitagliptin", None, [(100.0, "mg")])]


@pytest.mark.parametrize("text, agent", [
    ("In this trial 120 adults with type 2 diabetes were randomized to dapagliptin 50 mg daily or placebo.", "dapagliptin"),
    ("Patients were given nivolizumab every two weeks; the control group received standard care.", "nivolizumab"),
    ("Sixty children received oral levofloxacin or a matching placebo for a week.", "levofloxacin"),
    ("A year-long study of obicetrapib in 900 adults with high cholesterol ran at 40 sites.", "obicetrapib"),
    ("Adults with frequent migraine took zavegepant or placebo at the first sign of an attack.", "zavegepant"),
    ("Patients with relapsing multiple sclerosis were randomized to ponesimod 20 mg or placebo.", "ponesimod"),
])
def test_a_drug_no_vocabulary_lists_is_told_by_its_stem(text, agent):
    assert [a for a, _, _ in summary(text)] == [agent]


def test_a_lab_value_with_a_drug_ending_is_not_an_agent():
    text = "Adults took a plant sterol drink or placebo, and LDL cholesterol was measured after six weeks."
    assert "cholesterol" not in [a for a, _, _ in summary(text)]


def test_a_drug_named_in_passing_does_not_make_the_tested_one_a_comparator():
    text = ("Some patients also used insulin. In 30 trials, 900 adults received either linagliptin 5 mg/day "
            "or a comparator agent; linagliptin was compared with glipizide in two of them.")
    assert [a for a, _, _ in summary(text)] == ["linagliptin"]


def test_an_abbreviation_with_a_product_head_keeps_its_name():
    text = ("Problem-solving therapy (PST) is a talking therapy. In a trial, 200 adults were randomized to a "
            "PST app or to a leaflet. The PST app sent daily prompts.")
    assert [a for a, _, _ in summary(text)] == ["PST app"]


def test_the_app_names_the_app_introduced_earlier():
    text = ("Readers asked about the MoodTrack app.\n\n"
            "In a trial, 80 adults were randomized to the app or to weekly sessions of group CBT. "
            "Of the 80, 70 completed the eight-week program.")
    s = study_of(text)
    assert [iv.agent.value for iv in s.interventions] == ["MoodTrack app"]


def test_a_headline_in_title_case_names_no_antecedent():
    text = ("Study Finds A New Vaccine Works\n\n"
            "In a trial, 300 adults were randomized to the vaccine or to a saline shot.")
    assert [a for a, _, _ in summary(text)] != ["A New Vaccine"]
    assert "Finds" not in " ".join(a for a, _, _ in summary(text))


def test_a_drug_every_arm_received_is_background():
    text = ("Ninety adults were randomly allocated to three groups. Group A received oral lorazepam and "
            "lidocaine, Group B received oral lorazepam with oral ketamine and lidocaine, and Group C received "
            "oral lorazepam and lidocaine with magnesium.")
    assert sorted(a for a, _, _ in summary(text)) == ["ketamine", "magnesium"]


def test_a_measured_compound_is_not_an_agent():
    text = "Forty adults were randomized to a breathing course; choline-containing compounds were measured by MRS."
    assert "choline" not in [a for a, _, _ in summary(text)]


def test_a_dose_written_before_its_agent_doses_that_agent():
    text = ("Sixty women were randomized: one group received 50 mg tramadol every 8 hours, and the other group "
            "received 0.1 mg/kg oral morphine every 8 hours.")
    doses = {a: d for a, _, d in summary(text)}
    assert doses.get("morphine") == [(0.1, "mg/kg")]


def test_a_single_bolus_before_the_daily_dose_is_a_dose_too():
    text = "Forty adults were randomized to a single 50,000 IU bolus followed by 2,000 IU daily cholecalciferol or placebo."
    assert summary(text)[0][2] == [(50000.0, "IU"), (2000.0, "IU")]


@pytest.mark.parametrize("text, agent, route", [
    ("Children inhaled budesonide or placebo twice daily for a month.", "budesonide", "other"),
    ("Women applied a testosterone gel or placebo gel daily.", "testosterone gel", "other"),
])
def test_how_a_treatment_is_administered_tells_it_was_given(text, agent, route):
    assert summary(text) == [(agent, route, [])]


def test_devices_compared_in_a_title_are_interventions():
    text = ("Curved steel plate versus straight nail for ankle fractures: a randomized trial\n\n"
            "Ninety adults were randomized to the two implants.")
    assert [a for a, _, _ in summary(text)] == ["curved steel plate"]


def test_an_antihistamine_stem_names_a_drug_no_vocabulary_lists():
    text = "Forty adults with hives were randomized to cobrastine 20 mg daily or placebo."
    assert summary(text) == [("cobrastine", None, [(20.0, "mg")])]


def test_doses_paired_with_agents_respectively():
    text = ("Eighty adults were randomized to ramipril and losartan groups to receive 5 mg and 50 mg once daily, "
            "respectively, for 8 weeks.")
    assert summary(text) == [("ramipril", None, [(5.0, "mg")]), ("losartan", None, [(50.0, "mg")])]


def test_an_agent_named_in_title_case_is_named_in_lower_case():
    text = ("Extended-Release Melatonin for Jet Lag\n\n"
            "Sixty travellers were randomized to extended-release melatonin 2 mg or placebo.")
    assert [a for a, _, _ in summary(text)] == ["extended-release melatonin"]
    assert [a for a, _, _ in summary("Low-dose Aspirin or clopidogrel was given to 80 adults, randomized.")][0][:3] != "Low"


def test_letters_and_codes_in_a_name_keep_their_capitals():
    assert summary("Vitamin D and Falls\n\nEighty adults were randomized to Vitamin D 1000 IU daily or placebo.")[0][0] \
        == "vitamin D"


def test_compared_a_with_b_makes_b_the_comparator():
    text = ("A double-blind trial compared ginger 500 mg twice daily with ondansetron 4 mg twice daily in 50 "
            "women with morning sickness. Headache was more common with ondansetron.")
    assert [a for a, _, _ in summary(text)] == ["ginger"]


def test_served_as_the_comparison_belongs_to_its_own_item():
    text = ("Adults were randomised to one of three groups: weekly tai chi classes (40 people), group "
            "physiotherapy, which served as the active comparison (41 people), or a leaflet (20 people). "
            "Tai chi and physiotherapy both ran for ten weeks.")
    assert [a for a, _, _ in summary(text)] == ["tai chi"]


def test_the_drug_a_treatment_is_added_to_is_background():
    text = ("In this double-blind trial, 90 adults with type 2 diabetes were randomized to linagliptin 5 mg or "
            "placebo as add-on therapy to metformin. Metformin doses were kept stable and metformin levels were "
            "not measured.")
    assert [a for a, _, _ in summary(text)] == ["linagliptin"]


def test_the_title_names_the_tested_agent_among_background_drugs():
    text = ("Granisetron versus droperidol for nausea after knee surgery: a randomized trial\n\n"
            "All 120 patients received propofol and remifentanil anaesthesia. Patients were randomized to "
            "granisetron 1 mg or droperidol 0.625 mg at the end of surgery. Propofol doses were similar.")
    assert [a for a, _, _ in summary(text)] == ["granisetron"]


def test_a_title_slot_names_a_treatment_no_vocabulary_knows():
    text = ("Laser trabeculoplasty versus eye drops as first treatment for ocular hypertension\n\n"
            "Eighty patients with ocular hypertension took part in this randomized trial.")
    assert [a for a, _, _ in summary(text)] == ["laser trabeculoplasty"]


def test_a_title_above_the_first_study_names_its_treatment():
    # the study's text starts after the title line; the title still names what was tested
    text = ("Safety and efficacy of a paced Buteyko breathing course in adults with mild asthma\n\n"
            "Background and aims were set out first. Then 64 adults with mild asthma were randomly assigned to a "
            "usual care group (n = 32) or a usual care plus breathing group (n = 32).")
    (study,) = extract_text("breathing", text).studies
    assert study.span.char_start > text.index("\n")
    assert [iv.agent.value for iv in study.interventions] == ["paced Buteyko breathing course"]
    assert study.sample_size is not None and study.sample_size.value == 64


def test_a_drug_that_induces_the_outcome_is_not_given_as_treatment():
    text = ("Does zinc protect against aspirin-induced stomach injury? In a randomized trial, 40 volunteers "
            "took zinc 25 mg or placebo for a week.")
    assert [a for a, _, _ in summary(text)] == ["zinc"]


def test_a_title_agent_the_counts_set_aside_is_still_the_tested_one():
    text = ("Fenofibrate in primary biliary cholangitis: a pilot trial\n\n"
            "Most patients take ursodeoxycholic acid. We compared ursodeoxycholic acid alone with fenofibrate plus "
            "ursodeoxycholic acid in 20 patients. Ursodeoxycholic acid doses were unchanged.")
    assert [a for a, _, _ in summary(text)] == ["fenofibrate"]


def test_what_all_groups_received_is_background():
    text = ("Sixty adults having knee surgery were randomized to clonidine 2 µg/kg or saline. All patients "
            "received propofol for induction, and propofol doses did not differ between the groups.")
    assert [a for a, _, _ in summary(text)] == ["clonidine"]


def test_in_a_single_group_what_all_received_is_the_treatment():
    text = "In this open-label study, all 30 patients received melatonin 3 mg nightly for four weeks."
    assert [a for a, _, _ in summary(text)] == ["melatonin"]


def test_a_company_code_name_given_with_a_dose_is_a_drug():
    text = "In this phase II trial, 80 adults with asthma were randomized to QX-4721 20 mg or placebo once daily."
    assert summary(text) == [("QX-4721", None, [(20.0, "mg")])]


def test_a_code_name_after_an_allocation_verb_is_a_drug():
    text = "Ninety patients with gout were randomised to receive ZK80312 or allopurinol for six months."
    assert [a for a, _, _ in summary(text)] == ["ZK80312"]


def test_registry_numbers_scales_and_genes_are_not_code_names():
    text = ("The trial (NCT01234567) randomized 80 patients with IL-6 above 10 to ibuprofen or placebo; "
            "SF-36 and PHQ-9 scores were measured.")
    assert [a for a, _, _ in summary(text)] == ["ibuprofen"]


def test_a_study_of_an_agent_in_a_counted_sample_tested_it():
    text = "A two-year trial of nicotinamide in 380 adults with sun-damaged skin found fewer new lesions."
    assert [a for a, _, _ in summary(text)] == ["nicotinamide"]


def test_a_study_of_a_food_among_its_consumers_did_not_give_it():
    text = "A long study of coffee drinkers found they lived a little longer than others."
    assert summary(text) == []


def test_an_open_label_sentence_is_no_label_of_a_product():
    text = "In this open-label trial, 70 adults with acne were randomized to minocycline 50 mg daily or a matching placebo."
    assert ("minocycline", None, [(50.0, "mg")]) in summary(text)


def test_treatment_with_after_compared_names_the_tested_agent():
    text = ("In a randomized trial in adults with asthma, we compared treatment with montelukast 10 mg nightly "
            "versus placebo over 12 weeks.")
    assert summary(text) == [("montelukast", None, [(10.0, "mg")])]


def test_a_dose_prescribed_to_a_group_is_given():
    text = "Cetirizine 10 mg (once daily) was prescribed to group A (n=30), and nothing was prescribed to group B (n=30)."
    assert summary(text) == [("cetirizine", None, [(10.0, "mg")])]


def test_the_route_of_the_other_arm_is_not_the_agents():
    text = "Seventy adults with acne were randomized to minocycline 50 mg daily or a topical retinoid gel."
    assert summary(text)[0][:2] == ("minocycline", None)


def test_a_route_after_a_matching_placebo_is_the_agents_too():
    text = "Eighty women were randomized to the new ring or a placebo vaginal ring for twelve weeks."
    assert [route for _, route, _ in summary(text)] == ["other"]


def test_what_participants_were_on_before_allocation_is_background():
    text = ("Adults with psoriasis receiving methotrexate were randomized to apremilast 30 mg twice daily or placebo "
            "for 16 weeks.")
    assert [a for a, _, _ in summary(text)] == ["apremilast"]
    # the same words in a results sentence keep the tested agent
    text2 = "In a trial of 80 adults, those receiving apremilast had clearer skin than those on placebo."
    assert [a for a, _, _ in summary(text2)] == ["apremilast"]


@pytest.mark.parametrize("text, agent", [
    ("Sixty adults with a blocked bile duct were randomized to stent placement or open surgery.", "stent placement"),
    ("Ninety men with an inguinal hernia were randomly assigned to mesh repair or suture repair.", "mesh repair"),
    ("Women in labour were randomized to epidural analgesia or intravenous opioids (n = 120).", "epidural analgesia"),
    ("Eighty adults with a sore throat were randomized to honey lozenges or sugar lozenges.", "honey lozenges"),
])
def test_a_procedure_or_product_form_names_the_arm(text, agent):
    assert [a for a, _, _ in summary(text)][0] == agent


def test_a_listing_word_is_not_the_start_of_a_name():
    text = "Seventy smokers were randomized to nicotine replacement, including gum, or counselling alone."
    assert "including gum" not in [a for a, _, _ in summary(text)]


def test_a_sample_of_blood_is_not_a_dose():
    text = "From each of the 40 adults randomized to zinc 25 mg or placebo, 10 ml of venous blood was drawn weekly."
    assert summary(text) == [("zinc", None, [(25.0, "mg")])]


def test_a_route_abbreviation_inside_a_trial_name_is_no_route():
    text = ("In the IM-STAR and IM-STAR2 trials, 300 adults with psoriasis were randomized to tildrakizumab 100 mg "
            "subcutaneously or placebo. In IM-STAR, responders continued on tildrakizumab.")
    assert summary(text) == [("tildrakizumab", "subcutaneous", [(100.0, "mg")])]
    assert summary("Sixty adults were randomized to ketorolac 30 mg IM or placebo.")[0][1] == "intramuscular"


def test_a_course_of_a_product_tells_it_was_given():
    text = ("A placebo-controlled trial enrolled 60 teens. Of the 30 on dummy pills, 9 relapsed; of the 30 who "
            "started the year with 12 weeks of fish oil capsules, 2 relapsed.")
    assert [a for a, _, _ in summary(text)] == ["fish oil"]
    # a duration before something measured gives nothing
    assert summary("In a trial of 90 adults, after 12 weeks of follow-up, serum zinc was measured.") == []


@pytest.mark.parametrize("text", [
    "Sixty adults with nail fungus were randomized to topical application of tea tree oil or placebo.",
    "Sixty adults with nail fungus were randomized to tea tree oil applied to the nail or placebo.",
])
def test_an_application_to_the_body_names_the_product_and_its_route(text):
    assert summary(text) == [("tea tree oil", "other", [])]


def test_a_state_adjective_of_the_participants_is_no_agent():
    text = "Eighty insulin-resistant women with polycystic ovaries were randomized to inositol or placebo."
    assert [a for a, _, _ in summary(text)] == ["inositol"]


@pytest.mark.parametrize("title, agent", [
    ("Fish Oil Shows Promise Against Psychosis", "fish oil"),
    ("Exercise Works as Well as Pills for Low Mood", "exercise"),
])
def test_a_headline_above_the_study_names_a_listed_treatment(title, agent):
    text = title + ("\n\nA placebo-controlled trial enrolled 81 teens. A year later, fewer of those treated had "
                    "become ill, the researchers said.")
    studies = extract_text("headline", text).studies
    assert [iv.agent.value for s in studies for iv in s.interventions] == [agent]


@pytest.mark.parametrize("title, agent", [
    ("Walnuts May Lower Blood Pressure", "walnuts"),
    ("Tart cherries ease gout flares", "tart cherries"),
])
def test_a_headline_food_is_the_tested_treatment(title, agent):
    text = title + ("\n\nIn a trial of 64 adults, half were assigned to the snack for eight weeks and half to "
                    "their usual diet, the team reported.")
    studies = extract_text("food", text).studies
    assert [(iv.agent.value, iv.route.value if iv.route else None)
            for s in studies for iv in s.interventions] == [(agent, "oral")]


def test_a_food_taken_with_the_drug_is_no_agent():
    text = ("Sixty adults with heartburn were randomized to lansoprazole 30 mg or placebo, each capsule "
            "taken with a cup of yogurt at breakfast.")
    assert [a for a, _, _ in summary(text)] == ["lansoprazole"]


def test_a_drink_named_by_its_slot_keeps_the_slots_name():
    # "drank" is no cue that the listed drink was given, but the slot says it was
    text = ("Each evening, half of the 40 runners drank a glass of concentrated tart cherry juice; the "
            "others drank a flavour-matched placebo drink.")
    assert summary(text) == [("concentrated tart cherry juice", "oral", [])]


@pytest.mark.parametrize("text, expected", [
    # an amount joined to its unit as a modifier
    ("Each volunteer swallowed two 250-mg capsules of quercetin or two placebo capsules.",
     [("quercetin", "oral", [(250.0, "mg")])]),
    ("The children took a single 3-g dose of fosfomycin or a dummy sachet.", [("fosfomycin", "oral", [(3.0, "g")])]),
    # amounts sharing one unit are doses of one arm, not two arms
    ("Adults were randomized to receive 2.5 or 5 mg of rivaroxaban twice daily.",
     [("rivaroxaban", None, [(2.5, "mg"), (5.0, "mg")])]),
    # a name no list knows binds the dose written after it
    ("Ninety adults were randomized to zelotrabine 40 mg once daily or placebo.",
     [("zelotrabine", None, [(40.0, "mg")])]),
])
def test_dose_forms_and_lists_bind_to_their_agent(text, expected):
    assert summary(text) == expected


def test_a_year_before_a_country_is_no_dose():
    text = "During the 2012 U.S. flu season, 300 adults were randomized to oseltamivir or placebo."
    assert summary(text) == [("oseltamivir", None, [])]


@pytest.mark.parametrize("text, expected", [
    ("Women with eclampsia received magnesium sulfate 4 g intravenously, then 1 g/h for a day.",
     [("magnesium sulfate", "intravenous", [(4.0, "g"), (1.0, "g/h")])]),
    ("Cyclists were randomized to drink 250 mL of cherry juice or a matched placebo drink.",
     [("cherry juice", "oral", [(250.0, "mL")])]),
])
def test_a_rate_in_grams_and_an_amount_drunk_are_doses(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("In a trial of 90 smokers, half wore a nicotine patch for eight weeks and half wore a placebo patch.",
     [("nicotine patch", "other", [])]),
    ("Sixty men had testosterone injections into the buttock every ten weeks.", [("testosterone", "intramuscular", [])]),
    ("Mitomycin was instilled into the bladder weekly in 80 patients after resection.", [("mitomycin", "other", [])]),
])
def test_what_was_worn_or_instilled_and_where_it_was_injected(text, expected):
    assert summary(text) == expected


def test_the_standard_drug_a_new_one_is_set_against_is_background():
    text = ("Medicines now used for severe gout, such as colchicine, often upset the stomach. In the trial, 60 men "
            "received the new drug, and those treated had fewer flares than men given placebo.")
    assert "colchicine" not in [a for a, _, _ in summary(text)]


def test_a_code_name_a_story_is_about_is_the_agent():
    text = ("The company's experimental drug BX-2210 lowered blood sugar in a trial of 300 adults given it or "
            "metformin. BX-2210 works on the gut. Doctors hope BX-2210 will be approved.")
    assert [a for a, _, _ in summary(text)] == ["BX-2210"]
    # a marker or gene named three times is no drug
    text = ("The drug was given to 300 adults. Ki-67 fell. Ki-67 is a marker of growth, and Ki-67 was measured "
            "in every biopsy.")
    assert "Ki-67" not in [a for a, _, _ in summary(text)]


@pytest.mark.parametrize("text, expected", [
    # a comparator arm, an outcome, a schedule and a trial's own product are no general statements
    ("Adults were randomly assigned to metformin 500 mg twice daily or to usual care.", [("metformin", None, [(500.0, "mg")])]),
    ("Older adults were randomized to creatine 5 g daily or placebo, and grip strength was measured.",
     [("creatine", None, [(5.0, "g")])]),
    ("Patients were randomized to naproxen 250 mg or placebo, taken as often as needed.", [("naproxen", None, [(250.0, "mg")])]),
])
def test_trial_words_that_look_general_keep_the_dose(text, expected):
    assert summary(text) == expected


def test_a_general_statement_about_a_product_gives_no_dose():
    text = "Creatine is sold in several strengths, usually 5 g a scoop. Adults were randomized to creatine or placebo."
    assert summary(text) == [("creatine", None, [])]


def test_a_name_after_a_comma_and_called_and_the_others_as_the_control():
    text = ("Eye Drops Slow Short Sight in Children\n\nThe trial included 150 children. Half were randomly assigned "
            "to the drops, called KR-77, every night, while the others used drops that looked the same.")
    studies = extract_text("drops", text).studies
    assert [iv.agent.value for s in studies for iv in s.interventions] == ["KR-77"]


def test_a_class_in_the_title_gives_way_to_the_named_drug():
    text = ("Intravenous iron sucrose versus oral iron for anaemia in pregnancy: a randomised trial\n\nBackground: "
            "Anaemia is common.\nMethods: Pregnant women were randomly assigned to iron sucrose 200 mg by intravenous "
            "infusion or to oral iron tablets.\nResults: Of 200 women screened, 150 were randomised.")
    studies = extract_text("iron", text).studies
    assert [(iv.agent.value, iv.route.value if iv.route else None, [d.amount.value for d in iv.doses])
            for s in studies for iv in s.interventions] == [("iron sucrose", "intravenous", [200.0])]


def test_the_treatment_both_arms_had_gives_way_to_the_operation_one_arm_had():
    text = ("The trial enrolled 200 adults with hip pain. They were randomly assigned to arthroscopic labral repair "
            "followed by physiotherapy, or to physiotherapy alone.")
    assert [a for a, _, _ in summary(text)] == ["arthroscopic labral repair"]
    text = "Eighty children were randomly assigned to adenotonsillectomy or to watchful waiting."
    assert [a for a, _, _ in summary(text)] == ["adenotonsillectomy"]


def test_a_placebo_nobody_received_is_no_comparator_and_gave_binds_both_doses():
    text = ("This trial gave 400 IU or 2,000 IU of vitamin D daily to 300 toddlers for one winter. "
            "Nobody received a placebo.")
    assert summary(text) == [("vitamin D", None, [(400.0, "IU"), (2000.0, "IU")])]
    assert study_of(text).comparator is None


@pytest.mark.parametrize("text, expected", [
    # a dose written before "of" and the agent binds to it, whatever comes before the amount
    ("Researchers gave 9,000 healthy adults 1 gram of omega-3 fatty acids or a dummy pill daily.",
     [("omega-3 fatty acids", "oral", [(1.0, "g")])]),
    # a zero amount is the placebo arm; a day number is no list member
    ("Women were randomized to vitamin D at 0, 1,000 or 2,000 IU a day for a year.",
     [("vitamin D", None, [(1000.0, "IU"), (2000.0, "IU")])]),
])
def test_doses_written_before_their_agent_and_what_is_no_dose(text, expected):
    assert summary(text) == expected


def test_a_day_number_is_no_member_of_a_dose_list():
    from pipeline.extract._doses import find_doses
    text = "cisplatin on day 1 and 1250 mg/m2 of capecitabine on days 1-14"
    assert [(d.amount, d.unit) for d in find_doses(text, 0, len(text))] == [(1250.0, "mg/m2")]


def test_two_schedules_of_one_combination_and_a_dose_per_kilogram():
    text = ("Short versus standard-duration amoxicillin-clavulanate for sinusitis in children\n\n"
            "METHODS: We randomly assigned 300 children with sinusitis to amoxicillin-clavulanate for 10 days or "
            "for 5 days followed by placebo. The dose was 45 mg of amoxicillin per kilogram of body weight per day.")
    studies = extract_text("amox", text).studies
    assert [(iv.agent.value, [(d.amount.value, d.unit) for d in iv.doses]) for s in studies for iv in s.interventions] \
        == [("amoxicillin-clavulanate", [(45.0, "mg/kg/d")])]


def test_a_headline_kind_gives_way_to_the_product_the_text_names():
    text = ("Puzzle App Helps Teens With Anxiety\n\nThe app, called CalmQuest, is meant for teenagers. In a study "
            "of 210 teens with anxiety, those who used the app for six weeks had lower anxiety scores.")
    studies = extract_text("app", text).studies
    assert [iv.agent.value for s in studies for iv in s.interventions] == ["CalmQuest"]
