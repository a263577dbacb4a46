"""The schema history: digests, the database-backed store, the diff and its reports.

Each distinct schema the project serves is recorded once (``store``) under its digest
(``digest``); ``diff`` compares two processed schemas endpoint by endpoint and flags what
breaks an existing client; ``report`` renders a diff as text, JSON or markdown.
"""
