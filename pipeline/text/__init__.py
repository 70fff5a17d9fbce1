"""The text layer below extraction and validation: one way to read an article's text.

Sentences, numbers and number words, schedules and the block layout (paragraphs, lines,
headings) are read here once and shared by every extractor and validator.
"""
