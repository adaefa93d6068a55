"""Grading answer sheets (`python -m generator grade`): reading keys and answers (CSV, XLSX, 问卷星), scoring
with quiz.grading's rules, item statistics, the results sheet and the report."""
