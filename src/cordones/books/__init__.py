"""The legal books as a whole: the hash chains of the journal and the members register,
the anchors that catch a truncated book, and the check of every book (`verify-books`)."""
