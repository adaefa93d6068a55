"""The official texts: the regulation, the county notice, cross-references, Chinese numerals, their pages."""
