"""The LLM half: prompts rendered from files, structured answers, grounding checks, backends.

Nothing here is imported by `parse` or `check`: they never pay for it.
"""
