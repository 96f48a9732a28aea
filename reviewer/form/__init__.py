"""The form layer: one 项目支出绩效自评表 as every reader produces it and every rule reads it
(``model``), what its target and actual cells mean (``values``), the text rules shared by
every source (``text``), and its canonical JSON/YAML (``serialize``)."""
