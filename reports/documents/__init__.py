"""What every document shares: numbered captions and chart markup (`base`), and the PDF machinery (`pdf`:
WeasyPrint, stylesheets, fonts). Names no document: the registry of documents is `reports.registry`."""
