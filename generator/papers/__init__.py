"""Printed papers (`python -m generator exam`): drawing by exam.yml, the A4 papers and answer sheet, the
keys `grade` reads, fonts and PDF printing."""
