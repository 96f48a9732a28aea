"""湖北 rules, the provincial platform's export format and gateway, as a plugin of `reviewer`."""
