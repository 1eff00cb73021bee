"""Writes for assemblies, one module per topic: meetings, attendance, votes, minutes,
decisions, petitions, admissions."""
