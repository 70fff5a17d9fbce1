"""Curate: facts and findings of one article -> contract rows; curator decisions on top.

- ``rows.py``       facts and findings of an article -> its rows, with stable ids and provenance.
- ``levels.py``, ``vocab.py``  derived values: evidence levels, ICD-10 codes.
- ``decisions.py``  the decisions file: its models, loading, file:line errors.
- ``apply.py``      decisions applied to the rows of a run (``rowset.py`` indexes them by id).
- ``edit.py``       machine edits of the decisions file text (``pipeline ack | set | add | reject``).
"""
