"""The rules, one module each: ``f101_execution_rate_mismatch.py`` holds F101's check, names,
severity, doc, the cells it marks and its examples. Every module here is loaded with the
catalogue; a new rule is a new file."""
