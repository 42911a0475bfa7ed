"""The read side: queries, filters, figures, maps and exports, free of page layout."""
