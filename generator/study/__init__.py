"""Curated study notes and the aids derived from them and from the texts."""

# The aids repeat the articles' words (复查, 15日内) in short sections that would outrank the articles
# themselves in search; a lower document boost keeps the article first and the aid close behind.
AIDS_SEARCH = {"boost": 0.5}
