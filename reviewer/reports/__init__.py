"""Reports for people: the findings as text and Markdown (``findings``), with drafts and
critiques (``reviews``), each form laid out with its flagged cells as an HTML page (``html``) or
an Excel workbook (``xlsx``), all placing findings on cells through ``annotate``."""
