"""`python -m generator export`: the bank as JSON, Moodle GIFT, 问卷星 text import or the common 题库 text
format."""
