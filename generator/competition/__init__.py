"""The knowledge-competition console (/competition/): settings from quizzes/competition.yml and its page."""
