"""Net Promoter Score from group counts, raw 0–10 answers or a survey export, with a proven 95% interval.

The package keeps the maths (`interval`, `counts`, `planning`, `segments`), the Russian report
(`report`, `charts`) and the form (`form`) apart; this module re-exports what other modules
and the registry use, so `calculators.nps.CALCULATOR` stays where it was.
"""

from calculators.nps.charts import nps_chart, segments_chart, segments_table
from calculators.nps.counts import MAX_ANSWERS, NpsResult, count_groups, nps_from_counts, parse_scores
from calculators.nps.form import CALCULATOR, EXAMPLE_SURVEY, MAX_POPULATION, evaluate
from calculators.nps.interval import Interval, adjusted_wald, nps_interval, possible_range
from calculators.nps.planning import GoalSeek, SamplePlan, plan_sample, reach_target
from calculators.nps.report import nps_report, survey_report
from calculators.nps.segments import SegmentResult, SurveyResult, analyse_survey, choose_pair

__all__ = [
    "CALCULATOR",
    "EXAMPLE_SURVEY",
    "MAX_ANSWERS",
    "MAX_POPULATION",
    "GoalSeek",
    "Interval",
    "NpsResult",
    "SamplePlan",
    "SegmentResult",
    "SurveyResult",
    "adjusted_wald",
    "analyse_survey",
    "choose_pair",
    "count_groups",
    "evaluate",
    "nps_chart",
    "nps_from_counts",
    "nps_interval",
    "nps_report",
    "parse_scores",
    "plan_sample",
    "possible_range",
    "reach_target",
    "segments_chart",
    "segments_table",
    "survey_report",
]
