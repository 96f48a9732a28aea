"""Golden cases for QA: a form, everything the tool makes of it, and the recorded model answers
(``cases``); scoring a live model against them (``evaluate``); the rule cases written from the
catalogue's examples (``rulecases``)."""
