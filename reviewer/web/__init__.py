"""`reviewer serve`: the web app on the library. ``app`` builds it (pages and the JSON API),
``sessions`` computes through ``reviewer.api`` and the report writers, ``store`` keeps the
state in SQLite, ``uploads`` takes requests apart, ``guard`` decides who may come in;
``pages/`` holds its templates, script and style, beside the report's pieces it reuses."""
