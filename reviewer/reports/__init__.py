"""Reports for people: the findings as text and Markdown (``findings``), with drafts and
critiques (``reviews``), each form laid out with its flagged cells as an HTML page (``html``) or
an Excel workbook (``xlsx``), or the agency's Word file back with the findings as comments
(``docx``), all placing findings on cells through ``annotate``."""
