"""Assembly rules: notice, quorum and calls, agenda matters, petitions, the minute book chain."""
