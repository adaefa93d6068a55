"""Question banks: model, loading, exam.yml, grounding, grading rules, option order, the bank report,
suggestions and the quiz pages."""
