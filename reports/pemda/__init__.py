"""The Pemda's own read model and documents: every agency's standing on one screen (the dashboard), its
workbook, and (to come) the Pemda LKjIP."""
