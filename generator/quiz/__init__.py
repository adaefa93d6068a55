"""Question banks: model, loading, grounding, grading, exports, suggestions and the quiz pages."""
