"""Moving decks between files and the store: exports of the store's decks and the import benchmark.

Above both content/ (file formats, Deck and Item) and store/ (SQLite), so that neither imports the other's way up.
"""
